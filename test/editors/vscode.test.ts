/**
 * The VS Code extension (editors/vscode/): its manifest, editing settings and server lookup, and
 * the .vsix that @vscode/vsce packages from them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { previewUrl, startPreview } from '../../editors/vscode/src/preview.js';
import { findServer } from '../../editors/vscode/src/server-path.js';
import { REPO } from './textmate.js';

const EXTENSION = path.join(REPO, 'editors/vscode');
const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
  engines: { vscode: string };
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    commands: { command: string }[];
  };
};
const languageConfiguration = JSON.parse(
  fs.readFileSync(path.join(EXTENSION, 'language-configuration.json'), 'utf8'),
) as {
  comments: { lineComment: string };
  brackets: [string, string][];
  wordPattern: { pattern: string; flags: string };
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
};

describe('editors/vscode: the manifest', () => {
  test('the flow language: .flow files, its grammar, its editing settings', () => {
    expect(manifest.contributes.languages).toEqual([
      expect.objectContaining({
        id: 'flow',
        extensions: ['.flow'],
        configuration: './language-configuration.json',
      }),
    ]);
    const grammar = JSON.parse(
      fs.readFileSync(path.join(REPO, 'editors/flow.tmLanguage.json'), 'utf8'),
    ) as {
      scopeName: string;
    };
    expect(manifest.contributes.grammars).toEqual([
      { language: 'flow', scopeName: grammar.scopeName, path: './syntaxes/flow.tmLanguage.json' },
    ]);
  });

  test('every contributed command is registered by the extension, and only those', () => {
    const source = fs.readFileSync(path.join(EXTENSION, 'src/extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]);
    expect(registered.sort()).toEqual(manifest.contributes.commands.map((c) => c.command).sort());
  });

  test('@types/vscode is no newer than the VS Code the manifest asks for', () => {
    const types = JSON.parse(
      fs.readFileSync(path.join(REPO, 'node_modules/@types/vscode/package.json'), 'utf8'),
    ) as { version: string };
    const [major, minor] = types.version.split('.').map(Number);
    const [wantMajor, wantMinor] = manifest.engines.vscode.replace('^', '').split('.').map(Number);
    expect(major).toBe(wantMajor);
    expect(minor).toBeLessThanOrEqual(wantMinor!);
  });
});

describe('editors/vscode: language-configuration.json', () => {
  test('comments and brackets', () => {
    expect(languageConfiguration.comments.lineComment).toBe('#');
    expect(languageConfiguration.brackets).toEqual([
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ]);
  });

  test('a word is an id (Unicode letters, inner hyphens), never the arrow', () => {
    const { pattern, flags } = languageConfiguration.wordPattern;
    const word = new RegExp(pattern, `${flags}g`);
    expect('étape-1.handle(right) -> Build.b2'.match(word)).toEqual([
      'étape-1',
      'handle',
      'right',
      'Build',
      'b2',
    ]);
  });

  test('indentation grows after a group opening and shrinks at its brace', () => {
    const increase = new RegExp(languageConfiguration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(languageConfiguration.indentationRules.decreaseIndentPattern);
    expect(increase.test('Client { # Client Application')).toBe(true);
    expect(increase.test('  Inner {')).toBe(true);
    expect(increase.test('n1: rectangle label:"{"')).toBe(false);
    expect(decrease.test('  }')).toBe(true);
    expect(decrease.test('n1 -> n2')).toBe(false);
  });
});

describe('editors/vscode: which flowc it starts', () => {
  const base = { extraArgs: [], workspaceFolders: ['/w/a', '/w/b'], platform: 'linux' as const };

  test('the setting first', () => {
    expect(findServer({ ...base, configured: '/opt/flowc', exists: () => true })).toEqual({
      command: '/opt/flowc',
      args: ['lsp', '--stdio'],
      shell: false,
      origin: 'setting',
    });
  });

  test("then a workspace folder's node_modules/.bin/flowc", () => {
    const found = findServer({
      ...base,
      configured: '',
      extraArgs: ['--rule', 'dead-end=off'],
      exists: (f) => f === path.join('/w/b', 'node_modules', '.bin', 'flowc'),
    });
    expect(found.command).toBe(path.join('/w/b', 'node_modules', '.bin', 'flowc'));
    expect(found.args).toEqual(['lsp', '--stdio', '--rule', 'dead-end=off']);
    expect(found.origin).toBe('workspace');
  });

  test('then flowc on the PATH; on Windows the npm shim through a shell', () => {
    expect(findServer({ ...base, configured: '', exists: () => false })).toMatchObject({
      command: 'flowc',
      origin: 'path',
      shell: false,
    });
    expect(
      findServer({ ...base, platform: 'win32', configured: '', exists: () => false }),
    ).toMatchObject({ command: 'flowc.cmd', shell: true });
  });
});

describe('editors/vscode: the live preview (flowc watch)', () => {
  test('the URL is the first line flowc watch prints, on this machine only', () => {
    expect(previewUrl('http://127.0.0.1:41234/\n')).toBe('http://127.0.0.1:41234/');
    expect(previewUrl('http://127.0.0.1:8080/view/a.flow')).toBe(
      'http://127.0.0.1:8080/view/a.flow',
    );
    expect(previewUrl('flowc: watching .')).toBeNull();
    expect(previewUrl('http://example.com:80/')).toBeNull();
  });

  /** A stand-in for flowc that prints `first` and keeps running. */
  function fakeFlowc(dir: string, first: string): string {
    const file = path.join(dir, 'flowc');
    fs.writeFileSync(file, `#!/bin/sh\necho '${first}'\nexec sleep 30\n`);
    fs.chmodSync(file, 0o755);
    return file;
  }

  test('startPreview runs flowc watch FILE and resolves with its URL; a non-URL is an error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-preview-'));
    try {
      const ok = await startPreview(
        { command: fakeFlowc(dir, 'http://127.0.0.1:5555/'), shell: false },
        path.join(dir, 'a.flow'),
        dir,
      );
      expect(ok.url).toBe('http://127.0.0.1:5555/');
      expect(ok.process.exitCode).toBeNull();
      ok.process.kill();
      fs.rmSync(path.join(dir, 'flowc'));
      await expect(
        startPreview({ command: fakeFlowc(dir, 'no such file'), shell: false }, 'a.flow', dir),
      ).rejects.toThrow("printed 'no such file' instead of a URL");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('editors/vscode: the .vsix', () => {
  test('@vscode/vsce packages the extension, its bundled client and the grammar', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-vsix-'));
    try {
      const out = path.join(dir, 'flow.vsix');
      const run = spawnSync(
        process.execPath,
        [path.join(REPO, 'scripts/build-vscode.mjs'), '--package', '--out', out],
        { encoding: 'utf8' },
      );
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.status).toBe(0);
      const zip = fs.readFileSync(out);
      // A zip names its entries in plain text (local headers and central directory).
      for (const entry of [
        'extension.vsixmanifest',
        'extension/package.json',
        'extension/out/extension.js',
        'extension/syntaxes/flow.tmLanguage.json',
        'extension/language-configuration.json',
        'extension/LICENSE.txt',
      ])
        expect(zip.includes(Buffer.from(entry))).toBe(true);
      expect(zip.includes(Buffer.from('extension/src/'))).toBe(false);
      expect(zip.includes(Buffer.from('extension/node_modules/'))).toBe(false);
      // The bundled client loads with only `vscode` missing (it is the editor's).
      const bundle = fs.readFileSync(path.join(EXTENSION, 'out/extension.js'), 'utf8');
      const requires = [...bundle.matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1]!);
      expect([...new Set(requires.filter((r) => !isBuiltin(r)))]).toEqual(['vscode']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
