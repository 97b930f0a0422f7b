#!/usr/bin/env node
// A/B of two builds' warm `layout()`, in one process: both dists imported, every diagram laid out
// by A then by B (after one warm-up pass each), CPU summed per build; the ratio B/A. Used for the
// automatic choice's A/B tables in docs/performance.md:
//
//   node bench/layout-ab.mjs [--set generated|samples|corpus|cqrs] [--files N] [--rounds R] DIR_A DIR_B
//
// DIR_A and DIR_B are two built copies of the package (`npm run build`), e.g. two git worktrees.
// `generated`: the batch benchmark's diagrams (bench/generate.mjs, 19 nodes, 4 groups, seeds
// 1..N); `samples` and `cqrs` in LR and TB; `corpus` (LR and TB) reads $FLOWC_SHARED/corpus or
// ../shared/corpus next to the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFlow } from './generate.mjs';
import { load, machine, root, takeOption } from './lib.mjs';

const args = process.argv.slice(2);
const set = takeOption(args, '--set', 'generated');
const files = Number(takeOption(args, '--files', 100));
const rounds = Number(takeOption(args, '--rounds', 3));
const [dirA, dirB] = args.map((d) => resolve(d));
if (!dirA || !dirB) {
  console.error('usage: node bench/layout-ab.mjs [--set S] [--files N] [--rounds R] DIR_A DIR_B');
  process.exit(2);
}

const texts = [];
const directions = ['LR', 'TB'];
if (set === 'generated') {
  for (let i = 1; i <= files; i++)
    texts.push([`seed ${i}`, generateFlow({ nodes: 19, groups: 4, seed: i }), {}]);
} else if (set === 'samples' || set === 'cqrs') {
  for (const f of readdirSync(join(root, 'samples')).filter((n) => n.endsWith('.flow')))
    if (set === 'samples' || f === 'cqrs.flow')
      for (const direction of directions)
        texts.push([
          `${f} ${direction}`,
          readFileSync(join(root, 'samples', f), 'utf8'),
          { direction },
        ]);
} else if (set === 'corpus') {
  const dir = join(process.env.FLOWC_SHARED ?? join(root, '..', 'shared'), 'corpus', 'diagrams');
  if (!existsSync(dir)) {
    console.error(`no corpus at ${dir} (set FLOWC_SHARED)`);
    process.exit(2);
  }
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.flow')))
    for (const direction of directions)
      texts.push([`${f} ${direction}`, readFileSync(join(dir, f), 'utf8'), { direction }]);
} else {
  console.error(`unknown set ${set}: generated, samples, cqrs or corpus`);
  process.exit(2);
}

const builds = await Promise.all(
  [dirA, dirB].map((dir) => import(pathToFileURL(join(dir, 'dist', 'index.js')).href)),
);
const cases = builds.map((lib) =>
  texts.map(([, text, options]) => [lib.check(text).diagram, options]),
);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const loadBefore = load();
builds.forEach((lib, b) => cases[b].forEach(([diagram, options]) => lib.layout(diagram, options)));
const total = [0, 0];
for (let r = 0; r < rounds; r++)
  for (let i = 0; i < texts.length; i++)
    builds.forEach((lib, b) => {
      const [diagram, options] = cases[b][i];
      const start = cpu();
      lib.layout(diagram, options);
      total[b] += cpu() - start;
    });
const perLayout = total.map((ms) => (ms / rounds / texts.length).toFixed(2));
console.log(
  `${set}, ${texts.length} layouts × ${rounds} rounds (${machine()}; load ${loadBefore} → ${load()}):` +
    ` A ${perLayout[0]} ms, B ${perLayout[1]} ms a layout, B/A ${(total[1] / total[0]).toFixed(3)}`,
);
