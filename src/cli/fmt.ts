/**
 * `flowc fmt [PATH...] [--check]`: every `.flow` file in its canonical form (src/format).
 *
 * - Files, folders (searched recursively) and globs as for `lint`; `-` reads standard input and
 *   writes the formatted text to standard output.
 * - A file that changes is replaced atomically (temporary file + rename, its permissions kept); a
 *   symbolic link is followed and its target rewritten; a file already formatted is not touched.
 * - `--check` writes nothing: it lists the files that would change and exits 1 if there are any
 *   (as `prettier --check` does), for CI.
 * - A file with syntax errors is never rewritten: its errors are reported and the exit code is 1.
 */
import * as path from 'node:path';
import { colorEnabled, loadColors } from '../report/color.js';
import { stylish } from '../report/stylish.js';
import type { LintResult } from '../report/types.js';
import { plural } from '../report/summary.js';
import { shownPath } from '../util/paths.js';
import { describeFsError, isFsError } from '../files/fs.js';
import { OutputKindError, outputTarget, removeStaleTemps, writeOutput } from '../files/write.js';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import type { Io } from './io.js';
import { ignoreRules, loadSettings } from './settings.js';
import { readInputFiles, readStdinSource, STDIN, type Source } from './sources.js';
import { flowcVersion } from './version.js';

export interface FmtOptions {
  check?: boolean;
  /** `--config FILE`, or false for `--no-config` (the configuration's `ignore` globs apply). */
  config?: string | false;
  stdinFilename?: string;
}

export async function runFmt(
  paths: readonly string[],
  options: FmtOptions,
  io: Io,
): Promise<number> {
  const inputs = paths.length > 0 ? paths : ['.'];
  if (inputs.filter((p) => p === STDIN).length > 1)
    throw new UsageError("'-' (standard input) may be given only once");
  const { formatAsync } = await import('../format/index.js');

  const problems: string[] = [];
  const syntaxErrors: LintResult[] = [];
  const changed: string[] = [];
  let unchanged = 0;

  if (inputs.includes(STDIN)) {
    const source = await readStdinSource(io, options.stdinFilename);
    const result = await formatAsync(source.text);
    if (result.output === null) {
      syntaxErrors.push({
        filePath: source.filePath,
        source: source.text,
        diagnostics: result.diagnostics,
      });
      // Nothing usable to print: the input goes through unchanged, as formatters in editors expect.
      if (!options.check) io.stdout.write(source.text);
    } else if (options.check) {
      if (result.changed) changed.push(source.filePath);
      else unchanged++;
    } else io.stdout.write(result.output);
  }

  const fileInputs = inputs.filter((p) => p !== STDIN);
  if (fileInputs.length > 0) {
    const settings = await loadSettings({ config: options.config }, io);
    const ignore = ignoreRules(settings);
    for await (const read of readInputFiles(io, fileInputs, { ignore }, problems)) {
      const file = read.filePath;
      const result = await formatAsync(read.text);
      if (result.output === null) {
        syntaxErrors.push({ filePath: file, source: read.text, diagnostics: result.diagnostics });
        continue;
      }
      if (!result.changed) {
        unchanged++;
        continue;
      }
      if (options.check) {
        changed.push(file);
        continue;
      }
      const problem = await rewrite(io, read, result.output);
      if (problem) problems.push(`${shownPath(io.cwd, file)}: ${problem}`);
      else changed.push(file);
    }
  }

  for (const file of changed) io.stdout.write(`${shownPath(io.cwd, file)}\n`);
  if (syntaxErrors.length > 0) {
    const colors = await loadColors(colorEnabled(io.stderr.isTTY, io.env));
    io.stderr.write(
      stylish(syntaxErrors, { cwd: io.cwd, colors, rules: [], version: flowcVersion() }),
    );
  }
  for (const problem of problems) io.stderr.write(`flowc: ${problem}\n`);
  // Standard input alone is an editor's or a pipe's use: the text is the answer, no summary.
  if (fileInputs.length > 0 || options.check)
    io.stderr.write(
      summary(options.check === true, changed.length, unchanged, syntaxErrors.length),
    );

  if (problems.length > 0) return EXIT_USAGE;
  if (syntaxErrors.length > 0) return EXIT_INPUT_ERRORS;
  if (options.check && changed.length > 0) return EXIT_INPUT_ERRORS;
  return EXIT_OK;
}

function summary(check: boolean, changed: number, unchanged: number, broken: number): string {
  const parts: string[] = [];
  if (check) {
    if (changed > 0)
      parts.push(`${plural(changed, 'file')} would be reformatted (run flowc fmt to fix)`);
    if (unchanged > 0 || changed === 0)
      parts.push(`${plural(unchanged, 'file')} already formatted`);
  } else {
    if (changed > 0) parts.push(`${plural(changed, 'file')} reformatted`);
    if (unchanged > 0 || changed === 0)
      parts.push(`${plural(unchanged, 'file')} already formatted`);
  }
  if (broken > 0) parts.push(`${plural(broken, 'file')} with syntax errors left as they are`);
  return `flowc fmt: ${parts.join(', ')}\n`;
}

/**
 * Replaces a file's text atomically (src/files/write.ts): a symbolic link is followed (the link
 * stays a link) and the file keeps its permissions. Anything but a regular file (a FIFO, a device)
 * was read but is never written to. Returns a problem, or null when written.
 */
async function rewrite(io: Io, source: Source, text: string): Promise<string | null> {
  try {
    const target = await outputTarget(io.fs, source.filePath);
    if (target.kind !== 'replace') return 'not a regular file: left as it is';
    await writeOutput(io.fs, target.file, text);
    await removeStaleTemps(io.fs, path.dirname(target.file));
    return null;
  } catch (error) {
    if (error instanceof OutputKindError) return error.message;
    if (!isFsError(error)) throw error;
    return `cannot write: ${describeFsError(error, 'write failed')}`;
  }
}
