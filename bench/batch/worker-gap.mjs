#!/usr/bin/env node
// Where a cold batch file's time goes, thread by thread (docs/performance.md, "Cold and no-op
// batches"): the same generated files rendered by the built pipeline (dist/) in this thread, pass
// after pass, or by fresh worker threads (dist/batch-worker.js, driven as src/batch/pool.ts drives
// it), with the CPU time of the JavaScript thread and of the process's other threads (V8's
// optimising compiler and garbage collector helpers, the workers).
//
//   node bench/batch/worker-gap.mjs thread  [--files N] [--passes P] [--mark] [--dist DIR]
//   node bench/batch/worker-gap.mjs workers [--files N] [--workers W] [--young MB] [--dist DIR]
//
// Run the modes one after the other, interleaved, to compare them (the machine is shared).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateFlow } from '../generate.mjs';
import { driveWorkers } from './drive.mjs';
import { load, root, takeOption, threadsCpuMs } from '../lib.mjs';

const args = process.argv.slice(2);
const files = Number(takeOption(args, '--files', 200));
const passes = Number(takeOption(args, '--passes', 2));
const workers = Number(takeOption(args, '--workers', 1));
const young = takeOption(args, '--young', null);
// --dist DIR: render with DIR/dist (another build of the package; bench/batch/cold-ab.mjs).
const dist = join(takeOption(args, '--dist', root), 'dist');
// --mark: a line on stderr before each file (thread mode), to place V8's traces (run under
// `stdbuf -oL`, with 2>&1, so that V8's buffered stdout keeps its order with the marks).
const mark = args.includes('--mark') ? (args.splice(args.indexOf('--mark'), 1), true) : false;
const [mode] = args;
if (mode !== 'thread' && mode !== 'workers') {
  console.error('usage: node bench/batch/worker-gap.mjs thread|workers [--files N] [...]');
  process.exit(2);
}
// The batch benchmark's files: CQRS-sized (19 nodes, 4 groups).
const texts = Array.from({ length: files }, (_, i) =>
  generateFlow({ nodes: 19, groups: 4, seed: i + 1 }),
);
const perFile = (ms) => `${(ms / files).toFixed(2)} ms`;
const loadBefore = load();
const cpu0 = threadsCpuMs();
const started = performance.now();
const lines = [];
if (mode === 'thread') {
  const lib = await import(join(dist, 'index.js'));
  for (let pass = 1; pass <= passes; pass++) {
    const c0 = threadsCpuMs();
    const t0 = performance.now();
    for (let f = 0; f < texts.length; f++) {
      if (mark) process._rawDebug(`=== pass ${pass} file ${f + 1}`);
      await lib.compileFormats(texts[f], ['svg'], { rules: {} });
    }
    const c1 = threadsCpuMs();
    lines.push(
      `pass ${pass}: ${perFile(performance.now() - t0)} a file; CPU this thread ${perFile(c1.main - c0.main)}, other threads ${perFile(c1.others - c0.others)}`,
    );
  }
} else {
  const out = mkdtempSync(join(tmpdir(), 'flowc-worker-gap-'));
  const tasks = texts.map((text, id) => ({
    id,
    source: join(out, `${id}.flow`),
    text,
    outputs: [{ format: 'svg', file: join(out, `${id}.svg`) }],
  }));
  const settings = { cwd: out, formats: ['svg'], render: {}, rules: {} };
  const compileMs = [];
  const startWorker = () =>
    new Worker(join(dist, 'batch-worker.js'), {
      workerData: { settings, stop: new SharedArrayBuffer(4) },
      ...(young ? { resourceLimits: { maxYoungGenerationSizeMb: Number(young) } } : {}),
    });
  await driveWorkers(tasks, workers, startWorker, (r) => {
    compileMs[r.id] = r.compileMs;
  });
  rmSync(out, { recursive: true, force: true });
  const sum = compileMs.reduce((a, b) => a + b, 0);
  lines.push(`${workers} worker(s): rendering ${perFile(sum)} a file (each worker's own clock)`);
}
const cpu1 = threadsCpuMs();
console.log(
  `${mode}, ${files} files, load ${loadBefore} → ${load()}: wall ${((performance.now() - started) / 1000).toFixed(1)} s;` +
    ` CPU this thread ${perFile(cpu1.main - cpu0.main)}, other threads ${perFile(cpu1.others - cpu0.others)} a file`,
);
for (const line of lines) console.log(`  ${line}`);
