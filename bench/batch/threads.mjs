#!/usr/bin/env node
// The CPU time of each thread of a command (docs/performance.md, "Two workers on two cores"): runs
// it and reads /proc/PID/task/*/stat every 50 ms (a thread's last ticks before it ends are lost:
// under 50 ms each). Linux only. The main thread is shown apart; Node names its other threads
// alike (V8's platform threads, libuv's, the workers), so each is listed with its CPU.
//
//   node bench/batch/threads.mjs -- node bin/flowc.js render DIR -o OUT -f svg --jobs 2 -q
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(process.argv.indexOf('--') + 1);
if (args.length === 0) {
  console.error('usage: node bench/batch/threads.mjs -- COMMAND [ARG...]');
  process.exit(2);
}
const TICK_MS = 10; // USER_HZ is 100 on Linux
const started = performance.now();
const child = spawn(args[0], args.slice(1), { stdio: 'inherit' });
/** thread id → CPU ms so far */
const seen = new Map();
const poll = () => {
  let tasks;
  try {
    tasks = readdirSync(`/proc/${child.pid}/task`);
  } catch {
    return;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seen.set(tid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // the thread ended between the listing and the read
    }
  }
};
const timer = setInterval(poll, 50);
child.on('exit', (code) => {
  clearInterval(timer);
  const wall = performance.now() - started;
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const main = seen.get(String(child.pid)) ?? 0;
  const others = [...seen]
    .filter(([tid]) => tid !== String(child.pid))
    .map(([, ms]) => ms)
    .filter((ms) => ms > 0)
    .sort((a, b) => b - a);
  const total = main + others.reduce((a, b) => a + b, 0);
  console.log(
    `exit ${code}; wall ${s(wall)}, CPU ${s(total)}: main thread ${s(main)}; other threads ${others.map(s).join(', ')}`,
  );
});
