/**
 * Renders one file: the pipeline once (parse, check, lay out), every requested format emitted
 * from that one layout, each output written atomically. Used in this thread (`--jobs 1`, small
 * runs) and by each worker thread, so both paths write byte-identical files.
 *
 * Loaded only when something needs rendering: importing it loads the whole pipeline.
 */
import { compileFormats, drawsMarks, markedNodes } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import { describeFsError, type FileSystem } from '../files/fs.js';
import { shownPath } from '../util/paths.js';
import type { CompileFormats, Failure, RenderSettings, RenderTask, TaskResult } from './types.js';
import { internalFailure, writeOutputs, type RenderedOutputs } from './write-outputs.js';
import { renderMarkdown, type MarkdownRenderResult } from '../markdown/render.js';
import { writeMarkdownResult, type MarkdownWrite } from '../markdown/write.js';

export { compileFormats };
export type { RenderedOutputs };

export async function renderTask(
  task: RenderTask,
  settings: RenderSettings,
  fs: FileSystem,
  compile: CompileFormats = compileFormats,
): Promise<TaskResult> {
  const rendered = await compileTask(task, settings, fs, compile);
  return 'outputs' in rendered ? writeOutputs(task, rendered, settings, fs) : rendered;
}

/**
 * The pipeline part of `renderTask`: the outputs, or the failure that leaves nothing to write.
 * A Markdown file is drawn and written here at once (its links go in only once its images are
 * written, and only if the file did not change meanwhile), and comes back as its result.
 */
export async function compileTask(
  task: RenderTask,
  settings: RenderSettings,
  fs: FileSystem,
  compile: CompileFormats = compileFormats,
): Promise<RenderedOutputs | TaskResult> {
  if (task.markdown) return renderMarkdownTask(task, task.markdown, settings, fs);
  const started = performance.now();
  const warnings: string[] = [];
  let result;
  try {
    result = await compile(task.text, settings.formats, {
      ...settings.render,
      rules: { ...settings.rules },
      onWarning: (message) => warnings.push(message),
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
  // Rule errors: the diagram is drawn (the offending nodes marked in SVG and PNG), and the file still fails.
  return {
    id: task.id,
    outputs: result.outputs,
    ...(errors.length > 0
      ? {
          failure: inputFailure(
            errors,
            true,
            drawsMarks(settings.formats) && markedNodes(result).length > 0,
          ),
        }
      : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    compileMs,
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
  const warnings: string[] = [];
  let result: MarkdownRenderResult;
  try {
    result = await renderMarkdown(task.text, {
      ...settings.render,
      onWarning: (message) => warnings.push(message),
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
    ...(warnings.length > 0 ? { warnings } : {}),
    compileMs: compiled - started,
    writeMs: performance.now() - compiled,
  };
}

function inputFailure(errors: readonly Diagnostic[], drawn: boolean, marked = false): Failure {
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
    ...(marked ? { marked } : {}),
  };
}
