#!/usr/bin/env node
// Whether two builds lay out the same: both builds' dist/index.js loaded side by side, every
// diagram laid out by each (LR and TB × auto, layered, lanes) and the layouts compared as JSON.
// Prints the count compared and each difference; exit 1 on any.
//
//   node bench/layout-same.mjs [--seeds N] [--big N] DIR_A DIR_B
//
// The diagrams: the samples, the corpus ($FLOWC_SHARED/corpus or ../shared/corpus), the batch
// benchmark's generated 19-node files (seeds 1..N, default 200) and N bigger generated ones
// (20–240 nodes, default 12).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFlow } from './generate.mjs';
import { root, takeOption } from './lib.mjs';

const args = process.argv.slice(2);
const seeds = Number(takeOption(args, '--seeds', 200));
const big = Number(takeOption(args, '--big', 12));
const dirs = args.map((d) => resolve(d));
if (dirs.length !== 2) {
  console.error('usage: node bench/layout-same.mjs [--seeds N] [--big N] DIR_A DIR_B');
  process.exit(2);
}
const texts = [];
const corpus = join(process.env.FLOWC_SHARED ?? join(root, '..', 'shared'), 'corpus', 'diagrams');
for (const dir of [join(root, 'samples'), corpus])
  if (existsSync(dir))
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.flow'))
      .sort())
      texts.push([f, readFileSync(join(dir, f), 'utf8')]);
for (let i = 1; i <= seeds; i++)
  texts.push([`generated ${i}`, generateFlow({ nodes: 19, groups: 4, seed: i })]);
for (let i = 1; i <= big; i++) {
  const nodes = 20 * i;
  texts.push([
    `generated ${nodes} nodes`,
    generateFlow({ nodes, groups: 2 + (i % 5), seed: 1000 + i }),
  ]);
}
const libs = [];
for (const dir of dirs) libs.push(await import(pathToFileURL(join(dir, 'dist', 'index.js')).href));
let compared = 0;
let differing = 0;
for (const [name, text] of texts)
  for (const layout of ['auto', 'layered', 'lanes'])
    for (const direction of ['LR', 'TB']) {
      const [a, b] = libs.map((lib) => {
        const diagram = lib.check(text).diagram;
        if (!diagram) return 'no diagram';
        try {
          return JSON.stringify(
            lib.layout(diagram, { direction, ...(layout === 'auto' ? {} : { layout }) }),
          );
        } catch (error) {
          return `error: ${error.message}`;
        }
      });
      compared++;
      if (a !== b) {
        differing++;
        console.log(`DIFF ${name} ${direction} ${layout}`);
      }
    }
console.log(`compared ${compared}, differing ${differing}`);
process.exit(differing > 0 ? 1 : 0);
