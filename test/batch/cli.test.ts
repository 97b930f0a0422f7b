/**
 * `flowc render` with folders, globs and several inputs, through the CLI: discovery (symlink
 * loops, special and unreadable files, an output folder inside the input tree), --shard,
 * --base, --quiet, the progress line, and exit codes.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_FILE } from '../../src/batch/index.js';
import {
  cli,
  generateTree,
  listFiles,
  request,
  validFlow,
  writeFile,
  type Tree,
} from './helpers.js';

let tree: Tree;
afterEach(() => tree?.cleanup());

const svgsOf = (files: readonly string[]) => files.map((f) => f.replace(/\.flow$/, '.svg')).sort();
const outputs = (dir: string) => listFiles(dir).filter((f) => f !== CACHE_FILE);

describe('flowc render DIR -o OUT', () => {
  test('renders the tree, mirrored, and exits 1 for the broken files', async () => {
    tree = generateTree(8);
    const r = await cli(['render', 'docs', '-o', 'out', '-f', 'svg,dot'], tree.dir);
    expect(r.code).toBe(1);
    expect(outputs(path.join(tree.dir, 'out'))).toEqual(
      [...tree.valid, 'd2/e2/broken-rule.flow']
        .flatMap((f) => [f.replace(/\.flow$/, '.svg'), f.replace(/\.flow$/, '.dot')])
        .sort(),
    );
    expect(r.stderr).toMatch(/^docs\/d1\/broken-syntax\.flow:2:\d+ {2}/m);
    expect(r.stderr).toMatch(/^rendered 8, skipped 0, failed 2 in /m);
    const again = await cli(['render', 'docs', '-o', 'out', '-f', 'svg,dot'], tree.dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^rendered 0, skipped 8, failed 2 in /m);
  });

  test('all valid: exit 0; --force renders everything again', async () => {
    tree = generateTree(4, { broken: false });
    expect((await cli(['render', 'docs', '-o', 'out'], tree.dir)).code).toBe(0);
    const forced = await cli(['render', 'docs', '-o', 'out', '--force'], tree.dir);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/^rendered 4, skipped 0, failed 0 in /m);
  });

  test('globs and folders mixed: outputs relative to the common base, or to --base', async () => {
    tree = generateTree(9, { broken: false });
    const globbed = tree.valid.filter((f) => f.startsWith('d1/'));
    const folder = tree.valid.filter((f) => f.startsWith('d2/'));
    const r = await cli(['render', 'docs/d1/**/*.flow', 'docs/d2', '-o', 'out'], tree.dir);
    expect(r.code).toBe(0);
    expect(outputs(path.join(tree.dir, 'out'))).toEqual(svgsOf([...globbed, ...folder]));
    const based = await cli(['render', 'docs/d2', '-o', 'out-based', '--base', '.'], tree.dir);
    expect(based.code).toBe(0);
    expect(outputs(path.join(tree.dir, 'out-based'))).toEqual(
      svgsOf(folder.map((f) => `docs/${f}`)),
    );
  });

  test('--quiet prints only the failures', async () => {
    tree = generateTree(3);
    const r = await cli(['render', 'docs', '-o', 'out', '--quiet'], tree.dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^docs\/d1\/broken-syntax\.flow:2:\d+ /),
      expect.stringMatching(/^docs\/d2\/e2\/broken-rule\.flow:5:1 /),
    ]);
  });

  test('two sources that would write the same output: the second fails (exit 2), the first is written', async () => {
    tree = generateTree(0, { broken: false });
    writeFile(path.join(tree.dir, 'a/x.flow'), validFlow(1));
    writeFile(path.join(tree.dir, 'b/x.flow'), validFlow(2));
    fs.mkdirSync(path.join(tree.dir, 'c'));
    const r = await cli(['render', 'a/x.flow', 'b/x.flow', '--base', 'c', '-o', 'out'], tree.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('b/x.flow  out/x.svg is also the output of a/x.flow');
    expect(fs.readFileSync(path.join(tree.dir, 'out/x.svg'), 'utf8')).toContain('Step 1');
  });

  test('outputs beside their sources: `x` and `x.flow` would both write x.svg, the second fails', async () => {
    // Every output of a plain mirrored `.flow` source is its own (the clash check is skipped for
    // such runs): a source without `.flow` is placed by `path`, so the check runs.
    tree = generateTree(0, { broken: false });
    writeFile(path.join(tree.dir, 'x.flow'), validFlow(1));
    writeFile(path.join(tree.dir, 'x'), validFlow(2));
    const r = await cli(['render', 'x.flow', 'x', '-f', 'svg'], tree.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x  x.svg is also the output of x.flow');
    expect(fs.readFileSync(path.join(tree.dir, 'x.svg'), 'utf8')).toContain('Step 1');
  });
});

