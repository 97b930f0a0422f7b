/**
 * A real editor against `flowc lsp`: Debian's `neovim`, headless, with its built-in LSP client
 * (nvim/lsp-check.lua). It opens a broken file, reads back the diagnostics (line and rule) and
 * runs go-to-definition. `.ci/run` installs neovim; without it this suite says so and skips (the
 * protocol suite, test/lsp/, still covers every feature).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './textmate.js';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasNvim)
  console.log(
    'test/editors: `nvim` is not installed (apt-get install neovim): skipping the real-editor check of flowc lsp',
  );

interface Seen {
  attached: boolean;
  errors: string[];
  diagnostics: { line: number; column: number; rule: string; severity: number; source: string }[];
  definition: { line: number; column: number } | null;
}

function runNvim(source: string, definitionAt: { line: number; column: number }): Seen {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-nvim-'));
  try {
    const file = path.join(dir, 'broken.flow');
    fs.writeFileSync(file, source);
    const result = path.join(dir, 'result.json');
    const run = spawnSync(
      'nvim',
      [
        '--headless',
        '--clean',
        '-n',
        '-c',
        `luafile ${path.join(REPO, 'test/editors/nvim/lsp-check.lua')}`,
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60000,
        env: {
          ...process.env,
          NODE: process.execPath,
          FLOWC_BIN: path.join(REPO, 'bin/flowc.js'),
          FLOW_FILE: file,
          ROOT: dir,
          RESULT: result,
          DEF_LINE: String(definitionAt.line),
          DEF_COL: String(definitionAt.column - 1),
          XDG_STATE_HOME: dir,
          XDG_DATA_HOME: dir,
          XDG_CONFIG_HOME: dir,
        },
      },
    );
    if (!fs.existsSync(result))
      throw new Error(`nvim wrote no result (exit ${run.status}): ${run.stderr}${run.stdout}`);
    return JSON.parse(fs.readFileSync(result, 'utf8')) as Seen;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

(hasNvim ? describe : describe.skip)('Neovim (built-in LSP client) uses flowc lsp', () => {
  test('a broken file: the diagnostic on its line with its rule; go to definition jumps to the node', () => {
    // Line 6 `n4 -> n8 [label="Command"]`: n8 is in another group (unresolved-reference at 6:7).
    const source = fs.readFileSync(
      path.join(REPO, 'samples/invalid/unresolved-reference.flow'),
      'utf8',
    );
    expect(source.split('\n')[5]).toBe('n4 -> n8 [label="Command"]');
    const seen = runNvim(source, { line: 6, column: 1 });
    expect(seen.errors).toEqual([]);
    expect(seen.attached).toBe(true);
    expect(seen.diagnostics.map((d) => [d.line, d.column, d.rule, d.severity])).toEqual([
      [6, 7, 'unresolved-reference', 1],
    ]);
    expect(seen.diagnostics[0]!.source).toBe('flowc');
    // `n4` is declared on line 4.
    expect(seen.definition).toEqual({ line: 4, column: 1 });
  });

  test('a qualified reference: definition goes into the other group', () => {
    const source = fs
      .readFileSync(path.join(REPO, 'samples/cqrs.flow'), 'utf8')
      .replace(
        'n4.handle(bottom) -> CommandSide.n8.handle(top) [label="Command"]',
        'n4.handle(bottom) -> CommandSide.n8.handle(top) [label="Command"]\nn1 -> n99',
      );
    const lines = source.split('\n');
    // The sample is in canonical form: group bodies are indented.
    const at = lines.findIndex((l) =>
      l.trimStart().startsWith('n4.handle(bottom) -> CommandSide.n8'),
    );
    const seen = runNvim(source, { line: at + 1, column: lines[at]!.indexOf('n8') + 1 });
    expect(seen.errors).toEqual([]);
    expect(seen.diagnostics.map((d) => [d.line, d.rule])).toEqual([
      [at + 2, 'unresolved-reference'],
    ]);
    const declared = lines.findIndex((l) => l.trimStart().startsWith('n8: rectangle'));
    expect(seen.definition).toEqual({
      line: declared + 1,
      column: lines[declared]!.indexOf('n8') + 1,
    });
  });
});
