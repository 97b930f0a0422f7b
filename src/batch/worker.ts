/**
 * The worker thread's entry (bundled to dist/batch-worker.js). It loads the pipeline once, then
 * renders the batches of files the coordinator sends, in order, and answers each batch with the
 * outputs (or the failures). Before each file it reads the shared stop flag, so Ctrl-C stops it
 * between files.
 *
 * The coordinating thread writes the outputs (pool.ts, index.ts): it is idle otherwise, and a write
 * waits on the kernel (open, write, close, rename; on a busy disk for milliseconds) during which a
 * worker thread would stop rendering. A Markdown file's images and links are written here
 * (render-task.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nodeFileSystem } from '../files/fs.js';
import { withMkdirMemo } from './mkdir-memo.js';
import { compileTask, type RenderedOutputs } from './render-task.js';
import type { RenderSettings, RenderTask, TaskResult } from './types.js';

export interface WorkerStart {
  settings: RenderSettings;
  /** Int32Array over a SharedArrayBuffer: element 0 becomes 1 when the run is stopping. */
  stop: SharedArrayBuffer;
}

export interface BatchMessage {
  tasks: RenderTask[];
}

export interface ResultMessage {
  /** Per file: its outputs to write, or why it has none. */
  results: (RenderedOutputs | TaskResult)[];
  /** Tasks of the batch not started because the run is stopping. */
  abandoned: number[];
}

const port = parentPort;
if (port === null) throw new Error('batch-worker.js runs as a worker thread of flowc render');
const start = workerData as WorkerStart;
const stop = new Int32Array(start.stop);
const files = withMkdirMemo(nodeFileSystem);
const queue: BatchMessage[] = [];
let running = false;

port.on('message', (message: BatchMessage) => {
  queue.push(message);
  if (!running) void drain();
});

async function drain(): Promise<void> {
  running = true;
  for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
    const results: (RenderedOutputs | TaskResult)[] = [];
    const abandoned: number[] = [];
    for (const task of batch.tasks) {
      if (Atomics.load(stop, 0) === 1) abandoned.push(task.id);
      else results.push(await compileTask(task, start.settings, files));
    }
    const reply: ResultMessage = { results, abandoned };
    port!.postMessage(reply);
  }
  running = false;
}
