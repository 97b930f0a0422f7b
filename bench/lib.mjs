// Shared helpers for the benchmarks: whole-process timing, peak memory, machine description.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'bin', 'flowc.js');
const rssHook = fileURLToPath(new URL('./rss-hook.mjs', import.meta.url));

export function machine() {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`;
}

/** The 1-minute load average now (the machine is shared: say how loaded it was). */
export function load() {
  return loadavg()[0].toFixed(1);
}

/**
 * CPU time (user + system, ms) of this process's waited-for children so far, from
 * /proc/self/stat (cutime + cstime, in clock ticks of 10 ms): the difference around a spawnSync is
 * the CPU time of that command and every thread and process it ran, whatever else loads the
 * machine. NaN where /proc is missing.
 */
export function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
const TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc/<pid>/stat on Linux

/**
 * CPU time (ms) of this process's threads so far, from /proc/self/task/<tid>/stat (10 ms ticks):
 * `main` is the JavaScript thread, `others` everything else (V8's optimising compiler and garbage
 * collector helpers, libuv's pool, worker threads). NaN where /proc is missing.
 */
export function threadsCpuMs() {
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15.
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      if (tid === String(process.pid)) main += ms;
      else others += ms;
    }
    return { main, others };
  } catch {
    return { main: NaN, others: NaN };
  }
}

/**
 * Runs `node args...` once; returns wall milliseconds, CPU milliseconds (all threads), peak RSS
 * in MB and the exit status.
 */
/** With `rss: false` no preload hook runs, for timings that must be comparable with a bare `node`. */
export function runNode(args, { cwd = root, input, env, rss = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'flowc-bench-'));
  const rssFile = join(dir, 'rss');
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, rss ? ['--import', rssHook, ...args] : args, {
    cwd,
    input,
    env: environment({ ...env, FLOWC_BENCH_RSS_FILE: rssFile }),
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = childrenCpuMs() - cpu0;
  let rssMB = NaN;
  try {
    rssMB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    /* the process died before its exit hook */
  }
  rmSync(dir, { recursive: true, force: true });
  return { ms, cpuMs, rssMB, status: r.status, stderr: r.stderr.toString(), stdout: r.stdout };
}

/** process.env with `changes` applied; a change to `undefined` removes the variable. */
function environment(changes = {}) {
  const env = { ...process.env, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete env[key];
  return env;
}

/** Runs a command (not node) once and returns wall and CPU milliseconds. */
export function runCommand(cmd, args, { cwd = root } = {}) {
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = childrenCpuMs() - cpu0;
  return { ms, cpuMs, status: r.status, stderr: r.stderr?.toString() ?? '', error: r.error };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Interleaves runs of several commands (so machine noise hits all alike) and returns medians. */
export function sideBySide(commands, runs) {
  return sideBySideWithCpu(commands, runs).map((m) => m.ms);
}

/** As sideBySide, with the median CPU time of each command too: `{ ms, cpuMs }[]`. */
export function sideBySideWithCpu(commands, runs) {
  const times = commands.map(() => []);
  const cpu = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach((c, k) => {
      const r = c();
      if (r.status !== 0 && r.status !== undefined)
        throw new Error(`benchmark command failed (${r.status}): ${r.stderr}`);
      times[k].push(r.ms);
      cpu[k].push(r.cpuMs ?? NaN);
    });
  }
  return times.map((t, k) => ({ ms: median(t), cpuMs: median(cpu[k]) }));
}

export function table(headers, rows) {
  const out = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const row of rows) out.push(`| ${row.join(' | ')} |`);
  return out.join('\n');
}

/**
 * Takes `NAME VALUE` out of `args` (a copy of process.argv's arguments, changed in place) and
 * returns VALUE, or `fallback` when NAME is not there; what is left in `args` are the positionals.
 */
export function takeOption(args, name, fallback = null) {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [, value] = args.splice(at, 2);
  return value;
}
