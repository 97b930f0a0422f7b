/**
 * Writing a rendered file's outputs: in the thread that rendered it (`--jobs 1`, small runs), or
 * in the coordinating thread for the worker threads (index.ts). Apart from the pipeline
 * (render-task.ts), so the coordinating thread writes without loading it.
 */
import type { Format } from '../compile.js';
import { describeFsError, type FileSystem } from '../files/fs.js';
import { writeOutput } from '../files/write.js';
import { shownPath } from '../util/paths.js';
import type { Failure, RenderSettings, RenderTask, TaskResult } from './types.js';

/**
 * A file through the pipeline, its outputs in memory and not yet written. A worker thread answers
 * with this and the coordinating thread writes the files (see worker.ts).
 */
export interface RenderedOutputs {
  id: number;
  outputs: Partial<Record<Format, string | Uint8Array>>;
  /** Set when the diagram was drawn but has errors: the file fails once its outputs are written. */
  failure?: Failure;
  compileMs: number;
}

/** The writing part of `renderTask`: every output of `task` (files/write.ts), then the file's result. */
export async function writeOutputs(
  task: RenderTask,
  { outputs, failure: drawnFailure, compileMs }: RenderedOutputs,
  settings: RenderSettings,
  fs: FileSystem,
): Promise<TaskResult> {
  const compiled = performance.now();
  for (const { format, file } of task.outputs) {
    const data = outputs[format];
    if (data === undefined) {
      const failure = internalFailure(new Error(`the pipeline returned no ${format} output`));
      return { id: task.id, failure, compileMs, writeMs: performance.now() - compiled };
    }
    try {
      await writeOutput(fs, file, data);
    } catch (error) {
      const failure: Failure = {
        kind: 'io',
        message: `cannot write ${shownPath(settings.cwd, file)}: ${describeFsError(error, 'write failed')}`,
        moreErrors: 0,
        drawn: false,
      };
      return { id: task.id, failure, compileMs, writeMs: performance.now() - compiled };
    }
  }
  return {
    id: task.id,
    ...(drawnFailure ? { failure: drawnFailure } : {}),
    compileMs,
    writeMs: performance.now() - compiled,
  };
}

export function internalFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `internal error: ${message}`, moreErrors: 0, drawn: false };
}
