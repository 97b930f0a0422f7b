#!/usr/bin/env node
// Builds dist/ (runs from `npm install`, the `prepare` script):
// - dist/index.js (+ chunks): the library, ESM, for `import { compile } from 'flowc'`;
// - dist/batch-worker.js: the worker thread of batch rendering;
// - dist/cli.cjs: the command line, one script that bin/flowc.js runs through V8's code cache;
// - dist/watch/app.js, app.css: the script and style sheet of `flowc watch`'s pages;
// - dist/lsp.cjs: the language server with vscode-languageserver, which only `flowc lsp` requires
//   (a separate file, so no other command reads, compiles or caches a byte of it);
// - dist/cli.cache: that code cache, made by one warm-up render (`flowc render samples/cqrs.flow`).
//   Compiling the CLI's ~600 KB of JavaScript on every start was about a fifth of a small render's
//   time; with the cache V8 reuses the compiled functions. A cache made by another Node version is
//   rejected by V8 and the CLI simply compiles as usual.
// - dist/*.d.ts: the library's type declarations (tsc), skipped with --no-types.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    // A require() (bin/flowc.js gives the CLI a require rooted at dist/), not an import(): the CLI
    // runs as a vm.Script, which has no dynamic import.
    build.onLoad({ filter: /.*/, namespace: 'lsp-apart' }, () => ({
      contents: "module.exports = require('./lsp.cjs');",
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/lsp\.cjs$/ }, () => ({ path: './lsp.cjs', external: true }));
  },
};
const quick = process.argv.includes('--no-types');

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
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The sources are ESM and find the package through import.meta.url; in one CommonJS script that
  // is the script's own URL.
  define: { 'import.meta.url': '__flowcModuleUrl' },
  // Start-up: dependencies' load-time work that a render does not use is made lazy.
  plugins: [startupPatches, lspApart],
  banner: { js: "const __flowcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: { lsp: 'src/lsp/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__flowcModuleUrl' },
  banner: { js: "const __flowcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The code cache: one real render, whose compiled functions V8 serialises at exit.
const scratch = mkdtempSync(join(tmpdir(), 'flowc-build-'));
const warm = spawnSync(
  process.execPath,
  [`${root}bin/flowc.js`, 'render', `${root}samples/cqrs.flow`, '-o', join(scratch, 'cqrs.svg')],
  {
    env: { ...process.env, FLOWC_WRITE_CODE_CACHE: '1' },
    encoding: 'utf8',
  },
);
rmSync(scratch, { recursive: true, force: true });
if (warm.status !== 0)
  console.warn(`warning: no code cache (the warm-up render exited ${warm.status}): ${warm.stderr}`);

if (!quick) {
  execFileSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`],
    { stdio: 'inherit' },
  );
}
