// Preloaded (`node --import`) by the benchmarks only: writes the process's peak RSS (KiB) on exit.
// On Linux it is VmHWM from /proc/self/status, the peak of this program's own memory: getrusage's
// maxRSS keeps the peak of the process before its execve, i.e. of the forked copy of the
// benchmark's own process (which parses and lays out in-process, up to a gigabyte), so every run
// would report at least that.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.FLOWC_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(peakKiB())));

function peakKiB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
