/**
 * The PNG worker thread's entry (bundled to dist/png-worker.cjs, started by png-thread.ts): loads
 * sharp and warms it up at once, then rasterises each SVG it is sent with png.ts's `rasterise`.
 */
import { parentPort } from 'node:worker_threads';
import { rasterise, warmUp } from './png.js';
import type { PngAnswer, PngRequest } from './png-thread.js';

const port = parentPort;
if (port === null) throw new Error('png-worker.cjs runs as a worker thread of flowc');
// A failed warm-up (sharp missing, say) is reported by the first real request, which fails the same way.
const ready = warmUp().catch(() => undefined);

port.on('message', async ({ id, svg, options }: PngRequest) => {
  let answer: PngAnswer;
  try {
    await ready;
    answer = { id, png: await rasterise(svg, options) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
