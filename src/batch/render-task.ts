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
import { renderMarkdown, type MarkdownRenderResult } from '../markdown/render.js';
import { writeMarkdownResult, type MarkdownWrite } from '../markdown/write.js';

export { compileFormats };

export async function renderTask(
  task: RenderTask,
  settings: RenderSettings,
  fs: FileSystem,
  compile: CompileFormats = compileFormats,
): Promise<TaskResult> {
  if (task.markdown) return renderMarkdownTask(task, task.markdown, settings, fs);
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

/** A Markdown file: every block drawn, the images written, the links put in (src/markdown). */
async function renderMarkdownTask(
  task: RenderTask,
  placement: NonNullable<RenderTask['markdown']>,
  settings: RenderSettings,
  fs: FileSystem,
): Promise<TaskResult> {
  const started = performance.now();
  let result: MarkdownRenderResult;
  try {
    result = await renderMarkdown(task.text, {
      ...settings.render,
      rules: { ...settings.rules },
      file: task.source,
      formats: settings.formats,
      outDir: placement.outDir,
      base: placement.base,
      mode: settings.markdown ?? 'keep',
    });
  } catch (error) {
    return { id: task.id, failure: internalFailure(error), compileMs: 0, writeMs: 0 };
  }
  const compiled = performance.now();
  let write: MarkdownWrite;
  try {
    write = await writeMarkdownResult(fs, task.source, task.text, result);
  } catch (error) {
    const failure: Failure = {
      kind: 'io',
      message: `cannot write an image or the links of ${shownPath(settings.cwd, task.source)}: ${describeFsError(error, 'write failed')}`,
      moreErrors: 0,
      drawn: false,
    };
    return { id: task.id, failure, compileMs: compiled - started, writeMs: 0 };
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  // `drawn` tells of the block the first error is in (the others are drawn or failed on their own).
  const first = errors[0];
  const drawn =
    first !== undefined && result.blocks.some((b) => b.renderable && b.diagnostics.includes(first));
  const drawnAtAll = result.images.length > 0;
  let failure: Failure | undefined = errors.length > 0 ? inputFailure(errors, drawn) : undefined;
  if (write.textChanged)
    failure = {
      kind: 'io',
      message: 'changed while it was being rendered: its image links were not updated; run again',
      moreErrors: 0,
      drawn: drawnAtAll,
    };
  return {
    id: task.id,
    ...(failure ? { failure } : {}),
    markdown: {
      outputs: result.images.map((image) => ({ format: image.format, file: image.file })),
      ...(write.textWritten ? { text: result.text } : {}),
    },
    compileMs: compiled - started,
    writeMs: performance.now() - compiled,
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
