#!/usr/bin/env node
// `npm run bench [-- NAME...]`: runs the named benchmarks (all by default) against the built CLI
// (dist/, made by `npm install` or `npm run build`) and prints Markdown tables for the README.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const suites = {
  parse: async () => (await import('./parse.mjs')).benchParse(),
  render: async () => (await import('./render.mjs')).benchRender(),
  png: async () => (await import('./png.mjs')).benchPng(),
  batch: async () => (await import('./batch/batch.mjs')).benchBatch(),
  fmt: async () => (await import('./fmt.mjs')).benchFmt(),
  watch: async () => (await import('./watch.mjs')).benchWatch(),
  lsp: async () => (await import('./lsp.mjs')).benchLsp(),
  big: async () => (await import('./big.mjs')).benchBig(),
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !(a in suites));
if (unknown.length) {
  console.error(
    `unknown benchmark: ${unknown.join(', ')} (choose from ${Object.keys(suites).join(', ')})`,
  );
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const sections = [];
for (const name of asked.length ? asked : Object.keys(suites)) {
  console.error(`== ${name}`);
  sections.push(await suites[name]());
}
const report = sections.join('\n\n') + '\n';
mkdirSync(join(root, 'bench', 'out'), { recursive: true });
writeFileSync(join(root, 'bench', 'out', 'report.md'), report);
process.stdout.write(report);
