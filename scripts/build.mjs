#!/usr/bin/env node
// Builds dist/ (runs from `npm install`, the `prepare` script):
// - dist/index.js (+ chunks): the library, ESM, for `import { compile } from 'flowc'`;
// - dist/batch-worker.js: the worker thread of batch rendering;
// - dist/cli.cjs and dist/cli-chunks/*.cjs: the command line, in pieces that bin/flowc.js runs
//   through V8 code caches, loading a piece when a run first needs it (see buildCli);
// - dist/watch/app.js, app.css: the script and style sheet of `flowc watch`'s pages;
// - dist/lsp.cjs: the language server with vscode-languageserver, which only `flowc lsp` requires
//   (a separate file, so no other command reads, compiles or caches a byte of it);
// - dist/cli.cache, dist/cli-chunks/*.cache: a code cache per piece, made by warm-up runs (a render
//   to SVG and PNG, a lint, a batch that renders one file and one with nothing to do). Compiling the
//   CLI's JavaScript on every start was about a fifth of a small render's time; with the caches V8
//   reuses the compiled functions. A cache made by another Node version is rejected by V8 and
//   the piece simply compiles as usual.
// - dist/*.d.ts: the library's type declarations (tsc), skipped with --no-types.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startupPatches } from './startup-patches.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** In the CLI bundle, `flowc lsp` requires the server from dist/lsp.cjs instead of bundling it. */
const lspApart = {
  name: 'lsp-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/lsp\/index\.js$/ }, () => ({
      path: 'lsp',
      namespace: 'lsp-apart',
    }));
    // Its exports, re-exported from dist/lsp.cjs: the CommonJS piece this becomes requires it
    // (bin/flowc.js resolves every require that is not a piece of the CLI from dist/).
    build.onLoad({ filter: /.*/, namespace: 'lsp-apart' }, () => ({
      contents: "export * from './lsp.cjs';",
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/lsp\.cjs$/ }, () => ({ path: './lsp.cjs', external: true }));
  },
};
const quick = process.argv.includes('--no-types');
/** The CLI's pieces besides dist/cli.cjs (see buildCli); bin/flowc.js knows the name too. */
const CLI_CHUNKS = 'cli-chunks';

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minifySyntax: true,
  legalComments: 'linked',
  // sharp is native: it loads its binaries relative to itself. markdown-it (and its ~230 KB of
  // dependencies, HTML entity tables among them) is needed only for Markdown files: loaded from
  // node_modules when one is read, it costs the CLI bundle nothing.
  external: ['sharp', 'markdown-it'],
  logLevel: 'warning',
};

rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: {
    index: 'src/index.ts',
    'batch-worker': 'src/batch/worker.ts',
    lsp: 'src/lsp/index.ts',
  },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __flowcRequire } from 'node:module'; const require = __flowcRequire(import.meta.url);",
  },
});
// The script and style sheet of `flowc watch`'s pages, served by the watch server from dist/watch/.
for (const entry of ['src/watch/client/app.ts', 'src/watch/client/app.css']) {
  await build({
    absWorkingDir: root,
    entryPoints: { 'watch/app': entry },
    outdir: 'dist',
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome100', 'firefox100', 'safari15'],
    external: ['/_flowc/*'], // the server's own URLs (the icon)
    logLevel: 'warning',
  });
}
await buildCli();

/**
 * The command line in pieces, so that a run loads only the code its command uses: esbuild splits
 * src/cli/main.ts at every dynamic import() (the commands, the pipeline, the batch renderer's
 * render step, ...) into dist/cli.cjs and dist/cli-chunks/*.cjs, as ES modules; each is then
 * turned into a CommonJS script (an import() becomes a require()), which bin/flowc.js runs as a
 * vm.Script with a code cache of its own. A batch with nothing to render, `--version` or `lint`
 * never read, compile or deserialise the layout engine, the emitters or the Mermaid importer.
 */
