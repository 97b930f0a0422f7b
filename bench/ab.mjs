#!/usr/bin/env node
// A/B of two builds of flowc, whole process, interleaved (A, B, A, B, ...) so machine noise hits
// both alike; medians and the ratio B/A. Used for the A/B tables in docs/performance.md:
//
//   node bench/ab.mjs [--runs N] [--only name,name] DIR_A DIR_B
//
// DIR_A and DIR_B are two copies of the package, each built (`npm run build`), e.g. two git
// worktrees at the commits to compare (node_modules may be a symlink to one install).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generatedLines, generateFlow, repeatSample } from './generate.mjs';
import { childrenCpuMs, load, machine, median, root, table, takeOption } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback = null) => takeOption(args, name, fallback);
const runs = Number(option('--runs', 9));
const only = option('--only', null)?.split(',') ?? null;
const [dirA, dirB] = args.map((d) => resolve(d));
if (!dirA || !dirB) {
  console.error('usage: node bench/ab.mjs [--runs N] [--only name,...] DIR_A DIR_B');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'flowc-ab-'));
const cqrsText = readFileSync(join(root, 'samples', 'cqrs.flow'), 'utf8');
const cqrs = join(work, 'cqrs.flow');
writeFileSync(cqrs, cqrsText);
const lint100k = join(work, 'repeated-100k.flow');
writeFileSync(lint100k, repeatSample(cqrsText, 2084));
const large = join(work, 'cqrs-x210.flow');
writeFileSync(large, repeatSample(cqrsText, 210));
const generated100k = join(work, 'generated-100k.flow');
writeFileSync(generated100k, generatedLines(100_000));
const batchDir = join(work, 'batch');
const settled = new Date(Date.now() - 3600_000);
for (let i = 0; i < 1000; i++) {
  const folder = join(batchDir, `part-${i % 10}`);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `diagram-${i}.flow`);
  writeFileSync(file, generateFlow({ nodes: 19, groups: 4, seed: i + 1 }));
  utimesSync(file, settled, settled);
}

const flowc = (dir, ...argv) => [process.execPath, join(dir, 'bin', 'flowc.js'), ...argv];
/** name → (build dir, side) → command; `before` runs untimed first (a cold batch removes its outputs). */
const cases = {
  '--version': (dir) => ({ cmd: flowc(dir, '--version') }),
  'lint CQRS': (dir) => ({ cmd: flowc(dir, 'lint', cqrs) }),
  'render CQRS → SVG': (dir, side) => ({ cmd: flowc(dir, 'render', cqrs, '-o', out(side, 'svg')) }),
  'render CQRS → PNG, scale 1': (dir, side) => ({
    cmd: flowc(dir, 'render', cqrs, '-o', out(side, 'png'), '--scale', '1'),
  }),
  'render CQRS → PNG, scale 2': (dir, side) => ({
    cmd: flowc(dir, 'render', cqrs, '-o', out(side, 'png')),
  }),
  'lint 100k lines (repeated samples)': (dir) => ({ cmd: flowc(dir, 'lint', lint100k) }),
  'lint 100k lines (generated)': (dir) => ({ cmd: flowc(dir, 'lint', generated100k) }),
  'render CQRS ×210 (3,990 nodes, 840 groups) → SVG': (dir, side) => ({
    cmd: flowc(dir, 'render', large, '-o', out(side, 'large.svg')),
  }),
  'batch, 1,000 files, cold': (dir, side) => ({
    before: () => rmSync(join(work, `out-${side}`), { recursive: true, force: true }),
    cmd: flowc(dir, 'render', batchDir, '-o', join(work, `out-${side}`), '-f', 'svg', '-q'),
  }),
  'batch, 1,000 files, nothing to do': (dir, side) => ({
    // Rendered once, untimed, when no earlier case (the cold batch) did.
    before: () => {
      if (!existsSync(join(work, `out-${side}`)))
        spawnSync(...split(flowc(dir, 'render', batchDir, '-o', join(work, `out-${side}`), '-q')));
    },
    cmd: flowc(dir, 'render', batchDir, '-o', join(work, `out-${side}`), '-f', 'svg', '-q'),
  }),
};
/** `spawnSync`'s arguments for a command array. */
function split(cmd) {
  return [cmd[0], cmd.slice(1), { stdio: 'ignore' }];
}
function out(side, ext) {
  return join(work, `out-${side}.${ext}`);
}

function timed({ cmd, before }) {
  before?.();
  spawnSync('sync');
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = childrenCpuMs() - cpu0;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, cpuMs };
}

const rows = [];
const loadBefore = load();
try {
  for (const [name, make] of Object.entries(cases)) {
    if (only && !only.some((o) => name.includes(o))) continue;
    const a = [];
    const b = [];
    for (let i = 0; i < runs; i++) {
      a.push(timed(make(dirA, 'a')));
      b.push(timed(make(dirB, 'b')));
    }
    const [ma, mb] = [median(a.map((r) => r.ms)), median(b.map((r) => r.ms))];
    const [ca, cb] = [median(a.map((r) => r.cpuMs)), median(b.map((r) => r.cpuMs))];
    const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
    rows.push([
      name,
      fmt(ma),
      fmt(mb),
      `${(mb / ma).toFixed(2)}×`,
      fmt(ca),
      fmt(cb),
      `${(cb / ca).toFixed(2)}×`,
    ]);
    console.error(`  ${name}: A ${fmt(ma)} (CPU ${fmt(ca)}), B ${fmt(mb)} (CPU ${fmt(cb)})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(
  [
    `Machine: ${machine()}; load average ${loadBefore} → ${load()}. Whole process, medians of ${runs} interleaved runs (A, B, A, B, ...); CPU time is user + system of the process and its threads (10 ms ticks).`,
    `A: ${dirA}; B: ${dirB}.`,
    '',
    table(['command', 'A', 'B', 'B / A', 'CPU A', 'CPU B', 'CPU B / A'], rows),
    '',
  ].join('\n'),
);
