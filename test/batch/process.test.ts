/**
 * The built CLI as a process: a run with nothing to do loads no pipeline code, and a run killed
 * outright (SIGKILL, no chance to clean up) leaves a cache that is valid and only names outputs
 * that exist, so the next run renders exactly what is missing. Two runs into one output folder at
 * once keep each other's cache entries.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_FILE } from '../../src/batch/index.js';
import { CACHE_LOCK_FILE } from '../../src/batch/cache.js';
import { BIN, generateTree, listFiles, validFlow, writeFile, type Tree } from './helpers.js';

const REPO_SAMPLES = path.join(path.dirname(BIN), '..', 'samples');

let tree: Tree;
afterEach(() => tree?.cleanup());

/**
 * The functions a CLI run executed, from V8's own coverage (NODE_V8_COVERAGE): the CLI is one
 * bundled script (dist/cli.cjs) whose modules are initialised only when first imported, so "was
 * the layout engine loaded" is "did any of its functions run".
 */
function functionsRun(
  argv: string[],
  cwd: string,
): {
  status: number | null;
  stdout: string;
  stderr: string;
  functions: Set<string>;
  scripts: string[];
  /** The scripts that ran a function of this name. */
  scriptsRunning: (name: string) => string[];
} {
  const dir = fs.mkdtempSync(path.join(cwd, 'coverage-'));
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd,
    env: { ...process.env, NODE_V8_COVERAGE: dir },
    encoding: 'utf8',
  });
  const functions = new Set<string>();
  const scripts: string[] = [];
  const ran = new Map<string, Set<string>>();
  for (const file of fs.readdirSync(dir)) {
    const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
    };
    for (const script of report.result) {
      if (!/\/dist\//.test(script.url)) continue;
      scripts.push(script.url);
      for (const fn of script.functions)
        if ((fn.ranges[0]?.count ?? 0) > 0 && fn.functionName) {
          functions.add(fn.functionName);
          if (!ran.has(fn.functionName)) ran.set(fn.functionName, new Set());
          ran.get(fn.functionName)!.add(script.url);
        }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    functions,
    scripts,
    scriptsRunning: (name) => [...(ran.get(name) ?? [])],
  };
}

