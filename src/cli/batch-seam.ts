/**
 * The hand-over to the batch renderer (src/batch, issue 6). Kept in one place so the render
 * command does not change when the batch renderer lands.
 */
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import type { BatchRenderRequest } from './render.js';

export async function renderBatchSeam(inputs: readonly string[], request: BatchRenderRequest, io: Io): Promise<number> {
  void request;
  void io;
  throw new UsageError(
    `rendering several inputs, a folder or a glob (${inputs.join(' ')}) needs the batch renderer, which is not in this build yet; render one file at a time`,
  );
}
