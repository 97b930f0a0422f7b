// Render benchmark (issue 3): whole-process `flowc render` of every sample next to `node -e ''`
// (the floor of any Node CLI), and generated clustered diagrams of 50, 200 and 1,000 nodes with
// the share of each stage measured in-process.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFlow, repeatSample } from './generate.mjs';
import { bin, load, machine, median, root, runNode, sideBySide, table } from './lib.mjs';

const out = join(root, 'bench', 'out');

export async function benchRender({ runs = 15 } = {}) {
  mkdirSync(out, { recursive: true });
  const samples = readdirSync(join(root, 'samples'))
    .filter((f) => f.endsWith('.flow'))
    .sort();
  const loadBefore = load();
  const floor = () => runNode(['-e', ''], { rss: false });
  const renderSample = (f) => () =>
    runNode([bin, 'render', join('samples', f), '-o', join(out, f.replace(/\.flow$/, '.svg'))], {
      rss: false,
    });
  const medians = sideBySide([floor, ...samples.map(renderSample)], runs);
  const floorMs = medians[0];
  const sampleRows = samples.map((f, i) => [
    f,
    `${medians[i + 1].toFixed(0)} ms`,
    `${(medians[i + 1] / floorMs).toFixed(2)}×`,
  ]);
  console.error(
    `  node -e '' ${floorMs.toFixed(0)} ms; cqrs ${medians[1 + samples.indexOf('cqrs.flow')]?.toFixed(0)} ms`,
  );

  // Start-up, on its own and with more runs: the CQRS render next to `node -e ''`, in this
  // environment and, when NODE_EXTRA_CA_CERTS is set, without it. Node then parses those
  // certificates at every start (on the project machine ~40 ms of its ~62 ms), which raises the
  // floor and flatters the ratio; the second pair shows the ratio without that.
  const startupRuns = Math.max(runs, 31);
  const cqrs = join('samples', 'cqrs.flow');
  const renderCqrs = (env) => () =>
    runNode([bin, 'render', cqrs, '-o', join(out, 'startup-cqrs.svg')], { rss: false, env });
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
  const withoutCerts = { NODE_EXTRA_CA_CERTS: undefined };
  const startupCommands = [floor, renderCqrs()];
  if (extraCerts)
    startupCommands.push(
      () => runNode(['-e', ''], { rss: false, env: withoutCerts }),
      renderCqrs(withoutCerts),
    );
  const startup = sideBySide(startupCommands, startupRuns);
  const startupRows = [
    [extraCerts ? `as is (NODE_EXTRA_CA_CERTS=${extraCerts})` : 'as is', startup[0], startup[1]],
  ];
  if (extraCerts) startupRows.push(['NODE_EXTRA_CA_CERTS unset', startup[2], startup[3]]);
  for (const [env, nodeMs, flowcMs] of startupRows)
    console.error(
      `  start-up, ${env}: node -e '' ${nodeMs.toFixed(0)} ms, cqrs ${flowcMs.toFixed(0)} ms`,
    );

  const lib = await import(join(root, 'dist', 'index.js'));
  const genRows = [];
  for (const nodes of [50, 200, 1000]) {
    const text = generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 42 });
    const file = join(out, `render-${nodes}.flow`);
    writeFileSync(file, text);
    const n = nodes >= 1000 ? 3 : 5;
    const whole = [];
    for (let i = 0; i < n; i++) {
      const r = runNode([bin, 'render', file, '-o', join(out, `render-${nodes}.svg`)]);
      if (r.status !== 0)
        throw new Error(`render of ${nodes} nodes exited ${r.status}: ${r.stderr}`);
      whole.push(r.ms);
    }
    const stages = { parse: [], validate: [], layout: [], emit: [] };
    for (let i = 0; i < n; i++) {
      let t = performance.now();
      const ast = lib.parse(text);
      stages.parse.push(performance.now() - t);
      t = performance.now();
      const { diagram } = lib.resolve(ast);
      lib.validate(diagram);
      stages.validate.push(performance.now() - t);
      t = performance.now();
      const laidOut = lib.layout(diagram);
      stages.layout.push(performance.now() - t);
      t = performance.now();
      lib.emitSvg(laidOut);
      stages.emit.push(performance.now() - t);
    }
    const m = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, median(v)]));
    const total = m.parse + m.validate + m.layout + m.emit;
    const share = (k) => `${m[k].toFixed(0)} ms (${((100 * m[k]) / total).toFixed(0)} %)`;
    const wholeMs = median(whole);
    genRows.push([
      String(nodes),
      `${(wholeMs / 1000).toFixed(2)} s`,
      share('parse'),
      share('validate'),
      share('layout'),
      share('emit'),
    ]);
    console.error(`  ${nodes} nodes: ${wholeMs.toFixed(0)} ms whole process`);
  }
  const large = largeRender();
  return [
    `### Render (\`npm run bench -- render\`)`,
    '',
    `Machine: ${machine()}; load average ${loadBefore} at the start. Medians of ${runs} interleaved runs, whole process, SVG output.`,
    '',
    table(
      ['sample', '`flowc render FILE -o x.svg`', "vs `node -e ''`"],
      [[`\`node -e ''\``, `${floorMs.toFixed(0)} ms`, '1.00×'], ...sampleRows],
    ),
    '',
    `Start-up: \`flowc render samples/cqrs.flow -o x.svg\` next to \`node -e ''\`, medians of ${startupRuns} interleaved runs:`,
    '',
    table(
      [
        'environment',
        "`node -e ''`",
        '`flowc render samples/cqrs.flow -o x.svg`',
        'ratio (target: at most 2×)',
      ],
      startupRows.map(([env, nodeMs, flowcMs]) => [
        env,
        `${nodeMs.toFixed(0)} ms`,
        `${flowcMs.toFixed(0)} ms`,
        `${(flowcMs / nodeMs).toFixed(2)}×`,
      ]),
    ),
    '',
    'Generated clustered diagrams (`bench/generate.mjs`, about 12 nodes a group); stage times in-process (warm):',
    '',
    table(['nodes', 'whole process', 'parse', 'resolve + validate', 'layout', 'emit SVG'], genRows),
    '',
    large,
  ].join('\n');
}

