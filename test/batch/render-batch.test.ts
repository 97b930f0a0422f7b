/**
 * renderBatch on generated trees: mirrored outputs in every format, failures and exit codes,
 * the incremental cache, multi-format in one pass, and the worker path against this thread.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileFormats } from '../../src/compile.js';
import { nodeFileSystem } from '../../src/files/fs.js';
import { CACHE_FILE, defaultJobs, workerCount } from '../../src/batch/index.js';
import { batchSize } from '../../src/batch/pool.js';
import type { BatchRequest, CompileFormats } from '../../src/batch/index.js';
import {
  batch,
  generateTree,
  listFiles,
  request,
  RULE_FLOW,
  validFlow,
  writeFile,
  type Tree,
} from './helpers.js';

let tree: Tree;
afterEach(() => tree?.cleanup());

const outputsOf = (files: readonly string[], exts: readonly string[]) =>
  files.flatMap((f) => exts.map((ext) => f.replace(/\.flow$/, ext))).sort();

describe('a generated tree of valid and broken files', () => {
  test('every valid file gets every format at the mirrored path; failures are listed; exit 1', async () => {
    tree = generateTree(12);
    const all = [...tree.valid, ...tree.broken];
    const { summary, stderr } = await batch(
      request(tree.dir, all, { formats: ['svg', 'json', 'mermaid', 'dot'] }),
    );
    expect(summary).toMatchObject({
      total: 14,
      rendered: 12,
      skipped: 0,
      failed: 2,
      exitCode: 1,
      interrupted: false,
    });
    const written = listFiles(path.join(tree.dir, 'out')).filter((f) => f !== CACHE_FILE);
    // The rule-error file is drawn (offending node marked), the syntax error is not.
    expect(written).toEqual(
      outputsOf([...tree.valid, 'd2/e2/broken-rule.flow'], ['.svg', '.json', '.mmd', '.dot']),
    );
    for (const rel of tree.valid) {
      const svg = fs.readFileSync(
        path.join(tree.dir, 'out', rel.replace(/\.flow$/, '.svg')),
        'utf8',
      );
      expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    }
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^docs\/d1\/broken-syntax\.flow:2:\d+ {2}.+ {2}\[syntax\]/),
      expect.stringMatching(
        /^docs\/d2\/e2\/broken-rule\.flow:5:1 {2}.+ {2}\[unlabelled-branch\]; drawn all the same \(no node to mark\)$/,
      ),
      expect.stringMatching(/^rendered 12, skipped 0, failed 2 in \d+\.\d\d s \(\d+ files\/s\)$/),
    ]);
  });

  test('only valid files: exit 0', async () => {
    tree = generateTree(5, { broken: false });
    const { summary } = await batch(request(tree.dir, tree.valid));
    expect(summary).toMatchObject({ rendered: 5, failed: 0, exitCode: 0 });
  });

  test('the outputs are those of compileFormats, byte for byte', async () => {
    tree = generateTree(3, { broken: false });
    await batch(
      request(tree.dir, tree.valid, {
        formats: ['svg', 'json'],
        render: { theme: 'dark', direction: 'TB' },
      }),
    );
    for (const rel of tree.valid) {
      const source = fs.readFileSync(path.join(tree.dir, 'docs', rel), 'utf8');
      const expected = await compileFormats(source, ['svg', 'json'], {
        theme: 'dark',
        direction: 'TB',
      });
      expect(
        fs.readFileSync(path.join(tree.dir, 'out', rel.replace(/\.flow$/, '.svg')), 'utf8'),
      ).toBe(expected.outputs.svg);
      expect(
        fs.readFileSync(path.join(tree.dir, 'out', rel.replace(/\.flow$/, '.json')), 'utf8'),
      ).toBe(expected.outputs.json);
    }
  });

  test('without an output folder, outputs go beside their sources and the cache sits in the base folder', async () => {
    tree = generateTree(4);
    const all = [...tree.valid, ...tree.broken];
    const first = await batch(request(tree.dir, all, { outDir: null }));
    expect(first.summary).toMatchObject({ rendered: 4, failed: 2 });
    for (const rel of tree.valid)
      expect(fs.existsSync(path.join(tree.dir, 'docs', rel.replace(/\.flow$/, '.svg')))).toBe(true);
    expect(fs.existsSync(path.join(tree.dir, 'docs', CACHE_FILE))).toBe(true);
    const second = await batch(request(tree.dir, all, { outDir: null }));
    expect(second.summary).toMatchObject({ rendered: 0, skipped: 4, failed: 2, exitCode: 1 });
  });
});

describe('incremental runs', () => {
  const formats = ['svg', 'json'] as const;

  test('a second run skips everything, and still reports the broken files (exit 1)', async () => {
    tree = generateTree(10);
    const all = [...tree.valid, ...tree.broken];
    await batch(request(tree.dir, all, { formats: [...formats] }));
    const before = snapshot(path.join(tree.dir, 'out'));
    const { summary, stderr } = await batch(request(tree.dir, all, { formats: [...formats] }));
    expect(summary).toMatchObject({
      rendered: 0,
      skipped: 10,
      failed: 2,
      exitCode: 1,
      mode: 'none',
    });
    expect(stderr).toContain('[syntax]');
    expect(stderr).toContain('[unlabelled-branch]');
    expect(snapshot(path.join(tree.dir, 'out'))).toEqual(before);
  });

  test('editing one file re-renders only that one; touching it without a change renders nothing', async () => {
    tree = generateTree(10);
    const all = [...tree.valid, ...tree.broken];
    await batch(request(tree.dir, all, { formats: [...formats] }));
    const edited = path.join(tree.dir, 'docs', tree.valid[4]!);
    const time = new Date(Date.now() + 5000);
    fs.utimesSync(edited, time, time);
    expect((await batch(request(tree.dir, all, { formats: [...formats] }))).summary).toMatchObject({
      rendered: 0,
      skipped: 10,
    });

    const before = snapshot(path.join(tree.dir, 'out'));
    fs.writeFileSync(edited, validFlow(1000));
    const { summary } = await batch(request(tree.dir, all, { formats: [...formats] }));
    expect(summary).toMatchObject({ rendered: 1, skipped: 9, failed: 2 });
    const after = snapshot(path.join(tree.dir, 'out'));
    const changed = Object.keys(after)
      .filter((f) => after[f] !== before[f])
      .sort();
    expect(changed).toEqual([CACHE_FILE, ...outputsOf([tree.valid[4]!], ['.json', '.svg'])].sort());
  });

  test('fixing a broken file renders it; breaking a valid one fails it', async () => {
    tree = generateTree(3);
    const all = [...tree.valid, ...tree.broken];
    await batch(request(tree.dir, all));
    fs.writeFileSync(path.join(tree.dir, 'docs', tree.broken[0]!), validFlow(77));
    fs.writeFileSync(path.join(tree.dir, 'docs', tree.valid[0]!), RULE_FLOW);
    const { summary } = await batch(request(tree.dir, all));
    expect(summary).toMatchObject({ rendered: 1, skipped: 2, failed: 2 });
    expect(summary.failures.map((f) => f.relative)).toEqual([tree.valid[0], tree.broken[1]]);
  });

  test('a deleted output is rendered again', async () => {
    tree = generateTree(6, { broken: false });
    await batch(request(tree.dir, tree.valid, { formats: [...formats] }));
    fs.unlinkSync(path.join(tree.dir, 'out', tree.valid[2]!.replace(/\.flow$/, '.json')));
    const { summary } = await batch(request(tree.dir, tree.valid, { formats: [...formats] }));
    expect(summary).toMatchObject({ rendered: 1, skipped: 5 });
    expect(
      fs.existsSync(path.join(tree.dir, 'out', tree.valid[2]!.replace(/\.flow$/, '.json'))),
    ).toBe(true);
  });

  test('changing a render option, a rule severity or the formats re-renders everything; --force too', async () => {
    tree = generateTree(5, { broken: false });
    const req = request(tree.dir, tree.valid);
    await batch(req);
    expect((await batch(req)).summary).toMatchObject({ rendered: 0, skipped: 5 });
    expect((await batch({ ...req, render: { theme: 'dark' } })).summary).toMatchObject({
      rendered: 5,
      skipped: 0,
    });
    expect((await batch({ ...req, render: { theme: 'dark' } })).summary).toMatchObject({
      rendered: 0,
      skipped: 5,
    });
    expect(
      (await batch({ ...req, render: { theme: 'dark' }, rules: { 'dead-end': 'off' } })).summary,
    ).toMatchObject({ rendered: 5 });
    expect((await batch({ ...req, formats: ['svg', 'dot'] })).summary).toMatchObject({
      rendered: 5,
    });
    expect((await batch({ ...req, formats: ['svg', 'dot'], force: true })).summary).toMatchObject({
      rendered: 5,
      skipped: 0,
    });
  });

  test('the rule severity decides whether a drawn file fails, and the cache remembers it', async () => {
    tree = generateTree(0, { broken: false });
    writeFile(path.join(tree.dir, 'docs', 'rule.flow'), RULE_FLOW);
    const strict = await batch(request(tree.dir, ['rule.flow']));
    expect(strict.summary).toMatchObject({ failed: 1, exitCode: 1 });
    const relaxed = await batch(
      request(tree.dir, ['rule.flow'], { rules: { 'unlabelled-branch': 'warn' } }),
    );
    expect(relaxed.summary).toMatchObject({ rendered: 1, failed: 0, exitCode: 0 });
    const again = await batch(request(tree.dir, ['rule.flow']));
    // Rendered again (the severity changed back), not reported from the cache.
    expect(again.summary).toMatchObject({ rendered: 0, skipped: 0, failed: 1, exitCode: 1 });
    expect(again.summary.failures[0]!.cached).toBeUndefined();
    const cached = await batch(request(tree.dir, ['rule.flow']));
    expect(cached.summary).toMatchObject({ rendered: 0, skipped: 0, failed: 1, exitCode: 1 });
    expect(cached.summary.failures[0]!.cached).toBe(true);
  });

  test('a settled, unchanged file is not even read; new timestamps on the same bytes are hashed once', async () => {
    tree = generateTree(6, { broken: false });
    const sources = tree.valid.map((f) => path.join(tree.dir, 'docs', f));
    const setAge = (file: string, seconds: number) => {
      const time = new Date(Date.now() - seconds * 1000);
      fs.utimesSync(file, time, time);
    };
    let reads = 0;
    const counting = {
      ...nodeFileSystem,
      readFile: (file: string) => (
        file.endsWith('.flow') && reads++,
        nodeFileSystem.readFile(file)
      ),
    };
    // Setting a file's times sets its change time (ctime) to now, which only time can settle:
    // the runs see a clock `later` ms ahead.
    let later = 0;
    const run = async () => {
      reads = 0;
      const wallClock = () => Date.now() + later;
      return (await batch(request(tree.dir, tree.valid), { fs: counting, wallClock })).summary;
    };
    for (const file of sources) setAge(file, 3600);
    later = 10_000;
    expect(await run()).toMatchObject({ rendered: 6 });
    expect(await run()).toMatchObject({ skipped: 6 });
    expect(reads).toBe(0);

    // A fresh checkout: the same bytes written again, with new times.
    for (const file of sources) {
      fs.writeFileSync(file, fs.readFileSync(file));
      setAge(file, 60);
    }
    expect(await run()).toMatchObject({ rendered: 0, skipped: 6 });
    expect(reads).toBe(6);
    expect(await run()).toMatchObject({ skipped: 6 });
    expect(reads).toBe(0);

    // Just edited (modified 'now' by the runs' clock): rendered, then read (and hashed) on every
    // run until it has settled.
    fs.writeFileSync(sources[0]!, validFlow(500));
    const edited = new Date(Date.now() + later);
    fs.utimesSync(sources[0]!, edited, edited);
    expect(await run()).toMatchObject({ rendered: 1, skipped: 5 });
    expect(await run()).toMatchObject({ rendered: 0, skipped: 6 });
    expect(reads).toBe(1);
    setAge(sources[0]!, 60);
    expect(await run()).toMatchObject({ skipped: 6 });
    expect(reads).toBe(1);
    expect(await run()).toMatchObject({ skipped: 6 });
    expect(reads).toBe(0);

    // Every modification time a minute old, every change time (set by utimes) just now: all read.
    later = 0;
    expect(await run()).toMatchObject({ skipped: 6 });
    expect(reads).toBe(6);
  });

  test('an edit that keeps the size, the inode and (set back) the modification time is still rendered', async () => {
    // What `cp -p`, `rsync -t`, `tar -x` over an existing file or an editor preserving times do:
    // same size, same inode, the old mtime. The change time (which no tool can set back) differs.
    tree = generateTree(3, { broken: false });
    const source = path.join(tree.dir, 'docs', tree.valid[1]!);
    const settled = new Date(Date.now() - 3600_000);
    for (const f of tree.valid) fs.utimesSync(path.join(tree.dir, 'docs', f), settled, settled);
    const settledRun = { wallClock: () => Date.now() + 10_000 };
    expect((await batch(request(tree.dir, tree.valid), settledRun)).summary).toMatchObject({
      rendered: 3,
    });
    // Recorded with their signatures: a run now reads none of them.
    expect((await batch(request(tree.dir, tree.valid), settledRun)).summary).toMatchObject({
      skipped: 3,
    });
    const before = fs.statSync(source);
    const text = fs.readFileSync(source, 'utf8');
    // The same number of bytes, other words: a node label changed letter for letter.
    const edited = text.replace(
      /label:"([^"]*)"/,
      (_m, label: string) => `label:"${label.replace(/./g, 'X')}"`,
    );
    expect(edited).not.toBe(text);
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    await new Promise((resolve) => setTimeout(resolve, 20)); // a later change time
    fs.writeFileSync(source, edited); // in place: the same inode
    fs.utimesSync(source, before.atime, before.mtime);
    const after = fs.statSync(source);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([
      before.size,
      before.mtimeMs,
      before.ino,
    ]);
    // Even seen an hour later, when every time it has is long settled.
    const wallClock = () => Date.now() + 3600_000;
    const { summary } = await batch(request(tree.dir, tree.valid), { wallClock });
    expect(summary).toMatchObject({ rendered: 1, skipped: 2 });
    const svg = fs.readFileSync(
      path.join(tree.dir, 'out', tree.valid[1]!.replace(/\.flow$/, '.svg')),
      'utf8',
    );
    expect(svg).toContain('XXX');
  });

  test('settled files in a listed folder: a no-op reads none, and a deleted output, an edit or a changed option still renders', async () => {
    // Ten outputs in one folder: the output folder is listed, and every file is settled from its
    // stat and the listing alone (the no-op's fast path in planRun).
    tree = generateTree(0, { broken: false });
    const names = Array.from({ length: 10 }, (_, i) => `flat/f${i}.flow`);
    const sourceOf = (name: string) => path.join(tree.dir, 'docs', name);
    const settled = new Date(Date.now() - 3600_000);
    names.forEach((name, i) => {
      writeFile(sourceOf(name), validFlow(i));
      fs.utimesSync(sourceOf(name), settled, settled);
    });
    let reads = 0;
    const counting = {
      ...nodeFileSystem,
      readFile: (file: string, maxBytes?: number) => (
        file.endsWith('.flow') && reads++,
        nodeFileSystem.readFile(file, maxBytes)
      ),
    };
    const run = async (overrides: Partial<BatchRequest> = {}) => {
      reads = 0;
      const wallClock = () => Date.now() + 10_000;
      return (await batch(request(tree.dir, names, overrides), { fs: counting, wallClock }))
        .summary;
    };
    expect(await run()).toMatchObject({ rendered: 10 });
    expect(await run()).toMatchObject({ rendered: 0, skipped: 10 });
    expect(reads).toBe(0);

    const output = path.join(tree.dir, 'out', 'flat', 'f3.svg');
    fs.unlinkSync(output);
    expect(await run()).toMatchObject({ rendered: 1, skipped: 9 });
    expect(fs.existsSync(output)).toBe(true);
    // A folder where the output was: not an output.
    fs.unlinkSync(output);
    fs.mkdirSync(output);
    expect(await run()).toMatchObject({ failed: 1, skipped: 9 });
    fs.rmdirSync(output);
    expect(await run()).toMatchObject({ rendered: 1, skipped: 9 });

    fs.writeFileSync(sourceOf(names[5]!), validFlow(500));
    fs.utimesSync(sourceOf(names[5]!), settled, settled);
    expect(await run()).toMatchObject({ rendered: 1, skipped: 9 });
    expect(await run()).toMatchObject({ rendered: 0, skipped: 10 });
    expect(reads).toBe(0);

    expect(await run({ render: { theme: 'dark' } })).toMatchObject({ rendered: 10 });
    expect(await run({ render: { theme: 'dark' } })).toMatchObject({ skipped: 10 });
    expect(reads).toBe(0);
    expect(await run({ render: { theme: 'dark' }, formats: ['svg', 'dot'] })).toMatchObject({
      rendered: 10,
    });
  });

  test('outputs beside sources outside the base (outside the cache folder): skipped when there, rendered when deleted', async () => {
    tree = generateTree(0, { broken: false });
    const names = ['flat/a.flow', 'flat/b.flow', 'other/c.flow', 'other/d.flow'];
    const settled = new Date(Date.now() - 3600_000);
    names.forEach((name, i) => {
      const file = path.join(tree.dir, 'docs', name);
      writeFile(file, validFlow(i));
      fs.utimesSync(file, settled, settled);
    });
    const req = {
      ...request(tree.dir, names),
      base: path.join(tree.dir, 'docs', 'flat'),
      outDir: null,
    };
    const wallClock = () => Date.now() + 10_000;
    expect((await batch(req, { wallClock })).summary).toMatchObject({ rendered: 4 });
    expect(fs.existsSync(path.join(tree.dir, 'docs', 'flat', CACHE_FILE))).toBe(true);
    expect((await batch(req, { wallClock })).summary).toMatchObject({ skipped: 4 });
    fs.unlinkSync(path.join(tree.dir, 'docs', 'other', 'd.svg'));
    expect((await batch(req, { wallClock })).summary).toMatchObject({ rendered: 1, skipped: 3 });
    expect(fs.existsSync(path.join(tree.dir, 'docs', 'other', 'd.svg'))).toBe(true);
  });

  test('a damaged cache file costs a full render, not a crash', async () => {
    tree = generateTree(3, { broken: false });
    await batch(request(tree.dir, tree.valid));
    fs.writeFileSync(path.join(tree.dir, 'out', CACHE_FILE), '{"format":1,"entries":{"d0/fi');
    expect((await batch(request(tree.dir, tree.valid))).summary).toMatchObject({
      rendered: 3,
      skipped: 0,
    });
    expect((await batch(request(tree.dir, tree.valid))).summary).toMatchObject({
      rendered: 0,
      skipped: 3,
    });
  });

  test('a run over part of the tree keeps the cache entries of the rest', async () => {
    tree = generateTree(6, { broken: false });
    await batch(request(tree.dir, tree.valid));
    await batch(request(tree.dir, tree.valid.slice(0, 2), { force: true }));
    expect((await batch(request(tree.dir, tree.valid))).summary).toMatchObject({
      rendered: 0,
      skipped: 6,
    });
  });
});

describe('a long run', () => {
  test('longRun is called before rendering two files or more, and not for one file or none', async () => {
    tree = generateTree(3);
    let calls = 0;
    const longRun = (): void => void calls++;
    await batch(request(tree.dir, tree.valid.slice(0, 1)), { longRun });
    expect(calls).toBe(0);
    await batch(request(tree.dir, tree.valid.slice(0, 1)), { longRun }); // cached: nothing to render
    expect(calls).toBe(0);
    await batch(request(tree.dir, tree.valid), { longRun });
    expect(calls).toBe(1);
  });
});

describe('one pass per file', () => {
  test('each file goes through the pipeline once for all its formats', async () => {
    tree = generateTree(4, { broken: false });
    const calls: string[][] = [];
    const counting: CompileFormats = (source, formats, options) => {
      calls.push([...formats]);
      return compileFormats(source, formats, options);
    };
    const { summary } = await batch(
      request(tree.dir, tree.valid, { formats: ['svg', 'png', 'json', 'dot'] }),
      { compileFormats: counting },
    );
    expect(summary).toMatchObject({ rendered: 4, mode: 'in-process' });
    expect(calls).toEqual(Array.from({ length: 4 }, () => ['svg', 'png', 'json', 'dot']));
    const png = fs.readFileSync(
      path.join(tree.dir, 'out', tree.valid[0]!.replace(/\.flow$/, '.png')),
    );
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('worker threads', () => {
  test('the worker path writes byte-identical outputs to this thread', async () => {
    tree = generateTree(24);
    const all = [...tree.valid, ...tree.broken];
    const formats = ['svg', 'json', 'mermaid'] as const;
    const here = await batch(
      request(tree.dir, all, {
        formats: [...formats],
        jobs: 1,
        outDir: path.join(tree.dir, 'out-1'),
      }),
    );
    const workers = await batch(
      request(tree.dir, all, {
        formats: [...formats],
        jobs: 2,
        outDir: path.join(tree.dir, 'out-2'),
      }),
    );
    expect(here.summary).toMatchObject({
      mode: 'in-process',
      rendered: 24,
      failed: 2,
      exitCode: 1,
    });
    expect(workers.summary).toMatchObject({
      mode: 'workers',
      workers: 2,
      rendered: 24,
      failed: 2,
      exitCode: 1,
    });
    expect(workers.summary.failures).toEqual(here.summary.failures.map((f) => ({ ...f })));
    const a = snapshot(path.join(tree.dir, 'out-1'));
    const b = snapshot(path.join(tree.dir, 'out-2'));
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const file of Object.keys(a))
      if (file.endsWith(CACHE_FILE)) expect(withoutStat(b[file])).toEqual(withoutStat(a[file]));
      else expect(b[file]).toBe(a[file]);
    expect(workers.stderr.split('\n').slice(0, 2)).toEqual(here.stderr.split('\n').slice(0, 2));
  });

  test('worker threads that die fail their files (exit 2) instead of hanging or passing', async () => {
    tree = generateTree(40, { broken: false });
    const crashing = path.join(tree.dir, 'crashing-worker.mjs');
    fs.writeFileSync(crashing, "throw new Error('boom');\n");
    const { summary, stderr } = await batch(request(tree.dir, tree.valid, { jobs: 2 }), {
      workerScript: crashing,
    });
    expect(summary).toMatchObject({
      mode: 'workers',
      rendered: 0,
      failed: 40,
      exitCode: 2,
      interrupted: false,
    });
    expect(stderr).toMatch(/internal error: the worker thread stopped \(boom\)/);
    expect(stderr).toMatch(/internal error: not rendered, every worker thread stopped/);
    // Nothing is remembered for them: the next run (with a sound worker) renders them all.
    expect((await batch(request(tree.dir, tree.valid, { jobs: 2 }))).summary).toMatchObject({
      rendered: 40,
      mode: 'workers',
    });
  });

  test('files go to workers 16 at a time, in smaller batches as the queue drains', () => {
    const sizes: number[] = [];
    for (let remaining = 1000; remaining > 0; remaining -= sizes.at(-1)!)
      sizes.push(batchSize(remaining, 2));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(sizes.slice(0, 50).every((n) => n === 16)).toBe(true);
    expect(sizes.slice(-8)).toEqual([2, 1, 1, 1, 1, 1, 1, 1]);
  });

  test('without --jobs, one thread renders per two cores: on two cores, this thread alone', async () => {
    // Each rendering thread keeps about a second core busy with V8's optimising compiler (see
    // defaultJobs): on two cores two workers took 1.5x the CPU of one thread and longer.
    expect([1, 2, 3, 4, 5, 8, 64].map(defaultJobs)).toEqual([1, 1, 1, 2, 2, 4, 32]);
    tree = generateTree(16, { broken: false });
    const { jobs: _none, ...noJobs } = request(tree.dir, tree.valid);
    const two = await batch(noJobs, { cores: 2, workerScript: null });
    expect(two.summary).toMatchObject({ mode: 'in-process', workers: 1, rendered: 16 });
    expect(two.stderr).not.toMatch(/batch-worker\.js is missing/);
    // Four cores: two threads (the script withheld, so the run says it would have started them).
    const four = await batch(
      { ...noJobs, outDir: path.join(tree.dir, 'out-4') },
      { cores: 4, workerScript: null },
    );
    expect(four.stderr).toMatch(
      /batch-worker\.js is missing \(run `npm run build`\): rendering in one thread/,
    );
    expect(four.summary).toMatchObject({ rendered: 16, exitCode: 0 });
  });

  test('threads are started only when there are enough files for them', () => {
    expect(workerCount(1, 1000)).toBe(1);
    expect(workerCount(2, 3)).toBe(1);
    expect(workerCount(2, 1000)).toBe(2);
    expect(workerCount(8, 20)).toBe(2);
  });

  test('without the built worker script, the files are rendered in this thread, with a notice', async () => {
    tree = generateTree(20, { broken: false });
    const { summary, stderr } = await batch(request(tree.dir, tree.valid, { jobs: 2 }), {
      workerScript: null,
    });
    expect(summary).toMatchObject({ mode: 'in-process', rendered: 20, exitCode: 0 });
    expect(stderr).toContain('dist/batch-worker.js is missing');
  });
});

/** Every file under `dir` (relative path → content, base64 for bytes). */
/**
 * A snapshot's cache file without the entries' stat signatures: a signature is recorded only for a
 * source changed more than 2 s before the run started, so on a busy machine the second of two runs
 * over a fresh tree records some that the first did not.
 */
function withoutStat(base64: string | undefined): unknown {
  const cache = JSON.parse(Buffer.from(base64 ?? '', 'base64').toString('utf8')) as {
    entries: Record<string, { stat?: string }>;
  };
  for (const entry of Object.values(cache.entries)) delete entry.stat;
  return cache;
}

function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else result[rel] = fs.readFileSync(path.join(dir, rel)).toString('base64');
    }
  };
  walk('');
  return result;
}