describe('--shard K/N', () => {
  test('the slices of N = 1..4 cover every file exactly once', async () => {
    tree = generateTree(30, { broken: false });
    for (const n of [1, 2, 3, 4]) {
      const seen: string[] = [];
      for (let k = 1; k <= n; k++) {
        const out = `out-${k}-of-${n}`;
        const r = await cli(
          ['render', 'docs', '-o', out, '--shard', `${k}/${n}`, '--jobs', '1'],
          tree.dir,
        );
        expect(r.code).toBe(0);
        seen.push(...outputs(path.join(tree.dir, out)));
      }
      expect(seen.sort()).toEqual(svgsOf(tree.valid));
    }
  });

  test.each(['0/3', '4/3', '1/0', 'a/b', '2', '-1/2'])(
    '--shard %s is a usage error (exit 2)',
    async (value) => {
      tree = generateTree(2, { broken: false });
      const r = await cli(['render', 'docs', '-o', 'out', '--shard', value], tree.dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--shard');
      expect(fs.existsSync(path.join(tree.dir, 'out'))).toBe(false);
    },
  );
});

describe('what discovery meets in the tree', () => {
  test('a symbolic link loop ends, and each file is rendered once', async () => {
    tree = generateTree(6, { broken: false });
    fs.symlinkSync('..', path.join(tree.dir, 'docs/d1/loop'));
    fs.symlinkSync(path.join(tree.dir, 'docs'), path.join(tree.dir, 'docs/d2/again'));
    const r = await cli(['render', 'docs', '-o', 'out'], tree.dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^rendered 6, skipped 0, failed 0 in /m);
    expect(outputs(path.join(tree.dir, 'out'))).toEqual(svgsOf(tree.valid));
  });

  test('an output folder inside the input tree is never read back as input', async () => {
    tree = generateTree(4, { broken: false });
    // A .flow file already inside the output folder (e.g. copied there by hand): not an input.
    writeFile(path.join(tree.dir, 'docs/out/planted.flow'), validFlow(99));
    const first = await cli(['render', 'docs', '-o', 'docs/out'], tree.dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^rendered 4, skipped 0, failed 0 in /m);
    expect(outputs(path.join(tree.dir, 'docs/out'))).toEqual(
      [...svgsOf(tree.valid), 'planted.flow'].sort(),
    );
    const second = await cli(['render', 'docs', '-o', 'docs/out'], tree.dir);
    expect(second.stderr).toMatch(/^rendered 0, skipped 4, failed 0 in /m);
  });

  test('a FIFO named as input fails without blocking the run (exit 2); a dangling link in a folder is passed over', async () => {
    tree = generateTree(3, { broken: false });
    execFileSync('mkfifo', [path.join(tree.dir, 'docs/pipe.flow')]);
    fs.symlinkSync(
      path.join(tree.dir, 'nowhere.flow'),
      path.join(tree.dir, 'docs/d0/dangling.flow'),
    );
    const folder = await cli(['render', 'docs', '-o', 'out'], tree.dir);
    expect(folder.code).toBe(0);
    expect(folder.stderr).toMatch(/^rendered 3, skipped 0, failed 0 in /m);
    const named = await cli(
      ['render', 'docs/pipe.flow', ...tree.valid.map((f) => `docs/${f}`), '-o', 'out2'],
      tree.dir,
    );
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('docs/pipe.flow  cannot read: not a regular file');
    expect(named.stderr).toMatch(/^rendered 3, skipped 0, failed 1 in /m);
  });

  test('a file that cannot be read fails alone (exit 2), the others are rendered', async () => {
    // Tests run as root, which reads a chmod 000 file anyway: the read error is injected instead.
    tree = generateTree(4, { broken: false });
    const locked = path.join(tree.dir, 'docs', tree.valid[1]!);
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${locked}'`), {
      code: 'EACCES',
    });
    const r = await cli(['render', 'docs', '-o', 'out'], tree.dir, {
      readFile: async (file) => {
        if (file === locked) throw denied;
        return fs.promises.readFile(file);
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`docs/${tree.valid[1]}  cannot read: permission denied`);
    expect(outputs(path.join(tree.dir, 'out'))).toEqual(
      svgsOf(tree.valid.filter((f) => f !== tree.valid[1])),
    );
  });

  const asRoot = process.getuid?.() === 0;
  (asRoot ? test.skip : test)(
    'a chmod 000 file fails alone (exit 2) (not run as root, who can read it)',
    async () => {
      tree = generateTree(2, { broken: false });
      fs.chmodSync(path.join(tree.dir, 'docs', tree.valid[0]!), 0);
      const r = await cli(['render', 'docs', '-o', 'out'], tree.dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('cannot read: permission denied');
    },
  );

  test('a missing input is reported (exit 2) and the others are rendered', async () => {
    tree = generateTree(2, { broken: false });
    const r = await cli(['render', 'docs', 'missing', '-o', 'out'], tree.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('flowc: missing: no such file or folder');
    // The common base of `docs` and `missing` is the current folder.
    expect(outputs(path.join(tree.dir, 'out'))).toEqual(svgsOf(tree.valid.map((f) => `docs/${f}`)));
  });
});

describe('progress', () => {
  test('on a terminal: a line redrawn in place with count, rate and ETA, cleared before the summary', async () => {
    tree = generateTree(5);
    const { renderBatch } = await import('../../src/batch/index.js');
    const chunks: string[] = [];
    let clock = 0;
    await renderBatch(request(tree.dir, [...tree.valid, ...tree.broken]), {
      cwd: tree.dir,
      fs: (await import('../../src/files/fs.js')).nodeFileSystem,
      stderr: { write: (c) => void chunks.push(String(c)), isTTY: true },
      // Each reading of the clock moves it 150 ms: every update is past the 100 ms throttle.
      now: () => (clock += 150),
    });
    const text = chunks.join('');
    expect(text).toMatch(/\r\x1b\[K\[-{20}\] 0\/7 {2}- files\/s {2}ETA -/);
    expect(text).toMatch(/\r\x1b\[K\[#{20}\] 7\/7 {2}\d+ files\/s {2}ETA 0s {2}2 failed/);
    expect(text).toMatch(/\r\x1b\[Kdocs\/d1\/broken-syntax\.flow:2/);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').at(-2)).toMatch(/^rendered 5, skipped 0, failed 2 in /);
  });

  test('the rate is measured over the last seconds: start-up does not skew the ETA', async () => {
    const { ProgressLine } = await import('../../src/batch/progress.js');
    const chunks: string[] = [];
    let clock = 0;
    const line = new ProgressLine(
      { write: (c) => void chunks.push(String(c)), isTTY: true },
      1000,
      () => clock,
    );
    line.update(0, 0, true);
    clock = 5000; // five seconds of start-up before the first file
    line.update(1, 0);
    for (let done = 2; done <= 100; done++) {
      clock += 10; // then 100 files a second
      line.update(done, 0);
    }
    line.update(100, 1, true);
    expect(chunks.at(-1)).toBe(
      '\r\x1b[K[##------------------] 100/1000  100 files/s  ETA 9s  1 failed',
    );
    line.clear();
    expect(chunks.at(-1)).toBe('\r\x1b[K');
  });

  test('off a terminal: no progress line, only failures and the summary', async () => {
    tree = generateTree(3);
    const r = await cli(['render', 'docs', '-o', 'out'], tree.dir);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(3);
  });
});
