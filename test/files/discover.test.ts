/**
 * File discovery (shared by lint, render --check and batch) and output placement.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles } from '../../src/files/discover.js';
import { nodeFileSystem } from '../../src/files/fs.js';
import { commonBase, formatFromExtension, outputPathFor } from '../../src/files/output-paths.js';
import { isGlobPattern } from '../../src/files/glob-pattern.js';
import { tempTree } from '../cli/helpers.js';

let tree: { dir: string; cleanup: () => void };
beforeEach(() => {
  tree = tempTree({
    'docs/a.flow': '',
    'docs/b/c.flow': '',
    'docs/b/readme.md': '',
    'docs/node_modules/pkg/x.flow': '',
    'docs/out/old.flow': '',
    'other/z.flow': '',
  });
});
afterEach(() => tree.cleanup());

const discover = (inputs: string[], options: Partial<Parameters<typeof discoverFiles>[1]> = {}) =>
  discoverFiles(inputs, { cwd: tree.dir, fs: nodeFileSystem, ...options });
const rel = (files: string[]) => files.map((f) => path.relative(tree.dir, f));

describe('discoverFiles', () => {
  test('folders are walked recursively and sorted, skipping node_modules; other extensions are left out', async () => {
    const { files, problems } = await discover(['docs']);
    expect(rel(files)).toEqual(['docs/a.flow', 'docs/b/c.flow', 'docs/out/old.flow']);
    expect(problems).toEqual([]);
  });

  test('an output folder inside the input tree is not read', async () => {
    const { files } = await discover(['docs'], { excludeDirs: ['docs/out'] });
    expect(rel(files)).toEqual(['docs/a.flow', 'docs/b/c.flow']);
  });

  test('a symbolic link loop ends, and a linked file is listed once', async () => {
    fs.symlinkSync(path.join(tree.dir, 'docs'), path.join(tree.dir, 'docs/b/loop'));
    fs.symlinkSync(path.join(tree.dir, 'docs/a.flow'), path.join(tree.dir, 'docs/b/same.flow'));
    const { files, problems } = await discover(['docs']);
    expect(rel(files)).toEqual(['docs/a.flow', 'docs/b/c.flow', 'docs/out/old.flow']);
    expect(problems).toEqual([]);
  });

  test('a dangling link is skipped', async () => {
    fs.symlinkSync(path.join(tree.dir, 'nowhere.flow'), path.join(tree.dir, 'docs/dangling.flow'));
    expect(rel((await discover(['docs'])).files)).toEqual([
      'docs/a.flow',
      'docs/b/c.flow',
      'docs/out/old.flow',
    ]);
  });

  test('an unreadable folder is reported and the rest is still found', async () => {
    const fsWithLockedFolder = {
      ...nodeFileSystem,
      readdir: async (dir: string, options: { withFileTypes: true }) => {
        if (dir.endsWith(`${path.sep}b`))
          throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        return nodeFileSystem.readdir(dir, options);
      },
    };
    const { files, problems } = await discover(['docs'], { fs: fsWithLockedFolder });
    expect(rel(files)).toEqual(['docs/a.flow', 'docs/out/old.flow']);
    expect(problems).toEqual([
      { input: path.join(tree.dir, 'docs/b'), message: 'permission denied' },
    ]);
  });

  test('globs keep .flow files only; explicit files are taken whatever their extension', async () => {
    expect(rel((await discover(['docs/**/*'])).files)).toEqual([
      'docs/a.flow',
      'docs/b/c.flow',
      'docs/out/old.flow',
    ]);
    expect(rel((await discover(['docs/b/readme.md'])).files)).toEqual(['docs/b/readme.md']);
  });

  test('markdown: Markdown files with a flow fence are taken from folders and globs, others never', async () => {
    fs.writeFileSync(path.join(tree.dir, 'docs/guide.md'), '# Guide\n\n```flow\na: circle\n```\n');
    fs.writeFileSync(path.join(tree.dir, 'docs/b/tilde.markdown'), '~~~ flow id=x\n~~~\n');
    expect(rel((await discover(['docs'], { markdown: true })).files)).toEqual([
      'docs/a.flow',
      'docs/b/c.flow',
      'docs/b/tilde.markdown',
      'docs/guide.md',
      'docs/out/old.flow',
    ]);
    expect(rel((await discover(['docs/**/*.md'], { markdown: true })).files)).toEqual([
      'docs/guide.md',
    ]);
    // Without the option (flowc fmt) a walk keeps to .flow files.
    expect(rel((await discover(['docs'])).files)).toEqual([
      'docs/a.flow',
      'docs/b/c.flow',
      'docs/out/old.flow',
    ]);
    const none = await discover(['docs/b/readme.md', 'docs/**/*.md']);
    expect(rel(none.files)).toEqual(['docs/b/readme.md']);
    expect(none.problems).toEqual([
      { input: 'docs/**/*.md', message: "no .flow files match 'docs/**/*.md'" },
    ]);
  });

  test('argument order is kept, duplicates dropped', async () => {
    expect(rel((await discover(['other', 'docs/a.flow', 'docs'])).files)).toEqual([
      'other/z.flow',
      'docs/a.flow',
      'docs/b/c.flow',
      'docs/out/old.flow',
    ]);
  });

  test('ignore globs are relative to their base', async () => {
    const { files } = await discover(['docs', 'other'], {
      ignore: { patterns: ['docs/b/**', 'other/z.flow'], base: tree.dir },
    });
    expect(rel(files)).toEqual(['docs/a.flow', 'docs/out/old.flow']);
  });
});

