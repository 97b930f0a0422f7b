/**
 * The hand-over to the batch renderer (src/batch, issue 6): several inputs, a folder, a glob or an
 * output folder. Imported lazily so single-file renders never load the worker pool.
 */
import type { Io } from './io.js';
import type { BatchRenderRequest } from './render.js';

export async function renderBatchSeam(
  inputs: readonly string[],
  request: BatchRenderRequest,
  io: Io,
): Promise<number> {
  const { runBatchCommand } = await import('../batch/cli.js');
  return runBatchCommand(inputs, request, io);
}
