// Parse/lint benchmark (issues 2 and 15): generated files of about 1k, 10k and 100k lines, and
// 100k lines of repeated samples (the CQRS sample 2,084 times, groups renamed per copy).
// Reports whole-process `flowc lint FILE` time (median), lines per second and peak memory, and
// the in-process parse rate of the library's `parse`: through the compiled line matcher (what
// flowc runs) and through Ohm alone (the reference it is tested against), on the same lines.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedLines, repeatSample } from './generate.mjs';
import { bin, load, machine, median, root, runNode, table } from './lib.mjs';

/** Copies of samples/cqrs.flow (48 lines each) up to about `lines` lines. */
function repeatedSamples(lines) {
  const cqrs = readFileSync(join(root, 'samples', 'cqrs.flow'), 'utf8');
  const perCopy = cqrs.trimEnd().split('\n').length;
  return repeatSample(cqrs, Math.ceil(lines / perCopy));
}

export async function benchParse({ runs = 5 } = {}) {
  const dir = join(root, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const { parse, parseWithOhm } = await import(join(root, 'dist', 'index.js'));
  const inputs = [
    ['generated', 1_000, generatedLines(1_000)],
    ['generated', 10_000, generatedLines(10_000)],
    ['generated', 100_000, generatedLines(100_000)],
    ['repeated samples', 100_000, repeatedSamples(100_000)],
  ];
  const rows = [];
  const loadBefore = load();
  for (const [kind, target, text] of inputs) {
    const lines = text.split('\n').length;
    const file = join(dir, `parse-${kind === 'generated' ? '' : 'repeated-'}${target}.flow`);
    writeFileSync(file, text);
    const n = target >= 100_000 ? Math.max(1, Math.ceil(runs / 2)) : runs;
    const results = [];
    for (let i = 0; i < n; i++) {
      const r = runNode([bin, 'lint', file]);
      if (r.status !== 0)
        throw new Error(`flowc lint ${file} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
      results.push(r);
    }
    const ms = median(results.map((r) => r.ms));
    const cpuMs = median(results.map((r) => r.cpuMs));
    const rss = Math.max(...results.map((r) => r.rssMB));
    // In-process parse, compiled matcher and Ohm alone interleaved (Ohm only up to 10k lines:
    // on 100k it takes seconds and the rate is the same).
    const compiledRuns = [];
    const ohmRuns = [];
    for (let i = 0; i < Math.min(n, 3); i++) {
      let t0 = performance.now();
      const ast = parse(text);
      compiledRuns.push(performance.now() - t0);
      if (ast.diagnostics.length) throw new Error('benchmark file has syntax errors');
      if (lines <= 10_500) {
        t0 = performance.now();
        parseWithOhm(text);
        ohmRuns.push(performance.now() - t0);
      }
    }
    const rate = (ms) => Math.round(lines / (ms / 1000)).toLocaleString('en-US');
    rows.push([
      `${lines.toLocaleString('en-US')} (${kind})`,
      `${(ms / 1000).toFixed(2)} s`,
      `${(cpuMs / 1000).toFixed(2)} s`,
      rate(ms),
      `${rss.toFixed(0)} MB`,
      rate(median(compiledRuns)),
      ohmRuns.length ? rate(median(ohmRuns)) : '–',
    ]);
    console.error(
      `  lint ${lines} lines (${kind}): ${ms.toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms, ${rss.toFixed(0)} MB`,
    );
  }
  return [
    `### Parse and lint (\`npm run bench -- parse\`)`,
    '',
    `Machine: ${machine()}; load average ${loadBefore} → ${load()}. Whole-process \`flowc lint FILE\` (median of ${runs}; 100k lines: ${Math.ceil(runs / 2)}), clean files: generated (\`bench/generate.mjs\`), and copies of samples/cqrs.flow with their groups renamed. In-process parse rates on the same text: flowc's compiled line matcher, and Ohm alone (the reference it is tested against).`,
    '',
    table(
      [
        'lines',
        'flowc lint (whole process)',
        'CPU time',
        'lines/s (whole process)',
        'peak memory (RSS)',
        'lines/s (parse, in-process)',
        'lines/s (parse with Ohm alone)',
      ],
      rows,
    ),
  ].join('\n');
}