async function buildCli() {
  const esm = mkdtempSync(join(tmpdir(), 'flowc-cli-'));
  try {
    await build({
      ...common,
      entryPoints: { cli: 'src/cli/main.ts' },
      outdir: esm,
      splitting: true,
      format: 'esm',
      chunkNames: `${CLI_CHUNKS}/[name]-[hash]`,
      outExtension: { '.js': '.cjs' },
      // Every piece finds the package from dist/cli.cjs's URL (bin/flowc.js passes it to each), as
      // the one CommonJS script before it did.
      define: { 'import.meta.url': '__flowcModuleUrl' },
      // Start-up: dependencies' load-time work that a render does not use is made lazy.
      plugins: [startupPatches, lspApart],
    });
    const written = readdirSync(esm, { recursive: true, encoding: 'utf8' });
    for (const name of written.filter((n) => n.endsWith('.LEGAL.txt')))
      cpSync(join(esm, name), join(root, 'dist', name));
    // esbuild reads the source maps of its input: the CommonJS pieces map to src/ again.
    const { external: _bundlingOnly, ...transformOnly } = common;
    const pieces = await build({
      ...transformOnly,
      bundle: false,
      entryPoints: written.filter((n) => n.endsWith('.cjs')).map((n) => join(esm, n)),
      outbase: esm,
      outdir: 'dist',
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      // bin/flowc.js runs each piece as a vm.Script, which has no dynamic import(): require().
      supported: { 'dynamic-import': false },
      write: false,
    });
    for (const piece of pieces.outputFiles) {
      mkdirSync(dirname(piece.path), { recursive: true });
      // esbuild writes strings, templates and regular expressions in ASCII (its default charset);
      // only comments it keeps (before class fields) may hold other characters. They are escaped,
      // so that bin/flowc.js can read every piece as latin1, into a one-byte string.
      const text = piece.path.endsWith('.cjs')
        ? piece.text.replace(/[^\0-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`)
        : piece.text;
      writeFileSync(piece.path, text);
    }
  } finally {
    rmSync(esm, { recursive: true, force: true });
  }
}
await build({
  ...common,
  entryPoints: { lsp: 'src/lsp/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__flowcModuleUrl' },
  banner: { js: "const __flowcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The code caches: real runs, each of which adds the functions it compiled to the cache of every
// piece it loaded (a run reads the caches the runs before it wrote, and writes them back at exit).
// Each is a short run, as the runs that read the caches mostly are. When a batch that rendered the
// eight samples in this thread made the caches, a later CQRS render spent ~48 M instructions in
// V8's baseline compiler at its first calls, against ~30 M with the caches of short runs only, and
// ~25 M instructions more in all (3 %); a no-op batch ~49 M more, a PNG ~24 M (docs/performance.md).
const scratch = mkdtempSync(join(tmpdir(), 'flowc-build-'));
const settled = new Date(Date.now() - 3600_000);
const folderOf = (name, files) => {
  const folder = join(scratch, name);
  mkdirSync(folder);
  for (const file of files) {
    cpSync(join(root, 'samples', file), join(folder, file));
    utimesSync(join(folder, file), settled, settled);
  }
  return folder;
};
const one = folderOf('one', ['cqrs.flow']);
// Eight files: enough for the batch to list the output folder instead of asking file by file.
const eight = folderOf(
  'docs',
  readdirSync(join(root, 'samples')).filter((n) => n.endsWith('.flow')),
);
const warmUps = [
  { args: ['render', join(root, 'samples', 'cqrs.flow'), '-o', join(scratch, 'cqrs.svg')] },
  { args: ['render', join(root, 'samples', 'cqrs.flow'), '-o', join(scratch, 'cqrs.png')] },
  { args: ['lint', join(root, 'samples', 'cqrs.flow')] },
  // A batch that renders (one file, in this thread).
  { args: ['render', one, '-o', join(scratch, 'one-out'), '--jobs', '1', '-q'] },
  // A batch with nothing to do: its outputs rendered first by a run that writes no cache.
  { args: ['render', eight, '-o', join(scratch, 'out'), '-q'], cache: false },
  { args: ['render', eight, '-o', join(scratch, 'out'), '-q'] },
];
const { FLOWC_WRITE_CODE_CACHE: _inherited, ...plainEnv } = process.env;
for (const { args, cache = true } of warmUps) {
  const warm = spawnSync(process.execPath, [`${root}bin/flowc.js`, ...args], {
    env: cache ? { ...plainEnv, FLOWC_WRITE_CODE_CACHE: '1' } : plainEnv,
    encoding: 'utf8',
  });
  if (warm.status !== 0)
    console.warn(
      `warning: \`flowc ${args[0]}\` (code cache warm-up) exited ${warm.status}: ${warm.stderr}`,
    );
}
rmSync(scratch, { recursive: true, force: true });

if (!quick) {
  execFileSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`],
    { stdio: 'inherit' },
  );
}
