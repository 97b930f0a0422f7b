/**
 * `flowc import FILE|- [-o FILE.flow|DIR]`: a Mermaid flowchart (`.mmd`), or each
 * ```` ```mermaid ```` flowchart block of a Markdown file, as `.flow`. Warnings (what `.flow`
 * cannot say) go to standard error with their line; the `.flow` text goes to the output file, or
 * to standard output. Nothing is written when the input cannot be read as a flowchart.
 */
import * as path from 'node:path';
import type { ImportResult, ImportWarning } from '../import/index.js';
import { shownPath } from '../util/paths.js';
import { describeFsError, isFolder } from '../files/fs.js';
import { removeStaleTemps, writeOutput } from '../files/write.js';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import type { Io } from './io.js';
import { readSource, readStdinSource, STDIN, type Source } from './sources.js';

export interface ImportCommandOptions {
  output?: string;
  /** From a Markdown file: only its N-th flowchart (1-based). */
  block?: number;
  quiet?: boolean;
  maxWarnings?: number;
  stdinFilename?: string;
}

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdx', '.mdown', '.mkd']);

export async function runImport(
  input: string,
  options: ImportCommandOptions,
  io: Io,
): Promise<number> {
  const source = await readInput(input, options, io);
  const { importMermaid, importMarkdown, looksLikeMarkdown } = await import('../import/index.js');
  const name = shownPath(io.cwd, source.filePath);
  const ext = path.extname(source.filePath).toLowerCase();
  const markdown =
    MARKDOWN_EXTENSIONS.has(ext) || (input === STDIN && looksLikeMarkdown(source.text));

  let diagrams: { result: ImportResult; from: string }[];
  if (markdown) {
    const found = importMarkdown(source.text, { from: path.basename(source.filePath) });
    if (!options.quiet)
      for (const s of found.skipped)
        io.stderr.write(
          `${name}:${s.firstLine - 1}: note: a Mermaid ${s.kind} diagram, not a flowchart: skipped\n`,
        );
    if (found.flowcharts.length === 0) {
      io.stderr.write(
        `flowc: ${name} has no Mermaid flowchart (\`\`\`mermaid block starting with flowchart or graph)\n`,
      );
      return EXIT_INPUT_ERRORS;
    }
    diagrams = found.flowcharts.map((f, i) => ({
      result: f,
      from: `block ${i + 1} (line ${f.firstLine - 1})`,
    }));
    if (options.block !== undefined) {
      const chosen = diagrams[options.block - 1];
      if (!chosen)
        throw new UsageError(
          `--block ${options.block}: ${name} has ${diagrams.length === 1 ? '1 flowchart' : `${diagrams.length} flowcharts`}`,
        );
      diagrams = [chosen];
    }
  } else {
    if (options.block !== undefined && options.block !== 1)
      throw new UsageError(
        `--block ${options.block}: ${name} is one Mermaid diagram, not Markdown`,
      );
    diagrams = [
      { result: importMermaid(source.text, { from: path.basename(source.filePath) }), from: '' },
    ];
  }

  // Where each diagram goes: one diagram to -o FILE (or stdout); several to a folder.
  const outputs = await planOutputs(source, diagrams.length, options, io);

  let failed = false;
  let warnings = 0;
  for (const [i, { result }] of diagrams.entries()) {
    if (result.error) {
      failed = true;
      io.stderr.write(
        `${name}:${result.error.line}:${result.error.column}: error: ${result.error.message}\n`,
      );
      continue;
    }
    warnings += result.warnings.length;
    if (!options.quiet) for (const w of result.warnings) io.stderr.write(describeWarning(name, w));
    const output = outputs[i] ?? null;
    if (output === null) {
      io.stdout.write(result.flow!);
      continue;
    }
    try {
      const written = await writeOutput(io.fs, output, result.flow!);
      if (written.kind === 'replace') await removeStaleTemps(io.fs, path.dirname(written.file));
    } catch (error) {
      io.stderr.write(
        `flowc: cannot write ${shownPath(io.cwd, output)}: ${describeFsError(error, 'write failed')}\n`,
      );
      return EXIT_USAGE;
    }
    if (diagrams.length > 1) io.stderr.write(`flowc: wrote ${shownPath(io.cwd, output)}\n`);
  }
  if (failed) {
    io.stderr.write(`flowc: ${name}: nothing written for a diagram that could not be read\n`);
    return EXIT_INPUT_ERRORS;
  }
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(
      `flowc: too many warnings (${warnings}); at most ${options.maxWarnings} allowed by --max-warnings\n`,
    );
    return EXIT_INPUT_ERRORS;
  }
  return EXIT_OK;
}

function describeWarning(name: string, w: ImportWarning): string {
  const also =
    w.alsoLines.length === 0
      ? ''
      : ` (also line${w.alsoLines.length > 1 ? 's' : ''} ${w.alsoLines.slice(0, 8).join(', ')}${w.alsoLines.length > 8 ? `, and ${w.alsoLines.length - 8} more` : ''})`;
  return `${name}:${w.line}: warning: ${w.message}${also}\n`;
}

async function readInput(input: string, options: ImportCommandOptions, io: Io): Promise<Source> {
  if (input === STDIN) return readStdinSource(io, options.stdinFilename);
  const read = await readSource(io, path.resolve(io.cwd, input));
  if ('problem' in read) throw new UsageError(`${input}: ${read.problem}`);
  return read;
}

/** The file each diagram is written to (null: standard output). */
async function planOutputs(
  source: Source,
  count: number,
  options: ImportCommandOptions,
  io: Io,
): Promise<(string | null)[]> {
  const output = options.output;
  if (output === undefined || output === STDIN) {
    if (count > 1)
      throw new UsageError(
        `${shownPath(io.cwd, source.filePath)} has ${count} flowcharts: write them to a folder with -o DIR, or choose one with --block N`,
      );
    return [null];
  }
  const target = path.resolve(io.cwd, output);
  const folder =
    output.endsWith('/') || output.endsWith(path.sep) || (await isFolder(io.fs, target));
  if (!folder) {
    if (count > 1)
      throw new UsageError(
        `${count} flowcharts cannot go to one file: give a folder (-o ${output.replace(/\.flow$/, '')}/) or choose one with --block N`,
      );
    return [target];
  }
  const base =
    path
      .basename(source.filePath)
      .replace(/\.[^.]*$/, '')
      .replace(/[<>]/g, '') || 'diagram';
  if (count === 1) return [path.join(target, `${base}.flow`)];
  return Array.from({ length: count }, (_, i) => path.join(target, `${base}-${i + 1}.flow`));
}
