#!/usr/bin/env node
// A/B of two builds' layout engine, in one process, interleaved: both builds' dist/index.js are
// loaded side by side, each lays out the same diagrams (LR and TB) after two warm-up passes, and
// the rounds alternate which build goes first, so machine noise hits both alike. Reports the
// median CPU time (process.cpuUsage) per layout and the ratio B/A. The A/B tables of
// docs/performance.md's "The swimlanes engine, same pictures faster" section come from it:
//
//   node bench/layout-ab.mjs [--set generated|samples|corpus] [--layout auto|lanes|layered]
//                            [--files N] [--rounds R] DIR_A DIR_B
//
// `generated` is the batch benchmark's diagrams (bench/generate.mjs, 19 nodes, 4 groups, seeds
// 1..N); `corpus` reads $FLOWC_SHARED/corpus or ../shared/corpus next to the repository. DIR_A and
// DIR_B are two copies of the package, each built (`node scripts/build.mjs --no-types`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFlow } from './generate.mjs';
import { load, machine, median, root, takeOption } from './lib.mjs';

const args = process.argv.slice(2);
const set = takeOption(args, '--set', 'generated');
const kind = takeOption(args, '--layout', 'auto');
const files = Number(takeOption(args, '--files', 100));
const rounds = Number(takeOption(args, '--rounds', 7));
const dirs = args.map((d) => resolve(d));
if (dirs.length !== 2) {
  console.error(
    'usage: node bench/layout-ab.mjs [--set generated|samples|corpus] [--layout auto|lanes|layered] [--files N] [--rounds R] DIR_A DIR_B',
  );
  process.exit(2);
}

const texts = [];
if (set === 'generated') {
  for (let i = 0; i < files; i++) texts.push(generateFlow({ nodes: 19, groups: 4, seed: i + 1 }));
} else {
  const dir =
    set === 'samples'
      ? join(root, 'samples')
      : join(process.env.FLOWC_SHARED ?? join(root, '..', 'shared'), 'corpus', 'diagrams');
  if (!existsSync(dir)) {
    console.error(`no ${set} at ${dir}${set === 'corpus' ? ' (set FLOWC_SHARED)' : ''}`);
    process.exit(2);
  }
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.flow'))
    .sort())
    texts.push(readFileSync(join(dir, f), 'utf8'));
}

const options = kind === 'auto' ? {} : { layout: kind };
const runs = [];
for (const dir of dirs) {
  const lib = await import(pathToFileURL(join(dir, 'dist', 'index.js')).href);
  const diagrams = texts.map((t) => lib.check(t).diagram);
  const run = () => {
    for (const d of diagrams)
      for (const direction of ['LR', 'TB']) lib.layout(d, { ...options, direction });
  };
  run();
  run();
  runs.push(run);
}
const loadBefore = load();
const times = [[], []];
for (let r = 0; r < rounds; r++)
  for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const t = process.cpuUsage();
    runs[k]();
    const u = process.cpuUsage(t);
    times[k].push((u.user + u.system) / 1000 / (2 * texts.length));
  }
const [a, b] = times.map(median);
// Each round's B over its A (run next to each other, so under the same load): on a loaded machine
// the medians of the two columns can differ by 20 % for the same code, the rounds' ratios less.
const paired = median(times[1].map((t, r) => t / times[0][r]));
console.log(
  `${machine()}; load average ${loadBefore} → ${load()}. ${set} (${texts.length} diagrams × LR, TB), layout ${kind}, ${rounds} interleaved rounds: A ${a.toFixed(2)} ms, B ${b.toFixed(2)} ms CPU a layout (median); B/A ${(b / a).toFixed(3)}; median of the rounds' B/A ${paired.toFixed(3)}`,
);
