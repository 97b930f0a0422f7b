// Drives built batch workers (dist/batch-worker.js) as src/batch/pool.ts does: batches of 16 tasks,
// two batches ahead per worker, each worker stopped when the queue is empty and its answers are in.
// Shared by batch.mjs (the worker profile) and worker-gap.mjs.

/**
 * Runs `tasks` on `count` workers made by `startWorker()`; `onResult(result, worker)` sees every
 * answer (rejecting on a failed file). Resolves with each worker's wall time from its start.
 */
export function driveWorkers(tasks, count, startWorker, onResult) {
  let next = 0;
  return Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise((resolve, reject) => {
          const spawned = performance.now();
          const worker = startWorker();
          let inFlight = 0;
          const feed = () => {
            while (inFlight < 2 && next < tasks.length) {
              const batch = tasks.slice(next, next + 16);
              next += batch.length;
              inFlight++;
              worker.postMessage({ tasks: batch });
            }
            if (inFlight === 0) {
              const wall = performance.now() - spawned;
              void worker.terminate().then(() => resolve({ wall }));
            }
          };
          worker.on('message', (message) => {
            inFlight--;
            for (const r of message.results) {
              if (r.failure)
                reject(new Error(`worker failed on a benchmark file: ${r.failure.message}`));
              onResult(r, index);
            }
            feed();
          });
          worker.on('error', reject);
          feed();
        }),
    ),
  );
}
