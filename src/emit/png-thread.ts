/**
 * PNG on a worker thread, started before the diagram is parsed: loading sharp (its JavaScript, the
 * libvips library) and starting libvips, fontconfig and the font take longer than flowc's whole
 * parse, layout and SVG of a small diagram, so they run side by side instead of one after the
 * other (docs/performance.md, "PNG"). The worker (png-worker.ts, built to dist/png-worker.cjs) runs
 * png.ts's own `rasterise`, so the picture is the one this thread would draw.
 *
 * `startPngThread()` returns null where a worker would not help (one core, no built worker script)
 * or cannot start; emitPng then draws in this thread as usual.
 */
import { configureFonts } from './fonts.js';
import { setPngRasteriser, type PngOptions, type PngRasteriser } from './png.js';
import { nodeOs, nodeWorkerThreads } from '../util/lazy.js';
import { distScript } from '../util/package.js';

/** A request to the worker, and its answer. */
export interface PngRequest {
  id: number;
  svg: string;
  options: PngOptions;
}
export type PngAnswer = { id: number; png: Uint8Array } | { id: number; error: string };

export interface PngThread extends PngRasteriser {
  /** Lets the process exit without waiting for the worker (it holds no unfinished work then). */
  release(): void;
}

/**
 * Starts the worker and makes emitPng use it. Call it as soon as a PNG is known to be wanted.
 * The font configuration is written here first: fontconfig reads the environment of the process,
 * which only the main thread can change.
 */
export function startPngThread(): PngThread | null {
  const { isMainThread, Worker } = nodeWorkerThreads();
  const script = distScript('png-worker.cjs');
  if (!isMainThread || script === null || nodeOs().availableParallelism() < 2) return null;
  let worker: import('node:worker_threads').Worker;
  try {
    configureFonts();
    worker = new Worker(script);
  } catch {
    return null;
  }
  let next = 0;
  let broken: Error | null = null;
  const waiting = new Map<number, { resolve(png: Buffer): void; reject(error: Error): void }>();
  const fail = (error: Error): void => {
    broken = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (answer: PngAnswer) => {
    const request = waiting.get(answer.id);
    if (!request) return;
    waiting.delete(answer.id);
    if ('png' in answer)
      request.resolve(Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
    else request.reject(new Error(answer.error));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the PNG worker thread stopped (exit code ${code})`)));
  const thread: PngThread = {
    rasterise(svg, options) {
      if (broken) return Promise.reject(broken);
      const id = next++;
      return new Promise<Buffer>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, svg, options } satisfies PngRequest);
      });
    },
    release() {
      setPngRasteriser(null);
      worker.unref();
    },
  };
  setPngRasteriser(thread);
  return thread;
}
