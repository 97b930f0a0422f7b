#!/usr/bin/env node
'use strict';
// The flowc executable. CommonJS (bin/package.json), because an ES module entry point makes Node
// load its ESM loader first, ~5 ms of a small render.
//
// It runs the bundled CLI (dist/cli.cjs) with the V8 code cache the build made (dist/cli.cache), so
// a start does not pay for compiling the CLI again: see scripts/build.mjs.
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
const { createRequire } = require('node:module');
const { join } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

const SHORT_RUN_INTERRUPT_BUDGET = 1024 * 1024;
const DEFAULT_INTERRUPT_BUDGET = 66 * 1024; // V8's default in Node 20 (`node --v8-options`)
// A budget given on node's own command line is the user's choice (NODE_OPTIONS cannot carry one).
const ownBudget = process.execArgv.some((a) => a.startsWith('--interrupt-budget'));
if (!ownBudget) v8.setFlagsFromString(`--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`);
const onLongRun = () => {
  if (!ownBudget) v8.setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`);
};

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'cli.cjs');
const cacheFile = join(dist, 'cli.cache');
if (!existsSync(file)) {
  process.stderr.write(`flowc: ${file} is missing: run \`npm run build\` (npm install does it)\n`);
  process.exit(2);
}
const source = readFileSync(file, 'utf8');
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
  {
    filename: file,
    cachedData: existsSync(cacheFile) ? readFileSync(cacheFile) : undefined,
  },
);
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, dist);
cli.exports.main({ onLongRun }).then((run) => {
  if (process.env.FLOWC_WRITE_CODE_CACHE === '1') {
    // Build time only (scripts/build.mjs): after a real run, the cache holds every function it compiled.
    writeFileSync(cacheFile, script.createCachedData());
  }
  // Every file is written and every promise settled: exit now (with process.exitCode), unless
  // some output is still waiting to be flushed (a pipe outside Linux), which the event loop drains.
  if (run.outputFlushed()) process.exit();
});
