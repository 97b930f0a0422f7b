// PNG benchmark (issues 4 and 15).
// 1. Whole process, side by side with Graphviz: `flowc render samples/cqrs.flow -o x.png` at scale 1
//    and at the default scale 2, next to `dot -Tpng` of the same diagram (flowc's DOT output) and
//    `node -e ''`, interleaved, medians.
// 2. SVG → PNG in-process (sharp + librsvg, shipped font) for every sample and a 200-node diagram,
//    after a warm-up render, at the default scale 2.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFlow } from './generate.mjs';
import {
  bin,
  load,
  machine,
  median,
  root,
  runCommand,
  runNode,
  sideBySideWithCpu,
  table,
} from './lib.mjs';

const out = join(root, 'bench', 'out');

export async function benchPng({ runs = 7, processRuns = 21 } = {}) {
  mkdirSync(out, { recursive: true });
  const whole = wholeProcess(processRuns);
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
    `### PNG (\`npm run bench -- png\`)`,
    '',
    ...whole,
    '',
    `SVG → PNG in-process: \`emitPng\` at scale 2 (median of ${runs}, after one warm-up render that loads sharp).`,
    '',
    table(['input', 'PNG size (px)', 'SVG → PNG', 'PNG bytes'], rows),
  ].join('\n');
}

/** "W×H" from a PNG file's header. */
function pngSize(file) {
  const head = readFileSync(file).subarray(16, 24);
  return `${head.readUInt32BE(0)}×${head.readUInt32BE(4)}`;
}

/** The CQRS sample to PNG, whole process, next to Graphviz. */
function wholeProcess(runs) {
  const cqrs = join('samples', 'cqrs.flow');
  const dotFile = join(out, 'png-cqrs.dot');
  const made = runNode([bin, 'render', cqrs, '-o', dotFile], { rss: false });
  if (made.status !== 0)
    throw new Error(`flowc render -f dot exited ${made.status}: ${made.stderr}`);
  const hasDot = spawnSync('dot', ['-V'], { stdio: 'ignore' }).status === 0;
  const png = (name, scale) => () =>
    runNode([bin, 'render', cqrs, '-o', join(out, name), ...(scale ? ['--scale', scale] : [])], {
      rss: false,
    });
  const commands = [
    ["`node -e ''`", () => runNode(['-e', ''], { rss: false })],
    ['`flowc render samples/cqrs.flow -o x.png --scale 1`', png('png-cqrs-1.png', '1')],
    ['`flowc render samples/cqrs.flow -o x.png` (scale 2)', png('png-cqrs-2.png', null)],
  ];
  if (hasDot)
    commands.push([
      '`dot -Tpng cqrs.dot -o x.png`',
      () => runCommand('dot', ['-Tpng', dotFile, '-o', join(out, 'png-cqrs-dot.png')]),
    ]);
  const loadBefore = load();
  const medians = sideBySideWithCpu(
    commands.map(([, run]) => run),
    runs,
  );
  const loadAfter = load();
  const dot = hasDot ? medians.at(-1) : null;
  const rows = commands.map(([name], k) => [
    name,
    `${medians[k].ms.toFixed(0)} ms`,
    dot ? `${(medians[k].ms / dot.ms).toFixed(2)}×` : '–',
    `${medians[k].cpuMs.toFixed(0)} ms`,
    dot ? `${(medians[k].cpuMs / dot.cpuMs).toFixed(2)}×` : '–',
  ]);
  console.error(`  whole process: ${rows.map((r) => `${r[0]} ${r[1]}`).join('; ')}`);
  const sizes = [
    `flowc ${pngSize(join(out, 'png-cqrs-1.png'))} at scale 1, ${pngSize(join(out, 'png-cqrs-2.png'))} at scale 2`,
    ...(hasDot ? [`dot ${pngSize(join(out, 'png-cqrs-dot.png'))}`] : []),
  ];
  return [
    `Machine: ${machine()}; load average ${loadBefore} → ${loadAfter}. Whole process, medians of ${runs} interleaved runs;` +
      ` CPU time is user + system of the process and all its threads (10 ms ticks). Pixels: ${sizes.join('; ')}.` +
      (hasDot ? '' : ' Graphviz `dot` is not on PATH here, so there is no comparison.'),
    '',
    table(['command', 'time', 'vs dot', 'CPU time', 'CPU vs dot'], rows),
  ];
}
