/**
 * The hand-over to the batch renderer (src/batch, issue 6). Kept in one place so the render
 * command does not change when the batch renderer lands.
 */
import type { Io } from './io.js';
import type { BatchRenderRequest } from './render.js';

export async function renderBatchSeam(inputs: readonly string[], request: BatchRenderRequest, io: Io): Promise<number> {
  // Imported on demand: single-file renders and lint never load the batch renderer.
  const { runBatchCommand } = await import('../batch/cli.js');
  return runBatchCommand(inputs, request, io);
}
