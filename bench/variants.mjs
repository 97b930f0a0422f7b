#!/usr/bin/env node
// A/B/C/... of several builds of flowc at once, whole process, interleaved in a rotating order
// (run r starts with build r mod N), so machine noise hits every build alike. Used for the
// start-up tricks table of docs/performance.md (issue 14, item 16):
//
//   node bench/variants.mjs [--runs N] [--only name,...] DIR_A DIR_B ...
//
// Each DIR is a copy of the package, built (`node scripts/build.mjs --no-types`); node_modules may
// be a symlink to one install. The first is the reference. Per build and command: the median wall
// time, the mean CPU time of the whole process (10 ms ticks, from /proc: averaged over the runs),
// and the median CPU time up to the process's 'exit' event (µs, from bench/cpu-hook.cjs); then the
// difference of each from the reference.
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { childrenCpuMs, load, machine, median, root, table, takeOption } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback = null) => takeOption(args, name, fallback);
const runs = Number(option('--runs', 30));
const only = option('--only', null)?.split(',') ?? null;
const dirs = args.map((d) => resolve(d));
if (dirs.length < 2) {
  console.error('usage: node bench/variants.mjs [--runs N] [--only name,...] DIR_A DIR_B ...');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'flowc-variants-'));
const hook = join(root, 'bench', 'cpu-hook.cjs');
const cpuFile = join(work, 'cpu');
mkdirSync(join(work, 'samples'));
for (const name of readdirSync(join(root, 'samples')).filter((n) => n.endsWith('.flow')))
  writeFileSync(join(work, 'samples', name), readFileSync(join(root, 'samples', name)));
const settled = new Date(Date.now() - 3600_000);
for (let i = 0; i < 200; i++) {
  const file = join(work, 'batch', `p${i % 5}`, `f${i}.flow`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `s: circle\na: rectangle label:"Step ${i}"\ne: circle\ns -> a\na -> e\n`);
  utimesSync(file, settled, settled);
}
const cases = {
  '--version': ['--version'],
  'lint samples/cqrs.flow': ['lint', 'samples/cqrs.flow'],
  'render samples/cqrs.flow → SVG': ['render', 'samples/cqrs.flow', '-o', join(work, 'x.svg')],
  "lint 'samples/*.flow' (a glob)": ['lint', 'samples/*.flow'],
  'batch, 200 files, nothing to do': ['render', 'batch', '-o', 'out', '-q'],
};

function timed(dir, argv) {
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', hook, join(dir, 'bin', 'flowc.js'), ...argv], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, FLOWC_BENCH_CPU_FILE: cpuFile },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = childrenCpuMs() - cpu0;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const [exitCpuMs] = readFileSync(cpuFile, 'utf8').split(' ').map(Number);
  return { ms, cpuMs, exitCpuMs };
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const f1 = (ms) => ms.toFixed(1);
const signed = (ms) => `${ms >= 0 ? '+' : ''}${ms.toFixed(1)}`;
const rows = [];
const loadBefore = load();
try {
  for (const [name, argv] of Object.entries(cases)) {
    if (only && !only.some((o) => name.includes(o))) continue;
    for (const dir of dirs) timed(dir, argv); // warm the file cache, write the batch's outputs
    const results = dirs.map(() => []);
    for (let r = 0; r < runs; r++)
      for (let k = 0; k < dirs.length; k++) {
        const i = (k + r) % dirs.length;
        results[i].push(timed(dirs[i], argv));
      }
    const stats = results.map((list) => ({
      wall: median(list.map((x) => x.ms)),
      cpu: mean(list.map((x) => x.cpuMs)),
      exitCpu: median(list.map((x) => x.exitCpuMs)),
    }));
    stats.forEach((s, i) => {
      const ref = stats[0];
      rows.push([
        name,
        basename(dirs[i]),
        f1(s.wall),
        f1(s.cpu),
        f1(s.exitCpu),
        i === 0 ? '' : signed(s.wall - ref.wall),
        i === 0 ? '' : signed(s.cpu - ref.cpu),
        i === 0 ? '' : signed(s.exitCpu - ref.exitCpu),
      ]);
    });
    console.error(`  ${name}: done`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(
  [
    `Machine: ${machine()}; load average ${loadBefore} → ${load()}. Whole process, ${runs} interleaved runs per build (rotating order). Wall: median, ms. CPU: mean of the whole process's user + system (10 ms ticks), ms. CPU to exit: median up to the 'exit' event (µs precision), ms. Δ: against ${basename(dirs[0])}.`,
    '',
    table(
      ['command', 'build', 'wall', 'CPU', 'CPU to exit', 'Δ wall', 'Δ CPU', 'Δ CPU to exit'],
      rows,
    ),
    '',
  ].join('\n'),
);
