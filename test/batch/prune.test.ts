/**
 * `flowc render --prune` (src/batch/prune.ts): the outputs flowc wrote for sources that are gone
 * are removed and named; nothing flowc did not write (a file of the user's, a link, a path a
 * damaged cache points outside the output folder) is ever removed; `--check --prune` lists them
 * and removes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_FILE } from '../../src/batch/index.js';
import { sliceOf } from '../../src/batch/shard.js';
import { cli, generateTree, listFiles, validFlow, writeFile, type Tree } from './helpers.js';

let tree: Tree;
afterEach(() => tree?.cleanup());

const at = (rel: string) => path.join(tree.dir, rel);
const outputs = (dir: string) => listFiles(at(dir)).filter((f) => f !== CACHE_FILE);
const cacheKeys = (dir: string) =>
  Object.keys(
    (JSON.parse(fs.readFileSync(at(`${dir}/${CACHE_FILE}`), 'utf8')) as { entries: object })
      .entries,
  ).sort();

/** docs/keep.flow, docs/gone/a.flow, docs/gone/b.flow rendered to out/ as SVG and DOT. */
async function rendered(): Promise<void> {
  tree = generateTree(0, { broken: false });
  writeFile(at('docs/keep.flow'), validFlow(1));
  writeFile(at('docs/gone/a.flow'), validFlow(2));
  writeFile(at('docs/gone/b.flow'), validFlow(3));
  expect((await cli(['render', 'docs', '-o', 'out', '-f', 'svg,dot'], tree.dir)).code).toBe(0);
  expect(outputs('out')).toEqual([
    'gone/a.dot',
    'gone/a.svg',
    'gone/b.dot',
    'gone/b.svg',
    'keep.dot',
    'keep.svg',
  ]);
}

test('the outputs of deleted sources are removed and named; empty folders go too; the cache forgets them', async () => {
  await rendered();
  fs.rmSync(at('docs/gone'), { recursive: true });
  const r = await cli(['render', 'docs', '-o', 'out', '-f', 'svg,dot', '--prune'], tree.dir);
  expect(r.code).toBe(0);
  expect(r.stderr.trimEnd().split('\n')).toEqual([
    'removed out/gone/a.dot (docs/gone/a.flow is gone)',
    'removed out/gone/a.svg (docs/gone/a.flow is gone)',
    'removed out/gone/b.dot (docs/gone/b.flow is gone)',
    'removed out/gone/b.svg (docs/gone/b.flow is gone)',
    expect.stringMatching(/^rendered 0, skipped 1, failed 0, removed 4 in /),
  ]);
  expect(outputs('out')).toEqual(['keep.dot', 'keep.svg']);
  expect(fs.existsSync(at('out/gone'))).toBe(false);
  expect(cacheKeys('out')).toEqual(['keep.flow']);
  // Nothing left to prune.
  const again = await cli(['render', 'docs', '-o', 'out', '-f', 'svg,dot', '--prune'], tree.dir);
  expect(again.stderr).toMatch(/^rendered 0, skipped 1, failed 0, removed 0 in /);
});

test('without --prune nothing is removed', async () => {
  await rendered();
  fs.rmSync(at('docs/gone'), { recursive: true });
  const r = await cli(['render', 'docs', '-o', 'out', '-f', 'svg,dot'], tree.dir);
  expect(r.stderr).toMatch(/^rendered 0, skipped 1, failed 0 in /);
  expect(outputs('out')).toHaveLength(6);
});

test('a format dropped from -f: its outputs are removed with --prune', async () => {
  await rendered();
  const r = await cli(['render', 'docs', '-o', 'out', '-f', 'svg', '--prune'], tree.dir);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('removed out/keep.dot (docs/keep.flow no longer has it)');
  expect(outputs('out')).toEqual(['gone/a.svg', 'gone/b.svg', 'keep.svg']);
});

