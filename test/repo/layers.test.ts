/**
 * The pipeline runs one way (brief: "a stage never reaches back into an earlier one's internals";
 * the CLI is thin): each folder of src/ may import only the folders listed for it here. The CLI
 * drives the batch renderer, never the reverse; shared helpers live in src/files and src/util,
 * which import no stage; src/shapes (the shape registry every stage reads) imports only util.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../cli/helpers.js';

const SRC = path.join(REPO, 'src');

/** What each top-level folder (or root module, by file name) of src/ may import from src/. */
const ALLOWED: Record<string, readonly string[]> = {
  util: ['util'],
  shapes: ['shapes', 'util'],
  files: ['files', 'util', 'compile.ts', 'limits.ts'],
  syntax: ['syntax', 'shapes', 'util', 'diagnostics.ts', 'limits.ts'],
  model: ['model', 'syntax', 'shapes', 'util', 'diagnostics.ts', 'limits.ts'],
  validate: ['validate', 'model', 'syntax', 'shapes', 'util', 'diagnostics.ts', 'limits.ts'],
  layout: [
    'layout',
    'model',
    'syntax',
    'shapes',
    'util',
    'style.ts',
    'diagnostics.ts',
    'limits.ts',
  ],
  emit: ['emit', 'layout', 'model', 'syntax', 'shapes', 'util', 'style.ts', 'limits.ts', 'files'],
  report: ['report', 'util', 'diagnostics.ts'],
  format: ['format', 'syntax', 'model', 'util', 'diagnostics.ts', 'limits.ts'],
  import: ['import', 'format', 'syntax', 'model', 'util', 'diagnostics.ts', 'limits.ts'],
  config: ['config', 'files', 'util', 'limits.ts', 'model', 'layout', 'emit', 'compile.ts'],
  batch: [
    'batch',
    'files',
    'util',
    'limits.ts',
    'config',
    'compile.ts',
    'check.ts',
    'diagnostics.ts',
    'markdown',
  ],
  markdown: [
    'markdown',
    'files',
    'util',
    'limits.ts',
    'validate',
    'compile.ts',
    'check.ts',
    'diagnostics.ts',
  ],
  watch: [
    'watch',
    'markdown',
    'files',
    'util',
    'limits.ts',
    'config',
    'report',
    'emit',
    'compile.ts',
    'check.ts',
    'diagnostics.ts',
  ],
  lsp: [
    'lsp',
    'format',
    'syntax',
    'model',
    'validate',
    'config',
    'files',
    'util',
    'check.ts',
    'diagnostics.ts',
    'limits.ts',
  ],
  cli: [
    'cli',
    'lsp',
    'batch',
    'files',
    'util',
    'limits.ts',
    'config',
    'report',
    'validate',
    'format',
    'import',
    'compile.ts',
    'check.ts',
    'markdown',
    'watch',
    'prepare.ts',
  ],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative module a file imports (static and dynamic `import`, `export ... from`). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g))
    found.push(path.resolve(path.dirname(file), match[1]!.replace(/\.js$/, '.ts')));
  return found;
}

/** The folder (or root file) of src/ a path belongs to. */
function areaOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

test('every import stays within the layers its folder may use', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const area = areaOf(file);
    const allowed = ALLOWED[area];
    if (allowed === undefined) continue; // a root module (compile.ts, check.ts, index.ts)
    for (const target of importsOf(file)) {
      const targetArea = areaOf(target);
      if (!allowed.includes(targetArea))
        violations.push(`${path.relative(REPO, file)} imports ${path.relative(REPO, target)}`);
    }
  }
  expect(violations).toEqual([]);
});

test('the layer table names every folder of src/', () => {
  const folders = fs
    .readdirSync(SRC, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  expect(Object.keys(ALLOWED).sort()).toEqual(folders);
});
