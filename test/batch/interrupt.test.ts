/**
 * Ctrl-C: the run stops dispatching, files in flight finish, no partial or temporary file is left,
 * the cache keeps what finished, a summary line is printed and the exit code is 130.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileFormats } from '../../src/compile.js';
import { CACHE_FILE } from '../../src/batch/index.js';
import type { CompileFormats } from '../../src/batch/index.js';
import { batch, BIN, generateTree, listFiles, request, type Tree } from './helpers.js';

let tree: Tree;
afterEach(() => tree?.cleanup());

function expectCleanOutput(out: string): string[] {
  const files = listFiles(out);
  expect(
    files.filter(
      (f) => f.endsWith('.tmp') || (path.basename(f).startsWith('.') && f !== CACHE_FILE),
    ),
  ).toEqual([]);
  const svgs = files.filter((f) => f.endsWith('.svg'));
  for (const svg of svgs)
    expect(fs.readFileSync(path.join(out, svg), 'utf8').trimEnd().endsWith('</svg>')).toBe(true);
  const cache = JSON.parse(fs.readFileSync(path.join(out, CACHE_FILE), 'utf8')) as {
    entries: Record<string, { outputs: string[] }>;
  };
  // Every file the cache says is done has its output, so the next run skips exactly those.
  for (const entry of Object.values(cache.entries))
    for (const o of entry.outputs) expect(svgs).toContain(o);
  expect(Object.keys(cache.entries)).toHaveLength(svgs.length);
  return svgs;
}

// --jobs 1 (issue 14, item 11): this thread renders, and its file system calls are synchronous, so
// without a turn of the event loop between files the SIGINT handler never ran: all 400 were drawn.
test.each([
  ['on worker threads', '2'],
  ['on one thread (--jobs 1)', '1'],
])(
  'SIGINT to `flowc render DIR -o OUT` %s: exit 130, nothing partial, the cache kept',
  async (_, jobs) => {
    tree = generateTree(400, { broken: false });
    const out = path.join(tree.dir, 'out');
    const child = spawn(process.execPath, [BIN, 'render', 'docs', '-o', 'out', '--jobs', jobs], {
      cwd: tree.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    // Interrupt once some outputs exist: mid-run.
    while (listFiles(out).filter((f) => f.endsWith('.svg')).length < 10)
      await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    const code = await exited;
    expect(stderr).toMatch(
      /^interrupted: rendered \d+, skipped 0, failed 0, not rendered \d+ in /m,
    );
    expect(code).toBe(130);
    const svgs = expectCleanOutput(out);
    expect(svgs.length).toBeGreaterThanOrEqual(10);
    expect(svgs.length).toBeLessThan(400);
    const rendered = Number(/rendered (\d+)/.exec(stderr)![1]);
    expect(rendered).toBe(svgs.length);

    // The next run renders only what was left.
    const resumed = spawn(process.execPath, [BIN, 'render', 'docs', '-o', 'out'], {
      cwd: tree.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let resumedErr = '';
    resumed.stderr.on('data', (chunk: Buffer) => (resumedErr += chunk.toString('utf8')));
    expect(await new Promise((resolve) => resumed.on('exit', resolve))).toBe(0);
    expect(resumedErr).toMatch(
      new RegExp(`^rendered ${400 - svgs.length}, skipped ${svgs.length}, failed 0 in `, 'm'),
    );
  },
);

test('an abort in this thread stops after the file in flight, with exit code 130', async () => {
  tree = generateTree(10, { broken: false });
  const controller = new AbortController();
  let calls = 0;
  const abortOnThird: CompileFormats = (source, formats, options) => {
    if (++calls === 3) controller.abort();
    return compileFormats(source, formats, options);
  };
  const { summary, stderr } = await batch(request(tree.dir, tree.valid, { quiet: true }), {
    signal: controller.signal,
    compileFormats: abortOnThird,
  });
  expect(calls).toBe(3);
  expect(summary).toMatchObject({ rendered: 3, interrupted: true, exitCode: 130 });
  // Even --quiet says why the run stopped.
  expect(stderr).toMatch(/^interrupted: rendered 3, skipped 0, failed 0, not rendered 7 in /);
  expectCleanOutput(path.join(tree.dir, 'out'));
  const next = await batch(request(tree.dir, tree.valid));
  expect(next.summary).toMatchObject({ rendered: 7, skipped: 3 });
});
