/**
 * Spreads render tasks over worker threads. Each worker loads the pipeline once (the start-up is
 * paid once per worker, not per file) and receives the files in small batches, two batches ahead,
 * so it never waits for a message round trip and messaging stays a small share of the time.
 *
 * Stopping (Ctrl-C): a shared flag tells every worker to finish the file it is on and abandon the
 * rest of its batches; the pool then waits for their last answers, so no file is half-written
 * when it returns.
 */
import { nodeWorkerThreads } from '../util/lazy.js';
import type { RenderedOutputs } from './render-task.js';
import type { RenderSettings, RenderTask, TaskResult } from './types.js';
import type { BatchMessage, ResultMessage, WorkerStart } from './worker.js';
import { pushAll } from '../util/arrays.js';

export interface PoolOptions {
  workers: number;
  script: string;
  signal?: AbortSignal;
  /** A file's answer: its outputs, for the caller to write, or its result. */
  onResult: (result: RenderedOutputs | TaskResult) => void;
}

export interface PoolOutcome {
  /** Ids of tasks not rendered because the run stopped. */
  notDone: number[];
}

/**
 * Up to 16 files a message while much is left (messaging stays well under 1 % of the time), then
 * smaller as the queue drains, so the workers finish together instead of one waiting on another's
 * last big batch.
 */
export function batchSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.ceil(remaining / (workers * 4))));
}

const BATCHES_AHEAD = 2;

export function renderWithWorkers(
  tasks: readonly RenderTask[],
  settings: RenderSettings,
  options: PoolOptions,
): Promise<PoolOutcome> {
  // Loaded here, not imported: a batch with nothing to render (the incremental case) never needs it.
  const { Worker } = nodeWorkerThreads();
  return new Promise((resolve) => {
    const stopBuffer = new SharedArrayBuffer(4);
    const stopFlag = new Int32Array(stopBuffer);
    let next = 0;
    let stopping = false;
    let done = false;
    const notDone: number[] = [];
    const start: WorkerStart = { settings, stop: stopBuffer };
    const slots = Array.from(
      { length: Math.max(1, Math.min(options.workers, tasks.length)) },
      () => ({
        worker: new Worker(options.script, { workerData: start }),
        inFlight: [] as RenderTask[][],
        alive: true,
      }),
    );

    const finishIfIdle = (): void => {
      if (done) return;
      if (slots.some((slot) => slot.alive && slot.inFlight.length > 0)) return;
      if (!stopping && next < tasks.length && slots.some((slot) => slot.alive)) return;
      for (let i = next; i < tasks.length; i++) notDone.push(tasks[i]!.id);
      next = tasks.length;
      done = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const slot of slots) void slot.worker.terminate();
      resolve({ notDone });
    };

    const feed = (slot: (typeof slots)[number]): void => {
      while (
        !stopping &&
        slot.alive &&
        slot.inFlight.length < BATCHES_AHEAD &&
        next < tasks.length
      ) {
        const batch = tasks.slice(next, next + batchSize(tasks.length - next, options.workers));
        next += batch.length;
        slot.inFlight.push(batch);
        const message: BatchMessage = { tasks: batch };
        slot.worker.postMessage(message);
      }
    };

    const onAbort = (): void => {
      stopping = true;
      Atomics.store(stopFlag, 0, 1);
      finishIfIdle();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort);

    for (const slot of slots) {
      slot.worker.on('message', (message: ResultMessage) => {
        slot.inFlight.shift();
        for (const result of message.results) options.onResult(result);
        pushAll(notDone, message.abandoned);
        feed(slot);
        finishIfIdle();
      });
      const onDeath = (reason: string): void => {
        if (!slot.alive) return;
        slot.alive = false;
        // The files this worker held fail; the other workers carry on with the rest.
        for (const batch of slot.inFlight.splice(0)) {
          for (const task of batch) {
            options.onResult({
              id: task.id,
              failure: {
                kind: 'internal',
                message: `internal error: the worker thread stopped (${reason})`,
                moreErrors: 0,
                drawn: false,
              },
              compileMs: 0,
              writeMs: 0,
            });
          }
        }
        finishIfIdle();
      };
      slot.worker.on('error', (error: Error) => onDeath(error.message));
      slot.worker.on('exit', (code) => onDeath(`exit code ${code}`));
      feed(slot);
    }
    finishIfIdle();
  });
}
