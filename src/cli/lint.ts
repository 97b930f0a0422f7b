/**
 * `flowc lint [PATH...]`: check files, report with one or more reporters, exit by the contract.
 * Loads parse/resolve/validate only (never layout or emit).
 */
import * as path from 'node:path';
import { colorEnabled, loadColors } from '../report/color.js';
import { isReporterName, REPORTER_NAMES, reporters, type ReporterName } from '../report/index.js';
import { countProblems, errorsOnly } from '../report/summary.js';
import type { LintResult, ReportContext } from '../report/types.js';
import type { RuleSeverity } from '../config/index.js';
import { didYouMean } from '../util/suggest.js';
import { writeOutput } from '../files/write.js';
import { describeFsError } from '../files/fs.js';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import type { Io } from './io.js';
import { ignoreRules, loadSettings, type CommonOptions } from './settings.js';
import { readInputFiles, readStdinSource, STDIN, stdinWasPiped, type Source } from './sources.js';
import { shownPath } from '../util/paths.js';
import { packageLinks } from '../util/package.js';
import { flowcVersion } from './version.js';
import { isMarkdownPath } from '../files/markdown.js';

export interface LintOptions extends CommonOptions {
  format?: string[];
  output?: string;
  maxWarnings?: number;
  quiet?: boolean;
  stdinFilename?: string;
}

export interface ReportPlan {
  reporter: ReporterName;
  /** Absolute path to write the report to; null for stdout. */
  file: string | null;
}

export async function runLint(
  paths: readonly string[],
  options: LintOptions,
  io: Io,
): Promise<number> {
  const plans = planReports(options.format ?? [], options.output, io.cwd);
  const settings = await loadSettings(options, io);
  // No path: what was piped in, else the current folder.
  const inputs = paths.length > 0 ? paths : (await stdinWasPiped(io)) ? [STDIN] : ['.'];
  if (inputs.filter((p) => p === STDIN).length > 1)
    throw new UsageError("'-' (standard input) may be given only once");

  const problems: string[] = [];
  const sources: Source[] = [];
  const fileInputs = inputs.filter((p) => p !== STDIN);
  if (inputs.includes(STDIN)) sources.push(await readStdinSource(io, options.stdinFilename));
  if (fileInputs.length > 0) {
    const ignore = ignoreRules(settings);
    for await (const read of readInputFiles(io, fileInputs, { ignore, markdown: true }, problems))
      sources.push(read);
  }

  const results = await lintSources(sources, settings.ruleSettings);
  const shown = options.quiet ? results.map(errorsOnly) : results;
  const context: Omit<ReportContext, 'colors'> = {
    cwd: io.cwd,
    rules: settings.rules,
    version: flowcVersion(),
    informationUri: packageLinks().homepage,
  };
  const written = await writeReports(plans, shown, context, io);

  for (const problem of problems) io.stderr.write(`flowc: ${problem}\n`);
  if (problems.length > 0 || !written) return EXIT_USAGE;
  const { errors, warnings } = countProblems(results);
  if (errors > 0) return EXIT_INPUT_ERRORS;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(
      `flowc: too many warnings (${warnings}); at most ${options.maxWarnings} allowed by --max-warnings\n`,
    );
    return EXIT_INPUT_ERRORS;
  }
  return EXIT_OK;
}

async function lintSources(
  sources: readonly Source[],
  rules: Record<string, RuleSeverity>,
): Promise<LintResult[]> {
  const { checkAsync } = await import('../check.js');
  const results: LintResult[] = [];
  for (const source of sources) {
    // A Markdown file's flow blocks, reported at their lines in the .md.
    const { diagnostics } = isMarkdownPath(source.filePath)
      ? await (await import('../markdown/check.js')).checkMarkdown(source.text, { rules })
      : await checkAsync(source.text, { rules });
    results.push({ filePath: source.filePath, source: source.text, diagnostics });
  }
  return results;
}

/**
 * `--format NAME` or `--format NAME:FILE`, repeatable; `-o FILE` is the destination of the one
 * format given without its own file. At most one report goes to stdout. The name never holds a
 * colon, so `sarif:C:\reports\x.sarif` splits unambiguously at the first one.
 */
export function planReports(
  formats: readonly string[],
  output: string | undefined,
  cwd: string,
): ReportPlan[] {
  const specs = formats.length > 0 ? formats : ['stylish'];
  const plans: ReportPlan[] = [];
  for (const spec of specs) {
    const colon = spec.indexOf(':');
    const name = colon < 0 ? spec : spec.slice(0, colon);
    const file = colon < 0 ? null : spec.slice(colon + 1);
    if (!isReporterName(name)) {
      const suggestion = didYouMean(name, REPORTER_NAMES);
      throw new UsageError(
        `unknown format '${name}': expected one of ${REPORTER_NAMES.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      );
    }
    if (file === '') throw new UsageError(`--format '${spec}': missing file name after ':'`);
    plans.push({ reporter: name, file: file === null ? null : path.resolve(cwd, file) });
  }
  const toStdout = plans.filter((plan) => plan.file === null);
  if (output !== undefined) {
    if (toStdout.length === 0)
      throw new UsageError(
        '-o/--output has no report to receive: every --format names its own file',
      );
    if (toStdout.length > 1)
      throw new UsageError(
        '-o/--output is ambiguous with several formats: write --format NAME:FILE for each',
      );
    toStdout[0]!.file = path.resolve(cwd, output);
  } else if (toStdout.length > 1) {
    throw new UsageError(
      'only one report can go to standard output: write --format NAME:FILE for the others',
    );
  }
  const files = plans.map((plan) => plan.file).filter((file): file is string => file !== null);
  const duplicate = files.find((file, i) => files.indexOf(file) !== i);
  if (duplicate)
    throw new UsageError(`two reports would be written to the same file: ${duplicate}`);
  return plans;
}

/** Writes every report; false when one could not be written (already reported on stderr). */
async function writeReports(
  plans: readonly ReportPlan[],
  results: readonly LintResult[],
  context: Omit<ReportContext, 'colors'>,
  io: Io,
): Promise<boolean> {
  let ok = true;
  for (const plan of plans) {
    const colors = await loadColors(plan.file === null && colorEnabled(io.stdout.isTTY, io.env));
    const text = reporters[plan.reporter](results, { ...context, colors });
    if (plan.file === null) {
      io.stdout.write(text);
      continue;
    }
    try {
      await writeOutput(io.fs, plan.file, text);
    } catch (error) {
      io.stderr.write(
        `flowc: cannot write ${shownPath(io.cwd, plan.file)}: ${describeFsError(error, 'write failed')}\n`,
      );
      ok = false;
    }
  }
  return ok;
}
