/**
 * Options of batch rendering (several inputs, folders, globs), declared on the render command.
 * The batch renderer (src/batch) reads them from `BatchRenderRequest.options`.
 */
import type { Command } from 'commander';
import { positiveInteger } from './options.js';

export function addBatchOptions(render: Command): void {
  render
    .option(
      '-j, --jobs <n>',
      'batch: number of threads rendering (default: half the cores, at least 1)',
      positiveInteger,
    )
    .option('--force', 'batch: render every file, even those whose outputs are up to date')
    .option(
      '--shard <k/n>',
      'batch: render only the K-th of N slices of the file list (CI matrices)',
    )
    .option(
      '--prune',
      'batch: remove the outputs flowc wrote for sources that no longer exist (with --check: list them)',
    )
    .option(
      '--base <folder>',
      'batch: the folder outputs are mirrored from (default: the common base of the inputs)',
    );
}