/**
 * Issue 15's large diagram: 210 copies of samples/cqrs.flow, groups renamed per copy (3,990 nodes,
 * 840 groups, 4,410 edges), rendered to SVG once, whole process, with its peak memory. Target:
 * at most 10 s and 500 MB.
 */
function largeRender() {
  const cqrs = readFileSync(join(root, 'samples', 'cqrs.flow'), 'utf8');
  const file = join(out, 'render-cqrs-x210.flow');
  writeFileSync(file, repeatSample(cqrs, 210));
  const loadBefore = load();
  const r = runNode([bin, 'render', file, '-o', join(out, 'render-cqrs-x210.svg')]);
  if (r.status !== 0) throw new Error(`render of CQRS x210 exited ${r.status}: ${r.stderr}`);
  const loadAfter = load();
  console.error(
    `  CQRS x210: ${(r.ms / 1000).toFixed(1)} s, CPU ${(r.cpuMs / 1000).toFixed(1)} s, ${r.rssMB.toFixed(0)} MB`,
  );
  return [
    `A large diagram: 210 copies of samples/cqrs.flow with their groups renamed (3,990 nodes, 840 groups), one run, whole process; load average ${loadBefore} → ${loadAfter}:`,
    '',
    table(
      ['input', '`flowc render FILE -o x.svg`', 'CPU time', 'peak memory (RSS)', 'target'],
      [
        [
          'CQRS ×210',
          `${(r.ms / 1000).toFixed(1)} s`,
          `${(r.cpuMs / 1000).toFixed(1)} s`,
          `${r.rssMB.toFixed(0)} MB`,
          'at most 10 s and 500 MB',
        ],
      ],
    ),
  ].join('\n');
}
