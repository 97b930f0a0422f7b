// Batch benchmark (issue 6): 1,000 CQRS-sized diagrams (19 nodes, 4 groups, from bench/generate.mjs)
// rendered by `flowc render DIR -o OUT -f svg`, cold and incremental (nothing to do), with the
// default jobs (one thread per two cores) and --jobs <cores> (a worker per core), whole process;
// Graphviz's one-process `dot -Tsvg -O` on the same diagrams emitted as DOT, side by side when
// `dot` is on PATH. Then where each millisecond of a cold file goes: the pipeline's stages
// in-process, the atomic write, and the worker threads' start-up and messaging.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateFlow } from '../generate.mjs';
import { driveWorkers } from './drive.mjs';
import {
  bin,
  load,
  machine,
  median,
  root,
  runCommand,
  runNode,
  table,
  threadsCpuMs,
} from '../lib.mjs';

const FOLDERS = 10;
/**
 * An incremental run (nothing to render) takes ~0.2 s, a cold one ~10 s: each round runs the
 * incremental rows this many times after their cold run, so their median is of 3× as many runs
 * (single no-op runs spread from 0.19 to 0.48 s within a minute at load 4: docs/performance.md,
 * session 13). The same command, after the same cold run.
 */
const INCREMENTAL_REPEATS = 3;

