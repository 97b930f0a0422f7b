/**
 * The built CLI as a process: a run with nothing to do loads no pipeline code, and a run killed
 * outright (SIGKILL, no chance to clean up) leaves a cache that is valid and only names outputs
 * that exist, so the next run renders exactly what is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_FILE } from '../../src/batch/index.js';
import { BIN, generateTree, listFiles, REPO, type Tree } from './helpers.js';

let tree: Tree;
afterEach(() => tree?.cleanup());

const MODULE_LOG = path.join(REPO, 'test/batch/fixtures/module-log.mjs');

function modulesLoaded(argv: string[], cwd: string): { status: number | null; stderr: string; modules: string[] } {
  const log = path.join(cwd, 'modules.log');
  fs.rmSync(log, { force: true });
  const r = spawnSync(process.execPath, ['--import', MODULE_LOG, BIN, ...argv], {
    cwd,
    env: { ...process.env, FLOWC_TEST_MODULE_LOG: log },
    encoding: 'utf8',
  });
  const modules = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: r.status, stderr: r.stderr, modules };
}

/** Loaded files holding the layout engine (src/layout, bundled into some chunk: found by its error class). */
function layoutEngine(modules: readonly string[]): string[] {
  return modules.filter((url) => url.startsWith('file:') && /\bLayoutError = class\b/.test(fs.readFileSync(new URL(url), 'utf8')));
}

test('a run with nothing to render loads none of the pipeline', () => {
  tree = generateTree(6, { broken: false });
  const cold = modulesLoaded(['render', 'docs', '-o', 'out', '--jobs', '1'], tree.dir);
  expect(cold.status).toBe(0);
  // The control: rendering in this thread loads the task renderer and the layout engine.
  expect(cold.modules.some((url) => /\/render-task-[A-Z0-9]+\.js$/.test(url))).toBe(true);
  expect(layoutEngine(cold.modules)).not.toEqual([]);

  const noop = modulesLoaded(['render', 'docs', '-o', 'out'], tree.dir);
  expect(noop.status).toBe(0);
  expect(noop.stderr).toMatch(/^rendered 0, skipped 6, failed 0 in /m);
  expect(noop.modules.filter((url) => /\/(render-task-[A-Z0-9]+|batch-worker)\.js$/.test(url))).toEqual([]);
  expect(layoutEngine(noop.modules)).toEqual([]);
});

test('SIGKILL mid-run: the cache is whole and names only finished files; the next run renders the rest', async () => {
  tree = generateTree(300, { broken: false });
  const out = path.join(tree.dir, 'out');
  const child = spawn(process.execPath, [BIN, 'render', 'docs', '-o', 'out', '--jobs', '2'], { cwd: tree.dir, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // Wait for a checkpoint of the cache (saved about once a second during a run), then kill.
  while (!fs.existsSync(path.join(out, CACHE_FILE))) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  await exited;

  const cache = JSON.parse(fs.readFileSync(path.join(out, CACHE_FILE), 'utf8')) as { entries: Record<string, { outputs: string[] }> };
  const finished = Object.keys(cache.entries);
  expect(finished.length).toBeGreaterThan(0);
  const svgs = listFiles(out).filter((f) => f.endsWith('.svg'));
  for (const entry of Object.values(cache.entries)) for (const o of entry.outputs) expect(svgs).toContain(o);
  // Outputs are renamed into place whole: every one present is complete, killed or not.
  for (const svg of svgs) expect(fs.readFileSync(path.join(out, svg), 'utf8').trimEnd().endsWith('</svg>')).toBe(true);

  const next = spawnSync(process.execPath, [BIN, 'render', 'docs', '-o', 'out'], { cwd: tree.dir, encoding: 'utf8' });
  expect(next.status).toBe(0);
  expect(next.stderr).toMatch(new RegExp(`^rendered ${300 - finished.length}, skipped ${finished.length}, failed 0 in `, 'm'));
  expect(listFiles(out).filter((f) => f.endsWith('.svg'))).toHaveLength(300);
});
