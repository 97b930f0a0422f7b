/**
 * Renders one file: the pipeline once (parse, check, lay out), every requested format emitted
 * from that one layout, each output written atomically. Used in this thread (`--jobs 1`, small
 * runs) and by each worker thread, so both paths write byte-identical files.
 *
 * Loaded only when something needs rendering: importing it loads the whole pipeline.
 */
import { compileFormats } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import { writeOutput } from '../files/write.js';
import { describeFsError, type FileSystem } from '../files/fs.js';
import { shownPath } from '../util/paths.js';
import type { CompileFormats, Failure, RenderSettings, RenderTask, TaskResult } from './types.js';

export { compileFormats };

export async function renderTask(
  task: RenderTask,
  settings: RenderSettings,
  fs: FileSystem,
  compile: CompileFormats = compileFormats,
): Promise<TaskResult> {
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
  const compiled = performance.now();
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.renderable) {
    return {
      id: task.id,
      failure: inputFailure(errors, false),
      compileMs: compiled - started,
      writeMs: 0,
    };
  }
  for (const { format, file } of task.outputs) {
    const data = result.outputs[format];
    if (data === undefined) {
      const failure = internalFailure(new Error(`the pipeline returned no ${format} output`));
      return {
        id: task.id,
        failure,
        compileMs: compiled - started,
        writeMs: performance.now() - compiled,
      };
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
      return {
        id: task.id,
        failure,
        compileMs: compiled - started,
        writeMs: performance.now() - compiled,
      };
    }
  }
  const written = performance.now();
  // Rule errors: the diagram is drawn with the offending nodes marked, and the file still fails.
  const failure = errors.length > 0 ? inputFailure(errors, true) : undefined;
  return {
    id: task.id,
    ...(failure ? { failure } : {}),
    compileMs: compiled - started,
    writeMs: written - compiled,
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

function internalFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `internal error: ${message}`, moreErrors: 0, drawn: false };
}
