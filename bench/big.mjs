// Big and hostile inputs (issues #10, #14, #15): whole-process `flowc render` of generated clustered
// diagrams of 1,000 and 3,000 nodes in each placement, the 4,000-node / 800-group file, a hub, many
// parallel edges and self-loops, and a long chain — each next to `dot -Tsvg` (newrank=true) on
// flowc's own DOT output of the same file, in the same run. dot gets a time limit: on the generated
// graphs (clusters, compass ports) it can run for many minutes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFlow, repeatSample } from './generate.mjs';
import { bin, load, machine, root, runCommand, runNode, table } from './lib.mjs';
import { spawnSync } from 'node:child_process';

const out = join(root, 'bench', 'out');
/** dot's time limit per graph, seconds (FLOWC_BENCH_DOT_LIMIT). */
const DOT_LIMIT = Number(process.env.FLOWC_BENCH_DOT_LIMIT ?? 60);

/** The inputs: name, .flow text, and the placements to run it with. */
function inputs() {
  const cqrs = readFileSync(join(root, 'samples', 'cqrs.flow'), 'utf8');
  const hub = (n) => [
    's: circle',
    'e: circle',
    'h: rectangle label:"Hub"',
    ...Array.from({ length: n }, (_, k) => `t${k}: rectangle`),
    's -> h',
    ...Array.from({ length: n }, (_, k) => `h -> t${k}`),
    ...Array.from({ length: n }, (_, k) => `t${k} -> e`),
  ];
  const chain = (n) => [
    's: circle',
    'e: circle',
    ...Array.from({ length: n }, (_, k) => `n${k}: rectangle`),
    's -> n0',
    ...Array.from({ length: n - 1 }, (_, k) => `n${k} -> n${k + 1}`),
    `n${n - 1} -> e`,
  ];
  const lines = (list) => list.join('\n') + '\n';
  return [
    ['generated 1,000 nodes, 83 groups', generateFlow({ nodes: 1000, groups: 83, seed: 42 })],
    ['generated 3,000 nodes, 250 groups', generateFlow({ nodes: 3000, groups: 250, seed: 42 })],
    ['CQRS ×210 (3,990 nodes, 840 groups)', repeatSample(cqrs, 210)],
    ['one node with 1,000 edges', lines(hub(1000))],
    [
      '1,000 parallel edges',
      lines(
        ['s: circle', 'e: circle', 'a: rectangle', 'b: rectangle', 's -> a', 'b -> e'].concat(
          Array.from({ length: 1000 }, () => 'a -> b'),
        ),
      ),
    ],
    [
      '500 self-loops',
      lines(
        ['s: circle', 'e: circle', 'a: rectangle', 's -> a', 'a -> e'].concat(
          Array.from({ length: 500 }, () => 'a -> a'),
        ),
      ),
    ],
    ['a chain of 10,000 nodes', lines(chain(10000))],
  ];
}

export async function benchBig({ layouts = ['auto', 'layered', 'lanes'] } = {}) {
  mkdirSync(out, { recursive: true });
  const hasDot = spawnSync('dot', ['-V'], { stdio: 'ignore' }).status === 0;
  const loadBefore = load();
  const rows = [];
  inputs().forEach(([name, text], k) => {
    const file = join(out, `big-${k}.flow`);
    writeFileSync(file, text);
    const cells = [name];
    for (const kind of layouts) {
      const r = runNode([
        bin,
        'render',
        file,
        '-o',
        join(out, `big-${k}-${kind}.svg`),
        '--layout',
        kind,
      ]);
      if (r.status !== 0)
        throw new Error(`render ${name} --layout ${kind} exited ${r.status}: ${r.stderr}`);
      cells.push(
        `${(r.ms / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s), ${r.rssMB.toFixed(0)} MB`,
      );
      console.error(`  ${name}, ${kind}: ${cells[cells.length - 1]}`);
    }
    if (hasDot) {
      const dotFile = join(out, `big-${k}.dot`);
      const d = runNode([bin, 'render', file, '-f', 'dot', '-o', dotFile]);
      if (d.status !== 0) throw new Error(`render ${name} -f dot exited ${d.status}: ${d.stderr}`);
      const r = runDot(dotFile, join(out, `big-${k}-dot.svg`));
      cells.push(r);
      console.error(`  ${name}, dot: ${r}`);
    } else cells.push('(dot not installed)');
    rows.push(cells);
  });
  const loadAfter = load();
  return [
    '### Big and hostile inputs (`npm run bench -- big`)',
    '',
    `Machine: ${machine()}; load average ${loadBefore} → ${loadAfter}. One run each, whole process, SVG output: wall time (CPU time of all threads), peak memory (VmHWM). dot: \`dot -Tsvg -Gnewrank=true\` on flowc's DOT output of the same file, stopped after ${DOT_LIMIT} s.`,
    '',
    table(['input', ...layouts.map((k) => `\`--layout ${k}\``), '`dot -Tsvg` (newrank)'], rows),
  ].join('\n');
}

function runDot(input, output) {
  const r = runCommand('timeout', [
    String(DOT_LIMIT),
    'dot',
    '-Tsvg',
    '-Gnewrank=true',
    input,
    '-o',
    output,
  ]);
  if (r.status === 124)
    return `stopped after ${DOT_LIMIT} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s)`;
  if (r.status !== 0) return `exit ${r.status}`;
  return `${(r.ms / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s)`;
}