describe('output placement', () => {
  test('formatFromExtension knows every extension flowc writes', () => {
    expect(
      ['a.svg', 'a.PNG', 'a.json', 'a.mmd', 'a.mermaid', 'a.dot', 'a.gv', 'a.txt', 'a'].map(
        formatFromExtension,
      ),
    ).toEqual(['svg', 'png', 'json', 'mermaid', 'mermaid', 'dot', 'dot', null, null]);
  });

  test('outputs go beside the source, or mirrored under the output folder', () => {
    expect(outputPathFor('/r/docs/a/b.flow', 'svg', null, '/r/docs')).toBe('/r/docs/a/b.svg');
    expect(outputPathFor('/r/docs/a/b.flow', 'mermaid', '/r/out', '/r/docs')).toBe(
      '/r/out/a/b.mmd',
    );
    expect(outputPathFor('/elsewhere/x.flow', 'png', '/r/out', '/r/docs')).toBe('/r/out/x.png');
    expect(outputPathFor('/r/docs/notes.txt', 'dot', null, '/r')).toBe('/r/docs/notes.txt.dot');
  });

  test('the common base of folders, files and globs', () => {
    const folders = new Set(['/r/docs', '/r/docs/a']);
    const isFolder = (p: string) => folders.has(p);
    expect(commonBase(['docs'], '/r', isFolder)).toBe('/r/docs');
    expect(commonBase(['docs/a', 'docs/b/x.flow'], '/r', isFolder)).toBe('/r/docs');
    expect(commonBase(['docs/**/*.flow'], '/r', isFolder)).toBe('/r/docs');
    expect(commonBase(['docs/x.flow', 'other/y.flow'], '/r', isFolder)).toBe('/r');
  });
});

describe('isGlobPattern', () => {
  test.each([
    ['docs/**/*.flow', true],
    ['a?.flow', true],
    ['[ab].flow', true],
    ['{a,b}.flow', true],
    ['!(x).flow', true],
    ['docs/a.flow', false],
    ['my-file (1).flow', false],
    ['a\\*.flow', false],
  ])('%s → %s', (input, expected) => {
    expect(isGlobPattern(input)).toBe(expected);
  });
});
