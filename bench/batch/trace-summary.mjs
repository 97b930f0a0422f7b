#!/usr/bin/env node
// Sums V8's `--trace-opt --trace-deopt` output per function: TurboFan compilations and their
// time, eager/soft/lazy deoptimisations by reason, and code thrown away for its dependencies
// (a map deprecated, a field's representation or constness changed).
//
//   node --trace-opt --trace-deopt bench/batch/worker-gap.mjs thread --files 200 --passes 1 > t.txt
//   node bench/batch/trace-summary.mjs t.txt [--top N] [--only NAME,...]
//
// Function names are V8's (the bundled code's names: an anonymous closure is "(anonymous)").
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { takeOption } from '../lib.mjs';

const args = process.argv.slice(2);
const top = Number(takeOption(args, '--top', 40));
const only = takeOption(args, '--only', null)?.split(',') ?? null;
const [file] = args;
if (!file) {
  console.error('usage: node bench/batch/trace-summary.mjs TRACE.txt [--top N] [--only NAME,...]');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const byName = new Map();
const entry = (name) => {
  let e = byName.get(name);
  if (!e) {
    e = { name, compiles: 0, compileMs: 0, deopts: 0, dependent: 0, reasons: new Map() };
    byName.set(name, e);
  }
  return e;
};
const fnName = (s) => {
  const m = /<JSFunction ([^ ]*) ?\(sfi/.exec(s) ?? /<SharedFunctionInfo ([^>]*)>/.exec(s);
  return m && m[1] ? m[1] : '(anonymous)';
};
// With --trace-deopt-verbose each deoptimisation names its place in the built code: mapped back
// to the TypeScript source through the build's source maps.
const maps = new Map();
const sourcePlace = (url, line, column) => {
  let map = maps.get(url);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  const found = map?.findEntry(line - 1, column - 1);
  return found?.originalSource
    ? `${found.originalSource.replace(/^.*?\/src\//, 'src/')}:${found.originalLine + 1}`
    : `${url.replace(/^.*\//, '')}:${line}:${column}`;
};
const places = new Map();
let lastDeopt = null;
let compiles = 0;
let deopts = 0;
let dependent = 0;
const reasons = new Map();
for (const line of text.split('\n')) {
  if (!line.startsWith(' ')) lastDeopt = null;
  if (line.startsWith('[completed compiling') && line.includes('TURBOFAN')) {
    const e = entry(fnName(line));
    e.compiles++;
    compiles++;
    const took = /took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
    if (took) e.compileMs += Number(took[1]) + Number(took[2]) + Number(took[3]);
  } else if (line.startsWith('[bailout (kind:')) {
    const reason = /reason: ([^)]*)\)/.exec(line)?.[1] ?? '?';
    const kind = /kind: ([^,]*),/.exec(line)?.[1] ?? '?';
    const e = entry(fnName(line));
    e.deopts++;
    deopts++;
    const key = `${kind}: ${reason}`;
    e.reasons.set(key, (e.reasons.get(key) ?? 0) + 1);
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
    lastDeopt = `${e.name} ${key}`;
    continue;
  } else if (lastDeopt && line.includes(';;; deoptimize at <')) {
    const m = /deoptimize at <(.*):(\d+):(\d+)>/.exec(line);
    if (m) {
      const key = `${lastDeopt} at ${sourcePlace(m[1], Number(m[2]), Number(m[3]))}`;
      places.set(key, (places.get(key) ?? 0) + 1);
    }
  } else if (line.startsWith('[marking dependent code')) {
    const e = entry(fnName(line));
    const reason = /reason: (.*)\]$/.exec(line)?.[1] ?? '?';
    e.dependent++;
    dependent++;
    const key = `dependency: ${reason}`;
    e.reasons.set(key, (e.reasons.get(key) ?? 0) + 1);
  }
}
console.log(
  `${compiles} TurboFan compilations of ${[...byName.values()].filter((e) => e.compiles > 0).length} functions; ${deopts} deoptimisations, ${dependent} thrown away for dependencies`,
);
for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
  console.log(`  ${n}  ${reason}`);
const rows = [...byName.values()]
  .filter((e) => !only || only.includes(e.name))
  .sort((a, b) => b.compileMs - a.compileMs)
  .slice(0, top);
console.log('\ncompiles  compile ms  deopts  dependent  function  (reasons)');
for (const e of rows)
  console.log(
    `${String(e.compiles).padStart(8)}  ${e.compileMs.toFixed(1).padStart(10)}  ${String(e.deopts).padStart(6)}  ${String(e.dependent).padStart(9)}  ${e.name}  ${[
      ...e.reasons,
    ]
      .map(([r, n]) => `${r} ×${n}`)
      .join('; ')}`,
  );
if (places.size > 0) {
  console.log('\ndeoptimisations by place (--trace-deopt-verbose)');
  for (const [key, n] of [...places].sort((a, b) => b[1] - a[1]))
    console.log(`${String(n).padStart(4)}  ${key}`);
}
