#!/usr/bin/env node
// What terminal colour costs (issue 14, item 15: chalk, loaded only when colour is on): `flowc lint`
// of a file with an error, its report on a pipe, with FORCE_COLOR=1 (chalk loaded, the report
// coloured) against FORCE_COLOR=0 (chalk never loaded), interleaved, whole process:
//
//   node bench/colour.mjs [--runs N]
//
// Wall: median. CPU: mean of the whole process's user + system (10 ms ticks, from /proc). CPU to
// exit: median up to the 'exit' event (bench/cpu-hook.cjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, childrenCpuMs, load, machine, median, root, table } from './lib.mjs';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 40;
const file = join(root, 'samples', 'invalid', 'unknown-setting.flow');
const work = mkdtempSync(join(tmpdir(), 'flowc-colour-'));
const cpuFile = join(work, 'cpu');
const hook = join(root, 'bench', 'cpu-hook.cjs');

function timed(colour) {
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', hook, bin, 'lint', '--no-config', file], {
    env: { ...process.env, FORCE_COLOR: colour ? '1' : '0', FLOWC_BENCH_CPU_FILE: cpuFile },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = childrenCpuMs() - cpu0;
  if (r.stdout.includes('\u001b[') !== colour) throw new Error(`colour ${colour}: ${r.stdout}`);
  return { ms, cpuMs, exitCpuMs: Number(readFileSync(cpuFile, 'utf8').split(' ')[0]) };
}

const loadBefore = load();
const results = { off: [], on: [] };
try {
  for (let r = 0; r < runs; r++)
    for (const colour of r % 2 ? [true, false] : [false, true])
      results[colour ? 'on' : 'off'].push(timed(colour));
} finally {
  rmSync(work, { recursive: true, force: true });
}
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const row = (name, list) => [
  name,
  median(list.map((x) => x.ms)).toFixed(1),
  mean(list.map((x) => x.cpuMs)).toFixed(1),
  median(list.map((x) => x.exitCpuMs)).toFixed(1),
];
process.stdout.write(
  [
    `Machine: ${machine()}; load average ${loadBefore} → ${load()}; ${runs} interleaved runs each.`,
    '',
    table(
      [
        'lint of a file with an error, report on a pipe',
        'wall (ms)',
        'CPU (ms)',
        'CPU to exit (ms)',
      ],
      [row('FORCE_COLOR=0 (no chalk)', results.off), row('FORCE_COLOR=1 (chalk)', results.on)],
    ),
    '',
  ].join('\n'),
);
