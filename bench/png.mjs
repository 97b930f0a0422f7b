// PNG benchmark (issue 4): SVG → PNG time (sharp + librsvg, shipped font) for every sample and a
// 200-node diagram, in-process after a warm-up render, at the default scale 2.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFlow } from './generate.mjs';
import { machine, median, root, table } from './lib.mjs';

export async function benchPng({ runs = 7 } = {}) {
  const lib = await import(join(root, 'dist', 'index.js'));
  const inputs = readdirSync(join(root, 'samples'))
    .filter((f) => f.endsWith('.flow'))
    .sort()
    .map((f) => [f, readFileSync(join(root, 'samples', f), 'utf8')]);
  inputs.push(['generated, 200 nodes', generateFlow({ nodes: 200, groups: 16, seed: 42 })]);
  const rows = [];
  let first = true;
  for (const [name, text] of inputs) {
    const { output: svg } = await lib.compile(text, { format: 'svg' });
    if (first) {
      await lib.emitPng(svg); // loads sharp and fontconfig once, as the first render of a process does
      first = false;
    }
    const times = [];
    let png;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      png = await lib.emitPng(svg);
      times.push(performance.now() - t0);
    }
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    rows.push([
      name,
      size ? `${Math.round(size[1] * 2)}×${Math.round(size[2] * 2)}` : '?',
      `${median(times).toFixed(0)} ms`,
      `${(png.length / 1024).toFixed(0)} KiB`,
    ]);
    console.error(`  png ${name}: ${median(times).toFixed(0)} ms`);
  }
  return [
    `### SVG → PNG (\`npm run bench -- png\`)`,
    '',
    `Machine: ${machine()}. In-process \`emitPng\` at scale 2 (median of ${runs}, after one warm-up render that loads sharp).`,
    '',
    table(['input', 'PNG size (px)', 'SVG → PNG', 'PNG bytes'], rows),
  ].join('\n');
}
