#!/usr/bin/env node
// Warm layouts of the batch benchmark's generated files, for instruction counts that the machine's
// load does not move: one build's dist/index.js lays out FILES generated 19-node, 4-group diagrams
// (LR and TB) once to warm up, then PASSES more times. Run it under callgrind with two pass counts
// and subtract: what is left is the warm layouts' own instructions (start-up and warm-up cancel).
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node bench/layout-warm.mjs DIR 1 12
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node bench/layout-warm.mjs DIR 3 12
//   (difference) / (2 passes × 24 layouts) = instructions a warm layout
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFlow } from './generate.mjs';

const [dir, passes = '1', files = '12'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/layout-warm.mjs DIR [PASSES] [FILES]');
  process.exit(2);
}
const lib = await import(pathToFileURL(join(resolve(dir), 'dist', 'index.js')).href);
const diagrams = [];
for (let i = 0; i < Number(files); i++)
  diagrams.push(lib.check(generateFlow({ nodes: 19, groups: 4, seed: i + 1 })).diagram);
const run = () => {
  for (const d of diagrams) for (const direction of ['LR', 'TB']) lib.layout(d, { direction });
};
run();
for (let p = 0; p < Number(passes); p++) run();
