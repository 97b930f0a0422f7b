/**
 * File discovery (shared by lint, render --check and batch) and output placement.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, IgnoreMatcher, ignoreMatcher } from '../../src/files/discover.js';
import { nodeFileSystem } from '../../src/files/fs.js';
import {
  commonBase,
  FORMAT_EXTENSIONS,
  formatFromExtension,
  mirroredOutput,
  outputPathFor,
  withSeparator,
} from '../../src/files/output-paths.js';
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

  test('a link leading out of the walked folder is not followed (item 2: a secret behind a link)', async () => {
    fs.writeFileSync(path.join(tree.dir, 'secret.txt'), 'API_KEY=hunter2\n');
    fs.symlinkSync(path.join(tree.dir, 'secret.txt'), path.join(tree.dir, 'docs/secret.flow'));
    fs.symlinkSync('/proc/self/environ', path.join(tree.dir, 'docs/environ.flow'));
    fs.symlinkSync(path.join(tree.dir, 'other'), path.join(tree.dir, 'docs/other-link'));
    fs.symlinkSync('/', path.join(tree.dir, 'docs/root'));
    const { files, problems } = await discover(['docs']);
    expect(rel(files)).toEqual(['docs/a.flow', 'docs/b/c.flow', 'docs/out/old.flow']);
    expect(problems).toEqual([]);
    // Walked from the parent folder, the same links stay inside it and are followed.
    expect(rel((await discover(['.'])).files)).toContain('docs/secret.flow');
  });

  test('a glob does not follow a link out of its fixed part either', async () => {
    fs.symlinkSync('/proc/self/environ', path.join(tree.dir, 'docs/environ.flow'));
    fs.symlinkSync(path.join(tree.dir, 'other/z.flow'), path.join(tree.dir, 'docs/z.flow'));
    expect(rel((await discover(['docs/*.flow'])).files)).toEqual(['docs/a.flow']);
  });

  test('a file named explicitly is read even through a link (the user chose it)', async () => {
    fs.symlinkSync(path.join(tree.dir, 'other/z.flow'), path.join(tree.dir, 'docs/z.flow'));
    expect(rel((await discover(['docs/z.flow'])).files)).toEqual(['docs/z.flow']);
  });

  test('a folder tree 2,000 levels deep is walked without recursion', async () => {
    // Each level one letter: the path stays under PATH_MAX (4,096) for 2,000 levels.
    let dir = path.join(tree.dir, 'deep');
    const levels = 2000;
    fs.mkdirSync(dir);
    for (let i = 0; i < levels; i++) dir = path.join(dir, 'd');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'x.flow'), '');
    try {
      const { files, problems } = await discover(['deep']);
      expect(problems).toEqual([]);
      expect(files).toHaveLength(1);
    } finally {
      // Node's own recursive removal would overflow the stack on this tree.
      spawnSync('rm', ['-rf', path.join(tree.dir, 'deep')]);
    }
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

  test('ignore globs are matched per path: nothing is listed from the disk for them', async () => {
    const calls: string[] = [];
    const counting = {
      ...nodeFileSystem,
      readdir: async (dir: string, options: { withFileTypes: true }) => {
        calls.push(dir);
        return nodeFileSystem.readdir(dir, options);
      },
    };
    const { files } = await discover(['docs/a.flow'], {
      fs: counting,
      ignore: { patterns: ['**/drafts/**', '**/node_modules/**', 'docs/b'], base: tree.dir },
    });
    expect(rel(files)).toEqual(['docs/a.flow']);
    expect(calls).toEqual([]);
  });

  test('an ignore glob naming a folder leaves out everything in it; ./ prefixes are allowed', async () => {
    const { files } = await discover(['docs'], {
      ignore: { patterns: ['docs/b', './docs/out/*.flow'], base: tree.dir },
    });
    expect(rel(files)).toEqual(['docs/a.flow']);
  });

  test('the ignore matcher answers per path as matching its whole relative path does', async () => {
    const patterns = ['docs/b', './docs/out/*.flow', '**/drafts/**', '../outside/*.flow', 'x'];
    const base = '/r/w';
    const picomatch = (await import('picomatch')).default;
    const matches = picomatch(
      patterns.map((p) => (p.startsWith('./') ? p.slice(2) : p)),
      { dot: true },
    );
    // The definition before folders were remembered: the file's own relative path and each
    // folder above it, matched one by one.
    const reference = (file: string): boolean => {
      const relative = path.relative(base, file).split(path.sep).join('/');
      if (matches(relative)) return true;
      for (let slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1))
        if (matches(relative.slice(0, slash))) return true;
      return false;
    };
    const isIgnored = await ignoreMatcher({ patterns, base });
    const files = [
      '/r/w/docs/a.flow',
      '/r/w/docs/b/c.flow',
      '/r/w/docs/b/d/e.flow',
      '/r/w/docs/bb/c.flow',
      '/r/w/docs/out/old.flow',
      '/r/w/docs/out/deeper/old.flow',
      '/r/w/a/drafts/z.flow',
      '/r/w/drafts/z.flow',
      '/r/w/x',
      '/r/w/x/y.flow',
      '/r/w/y/x',
      '/r/outside/o.flow',
      '/r/outside/deeper/o.flow',
      '/r/o.flow',
      '/top.flow',
    ];
    // Twice: the second answers come from the remembered folders.
    for (const file of [...files, ...files])
      expect([file, isIgnored(file)]).toEqual([file, reference(file)]);
    expect(files.filter((f) => reference(f)).length).toBeGreaterThanOrEqual(6);
  });

  test('an ignore matcher that loads the globs only where one may match answers as the globs do', async () => {
    const patterns = [
      'samples/invalid/**',
      'docs/b',
      './docs/out/*.flow',
      'a.b/c-d_e/*.flow',
      '.hidden/**',
      '!keep/**',
      '{x,y}/z.flow',
      'p/+(q|r)/s.flow',
      'deep/er/est',
      'u v/w.flow',
      'a/../b/c.flow',
    ];
    const base = '/r/w';
    const picomatch = (await import('picomatch')).default;
    const globs = picomatch(
      patterns.map((p) => (p.startsWith('./') ? p.slice(2) : p)),
      { dot: true },
    );
    // The definition: the file's own relative path and each folder above it, matched one by one.
    const reference = (file: string): boolean => {
      const relative = path.relative(base, file).split(path.sep).join('/');
      if (globs(relative)) return true;
      for (let slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1))
        if (globs(relative.slice(0, slash))) return true;
      return false;
    };
    const names = ['samples', 'invalid', 'docs', 'b', 'out', 'a.b', 'c-d_e', '.hidden', 'keep'];
    const more = ['x', 'y', 'z.flow', 'p', 'q', 's.flow', 'deep', 'er', 'est', 'u v', 'w.flow'];
    const segments = [...names, ...more, 'other', '..', 'c.flow', 'a'];
    const files: string[] = [];
    for (const one of segments) {
      files.push(path.resolve(base, one, 'f.flow'));
      for (const two of segments) {
        files.push(path.resolve(base, one, two));
        for (const three of ['f.flow', 'invalid', 'z.flow', 's.flow', 'est', 'c.flow'])
          files.push(path.resolve(base, one, two, three));
      }
    }
    files.push('/top.flow', '/r/o.flow', '/tmp/noop/part-0/diagram-0.flow');
    // `..` makes the base itself: a folder holding the files, never one of them.
    files.splice(0, files.length, ...new Set(files.filter((file) => file !== base)));
    const expected = files.map(reference);
    // One matcher for all (folders remembered, the globs loaded once), and one per file.
    const shared = new IgnoreMatcher({ patterns, base });
    await shared.prepare(files);
    expect(files.map((file) => shared.matches(file))).toEqual(expected);
    // Every fifth file with a matcher of its own (each loads the globs again where one may match).
    const sample = files.filter((_, i) => i % 5 === 0);
    const single = await Promise.all(
      sample.map(async (file) => {
        const matcher = new IgnoreMatcher({ patterns, base });
        await matcher.prepare([file]);
        return matcher.matches(file);
      }),
    );
    expect(single).toEqual(sample.map(reference));
    expect(expected.filter(Boolean).length).toBeGreaterThan(100);
  });

  test('an ignore matcher does not load the globs for folders where none may match', async () => {
    const matcher = new IgnoreMatcher({ patterns: ['samples/invalid/**', 'drafts'], base: '/r/w' });
    const outside = ['/tmp/batch/part-0/a.flow', '/r/w/docs/a.flow', '/r/w/samples/ok/a.flow'];
    await matcher.prepare(outside);
    // Not loaded: asking about a folder where a glob may match, unprepared, is a mistake.
    expect(() => matcher.matches('/r/w/samples/invalid/a.flow')).toThrow(/not loaded/);
    expect(outside.map((file) => matcher.matches(file))).toEqual([false, false, false]);
    await matcher.prepare(['/r/w/samples/invalid/a.flow']);
    expect(matcher.matches('/r/w/samples/invalid/a.flow')).toBe(true);
    expect(matcher.matches('/r/w/drafts/x/a.flow')).toBe(true);
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
    // A folder whose name starts with two dots is inside the base (it was placed as if outside:
    // only its file name kept, so `..x/a.flow` and `a.flow` wrote one output).
    expect(outputPathFor('/r/docs/..x/a.flow', 'svg', '/r/out', '/r/docs')).toBe(
      '/r/out/..x/a.svg',
    );
    expect(outputPathFor('/r/docs/...flow', 'svg', '/r/out', '/r/docs')).toBe('/r/out/...svg');
    expect(outputPathFor('/r/x.flow', 'svg', '/r/out', '/r/docs')).toBe('/r/out/x.svg');
  });

  test('a source inside the base is placed as path.join and path.extname place it', () => {
    // The definition before the string-joining fast path (docs/performance.md, no-op batch), with
    // a folder named like `..x` inside the base counted as inside.
    const byPath = (source: string, ext: string, outDir: string | null, base: string): string => {
      const relative = outDir === null ? null : path.relative(base, source);
      const outside = (r: string) => r === '..' || r.startsWith('../') || path.isAbsolute(r);
      const placed =
        outDir === null
          ? source
          : relative !== null && !outside(relative)
            ? path.join(outDir, relative)
            : path.join(outDir, path.basename(source));
      const e = path.extname(placed);
      return (e === '.flow' ? placed.slice(0, -e.length) : placed) + ext;
    };
    const sources = [
      '/r/docs/a.flow',
      '/r/docs/a/b/c.flow',
      '/r/docs/.flow',
      '/r/docs/a/.flow',
      '/r/docs/..flow',
      '/r/docs/a/..flow',
      '/r/docs/...flow',
      '/r/docs/.x.flow',
      '/r/docs/..x/y.flow',
      '/r/docs/x.FLOW',
      '/r/docs/x.flow.flow',
      '/r/docs/x.md',
      '/r/docsy/x.flow',
      '/r/x.flow',
      '/elsewhere/x.flow',
      '/r/docs',
    ];
    for (const base of ['/r/docs', '/r/docs/', '/r', '/'])
      for (const outDir of ['/r/out', '/r/out/', '/', null])
        for (const source of sources)
          expect([source, base, outDir, outputPathFor(source, 'svg', outDir, base)]).toEqual([
            source,
            base,
            outDir,
            byPath(source, '.svg', outDir, base),
          ]);
  });

  test("a mirrored output is outputPathFor's, and two sources never share one", () => {
    const sources = [
      '/r/docs/a.flow',
      '/r/docs/a/b/c.flow',
      '/r/docs/a/b.flow',
      '/r/docs/a/b',
      '/r/docs/.flow',
      '/r/docs/a/.flow',
      '/r/docs/..flow',
      '/r/docs/...flow',
      '/r/docs/..x/y.flow',
      '/r/docs/x.flow.flow',
      '/r/docs/x.flow.svg',
      '/r/docs/x.svg.flow',
      '/r/docs/x.FLOW',
      '/r/docsy/x.flow',
      '/r/x.flow',
      '/elsewhere/x.flow',
    ];
    for (const base of ['/r/docs', '/r/docs/', '/r', '/'])
      for (const outDir of ['/r/out', '/r/out/', '/', null]) {
        const owners = new Map<string, string>();
        for (const source of sources)
          for (const format of ['svg', 'png', 'mermaid'] as const) {
            const extension = FORMAT_EXTENSIONS[format];
            const mirrored = mirroredOutput(source, extension, outDir, withSeparator(base));
            if (mirrored === null) continue;
            expect([source, base, outDir, mirrored]).toEqual([
              source,
              base,
              outDir,
              outputPathFor(source, format, outDir, base),
            ]);
            expect([mirrored, owners.get(mirrored) ?? source]).toEqual([mirrored, source]);
            owners.set(mirrored, source);
          }
        // The usual case is mirrored (a .flow file below the base); an output folder written with
        // a trailing separator is left to path.
        const usual = mirroredOutput('/r/docs/a/b.flow', '.svg', outDir, withSeparator(base));
        expect([base, outDir, usual === null]).toEqual([
          base,
          outDir,
          outDir !== null && outDir.endsWith('/'),
        ]);
      }
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
