// Preloaded (`node --import`) by the benchmarks only: writes the process's peak RSS (KiB) on exit.
import { writeFileSync } from 'node:fs';

const file = process.env.FLOWC_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
