/**
 * Renders one file: the pipeline once (parse, check, lay out), every requested format emitted
 * from that one layout, each output written atomically. Used in this thread (`--jobs 1`, small
 * runs) and by each worker thread, so both paths write byte-identical files.
 *
 * Loaded only when something needs rendering: importing it loads the whole pipeline.
 */
import { compileFormats } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FileSystem } from '../files/fs.js';
import type { CompileFormats, Failure, RenderSettings, RenderTask, TaskResult } from './types.js';
import { internalFailure, writeOutputs, type RenderedOutputs } from './write-outputs.js';

export { compileFormats };
export type { RenderedOutputs };

export async function renderTask(
  task: RenderTask,
  settings: RenderSettings,
  fs: FileSystem,
  compile: CompileFormats = compileFormats,
): Promise<TaskResult> {
  const rendered = await compileTask(task, settings, compile);
  return 'outputs' in rendered ? writeOutputs(task, rendered, settings, fs) : rendered;
}

/** The pipeline part of `renderTask`: the outputs, or the failure that leaves nothing to write. */
export async function compileTask(
  task: RenderTask,
  settings: RenderSettings,
  compile: CompileFormats = compileFormats,
): Promise<RenderedOutputs | TaskResult> {
  const started = performance.now();
  let result;
  try {
    result = await compile(task.text, settings.formats, {
      ...settings.render,
      rules: { ...settings.rules },
    });
  } catch (error) {
    return {
      id: task.id,
      failure: internalFailure(error),
      compileMs: performance.now() - started,
      writeMs: 0,
    };
  }
  const compileMs = performance.now() - started;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.renderable) {
    return { id: task.id, failure: inputFailure(errors, false), compileMs, writeMs: 0 };
  }
  // Rule errors: the diagram is drawn with the offending nodes marked, and the file still fails.
  return {
    id: task.id,
    outputs: result.outputs,
    ...(errors.length > 0 ? { failure: inputFailure(errors, true) } : {}),
    compileMs,
  };
}

function inputFailure(errors: readonly Diagnostic[], drawn: boolean): Failure {
  const first = errors[0];
  if (first === undefined)
    return { kind: 'input', message: 'the diagram cannot be drawn', moreErrors: 0, drawn };
  return {
    kind: 'input',
    message: first.message,
    line: first.span.line,
    column: first.span.column,
    ruleId: first.ruleId,
    moreErrors: errors.length - 1,
    drawn,
  };
}
