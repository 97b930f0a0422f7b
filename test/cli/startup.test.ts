/**
 * Start-up: what a small render loads (bin/flowc.js, scripts/startup-patches.mjs), and the seam
 * through which a long run gives V8 its usual optimisation thresholds back (src/cli/io.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyPatch, DEPENDENCY_PATCHES, type TextPatch } from '../../scripts/startup-patches.mjs';
import { LONG_RUN_BYTES, processIo } from '../../src/cli/io.js';
import { generateFlow } from '../../bench/generate.mjs';
import { REPO } from './helpers.js';

const BIN = path.join(REPO, 'bin/flowc.js');
const OHM_SRC = path.join(REPO, 'node_modules/ohm-js/src');
const FDIR = path.join(REPO, 'node_modules/fdir/dist/index.mjs');

const patchFor = (file: string): TextPatch => DEPENDENCY_PATCHES.find((p) => p.file.test(file))!;

describe('start-up patches of the CLI bundle', () => {
  test.each([path.join(OHM_SRC, 'unicode.js'), path.join(OHM_SRC, 'Semantics.js'), FDIR])(
    'the patch for %s applies to the installed version',
    (file) => {
      const patch = patchFor(file);
      expect(patch).toBeDefined();
      const result = applyPatch(patch, fs.readFileSync(file, 'utf8'));
      expect(result.problem).toBeUndefined();
      expect(result.text).toContain('flowc (scripts/startup-patches.mjs)');
    },
  );

  test('the lazy Unicode tables hold the same RegExps as ohm-js builds', async () => {
    const original = fs.readFileSync(path.join(OHM_SRC, 'unicode.js'), 'utf8');
    const patched = applyPatch(patchFor(path.join(OHM_SRC, 'unicode.js')), original).text!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-unicode-'));
    try {
      fs.writeFileSync(path.join(dir, 'original.mjs'), original);
      fs.writeFileSync(path.join(dir, 'patched.mjs'), patched);
      type Tables = Record<'UnicodeCategories' | 'UnicodeBinaryProperties', Record<string, RegExp>>;
      const a = (await import(pathToFileURL(path.join(dir, 'original.mjs')).href)) as Tables;
      const b = (await import(pathToFileURL(path.join(dir, 'patched.mjs')).href)) as Tables;
      for (const table of ['UnicodeCategories', 'UnicodeBinaryProperties'] as const) {
        expect(Object.keys(b[table]).sort()).toEqual(Object.keys(a[table]).sort());
        for (const key of Object.keys(a[table])) {
          expect(key in b[table]).toBe(true);
          expect(b[table][key]!.source).toBe(a[table][key]!.source);
          expect(b[table][key]!.flags).toBe(a[table][key]!.flags);
          expect(b[table][key]).toBe(b[table][key]); // made once
        }
      }
      expect(b.UnicodeCategories['Lu']!.test('É')).toBe(true);
      expect(b.UnicodeCategories['Lu']!.test('é')).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the built CLI bundle contains the patches', () => {
    const bundle = fs.readFileSync(path.join(REPO, 'dist/cli.cjs'), 'utf8');
    // esbuild drops comments, so the patched code itself is looked for.
    expect(bundle).toContain('UnicodeCategories = lazyRegExpTable(');
    expect(bundle).toContain(
      'if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(signature)) return { name: signature, formals: [] };',
    );
    expect(bundle).toContain('lazy-builtin:node:child_process');
    expect(bundle).toContain('this.globFunction || loadPicomatch()');
  });

  /** Runs the real executable in REPO (whose flowc.config.json has ignore globs); returns what it loaded. */
  const loadedBy = (
    dir: string,
    argv: string[],
  ): { builtins: string[]; files: string[]; stderr: string } => {
    const hook = path.join(dir, 'hook.cjs');
    const list = path.join(dir, 'modules.json');
    fs.writeFileSync(
      hook,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify({ builtins: process.moduleLoadList, files: Object.keys(require.cache) })));`,
    );
    const r = spawnSync(process.execPath, ['-r', hook, BIN, ...argv], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    return {
      ...(JSON.parse(fs.readFileSync(list, 'utf8')) as { builtins: string[]; files: string[] }),
      stderr: r.stderr,
    };
  };

  test('a small render loads none of the Node modules it does not use', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-startup-'));
    try {
      const { builtins, stderr } = loadedBy(dir, [
        'render',
        'samples/cqrs.flow',
        '-o',
        path.join(dir, 'cqrs.svg'),
      ]);
      expect(stderr).toBe('');
      for (const unused of [
        'child_process',
        'crypto',
        'worker_threads',
        'os',
        'net',
        'internal/fs/promises',
        'internal/modules/esm/translators',
      ]) {
        expect(builtins).not.toContain(`NativeModule ${unused}`);
      }
      expect(fs.readFileSync(path.join(dir, 'cqrs.svg'), 'utf8')).toContain(
        '<svg xmlns="http://www.w3.org/2000/svg"',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a batch with nothing to render loads neither node:crypto, worker threads nor picomatch from disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-startup-'));
    try {
      for (const name of ['a', 'b', 'c']) {
        const file = path.join(dir, `${name}.flow`);
        fs.writeFileSync(file, 's: circle\ne: circle\ns -> e\n');
        // Settled: a source modified just now is hashed again on every run (src/batch/index.ts).
        fs.utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      }
      const argv = ['render', dir, '-o', path.join(dir, 'out'), '--jobs', '2'];
      const first = loadedBy(dir, argv);
      expect(first.stderr).toMatch(/^rendered 3, skipped 0, failed 0 /);
      expect(first.builtins).toContain('NativeModule crypto'); // the sources were hashed
      const again = loadedBy(dir, argv);
      expect(again.stderr).toMatch(/^rendered 0, skipped 3, failed 0 /);
      for (const unused of ['crypto', 'worker_threads', 'perf_hooks'])
        expect(again.builtins).not.toContain(`NativeModule ${unused}`);
      expect(again.files.filter((f) => f.includes(`${path.sep}picomatch${path.sep}`))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the short-run interrupt budget: set for a short run, put back when the run turns long', () => {
  /**
   * The V8 flags bin/flowc.js sets during `flowc ARGV`, recorded by a preload script that wraps
   * `v8.setFlagsFromString` (public API): what flowc asks of V8, not what V8 does with it.
   */
  const flagsSetBy = (argv: string[], nodeFlags: string[] = []): string[] => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-flags-'));
    try {
      const hook = path.join(dir, 'hook.cjs');
      const log = path.join(dir, 'flags.json');
      fs.writeFileSync(
        hook,
        `const v8 = require('node:v8'); const set = v8.setFlagsFromString; const flags = [];
         v8.setFlagsFromString = (flag) => { flags.push(flag); return set(flag); };
         process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(flags)));`,
      );
      const r = spawnSync(process.execPath, [...nodeFlags, '-r', hook, BIN, ...argv], {
        cwd: REPO,
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      return JSON.parse(fs.readFileSync(log, 'utf8')) as string[];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  test('a CQRS render runs with the short-run budget throughout', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-flags-'));
    try {
      const argv = ['render', 'samples/cqrs.flow', '-o', path.join(dir, 'cqrs.svg')];
      expect(flagsSetBy(argv)).toEqual(['--interrupt-budget=1048576']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("linting more than LONG_RUN_BYTES puts V8's default back", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-flags-'));
    try {
      const file = path.join(dir, 'large.flow');
      fs.writeFileSync(file, generateFlow({ nodes: 800, groups: 40, seed: 7 }));
      expect(fs.statSync(file).size).toBeGreaterThan(LONG_RUN_BYTES);
      expect(flagsSetBy(['lint', '--no-config', file])).toEqual([
        '--interrupt-budget=1048576',
        '--interrupt-budget=67584',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a budget on node's own command line is the user's: the bin sets none", () => {
    expect(flagsSetBy(['--version'], ['--interrupt-budget=5000'])).toEqual([]);
  });
});

describe('processIo: a run turns long', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-longrun-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('onLongRun is called once, when more than LONG_RUN_BYTES of input have been read', async () => {
    const small = path.join(dir, 'small.flow');
    fs.writeFileSync(small, 'x'.repeat(LONG_RUN_BYTES / 2));
    let calls = 0;
    const io = processIo({ onLongRun: () => calls++ });
    await io.fs.readFile(small);
    await io.fs.readFile(small);
    expect(calls).toBe(0); // exactly LONG_RUN_BYTES: not more
    await io.fs.readFile(small);
    expect(calls).toBe(1);
    await io.fs.readFile(small);
    io.longRun!();
    expect(calls).toBe(1);
  });

  test('longRun without a handler does nothing', () => {
    expect(() => processIo().longRun!()).not.toThrow();
  });
});
