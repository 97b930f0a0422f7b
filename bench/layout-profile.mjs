#!/usr/bin/env node
// Where a small diagram's layout time goes, per candidate of the automatic choice and per phase:
//
//   node bench/layout-profile.mjs [--set generated|samples|corpus] [--files N] [--repeat R]
//
// src/ is compiled file by file (esbuild, no bundling, into a temporary folder) so that V8's CPU
// profile names every function with its source file; the layouts of the set are run R times in a
// child process under `node --cpu-prof` (after one warm-up pass), and the profile is summed:
// inclusive milliseconds of the layout's entry points and phases, then self time by source file.
// `generated` is the batch benchmark's diagrams (bench/generate.mjs, 19 nodes, 4 groups, seeds
// 1..N); `samples` runs every sample LR and TB; `corpus` reads $FLOWC_SHARED/corpus or
// ../shared/corpus next to the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { generateFlow } from './generate.mjs';
import { load, machine, root, takeOption } from './lib.mjs';

const args = process.argv.slice(2);
const set = takeOption(args, '--set', 'generated');
const count = Number(takeOption(args, '--files', 200));
const repeat = Number(takeOption(args, '--repeat', 3));

/** Functions whose inclusive time is reported: `name file` (file relative to src/). */
const PHASES = [
  ['layout', 'layout/index.js', 'layout(): everything'],
  ['chooseLayout', 'layout/index.js', 'the automatic choice'],
  [
    'drawLayered',
    'layout/index.js',
    'layered candidates drawn (plain, blocks, unwrapped, completions)',
  ],
  ['layoutPart', 'layout/layered/index.js', '  layered engine, per part'],
  ['rankNodes', 'layout/layered/rank.js', '    ranking'],
  ['run', 'layout/layered/order.js', '    ordering (sweeps, transposes)'],
  ['moveClusters', 'layout/layered/order.js', '      search: whole groups moved'],
  ['movePairs', 'layout/layered/order.js', '      search: two groups moved'],
  ['planPorts', 'layout/layered/ports.js', '    ports'],
  ['assignX', 'layout/layered/position.js', '    positions across the flow'],
  ['buildRoutes', 'layout/layered/routes.js', '    channel routes'],
  ['wrapped', 'layout/layered/wrap.js', '    wrapping / blocks (incl. their parts)'],
  ['finishLayered', 'layout/index.js', 'layered candidates finished (those that can win)'],
  ['routeBetweenPorts', 'layout/routing.js', '  routes the channels cannot draw'],
  ['layoutLanes', 'layout/index.js', 'swimlanes candidate'],
  ['place', 'layout/place.js', '  placement'],
  ['rankClasses', 'layout/column-rank.js', '    columns (network simplex)'],
  ['routeEdges', 'layout/routing.js', '  routing'],
  ['placeLabels', 'layout/labels.js', 'edge labels (all candidates)'],
  ['scoreParts', 'layout/score.js', 'scoring (all candidates)'],
];

const work = mkdtempSync(join(tmpdir(), 'flowc-layout-profile-'));
try {
  const out = join(work, 'src');
  const entries = [];
  const walk = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) entries.push(rel);
    }
  };
  walk('src');
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: out,
    outbase: 'src',
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  // Bare imports (ohm-js, dagre, ...) resolve from the repository's node_modules.
  writeFileSync(join(work, 'package.json'), '{"type":"module"}');
  spawnSync('ln', ['-s', join(root, 'node_modules'), join(work, 'node_modules')]);

  const cases = [];
  if (set === 'generated') {
    for (let i = 0; i < count; i++)
      cases.push({ text: generateFlow({ nodes: 19, groups: 4, seed: i + 1 }), options: {} });
  } else if (set === 'samples') {
    for (const f of readdirSync(join(root, 'samples')).filter((n) => n.endsWith('.flow')))
      for (const direction of ['LR', 'TB'])
        cases.push({
          text: readFileSync(join(root, 'samples', f), 'utf8'),
          options: { direction },
        });
  } else if (set === 'corpus') {
    const shared = process.env.FLOWC_SHARED ?? join(root, '..', 'shared');
    const dir = join(shared, 'corpus', 'diagrams');
    if (!existsSync(dir)) {
      console.error(`no corpus at ${dir} (set FLOWC_SHARED)`);
      process.exit(2);
    }
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.flow')))
      cases.push({ text: readFileSync(join(dir, f), 'utf8'), options: {} });
  } else {
    console.error(`unknown set ${set}: generated, samples or corpus`);
    process.exit(2);
  }
  writeFileSync(join(work, 'cases.json'), JSON.stringify(cases));
  writeFileSync(
    join(work, 'drive.mjs'),
    `import { readFileSync } from 'node:fs';
const lib = await import('./src/index.js');
const cases = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8'))
  .map((c) => ({ ...c, diagram: lib.check(c.text).diagram }));
for (const c of cases) lib.layout(c.diagram, c.options);
const t = process.cpuUsage();
for (let r = 0; r < ${repeat}; r++) for (const c of cases) lib.layout(c.diagram, c.options);
const u = process.cpuUsage(t);
console.log(((u.user + u.system) / 1000 / ${repeat} / cases.length).toFixed(2));
`,
  );
  const loadBefore = load();
  const run = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', join(work, 'prof'), '--cpu-prof-interval', '200', 'drive.mjs'],
    { cwd: work, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`profile run failed: ${run.stderr}`);
  const perLayout = Number(run.stdout.trim());
  const file = readdirSync(join(work, 'prof'))[0];
  const profile = JSON.parse(readFileSync(join(work, 'prof', file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map();
  const self = new Map();
  let layoutTotal = 0;
  const fileOf = (url) =>
    url.split('/src/')[1] ??
    (url.includes('node_modules')
      ? url.split('node_modules/')[1]?.split('/').slice(0, 2).join('/')
      : '');
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set();
    let inLayout = false;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      const key = `${frame.functionName} ${fileOf(frame.url)}`;
      if (key === 'layout layout/index.js') inLayout = true;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
    if (!inLayout) return;
    layoutTotal += ms;
    const frame = byId.get(id).callFrame;
    const where = fileOf(frame.url) || `(${frame.functionName})`;
    self.set(where, (self.get(where) ?? 0) + ms);
  });
  const share = (ms) => `${((100 * ms) / layoutTotal).toFixed(1)} %`;
  const rows = PHASES.map(([name, where, what]) => {
    const ms = inclusive.get(`${name} ${where}`) ?? 0;
    return `| ${what} | \`${name}\` (${where}) | ${share(ms)} |`;
  });
  const files = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(
    [
      `### Layout profile: ${set} (${cases.length} layouts × ${repeat})`,
      '',
      `Machine: ${machine()}; load average ${loadBefore} → ${load()}. CPU ${perLayout} ms a layout (warm, in-process).` +
        ' Shares of the time sampled inside `layout()` (inclusive: a phase counts everything it calls).',
      '',
      '| phase | function | share |',
      '|---|---|---|',
      ...rows,
      '',
      'Self time by source file (inside `layout()`):',
      '',
      '| file | share |',
      '|---|---|',
      ...files.map(([f, ms]) => `| ${f} | ${share(ms)} |`),
    ].join('\n'),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
