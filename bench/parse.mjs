// Parse/lint benchmark (issue 2): generated files of about 1k, 10k and 100k lines.
// Reports whole-process `flowc lint FILE` time (median), lines per second and peak memory, and
// the in-process parse rate of the library's `parse` alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFlow } from './generate.mjs';
import { bin, machine, median, root, runNode, table } from './lib.mjs';

/** A generated diagram with about `lines` lines (the generator works in nodes). */
function fileOfLines(lines) {
  let nodes = Math.max(10, Math.round(lines / 2.3));
  let text = generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 7 });
  // One correction step is enough: line count is close to linear in nodes.
  const count = text.split('\n').length;
  nodes = Math.max(10, Math.round((nodes * lines) / count));
  text = generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 7 });
  return text;
}

export async function benchParse({ runs = 5 } = {}) {
  const dir = join(root, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const { parse } = await import(join(root, 'dist', 'index.js'));
  const rows = [];
  for (const target of [1_000, 10_000, 100_000]) {
    const text = fileOfLines(target);
    const lines = text.split('\n').length;
    const file = join(dir, `parse-${target}.flow`);
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
    const rss = Math.max(...results.map((r) => r.rssMB));
    const parseRuns = [];
    for (let i = 0; i < Math.min(n, 3); i++) {
      const t0 = performance.now();
      const ast = parse(text);
      parseRuns.push(performance.now() - t0);
      if (ast.diagnostics.length) throw new Error('generated file has syntax errors');
    }
    const parseMs = median(parseRuns);
    rows.push([
      lines.toLocaleString('en-US'),
      `${(ms / 1000).toFixed(2)} s`,
      `${Math.round(lines / (ms / 1000)).toLocaleString('en-US')}`,
      `${rss.toFixed(0)} MB`,
      `${Math.round(lines / (parseMs / 1000)).toLocaleString('en-US')}`,
    ]);
    console.error(`  parse ${lines} lines: ${ms.toFixed(0)} ms, ${rss.toFixed(0)} MB`);
  }
  return [
    `### Parse and lint (\`npm run bench -- parse\`)`,
    '',
    `Machine: ${machine()}. Whole-process \`flowc lint FILE\` (median of ${runs}; 100k lines: ${Math.ceil(runs / 2)}), generated clean files.`,
    '',
    table(
      [
        'lines',
        'flowc lint (whole process)',
        'lines/s (whole process)',
        'peak memory (RSS)',
        'lines/s (parse only, in-process)',
      ],
      rows,
    ),
  ].join('\n');
}
