/**
 * `flowc render FILE.md` and `flowc render --check` on Markdown: the CLI side of src/markdown.
 * Each ```flow block becomes an image beside the `.md` (or under `-o DIR/`), its link is put right
 * after the block, and diagnostics are printed at their lines in the `.md`.
 *
 * Exit codes as for a `.flow` file: 0 every block drawn cleanly; 1 a block has errors (a block that
 * cannot be drawn writes nothing and keeps its old link); 2 a file could not be read or written.
 */
import type { Format, RenderOptions } from '../compile.js';
import type { RuleSeverity } from '../config/index.js';
import type { SourceMode } from '../markdown/links.js';
import type { MarkdownRenderResult } from '../markdown/render.js';
import { colorEnabled, loadColors } from '../report/color.js';
import { stylish } from '../report/stylish.js';
import { errorsOnly } from '../report/summary.js';
import type { ReportRule } from '../report/types.js';
import { shownPath } from '../util/paths.js';
import { describeFsError } from '../files/fs.js';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE } from './errors.js';
import type { Io } from './io.js';
import { flowcVersion } from './version.js';
import { compareWithFile } from './compare-file.js';

export interface MarkdownJob {
  /** Absolute path of the `.md` file. */
  file: string;
  text: string;
  formats: readonly Format[];
  /** Absolute folder for the images (mirroring `base`), or null: beside the `.md`. */
  outDir: string | null;
  base?: string;
  mode: SourceMode;
  render: RenderOptions;
  rules: Record<string, RuleSeverity>;
}

export async function renderMarkdownJob(job: MarkdownJob): Promise<MarkdownRenderResult> {
  const { renderMarkdown } = await import('../markdown/render.js');
  return renderMarkdown(job.text, {
    ...job.render,
    file: job.file,
    formats: job.formats,
    outDir: job.outDir,
    base: job.base,
    mode: job.mode,
    rules: job.rules,
  });
}

/** Renders one Markdown file and writes its images and links. */
export async function renderMarkdownFile(
  job: MarkdownJob,
  report: { quiet: boolean; rules: ReportRule[] },
  io: Io,
): Promise<number> {
  const name = shownPath(io.cwd, job.file);
  // -q prints errors only; a warning of a block's drawing (a PNG drawn smaller, a direction turned)
  // names the block.
  const onWarning = report.quiet
    ? undefined
    : (message: string) => io.stderr.write(`flowc: warning: ${name}: ${message}\n`);
  const result = await renderMarkdownJob({ ...job, render: { ...job.render, onWarning } });
  await printMarkdownDiagnostics(job, result, report, io);
  if (result.blocks.length === 0) {
    if (!report.quiet)
      io.stderr.write(`flowc: ${name} has no \`\`\`flow blocks: nothing to render\n`);
    return EXIT_OK;
  }
  const { writeMarkdownResult } = await import('../markdown/write.js');
  let write;
  try {
    write = await writeMarkdownResult(io.fs, job.file, job.text, result);
  } catch (error) {
    io.stderr.write(`flowc: cannot write for ${name}: ${describeFsError(error, 'write failed')}\n`);
    return EXIT_USAGE;
  }
  if (write.textChanged) {
    io.stderr.write(
      `flowc: ${name} changed while it was being rendered: its image links were not updated; run again\n`,
    );
  }
  const notDrawn = result.blocks.filter((b) => !b.renderable);
  const { blockName } = await import('../markdown/render.js'); // loaded by renderMarkdownJob
  for (const { block } of notDrawn) {
    io.stderr.write(`flowc: ${name}: ${blockName(block)} was not rendered: fix the errors above\n`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 || write.textChanged) return EXIT_INPUT_ERRORS;
  return EXIT_OK;
}

export async function printMarkdownDiagnostics(
  job: Pick<MarkdownJob, 'file' | 'text'>,
  result: Pick<MarkdownRenderResult, 'diagnostics'>,
  report: { quiet: boolean; rules: ReportRule[] },
  io: Io,
): Promise<void> {
  const lint = { filePath: job.file, source: job.text, diagnostics: result.diagnostics };
  const shown = report.quiet ? errorsOnly(lint) : lint;
  if (shown.diagnostics.length === 0) return;
  const colors = await loadColors(colorEnabled(io.stderr.isTTY, io.env));
  io.stderr.write(
    stylish([shown], { cwd: io.cwd, colors, rules: report.rules, version: flowcVersion() }),
  );
}

/**
 * `--check` of a Markdown file: each image compared with a fresh render, and the file itself with
 * the text its links would have. Returns the stale lines; `failed` when a block cannot be drawn.
 */
export async function checkMarkdownOutputs(
  job: MarkdownJob,
  report: { rules: ReportRule[] },
  io: Io,
): Promise<{ compared: number; stale: string[]; failed: boolean }> {
  const result = await renderMarkdownJob(job);
  const name = shownPath(io.cwd, job.file);
  const failed = result.blocks.some((b) => !b.renderable);
  if (failed) {
    await printMarkdownDiagnostics(job, result, { quiet: true, rules: report.rules }, io);
    io.stderr.write(`flowc: ${name} has blocks that could not be rendered: fix the errors above\n`);
  }
  const stale: string[] = [];
  for (const image of result.images) {
    const status = await compareWithFile(io, image.file, image.data);
    if (status !== 'up-to-date')
      stale.push(`${status}  ${shownPath(io.cwd, image.file)}  (from ${name}, block ${image.id})`);
  }
  if (result.text !== job.text) stale.push(`stale  ${name}  (its image links)`);
  return { compared: result.images.length + 1, stale, failed };
}
