// Preloaded (`node -r`) by bench/variants.mjs only: writes this process's CPU time (user + system,
// all threads, µs precision) and its wall time since Node's start, at its 'exit' event. What Node
// does after 'exit' (joining V8's background threads) is not in it: the 10 ms-tick CPU time the
// benchmark reads from /proc (its children's cutime + cstime) is, so both are reported.
const file = process.env.FLOWC_BENCH_CPU_FILE;
if (file)
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    process
      .getBuiltinModule('node:fs')
      .writeFileSync(file, `${(user + system) / 1000} ${performance.now()}`);
  });
