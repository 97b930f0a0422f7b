/**
 * The path helpers that replace `path` calls on hot paths must answer as `path` does.
 */
import * as path from 'node:path';
import { childPath, leavesBase, pathBelow, splitPath } from '../../src/util/paths.js';

const files = [
  '/a/b/c.svg',
  '/a/b.svg',
  '/b.svg',
  '/',
  '/a/b/',
  '/a/.hidden',
  '/a/b c/d e.svg',
  '/a/b/..svg',
  '/a//b',
];

test('splitPath is path.dirname and path.basename', () => {
  for (const file of files)
    expect([file, splitPath(file)]).toEqual([
      file,
      { folder: path.dirname(file), name: path.basename(file) },
    ]);
});

test('pathBelow is path.relative; childPath is path.join', () => {
  for (const base of ['/a', '/a/', '/', '/a/b/c', '/ab'])
    for (const file of files.filter((f) => path.normalize(f) === f && !f.endsWith('/')))
      expect([base, file, pathBelow(base, file)]).toEqual([base, file, path.relative(base, file)]);
  for (const folder of ['/a', '/a/b', '/'])
    for (const name of ['x.flow', '.x', 'a b'])
      expect(childPath(folder, name)).toBe(path.join(folder, name));
});

test('leavesBase: only `..`, `../…` and other roots leave; names starting with dots stay inside', () => {
  const leaves = (base: string, file: string) => leavesBase(path.relative(base, file));
  expect(leaves('/r/docs', '/r/docs/..x/a.flow')).toBe(false);
  expect(leaves('/r/docs', '/r/docs/...flow')).toBe(false);
  expect(leaves('/r/docs', '/r/docs/a/..b')).toBe(false);
  expect(leaves('/r/docs', '/r/docs/a.flow')).toBe(false);
  expect(leaves('/r/docs', '/r/docs')).toBe(false);
  expect(leaves('/r/docs', '/r')).toBe(true);
  expect(leaves('/r/docs', '/r/x.flow')).toBe(true);
  expect(leaves('/r/docs', '/r/docsy/x.flow')).toBe(true);
  expect(leaves('/r/docs', '/elsewhere')).toBe(true);
});