test('a run with nothing to render runs none of the pipeline', () => {
  tree = generateTree(6, { broken: false });
  const cold = functionsRun(['render', 'docs', '-o', 'out', '--jobs', '1'], tree.dir);
  expect(cold.status).toBe(0);
  // The control: rendering in this thread runs the task renderer, the parser and the layout engine.
  for (const name of ['renderTask', 'parseLines', 'layout']) expect(cold.functions).toContain(name);

  const noop = functionsRun(['render', 'docs', '-o', 'out'], tree.dir);
  expect(noop.status).toBe(0);
  expect(noop.stderr).toMatch(/^rendered 0, skipped 6, failed 0 in /m);
  for (const name of ['renderTask', 'parseLines', 'layout'])
    expect(noop.functions).not.toContain(name);
  expect(noop.scripts.filter((url) => url.endsWith('/batch-worker.js'))).toEqual([]);
  // The CLI is in pieces (scripts/build.mjs): the pieces holding the task renderer, the parser and
  // the layout engine are not even read and compiled (they were most of the one bundle before).
  const pipeline = ['renderTask', 'parseLines', 'layout'].flatMap((n) => cold.scriptsRunning(n));
  expect(pipeline.length).toBeGreaterThanOrEqual(1);
  for (const url of pipeline) expect(url).toMatch(/\/dist\/cli-chunks\//);
  expect(noop.scripts.filter((url) => pipeline.includes(url))).toEqual([]);
});

test('a run with nothing to render does not load node:os (the cache lock, which names the host, is not taken)', () => {
  tree = generateTree(6, { broken: false });
  // A preloaded script writes the Node modules the run loaded to a file as the process exits.
  const hook = path.join(tree.dir, 'modules-hook.cjs');
  const list = path.join(tree.dir, 'modules.txt');
  writeFile(
    hook,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));\n`,
  );
  const loaded = (argv: string[]): string[] => {
    const r = spawnSync(process.execPath, ['-r', hook, BIN, ...argv], {
      cwd: tree.dir,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    return fs.readFileSync(list, 'utf8').split('\n');
  };
  // The control: a run that renders (and saves its cache under a lock) loads node:os.
  expect(loaded(['render', 'docs', '-o', 'out', '--jobs', '1'])).toContain('NativeModule os');
  const noop = loaded(['render', 'docs', '-o', 'out']);
  expect(noop).toContain('NativeModule vm');
  expect(noop).not.toContain('NativeModule os');
});

test('ignore globs that cannot match the rendered folders leave the glob library unloaded', () => {
  tree = generateTree(6, { broken: false });
  writeFile(
    path.join(tree.dir, 'flowc.config.json'),
    '{ "ignore": ["drafts/**", "docs/**/skip.flow"] }\n',
  );
  // The glob library is a piece of its own (dist/cli-chunks/picomatch-HASH.cjs).
  const globsLoaded = (run: ReturnType<typeof functionsRun>): boolean =>
    run.scripts.some((url) => /\/picomatch-[A-Z0-9]{8}\.cjs$/.test(url));
  const cold = functionsRun(['render', 'docs', '-o', 'out', '--jobs', '1'], tree.dir);
  expect(cold.status).toBe(0);
  const noop = functionsRun(['render', 'docs', '-o', 'out'], tree.dir);
  expect(noop.status).toBe(0);
  expect(noop.stderr).toMatch(/^rendered 0, skipped 6, failed 0 in /m);
  // `docs/**/skip.flow` may match inside docs/: its files are matched by the globs (none is ignored).
  expect(globsLoaded(noop)).toBe(true);
  // drafts/** cannot match anything in docs/ (the first name differs): picomatch is not loaded.
  writeFile(path.join(tree.dir, 'flowc.config.json'), '{ "ignore": ["drafts/**"] }\n');
  const quiet = functionsRun(['render', 'docs', '-o', 'out'], tree.dir);
  expect(quiet.status).toBe(0);
  expect(quiet.stderr).toMatch(/^rendered 0, skipped 6, failed 0 in /m);
  expect(globsLoaded(quiet)).toBe(false);
  // The control: a file in drafts/ is ignored, by the globs.
  writeFile(path.join(tree.dir, 'drafts', 'x.flow'), validFlow(1));
  const drafts = functionsRun(['lint', 'docs', 'drafts'], tree.dir);
  expect(drafts.stderr).toContain("every .flow or Markdown file in 'drafts' is ignored");
  expect(globsLoaded(drafts)).toBe(true);
});

test('a render or lint of a valid file never loads Ohm; a line only Ohm can explain does', () => {
  tree = generateTree(1, { broken: false });
  const ohmRan = (run: ReturnType<typeof functionsRun>): boolean =>
    [...run.functions].some((name) => /^makeRecipe\d*$/.test(name)) ||
    run.scripts.some((url) => url.includes('/node_modules/ohm-js/'));
  // The front path and the compiled matcher answer every line of a valid file (src/syntax/grammar.ts).
  const render = functionsRun(
    ['render', path.join(REPO_SAMPLES, 'cqrs.flow'), '-o', 'x.svg'],
    tree.dir,
  );
  expect(render.status).toBe(0);
  expect(render.functions).toContain('parseLines');
  expect(ohmRan(render)).toBe(false);
  const lint = functionsRun(['lint', path.join(REPO_SAMPLES, 'cqrs.flow')], tree.dir);
  expect(lint.status).toBe(0);
  expect(ohmRan(lint)).toBe(false);
  // The control: a broken line is explained by Ohm, with Ohm's expectations.
  writeFile(path.join(tree.dir, 'broken.flow'), 'a: circle label:"A"\na -> \n');
  const broken = functionsRun(['lint', 'broken.flow'], tree.dir);
  expect(broken.status).toBe(1);
  expect(broken.stdout).toContain('unexpected end of line: expected an identifier');
  expect(ohmRan(broken)).toBe(true);
});

test('SIGKILL mid-run: the cache is whole and names only finished files; the next run renders the rest', async () => {
  tree = generateTree(300, { broken: false });
  const out = path.join(tree.dir, 'out');
  const child = spawn(process.execPath, [BIN, 'render', 'docs', '-o', 'out', '--jobs', '2'], {
    cwd: tree.dir,
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // Wait for a checkpoint of the cache (saved about once a second during a run), then kill.
  while (!fs.existsSync(path.join(out, CACHE_FILE))) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  await exited;

  const cache = JSON.parse(fs.readFileSync(path.join(out, CACHE_FILE), 'utf8')) as {
    entries: Record<string, { outputs: string[] }>;
  };
  const finished = Object.keys(cache.entries);
  expect(finished.length).toBeGreaterThan(0);
  const svgs = listFiles(out).filter((f) => f.endsWith('.svg'));
  for (const entry of Object.values(cache.entries))
    for (const o of entry.outputs) expect(svgs).toContain(o);
  // Outputs are renamed into place whole: every one present is complete, killed or not.
  for (const svg of svgs)
    expect(fs.readFileSync(path.join(out, svg), 'utf8').trimEnd().endsWith('</svg>')).toBe(true);

  const next = spawnSync(process.execPath, [BIN, 'render', 'docs', '-o', 'out'], {
    cwd: tree.dir,
    encoding: 'utf8',
  });
  expect(next.status).toBe(0);
  expect(next.stderr).toMatch(
    new RegExp(`^rendered ${300 - finished.length}, skipped ${finished.length}, failed 0 in `, 'm'),
  );
  expect(listFiles(out).filter((f) => f.endsWith('.svg'))).toHaveLength(300);
});

test('three runs into one output folder at the same time keep every cache entry', async () => {
  tree = generateTree(0, { broken: false });
  const parts = ['a', 'b', 'c'];
  const perRun = 150;
  for (const part of parts)
    for (let i = 0; i < perRun; i++)
      writeFile(path.join(tree.dir, 'docs', part, `f${i}.flow`), validFlow(i));
  // A big repository's cache (5,000 other sources): each save takes long enough to overlap.
  const seeded = 5_000;
  const entries: Record<string, { hash: string; outputs: string[] }> = {};
  for (let i = 0; i < seeded; i++)
    entries[`other/${i}.flow`] = { hash: i.toString(16).padStart(40, '0'), outputs: [] };
  writeFile(path.join(tree.dir, 'out', CACHE_FILE), JSON.stringify({ format: 1, entries }));
  const run = (part: string): Promise<number | null> => {
    const child = spawn(
      process.execPath,
      [BIN, 'render', `docs/${part}`, '--base', 'docs', '-o', 'out', '--jobs', '1', '-q'],
      { cwd: tree.dir, stdio: 'ignore' },
    );
    return new Promise((resolve) => child.on('exit', resolve));
  };
  expect(await Promise.all(parts.map(run))).toEqual([0, 0, 0]);
  const cache = JSON.parse(fs.readFileSync(path.join(tree.dir, 'out', CACHE_FILE), 'utf8')) as {
    entries: Record<string, unknown>;
  };
  expect(Object.keys(cache.entries)).toHaveLength(seeded + parts.length * perRun);
  expect(fs.existsSync(path.join(tree.dir, 'out', CACHE_LOCK_FILE))).toBe(false);
  // And so a run over all of them has nothing to do.
  const again = spawnSync(process.execPath, [BIN, 'render', 'docs', '-o', 'out'], {
    cwd: tree.dir,
    encoding: 'utf8',
  });
  expect(again.stderr).toMatch(
    new RegExp(`^rendered 0, skipped ${parts.length * perRun}, failed 0 in `, 'm'),
  );
});

test('another flowc version renders everything again, once; so does a changed configuration', () => {
  tree = generateTree(4, { broken: false });
  // The same build under another version: bin/ copied, dist/ and fonts/ linked, a package.json
  // naming another version (flowc finds its version by walking up from dist/, src/util/package.ts).
  const repo = path.join(path.dirname(BIN), '..');
  const other = fs.mkdtempSync(path.join(tree.dir, 'flowc-'));
  fs.cpSync(path.join(repo, 'bin'), path.join(other, 'bin'), { recursive: true });
  for (const entry of ['dist', 'fonts', 'node_modules'])
    fs.symlinkSync(path.join(repo, entry), path.join(other, entry));
  const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    version: string;
  };
  fs.writeFileSync(
    path.join(other, 'package.json'),
    JSON.stringify({ ...manifest, version: `${manifest.version}-other` }),
  );
  const run = (bin: string, ...more: string[]) => {
    const r = spawnSync(process.execPath, [bin, 'render', 'docs', '-o', 'out', ...more], {
      cwd: tree.dir,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    return /^rendered (\d+), skipped (\d+)/m.exec(r.stderr)!.slice(1).map(Number);
  };
  const otherBin = path.join(other, 'bin', 'flowc.js');
  expect(
    spawnSync(process.execPath, [otherBin, '--version'], { encoding: 'utf8' }).stdout,
  ).toContain(`${manifest.version}-other`);
  expect(run(BIN)).toEqual([4, 0]);
  expect(run(BIN)).toEqual([0, 4]);
  expect(run(otherBin)).toEqual([4, 0]);
  expect(run(otherBin)).toEqual([0, 4]);
  expect(run(BIN)).toEqual([4, 0]);

  // The configuration's render options decide the outputs too.
  writeFile(path.join(tree.dir, 'flowc.config.json'), '{ "render": { "theme": "dark" } }\n');
  expect(run(BIN)).toEqual([4, 0]);
  expect(run(BIN)).toEqual([0, 4]);
  writeFile(path.join(tree.dir, 'flowc.config.json'), '{ "rules": { "dead-end": "off" } }\n');
  expect(run(BIN)).toEqual([4, 0]);
  expect(run(BIN)).toEqual([0, 4]);
});
