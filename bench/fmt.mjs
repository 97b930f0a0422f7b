// Formatter benchmark (issue 11): `flowc fmt` on a generated 10,000-line file, next to `flowc lint`
// of the same file, in interleaved runs of one process (the machine's load hits every command
// alike, so the ratios hold even when the absolute times do not).
//
// - `fmt --check` of the canonical file (parse, print, compare: nothing to write);
// - `fmt --check` and `fmt -` of a messy copy (no indentation, extra blanks, CRLF): what a real
//   reformat costs, without and with writing the text out;
// - with FLOWC_BENCH_BASELINE=/path/to/another/checkout (built), that checkout's `lint`,
//   `fmt --check` and `render` of the same file in the same interleaving: the A/B that shows a change kept their
//   speed (`render` only when FLOWC_BENCH_RENDER=1: it takes minutes at this size).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFlow } from './generate.mjs';
import { bin, machine, median, root, runNode, sideBySide, table } from './lib.mjs';

const out = join(root, 'bench', 'out');

/** A generated diagram of about `lines` lines (the generator counts nodes). */
export function fileOfLines(lines) {
  let nodes = Math.max(10, Math.round(lines / 2.3));
  let text = generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 7 });
  nodes = Math.max(10, Math.round((nodes * lines) / text.split('\n').length));
  return generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 7 });
}

/** The same file written carelessly: no indentation, blanks around tokens, CRLF line ends. */
function messy(text) {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/ -> /g, '->').replace(/: /g, ' :  '))
    .join('\r\n');
}

/** A command whose exit status `expected` counts as success (fmt --check exits 1 on a messy file). */
function expecting(expected, command) {
  return () => {
    const r = command();
    return { ...r, status: r.status === expected ? 0 : r.status };
  };
}

export async function benchFmt({ runs = 7 } = {}) {
  mkdirSync(out, { recursive: true });
  const { format, parse } = await import(join(root, 'dist', 'index.js'));
  const text = format(fileOfLines(10_000)).output;
  const lines = text.split('\n').length - 1;
  const tidyFile = join(out, 'fmt-10000.flow');
  const messyFile = join(out, 'fmt-10000-messy.flow');
  writeFileSync(tidyFile, text);
  writeFileSync(messyFile, messy(text));

  const baseline = process.env.FLOWC_BENCH_BASELINE;
  const withRender = process.env.FLOWC_BENCH_RENDER === '1';
  const commands = [
    ['flowc lint', () => runNode([bin, 'lint', tidyFile])],
    [
      'flowc fmt --check (canonical file)',
      expecting(0, () => runNode([bin, 'fmt', '--check', tidyFile])),
    ],
    [
      'flowc fmt --check (messy file)',
      expecting(1, () => runNode([bin, 'fmt', '--check', messyFile])),
    ],
    [
      'flowc fmt - (messy file, text to stdout)',
      () => runNode([bin, 'fmt', '-'], { input: messy(text) }),
    ],
  ];
  if (withRender)
    commands.push([
      'flowc render -f svg',
      () => runNode([bin, 'render', tidyFile, '-o', join(out, 'fmt-10000.svg')]),
    ]);
  if (baseline) {
    const baseBin = join(baseline, 'bin', 'flowc.js');
    commands.push([`baseline lint (${baseline})`, () => runNode([baseBin, 'lint', tidyFile])]);
    commands.push([
      `baseline fmt --check, canonical file (${baseline})`,
      expecting(0, () => runNode([baseBin, 'fmt', '--check', tidyFile])),
    ]);
    if (withRender)
      commands.push([
        `baseline render -f svg (${baseline})`,
        () => runNode([baseBin, 'render', tidyFile, '-o', join(out, 'fmt-10000-baseline.svg')]),
      ]);
  }
  const medians = sideBySide(
    commands.map(([, c]) => c),
    runs,
  );
  const lintMs = medians[0];
  const rows = commands.map(([name], i) => [
    name,
    `${medians[i].toFixed(0)} ms`,
    `${(medians[i] / lintMs).toFixed(2)}×`,
  ]);
  for (const [name, ms] of rows.map((r) => [r[0], r[1]])) console.error(`  ${name}: ${ms}`);

  // In-process: the formatter's own cost over the parse it needs.
  const source = messy(text);
  const parseMs = [];
  const formatMs = [];
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    parse(source);
    parseMs.push(performance.now() - t0);
    t0 = performance.now();
    format(source);
    formatMs.push(performance.now() - t0);
  }
  const p = median(parseMs);
  const f = median(formatMs);

  return [
    '### Format (`npm run bench -- fmt`)',
    '',
    `Machine: ${machine()}. A generated file of ${lines.toLocaleString('en-US')} lines; medians of ${runs} interleaved runs, whole process; ratios to \`flowc lint\` of the same file in the same runs.`,
    '',
    table(['command', 'median', 'vs lint'], rows),
    '',
    `In-process, the messy file: \`parse\` ${p.toFixed(0)} ms, \`format\` (parse and print) ${f.toFixed(0)} ms (${(f / p).toFixed(2)}× parse).`,
  ].join('\n');
}