export async function benchBatch({
  files = Number(process.env.FLOWC_BENCH_BATCH_FILES ?? 1000),
  runs = Number(process.env.FLOWC_BENCH_BATCH_RUNS ?? 3),
} = {}) {
  const work = mkdtempSync(join(tmpdir(), 'flowc-bench-batch-'));
  try {
    return await measure(work, files, runs);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(work, files, runs) {
  const src = join(work, 'diagrams');
  const out = join(work, 'out');
  const dotDir = join(work, 'dot');
  const sources = generateTree(src, files);
  const hasDot = spawnSync('dot', ['-V'], { stdio: 'ignore' }).status === 0;
  const dotFiles = hasDot ? emitDot(src, dotDir) : [];

  // The default is one thread per two cores (src/batch/index.ts defaultJobs); beside it, one
  // worker per core, the default before session 10.
  const perCore = availableParallelism();
  const flowc = (jobs) => [
    bin,
    'render',
    src,
    '-o',
    out,
    '-f',
    'svg',
    ...(jobs ? ['--jobs', String(jobs)] : []),
  ];
  // No preload hook (peak memory is not reported here): the time is flowc's alone, as dot's is.
  const timed = (args) => runNode(args, { rss: false });
  const checked = (label, r) => {
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
    return r;
  };
  const variants = [
    {
      name: 'cold, default jobs',
      run: () => (rmSync(out, { recursive: true, force: true }), checked('cold', timed(flowc()))),
    },
    {
      name: 'incremental, default jobs',
      repeat: INCREMENTAL_REPEATS,
      run: () => checked('incremental', timed(flowc())),
    },
    {
      name: `cold, --jobs ${perCore}`,
      run: () => (
        rmSync(out, { recursive: true, force: true }),
        checked(`cold --jobs ${perCore}`, timed(flowc(perCore)))
      ),
    },
    {
      name: `incremental, --jobs ${perCore}`,
      repeat: INCREMENTAL_REPEATS,
      run: () => checked(`incremental --jobs ${perCore}`, timed(flowc(perCore))),
    },
  ];
  if (hasDot) {
    variants.push({
      name: '`dot -Tsvg -O` (one process)',
      run: () => {
        for (const f of readdirSync(dotDir)) if (f.endsWith('.svg')) rmSync(join(dotDir, f));
        const r = runCommand('dot', ['-Tsvg', '-O', ...dotFiles], { cwd: dotDir });
        if (r.status !== 0) throw new Error(`dot exited ${r.status}: ${r.stderr}`);
        return r;
      },
    });
  }
  // Interleaved, so load from anything else on the machine hits every variant alike.
  const times = variants.map(() => []);
  const cpu = variants.map(() => []);
  const loadBefore = load();
  for (let i = 0; i < runs; i++) {
    variants.forEach((v, k) => {
      for (let repeat = 0; repeat < (v.repeat ?? 1); repeat++) {
        // Each variant starts with the disk quiet: the previous one's writes (1,000 outputs) are
        // flushed first, not left to slow down the next one's stat calls.
        spawnSync('sync');
        const r = v.run();
        times[k].push(r.ms);
        cpu[k].push(r.cpuMs);
        console.error(
          `  run ${i + 1}: ${v.name}: ${r.ms.toFixed(0)} ms, CPU ${r.cpuMs.toFixed(0)} ms`,
        );
      }
    });
  }
  const loadAfter = load();
  const medians = times.map(median);
  const cpuMedians = cpu.map(median);
  const rate = (ms) => (files * 1000) / ms;
  const dotRate = hasDot ? rate(medians.at(-1)) : null;
  const rows = variants.map((v, k) => [
    v.name,
    `${(medians[k] / 1000).toFixed(2)} s`,
    `${Math.round(rate(medians[k]))}`,
    `${(medians[k] / files).toFixed(2)} ms`,
    dotRate ? `${(rate(medians[k]) / dotRate).toFixed(2)}×` : '–',
    `${(cpuMedians[k] / 1000).toFixed(2)} s`,
    hasDot ? `${(cpuMedians.at(-1) / cpuMedians[k]).toFixed(2)}×` : '–',
  ]);

  const profile = await profileCold(sources, work);
  const workers = await profileWorkers(sources, work, Math.min(availableParallelism(), 8));

  return [
    '### Batch rendering (`npm run bench -- batch`)',
    '',
    `Machine: ${machine()}; load average ${loadBefore} → ${loadAfter}. ${files} generated CQRS-sized diagrams (19 nodes, 4 groups, ~50 lines each, in ${FOLDERS} folders);` +
      ` median of ${runs} interleaved runs (incremental rows: ${runs * INCREMENTAL_REPEATS}, ${INCREMENTAL_REPEATS} after each cold run), whole process (\`node bin/flowc.js render DIR -o OUT -f svg\`).` +
      ' CPU time is user + system of the whole process and its threads; "CPU vs dot" is dot\'s CPU time over flowc\'s (above 1: flowc spends less).' +
      (hasDot ? '' : ' Graphviz `dot` is not on PATH here, so there is no comparison row.'),
    '',
    table(['command', 'time', 'files/s', 'per file', 'vs dot', 'CPU time', 'CPU vs dot'], rows),
    '',
    "Where a cold file's time goes, in one thread (means over the same files): the first pass is what a fresh thread pays (V8 compiles and optimises the pipeline as it runs it, on other threads), the second the same files warm:",
    '',
    table(['stage', 'first pass', 'warm', 'share (warm)'], profile.rows),
    '',
    `Worker threads (${workers.workers}, one per core): start-up ${workers.startupMs.toFixed(0)} ms each` +
      ` (thread, pipeline bundle, layout engine); rendering ${workers.busyMs.toFixed(2)} ms per file in a worker (the coordinating thread writes;` +
      ` each worker is a fresh thread: compare with the first pass above, ${profile.firstTotalMs.toFixed(2)} ms, not the warm one); CPU of the workers' threads ${workers.cpuPerFileMs.toFixed(2)} ms per file;` +
      ` messaging and idle ${workers.overheadPct.toFixed(1)} % of the workers' wall time; ${workers.rate.toFixed(0)} files/s` +
      ` for the workers alone (no Node start-up, discovery or hashing).`,
  ].join('\n');
}

function generateTree(dir, files) {
  const sources = [];
  const settledTime = new Date(Date.now() - 3600_000);
  for (let i = 0; i < files; i++) {
    const folder = join(dir, `part-${i % FOLDERS}`);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `diagram-${i}.flow`);
    const text = generateFlow({ nodes: 19, groups: 4, seed: i + 1 });
    writeFileSync(file, text);
    // Like a checked-out repository: the files were written a while before flowc runs.
    utimesSync(file, settledTime, settledTime);
    sources.push({ file, text });
  }
  return sources;
}

/** Every diagram as DOT (flowc's DOT emitter), flat in one folder, for Graphviz. */
function emitDot(src, dotDir) {
  const tmp = join(dotDir, '..', 'dot-tree');
  const r = runNode([bin, 'render', src, '-o', tmp, '-f', 'dot']);
  if (r.status !== 0) throw new Error(`flowc render -f dot exited ${r.status}: ${r.stderr}`);
  mkdirSync(dotDir, { recursive: true });
  const names = [];
  for (const folder of readdirSync(tmp).filter((f) => f.startsWith('part-'))) {
    for (const f of readdirSync(join(tmp, folder))) {
      renameSync(join(tmp, folder, f), join(dotDir, f));
      names.push(f);
    }
  }
  return names.sort();
}

/**
 * The pipeline's stages over every file in this thread, twice: the first pass is what a fresh
 * thread (a `--jobs 1` run, or each worker thread) pays, V8 compiling and optimising the pipeline
 * as it goes; the second is the same files warm. CPU is split into this (the JavaScript) thread
 * and the process's other threads, where V8 optimises functions and helps its garbage collector.
 */
async function profileCold(sources, work) {
  const lib = await import(join(root, 'dist', 'index.js'));
  const stageNames = ['parse', 'resolve + validate', 'layout', 'emit SVG', 'write (temp + rename)'];
  const outDir = join(work, 'profile');
  mkdirSync(outDir, { recursive: true });
  const passes = [];
  for (let pass = 0; pass < 2; pass++) {
    const stages = Object.fromEntries(stageNames.map((k) => [k, 0]));
    const cpu0 = threadsCpuMs();
    const started = performance.now();
    sources.forEach(({ text }, i) => {
      let t = performance.now();
      const ast = lib.parse(text);
      let u = performance.now();
      stages.parse += u - t;
      const { diagram } = lib.resolve(ast);
      lib.validate(diagram);
      t = performance.now();
      stages['resolve + validate'] += t - u;
      const laidOut = lib.layout(diagram);
      u = performance.now();
      stages.layout += u - t;
      const svg = lib.emitSvg(laidOut);
      t = performance.now();
      stages['emit SVG'] += t - u;
      const target = join(outDir, `${i}.svg`);
      writeFileSync(`${target}.tmp`, svg);
      renameSync(`${target}.tmp`, target);
      stages['write (temp + rename)'] += performance.now() - t;
    });
    const cpu1 = threadsCpuMs();
    passes.push({
      stages,
      wallMs: performance.now() - started,
      mainCpuMs: cpu1.main - cpu0.main,
      otherCpuMs: cpu1.others - cpu0.others,
    });
  }
  const n = sources.length;
  const [first, warm] = passes;
  const totalMs = Object.values(warm.stages).reduce((a, b) => a + b, 0) / n;
  const firstTotalMs = Object.values(first.stages).reduce((a, b) => a + b, 0) / n;
  const rows = stageNames.map((k) => [
    k,
    `${(first.stages[k] / n).toFixed(2)} ms`,
    `${(warm.stages[k] / n).toFixed(2)} ms`,
    `${((100 * warm.stages[k]) / n / totalMs).toFixed(0)} %`,
  ]);
  rows.push([
    '**total**',
    `**${firstTotalMs.toFixed(2)} ms**`,
    `**${totalMs.toFixed(2)} ms**`,
    '100 %',
  ]);
  const perFile = (ms) => `${(ms / n).toFixed(2)} ms`;
  rows.push([
    'CPU: this thread / other threads',
    `${perFile(first.mainCpuMs)} / ${perFile(first.otherCpuMs)}`,
    `${perFile(warm.mainCpuMs)} / ${perFile(warm.otherCpuMs)}`,
    '',
  ]);
  return { rows, totalMs, firstTotalMs };
}

/**
 * The built worker (dist/batch-worker.js) driven as the pool drives it (batches of 16, two ahead),
 * without writing what it answers (the coordinating thread of a real run does that).
 * Start-up: a fresh worker's wait for its answer to one file, minus that file's own time (median of
 * three). Messaging and idle: the workers' wall time not spent rendering, writing or starting up.
 */
async function profileWorkers(sources, work, workers) {
  const outDir = join(work, 'profile-workers');
  mkdirSync(outDir, { recursive: true });
  const script = join(root, 'dist', 'batch-worker.js');
  const settings = { cwd: work, formats: ['svg'], render: {}, rules: {} };
  const tasks = sources.map(({ file, text }, id) => ({
    id,
    source: file,
    text,
    outputs: [{ format: 'svg', file: join(outDir, `${id}.svg`) }],
  }));
  const startWorker = () =>
    new Worker(script, { workerData: { settings, stop: new SharedArrayBuffer(4) } });

  const startups = [];
  for (let i = 0; i < 3; i++) {
    const spawned = performance.now();
    const worker = startWorker();
    const answer = await new Promise((resolve, reject) => {
      worker.on('message', resolve);
      worker.on('error', reject);
      worker.postMessage({ tasks: [tasks[i]] });
    });
    startups.push(
      performance.now() - spawned - answer.results[0].compileMs - (answer.results[0].writeMs ?? 0),
    );
    await worker.terminate();
  }

  const started = performance.now();
  const cpu0 = threadsCpuMs();
  const busy = new Array(workers).fill(0);
  // Workers answer with the outputs (the coordinating thread writes them): no writeMs.
  const walls = await driveWorkers(tasks, workers, startWorker, (r, k) => {
    busy[k] += r.compileMs + (r.writeMs ?? 0);
  });
  const per = walls.map(({ wall }, k) => ({ busy: busy[k], wall }));
  const wall = performance.now() - started;
  const cpu1 = threadsCpuMs();
  const startupMs = median(startups);
  const busyMs = per.reduce((a, p) => a + p.busy, 0) / tasks.length;
  const idle =
    per.reduce((a, p) => a + Math.max(0, p.wall - p.busy - startupMs), 0) /
    per.reduce((a, p) => a + p.wall, 0);
  return {
    workers,
    startupMs,
    busyMs,
    overheadPct: 100 * idle,
    rate: (tasks.length * 1000) / wall,
    cpuPerFileMs: (cpu1.others - cpu0.others) / tasks.length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!readFileSync(join(root, 'dist', 'batch-worker.js'), 'utf8'))
    throw new Error('run `npm run build` first');
  process.stdout.write((await benchBatch()) + '\n');
}
