#!/usr/bin/env node
'use strict';
// The flowc executable. CommonJS (bin/package.json), because an ES module entry point makes Node
// load its ESM loader first, ~5 ms of a small render.
//
// It runs the bundled CLI (dist/cli.cjs, and the pieces of it a run needs) with the V8 code caches
// the build made, so a start does not pay for compiling the CLI again: see scripts/build.mjs.
//
// Most runs are short: a CQRS-sized render is done ~60 ms after Node's own start. V8's optimising
// compiler (TurboFan) would start compiling the hottest functions on a background thread just
// before the end, and at exit Node waits for those jobs to finish (it joins its platform threads):
// ~20 ms lost on every small render, for code that never runs again. So the bin raises V8's
// interrupt budget (how much a function runs before V8 considers optimising it; default 66 KB of
// bytecode) and the CLI calls `onLongRun` as soon as a run turns out long (more than 32 KB of input,
// or a batch of files), which puts the default back: big renders, lints and batches are optimised
// as usual (measured: docs/performance.md, "Start-up of a small render").
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const v8 = require('node:v8');
const vm = require('node:vm');

const SHORT_RUN_INTERRUPT_BUDGET = 1024 * 1024;
const DEFAULT_INTERRUPT_BUDGET = 66 * 1024; // V8's default in Node 20 (`node --v8-options`)
// A budget given on node's own command line is the user's choice (NODE_OPTIONS cannot carry one).
const ownBudget = process.execArgv.some((a) => a.startsWith('--interrupt-budget'));
if (!ownBudget) v8.setFlagsFromString(`--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`);
// The build's warm-up runs (FLOWC_WRITE_CODE_CACHE=1) keep the start's budget to the end: V8
// rejects a code cache made under other flags, and every run starts with the short-run budget.
const writeCodeCache = process.env.FLOWC_WRITE_CODE_CACHE === '1';
const onLongRun = () => {
  if (!ownBudget && !writeCodeCache)
    v8.setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`);
};

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'cli.cjs');
if (!existsSync(file)) {
  process.stderr.write(`flowc: ${file} is missing: run \`npm run build\` (npm install does it)\n`);
  process.exit(2);
}
// The CLI is in pieces (scripts/build.mjs, buildCli): dist/cli.cjs and dist/cli-chunks/NAME-HASH.cjs.
// A piece requires another by a relative path; each is run once, as a vm.Script with its own code
// cache (NAME-HASH.cache beside it). Every other require is Node's: a relative one (dist/lsp.cjs)
// from dist/, as if from dist/cli.cjs; Node's modules and packages (sharp) through this file's own
// require, which finds a package as dist/cli.cjs would (the package's folder, then above it)
// without loading node:module for a createRequire (part of Node's ES module loader comes with it).
const PIECE = /^\.\/(?:cli-chunks\/)?[\w-]+-[A-Z0-9]{8}\.cjs$/;
const nodeRequire = (request) => require(request.startsWith('./') ? join(dist, request) : request);
const moduleUrl = pathToFileURL(file).href;
const pieces = new Map();
const piecesRun = [];
const requireFrom = (dir) => (request) =>
  PIECE.test(request) ? runPiece(join(dir, request)) : nodeRequire(request);
function runPiece(filename) {
  const known = pieces.get(filename);
  if (known !== undefined) return known.exports;
  const piece = { exports: {} };
  pieces.set(filename, piece);
  const cacheFile = `${filename.slice(0, -'.cjs'.length)}.cache`;
  // The build checks that every piece is ASCII, so latin1 reads it exactly, into a one-byte string.
  const source = readPiece(filename);
  let script;
  try {
    script = new vm.Script(
      `(function (exports, require, module, __filename, __dirname, __flowcModuleUrl) {${source}\n})`,
      { filename, cachedData: readCache(cacheFile) },
    );
  } catch (error) {
    // dist/ left by an older build (a pull without `npm install`), or a damaged file.
    process.stderr.write(
      `flowc: ${filename} does not fit this bin/flowc.js (${error.message}): dist/ is from another build of flowc; run \`npm run build\` (npm install does it)\n`,
    );
    process.exit(2);
  }
  piecesRun.push({ script, cacheFile });
  const dir = dirname(filename);
  script.runInThisContext()(piece.exports, requireFrom(dir), piece, filename, dir, moduleUrl);
  return piece.exports;
}
/** A piece's code cache; none when it cannot be read (the piece is compiled as it runs). */
function readCache(cacheFile) {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}
/** A piece's text; a piece that cannot be read (a damaged install) ends the run with exit code 2. */
function readPiece(filename) {
  try {
    return readFileSync(filename, 'latin1');
  } catch (error) {
    // Outputs are written atomically (temp file + rename): stopping here leaves none half-written.
    process.stderr.write(
      `flowc: cannot read ${filename} (${error.code ?? error.message}): the installation is incomplete; run \`npm run build\` (npm install does it)\n`,
    );
    process.exit(2);
  }
}
const cli = { exports: runPiece(file) };
cli.exports.main({ onLongRun }).then((run) => {
  if (writeCodeCache) {
    // Build time only (scripts/build.mjs): after a real run, the cache holds every function it compiled.
    for (const { script, cacheFile } of piecesRun)
      writeFileSync(cacheFile, script.createCachedData());
  }
  // Every file is written and every promise settled: exit now (with process.exitCode), unless
  // some output is still waiting to be flushed (a pipe outside Linux), which the event loop drains.
  if (run.outputFlushed()) process.exit();
});
