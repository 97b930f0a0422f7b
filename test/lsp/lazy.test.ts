/**
 * The language server costs the other commands nothing: it is a file of its own (dist/lsp.cjs),
 * which only `flowc lsp` requires.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIN, REPO } from './client.js';

describe('the language server loads lazily', () => {
  test('the CLI bundle holds none of it, only the require of dist/lsp.cjs', () => {
    // The CLI is dist/cli.cjs and its pieces (scripts/build.mjs): all of it.
    const chunks = path.join(REPO, 'dist/cli-chunks');
    const cli = [
      path.join(REPO, 'dist/cli.cjs'),
      ...fs
        .readdirSync(chunks)
        .filter((f) => f.endsWith('.cjs'))
        .map((f) => path.join(chunks, f)),
    ]
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    expect(cli).not.toContain('vscode-languageserver');
    expect(cli).toMatch(/require\)?\("\.\/lsp\.cjs"\)/);
    expect(fs.readFileSync(path.join(REPO, 'dist/lsp.cjs'), 'utf8')).toContain('createConnection');
  });

  test.each([
    ['render', ['render', path.join(REPO, 'samples/cqrs.flow'), '-o', 'OUT/cqrs.svg']],
    ['lint', ['lint', path.join(REPO, 'samples/cqrs.flow')]],
  ])('flowc %s requires neither dist/lsp.cjs nor vscode-languageserver', (_name, args) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-lazy-'));
    try {
      // A preload that lists every module Node loads, printed at exit.
      const hook = path.join(dir, 'hook.cjs');
      fs.writeFileSync(
        hook,
        `const Module = require('node:module'); const seen = [];
const load = Module._load;
Module._load = function (request, parent, isMain) { seen.push(request); return load.apply(this, arguments); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, 'loaded.json'))}, JSON.stringify(seen)));`,
      );
      const run = spawnSync(
        process.execPath,
        ['--require', hook, BIN, ...args.map((a) => a.replace('OUT', dir))],
        { encoding: 'utf8' },
      );
      expect(run.status).toBe(0);
      const loaded = JSON.parse(fs.readFileSync(path.join(dir, 'loaded.json'), 'utf8')) as string[];
      expect(loaded.length).toBeGreaterThan(0);
      expect(loaded.filter((m) => /lsp\.cjs|vscode-languageserver/.test(m))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('flowc lsp --help describes the command without starting a server', () => {
    const run = spawnSync(process.execPath, [BIN, 'lsp', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--stdio');
    expect(run.stdout).toContain('docs/editors.md');
  });

  test('a bad option is a usage error (exit 2), not a server', () => {
    const run = spawnSync(process.execPath, [BIN, 'lsp', '--rule', 'nope=off'], {
      encoding: 'utf8',
      input: '',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown rule 'nope'");
  });
});
