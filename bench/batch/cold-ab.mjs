#!/usr/bin/env node
// A/B of two builds' cold files: each round runs `worker-gap.mjs thread --passes 1` once with
// each build (fresh processes, the order alternating), and reads the CPU a file of the first pass,
// on the JavaScript thread and on V8's other threads (the optimising compiler above all).
// Reports the medians and the median of the rounds' own B/A (a round's two runs share the load).
//
//   node bench/batch/cold-ab.mjs [--files N] [--rounds R] DIR_A DIR_B
//
// DIR_A and DIR_B are two copies of the package, each built (`node scripts/build.mjs`).
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { load, machine, median, root, takeOption } from '../lib.mjs';

const args = process.argv.slice(2);
const files = takeOption(args, '--files', '200');
const rounds = Number(takeOption(args, '--rounds', 5));
const dirs = args.map((d) => resolve(d));
if (dirs.length !== 2) {
  console.error('usage: node bench/batch/cold-ab.mjs [--files N] [--rounds R] DIR_A DIR_B');
  process.exit(2);
}
const script = join(root, 'bench', 'batch', 'worker-gap.mjs');
const run = (dir) => {
  const out = execFileSync(
    process.execPath,
    [script, 'thread', '--files', files, '--passes', '1', '--dist', dir],
    { encoding: 'utf8' },
  );
  const m = /pass 1: [\d.]+ ms a file; CPU this thread ([\d.]+) ms, other threads ([\d.]+) ms/.exec(
    out,
  );
  if (!m) throw new Error(`unexpected output:\n${out}`);
  return { main: Number(m[1]), others: Number(m[2]), all: Number(m[1]) + Number(m[2]) };
};
const loadBefore = load();
const results = [[], []];
for (let r = 0; r < rounds; r++)
  for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) {
    results[k].push(run(dirs[k]));
    const x = results[k][results[k].length - 1];
    console.log(
      `round ${r + 1} ${'AB'[k]}: ${x.main.toFixed(2)} + ${x.others.toFixed(2)} = ${x.all.toFixed(2)} ms a file`,
    );
  }
const med = (k, key) => median(results[k].map((x) => x[key]));
const paired = (key) => median(results[1].map((x, r) => x[key] / results[0][r][key]));
console.log(
  `${machine()}; load average ${loadBefore} → ${load()}. ${files} generated files, first pass, ${rounds} interleaved rounds, CPU a file (median):`,
);
for (const key of ['main', 'others', 'all'])
  console.log(
    `  ${{ main: 'JavaScript thread', others: 'other threads', all: 'all threads' }[key]}: A ${med(0, key).toFixed(2)} ms, B ${med(1, key).toFixed(2)} ms; median of the rounds' B/A ${paired(key).toFixed(3)}`,
  );