test('files flowc did not write, links, and paths outside the output folder are never removed', async () => {
  await rendered();
  fs.rmSync(at('docs/gone'), { recursive: true });
  writeFile(at('out/gone/mine.svg'), '<svg>mine</svg>');
  // A link in place of an output: the link is not removed, nor what it points to.
  writeFile(at('precious.svg'), 'precious');
  fs.rmSync(at('out/gone/a.svg'));
  fs.symlinkSync(at('precious.svg'), at('out/gone/a.svg'));
  // A folder of outputs replaced by a link to somewhere else.
  writeFile(at('elsewhere/b.dot'), 'not flowc');
  fs.rmSync(at('out/gone/b.dot'));
  // A damaged cache naming files outside the output folder, for a source that is gone.
  const cache = JSON.parse(fs.readFileSync(at(`out/${CACHE_FILE}`), 'utf8')) as {
    entries: Record<string, { hash: string; outputs: string[] }>;
  };
  writeFile(at('victim.txt'), 'victim');
  cache.entries['evil.flow'] = { hash: 'x', outputs: ['../victim.txt', '/etc/hostname', ''] };
  cache.entries['gone/b.flow']!.outputs.push('link/b.dot');
  fs.symlinkSync(at('elsewhere'), at('out/link'));
  fs.writeFileSync(at(`out/${CACHE_FILE}`), JSON.stringify(cache));

  const r = await cli(['render', 'docs', '-o', 'out', '-f', 'svg,dot', '--prune'], tree.dir);
  expect(r.code).toBe(0);
  expect(r.stderr.trimEnd().split('\n')).toEqual([
    'removed out/gone/a.dot (docs/gone/a.flow is gone)',
    'removed out/gone/b.svg (docs/gone/b.flow is gone)',
    expect.stringMatching(/^rendered 0, skipped 1, failed 0, removed 2 in /),
  ]);
  expect(outputs('out').sort()).toEqual(
    ['gone/a.svg', 'gone/mine.svg', 'keep.dot', 'keep.svg', 'link'].sort(),
  );
  expect(fs.lstatSync(at('out/gone/a.svg')).isSymbolicLink()).toBe(true);
  expect(fs.readFileSync(at('precious.svg'), 'utf8')).toBe('precious');
  expect(fs.readFileSync(at('victim.txt'), 'utf8')).toBe('victim');
  expect(fs.readFileSync(at('elsewhere/b.dot'), 'utf8')).toBe('not flowc');
});

test('--check --prune lists the outputs of deleted sources, exits 1 and removes nothing', async () => {
  await rendered();
  fs.rmSync(at('docs/gone/a.flow'));
  const r = await cli(
    ['render', '--check', 'docs', '-o', 'out', '-f', 'svg,dot', '--prune'],
    tree.dir,
  );
  expect(r.code).toBe(1);
  expect(r.stdout.trimEnd().split('\n')).toEqual([
    'orphan   out/gone/a.dot  (docs/gone/a.flow is gone)',
    'orphan   out/gone/a.svg  (docs/gone/a.flow is gone)',
    '✖ 2 outputs of deleted sources: run flowc render --prune to update them',
  ]);
  expect(outputs('out')).toHaveLength(6);
  // Without --prune, --check looks only at the sources there are.
  const plain = await cli(['render', '--check', 'docs', '-o', 'out', '-f', 'svg,dot'], tree.dir);
  expect(plain.code).toBe(0);
});

test('outputs beside their sources: pruned, and the source folder itself is left alone', async () => {
  tree = generateTree(0, { broken: false });
  writeFile(at('docs/keep.flow'), validFlow(1));
  writeFile(at('docs/sub/old.flow'), validFlow(2));
  expect((await cli(['render', 'docs'], tree.dir)).code).toBe(0);
  fs.rmSync(at('docs/sub/old.flow'));
  const r = await cli(['render', 'docs', '--prune'], tree.dir);
  expect(r.stderr).toContain('removed docs/sub/old.svg (docs/sub/old.flow is gone)');
  expect(fs.existsSync(at('docs/sub'))).toBe(true);
  expect(listFiles(at('docs'))).toEqual([CACHE_FILE, 'keep.flow', 'keep.svg']);
});

test('--prune with one file and -o FILE is a usage error', async () => {
  tree = generateTree(0, { broken: false });
  writeFile(at('a.flow'), validFlow(1));
  const r = await cli(['render', 'a.flow', '-o', 'a.svg', '--prune'], tree.dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--prune removes the outputs of deleted sources');
  expect(fs.existsSync(at('a.svg'))).toBe(false);
});

test('--shard K/N --prune looks only at the sources of slice K', async () => {
  tree = generateTree(0, { broken: false });
  const names = Array.from({ length: 8 }, (_, i) => `f${i}.flow`);
  for (const [i, name] of names.entries()) writeFile(at(`docs/${name}`), validFlow(i));
  expect((await cli(['render', 'docs', '-o', 'out'], tree.dir)).code).toBe(0);
  for (const name of names) fs.rmSync(at(`docs/${name}`));
  writeFile(at('docs/keep.flow'), validFlow(99));
  const inSlice = (name: string) => sliceOf(name, 2) === 1;
  expect(names.some(inSlice) && !names.every(inSlice)).toBe(true); // both slices are tried
  const r = await cli(['render', 'docs', '-o', 'out', '--shard', '1/2', '--prune'], tree.dir);
  expect(r.code).toBe(0);
  const left = outputs('out').filter((f) => f !== 'keep.svg');
  expect(left).toEqual(
    names
      .filter((n) => !inSlice(n))
      .map((n) => n.replace('.flow', '.svg'))
      .sort(),
  );
});
