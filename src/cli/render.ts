/**
 * `flowc render`: one file to one output (the simple path, here), `--check` (compare outputs
 * with what flowc would write now, here), or several inputs / folders / globs / an output folder,
 * handed to the batch renderer (src/batch).
 *
 * Exit codes: 0 rendered cleanly (warnings allowed); 1 the input has errors — either nothing was
 * drawn (syntax, unresolved reference, duplicate id: no output is written) or the diagram was drawn
 * with its offending nodes marked (the output is written); also 1 for a layout failure and for
 * `--check` finding stale or missing outputs; 2 misuse or an I/O failure.
 */
import * as path from 'node:path';
import type { CompileOptions, Format, RenderOptions } from '../compile.js';
import type { CheckResult } from '../check.js';
import { FORMAT_VALUES, type RuleSeverity } from '../config/index.js';
import type { LintResult, ReportRule } from '../report/types.js';
import { didYouMean } from '../util/suggest.js';
import { removeStaleTemps, writeOutput } from '../files/write.js';
import { discoverFiles } from '../files/discover.js';
import { describeFsError, isFile, isFolder } from '../files/fs.js';
import { EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import type { Io } from './io.js';
import { formatFromExtension, inputsBase, outputPathFor } from '../files/output-paths.js';
import {
  configPath,
  ignoreRules,
  loadSettings,
  type CommonOptions,
  type Settings,
} from './settings.js';
import { readSource, readStdinSource, STDIN, stdinWasPiped, type Source } from './sources.js';
import { shownPath } from '../util/paths.js';
import { flowcVersion } from './version.js';
import { compareWithFile } from './compare-file.js';
import { isGlobPattern } from '../files/glob-pattern.js';
import { isMarkdownPath } from '../files/markdown.js';
import type { SourceMode } from '../markdown/links.js';
import { pushAll } from '../util/arrays.js';

/** The render command's options as commander parses them. */
export interface RenderCommandOptions extends CommonOptions, RenderOptions {
  output?: string;
  /** `-f svg` or `-f svg,png` (several formats: batch rendering), as typed; validated by parseFormats. */
  format?: string[];
  check?: boolean;
  quiet?: boolean;
  stdinFilename?: string;
  /** Batch rendering (src/cli/batch-options.ts). */
  jobs?: number;
  force?: boolean;
  shard?: string;
  base?: string;
  prune?: boolean;
  /** Markdown: fold each flow block into `<details>` above its image. */
  details?: boolean;
}

/** The options after validation: the formats checked and deduplicated. */
interface RenderRequest extends Omit<RenderCommandOptions, 'format'> {
  formats: Format[];
}

/**
 * What the batch command receives: the command's options with the configuration applied
 * (`runBatchCommand(inputs, request, io)` in ./batch.ts).
 */
export interface BatchRenderRequest {
  formats: Format[];
  /** Absolute output folder; null to write each output beside its source. */
  outDir: string | null;
  render: RenderOptions;
  rules: Record<string, RuleSeverity>;
  ignore: { patterns: string[]; base: string };
  quiet: boolean;
  /** The batch renderer's own options (`--jobs`, `--force`, `--shard`, `--base`, `--prune`). */
  batch: Pick<RenderCommandOptions, 'jobs' | 'force' | 'shard' | 'base' | 'prune'>;
  /** Markdown files: keep each flow block visible, or fold it into `<details>`. */
  markdown: SourceMode;
}

/** Validates `-f` values (each may be a comma-separated list). */
export function parseFormats(values: readonly string[]): Format[] {
  const formats: Format[] = [];
  for (const raw of values.flatMap((v) => v.split(','))) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (!(FORMAT_VALUES as readonly string[]).includes(name)) {
      const suggestion = didYouMean(name, FORMAT_VALUES);
      throw new UsageError(
        `unknown output format '${raw.trim()}': expected ${FORMAT_VALUES.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      );
    }
    if (!formats.includes(name as Format)) formats.push(name as Format);
  }
  return formats;
}

export async function runRender(
  given: readonly string[],
  commandOptions: RenderCommandOptions,
  io: Io,
): Promise<number> {
  let inputs = given;
  if (inputs.length === 0) {
    if (!(await stdinWasPiped(io)))
      throw new UsageError(
        'no input: name a .flow file, a folder, a glob, or - for standard input',
      );
    inputs = [STDIN]; // `cat a.flow | flowc render -o a.svg`
  }
  const { format, ...rest } = commandOptions;
  const options: RenderRequest = { ...rest, formats: parseFormats(format ?? []) };
  const settings = await loadSettings(options, io);
  const render = renderOptions(options, settings);
  if (options.check) return checkOutputs(inputs, options, settings, render, io);
  if (await isSingleFileRender(inputs, options, io)) {
    if (options.prune) throw new UsageError(PRUNE_IS_FOR_BATCHES);
    return renderSingle(inputs[0]!, options, settings, render, io);
  }
  return dispatchBatch(inputs, options, settings, render, io);
}

/** Command-line options over the configuration's render defaults. */
function renderOptions(options: RenderRequest, settings: Settings): RenderOptions {
  const defaults = settings.loaded.config.render;
  return {
    direction: options.direction ?? defaults.direction,
    layout: options.layout ?? defaults.layout,
    edges: options.edges ?? defaults.edges,
    theme: options.theme ?? defaults.theme,
    scale: options.scale ?? defaults.scale,
    width: options.width ?? defaults.width,
    background: options.background ?? defaults.background,
  };
}

const PRUNE_IS_FOR_BATCHES =
  '--prune removes the outputs of deleted sources recorded by batch rendering (a folder, a glob, several inputs, or -o DIR/): a single file has none';

async function isSingleFileRender(
  inputs: readonly string[],
  options: RenderRequest,
  io: Io,
): Promise<boolean> {
  if (inputs.length !== 1 || options.formats.length > 1) return false;
  const input = inputs[0]!;
  if (input === STDIN) return true;
  if (isGlobPattern(input) && !(await isFile(io.fs, path.resolve(io.cwd, input)))) return false;
  if (await isFolder(io.fs, path.resolve(io.cwd, input))) return false;
  if (
    options.output !== undefined &&
    (endsWithSeparator(options.output) ||
      (await isFolder(io.fs, path.resolve(io.cwd, options.output))))
  ) {
    return false;
  }
  return true;
}

async function renderSingle(
  input: string,
  options: RenderRequest,
  settings: Settings,
  render: RenderOptions,
  io: Io,
): Promise<number> {
  if (input === STDIN ? isMarkdownPath(options.stdinFilename ?? '') : isMarkdownPath(input))
    return renderMarkdownSingle(input, options, settings, render, io);
  const output =
    options.output === undefined || options.output === STDIN
      ? null
      : path.resolve(io.cwd, options.output);
  const format = chooseFormat(options.formats[0], output, settings.loaded.config.render.format);
  if (output === null && format === 'png' && io.stdout.isTTY) {
    throw new UsageError(
      'refusing to write PNG data to a terminal: use -o FILE.png or redirect standard output',
    );
  }
  if (format === 'png') await checkPng(render);
  const source = await readInput(input, options, io);
  const compileOptions: CompileOptions = {
    ...render,
    format,
    rules: settings.ruleSettings,
    // -q prints errors only, as a batch does (batch/index.ts).
    onWarning: options.quiet
      ? undefined
      : (message) =>
          io.stderr.write(`flowc: warning: ${shownPath(io.cwd, source.filePath)}: ${message}\n`),
  };
  const { result, errors } = await compileSource(source, compileOptions);
  await printDiagnostics(
    [{ filePath: source.filePath, source: source.text, diagnostics: result.diagnostics }],
    options,
    settings.rules,
    io,
  );
  const name = shownPath(io.cwd, source.filePath);
  if (result.output === null) {
    io.stderr.write(`flowc: ${name} was not rendered: fix the errors above\n`);
    return EXIT_INPUT_ERRORS;
  }
  if (output === null) {
    io.stdout.write(result.output);
  } else {
    try {
      const written = await writeOutput(io.fs, output, result.output);
      if (written.kind === 'replace') await removeStaleTemps(io.fs, path.dirname(written.file));
    } catch (error) {
      io.stderr.write(
        `flowc: cannot write ${shownPath(io.cwd, output)}: ${describeFsError(error, 'write failed')}\n`,
      );
      return EXIT_USAGE;
    }
  }
  if (errors > 0) {
    io.stderr.write(
      `flowc: ${name} has ${errors === 1 ? '1 error' : `${errors} errors`}; ${await drawnWith(format, result)}\n`,
    );
    return EXIT_INPUT_ERRORS;
  }
  return EXIT_OK;
}

/** What was drawn of a diagram with rule errors: the offending nodes are marked only when there are some, in SVG or PNG. */
async function drawnWith(format: Format, result: CheckResult): Promise<string> {
  const { drawsMarks, markedNodes } = await import('../compile.js'); // loaded already: it drew
  if (!drawsMarks([format])) return `the ${format.toUpperCase()} was written all the same`;
  return markedNodes(result).length > 0
    ? 'the diagram was drawn with the offending nodes marked'
    : 'the diagram was drawn all the same (the errors are not on nodes: nothing is marked)';
}

/**
 * The PNG options (`--scale`, `--width`, `--background`, or the configuration's) checked before
 * anything is drawn: a mistake is a usage error (exit 2), said once, not an internal error.
 */
async function checkPng(render: RenderOptions): Promise<void> {
  const { checkPngOptions } = await import('../prepare.js');
  try {
    await checkPngOptions(render);
  } catch (error) {
    if (error instanceof Error && error.name === 'PngOptionError')
      throw new UsageError(error.message);
    throw error;
  }
}

/**
 * A Markdown file: its blocks' images go beside it (a folder given as `-o DIR/` is batch
 * rendering), their links into it. There is no single output file to name with `-o`.
 */
async function renderMarkdownSingle(
  input: string,
  options: RenderRequest,
  settings: Settings,
  render: RenderOptions,
  io: Io,
): Promise<number> {
  if (input === STDIN)
    throw new UsageError(
      'a Markdown file is rendered in place (images beside it, links into it): name the file instead of -',
    );
  if (options.output !== undefined)
    throw new UsageError(
      `${input} is Markdown: each flow block becomes its own image, beside it or in the folder -o DIR/ names (end it with /)`,
    );
  const source = await readInput(input, options, io);
  const format = chooseFormat(options.formats[0], null, settings.loaded.config.render.format);
  const { renderMarkdownFile } = await import('./markdown.js');
  return renderMarkdownFile(
    {
      file: source.filePath,
      text: source.text,
      formats: [format],
      outDir: null,
      mode: markdownMode(options),
      render,
      rules: settings.ruleSettings,
    },
    { quiet: options.quiet === true, rules: await settings.rules() },
    io,
  );
}

function markdownMode(options: RenderRequest): SourceMode {
  return options.details ? 'details' : 'keep';
}

/** -f wins; else the output's extension; else the configuration's format; else SVG. */
export function chooseFormat(
  flag: Format | undefined,
  output: string | null,
  configured: Format | undefined,
): Format {
  const implied = output === null ? null : formatFromExtension(output);
  if (flag !== undefined) {
    if (implied !== null && implied !== flag) {
      throw new UsageError(
        `-f ${flag} does not match the output file's extension (${path.extname(output!)} is ${implied})`,
      );
    }
    return flag;
  }
  if (implied !== null) return implied;
  if (output !== null && path.extname(output) !== '') {
    throw new UsageError(
      `cannot tell the format from '${path.extname(output)}': use -f svg|png|json|mermaid|dot, or an extension .svg .png .json .mmd .mermaid .dot .gv`,
    );
  }
  return configured ?? 'svg';
}

async function readInput(input: string, options: RenderRequest, io: Io): Promise<Source> {
  if (input === STDIN) return readStdinSource(io, options.stdinFilename);
  const read = await readSource(io, path.resolve(io.cwd, input));
  if ('problem' in read) throw new UsageError(`${input}: ${read.problem}`);
  return read;
}

type Compiled = {
  result: Awaited<ReturnType<typeof import('../compile.js').compile>>;
  errors: number;
};

/** Runs the pipeline. A layout failure comes back from compile as a `layout` error diagnostic. */
async function compileSource(source: Source, options: CompileOptions): Promise<Compiled> {
  const { compile } = await import('../compile.js');
  const result = await compile(source.text, options);
  return { result, errors: result.diagnostics.filter((d) => d.severity === 'error').length };
}

async function printDiagnostics(
  results: LintResult[],
  options: RenderRequest,
  rules: () => Promise<ReportRule[]>,
  io: Io,
): Promise<void> {
  if (results.every((r) => r.diagnostics.length === 0)) return;
  // The reporter is loaded only for a report: a render or a batch without one never needs it.
  const [{ colorEnabled, loadColors }, { stylish }, { errorsOnly }] = await Promise.all([
    import('../report/color.js'),
    import('../report/stylish.js'),
    import('../report/summary.js'),
  ]);
  const shown = options.quiet ? results.map(errorsOnly) : results;
  if (shown.every((r) => r.diagnostics.length === 0)) return;
  const colors = await loadColors(colorEnabled(io.stderr.isTTY, io.env));
  const context = { cwd: io.cwd, colors, rules: await rules(), version: flowcVersion() };
  io.stderr.write(stylish(shown, context));
}

/**
 * `--check`: render every input in memory and compare with the file a render would write.
 * A single file with `-o FILE` is compared with FILE; otherwise outputs are where batch rendering
 * puts them (beside each source, or mirrored under `-o DIR` / the configuration's `outDir`).
 */
async function checkOutputs(
  inputs: readonly string[],
  options: RenderRequest,
  settings: Settings,
  render: RenderOptions,
  io: Io,
): Promise<number> {
  if (inputs.includes(STDIN))
    throw new UsageError(
      '--check compares files with their outputs: it cannot read standard input',
    );
  const targets = await checkTargets(inputs, options, settings, io);
  if (targets.items.some((t) => t.outputs.some((o) => o.format === 'png'))) await checkPng(render);
  const { compileFormats } = await import('../compile.js');
  const stale: string[] = [];
  let failed = false;
  let compared = 0;
  for (const target of targets.items) {
    const read = await readSource(io, target.source);
    if ('problem' in read) {
      io.stderr.write(`flowc: ${shownPath(io.cwd, target.source)}: ${read.problem}\n`);
      failed = true;
      continue;
    }
    if (target.markdown) {
      const { checkMarkdownOutputs } = await import('./markdown.js');
      const checked = await checkMarkdownOutputs(
        {
          file: read.filePath,
          text: read.text,
          ...target.markdown,
          mode: markdownMode(options),
          render,
          rules: settings.ruleSettings,
        },
        { rules: await settings.rules() },
        io,
      );
      compared += checked.compared;
      pushAll(stale, checked.stale);
      failed ||= checked.failed;
      continue;
    }
    const result = await compileFormats(
      read.text,
      target.outputs.map((o) => o.format),
      { ...render, rules: settings.ruleSettings },
    );
    if (!result.renderable) {
      await printDiagnostics(
        [{ filePath: read.filePath, source: read.text, diagnostics: result.diagnostics }],
        { ...options, quiet: true },
        settings.rules,
        io,
      );
      io.stderr.write(
        `flowc: ${shownPath(io.cwd, read.filePath)} could not be rendered: fix the errors above\n`,
      );
      failed = true;
      continue;
    }
    const outputs = result.outputs;
    for (const { format, file } of target.outputs) {
      compared++;
      const expected = outputs[format]!;
      const status = await compareWithFile(io, file, expected);
      if (status !== 'up-to-date')
        stale.push(
          `${status === 'missing' ? 'missing' : 'stale'}  ${shownPath(io.cwd, file)}  (from ${shownPath(io.cwd, target.source)})`,
        );
    }
  }
  let orphaned = 0;
  if (options.prune) {
    if (targets.batch === undefined) throw new UsageError(PRUNE_IS_FOR_BATCHES);
    const { orphansOf } = await import('../batch/prune.js');
    const keep = new Set(targets.items.flatMap((t) => [t.source, ...t.outputs.map((o) => o.file)]));
    for (const orphan of await orphansOf(io.fs, targets.batch, { shard: null, keep }))
      for (const file of [...orphan.outputs].sort()) {
        orphaned++;
        stale.push(
          `orphan   ${shownPath(io.cwd, file)}  (${shownPath(io.cwd, orphan.source)} is gone)`,
        );
      }
  }
  for (const problem of targets.problems) io.stderr.write(`flowc: ${problem}\n`);
  if (stale.length > 0) {
    io.stdout.write(`${stale.join('\n')}\n`);
    const outOfDate = stale.length - orphaned;
    const parts = [
      ...(outOfDate > 0 ? [`${outOfDate} of ${compared} outputs out of date`] : []),
      ...(orphaned > 0
        ? [`${orphaned} output${orphaned === 1 ? '' : 's'} of deleted sources`]
        : []),
    ];
    io.stdout.write(
      `✖ ${parts.join(', ')}: run flowc render${orphaned > 0 ? ' --prune' : ''} to update them\n`,
    );
  } else if (!failed && targets.problems.length === 0) {
    io.stdout.write(`✔ ${compared === 1 ? '1 output' : `${compared} outputs`} up to date\n`);
  }
  if (targets.problems.length > 0) return EXIT_USAGE;
  return stale.length > 0 || failed ? EXIT_INPUT_ERRORS : EXIT_OK;
}

interface CheckTarget {
  source: string;
  outputs: { format: Format; file: string }[];
  /** A Markdown file: its outputs are known once its blocks are read. */
  markdown?: { formats: Format[]; outDir: string | null; base: string };
}

async function checkTargets(
  inputs: readonly string[],
  options: RenderRequest,
  settings: Settings,
  io: Io,
): Promise<{
  items: CheckTarget[];
  problems: string[];
  /** Where a batch render would write (and keep its cache); absent for one file with -o FILE. */
  batch?: { outDir: string | null; base: string };
}> {
  const configured = settings.loaded.config.render;
  if (await isSingleFileRender(inputs, options, io)) {
    if (options.output !== undefined && isMarkdownPath(inputs[0]!)) {
      throw new UsageError(
        `${inputs[0]} is Markdown: its images are checked beside it, or in the folder -o DIR/ names (end it with /)`,
      );
    }
    if (options.output !== undefined) {
      const file = path.resolve(io.cwd, options.output);
      const format = chooseFormat(options.formats[0], file, configured.format);
      return {
        items: [{ source: path.resolve(io.cwd, inputs[0]!), outputs: [{ format, file }] }],
        problems: [],
      };
    }
  }
  const formats = options.formats.length > 0 ? options.formats : [configured.format ?? 'svg'];
  const { outDir, base: configuredBase } = outputFolder(options, settings, io);
  const discovery = await discoverFiles(inputs, {
    markdown: true,
    cwd: io.cwd,
    fs: io.fs,
    ignore: ignoreRules(settings),
    excludeDirs: outDir === null ? [] : [outDir],
  });
  const base = configuredBase ?? (await inputsBase(inputs, io.cwd, io.fs));
  const items = discovery.files.map((source): CheckTarget => {
    if (isMarkdownPath(source)) return { source, outputs: [], markdown: { formats, outDir, base } };
    return {
      source,
      outputs: formats.map((format) => ({
        format,
        file: outputPathFor(source, format, outDir, base),
      })),
    };
  });
  return {
    items,
    problems: discovery.problems.map((p) => `${shownPath(io.cwd, p.input)}: ${p.message}`),
    batch: { outDir, base },
  };
}

async function dispatchBatch(
  inputs: readonly string[],
  options: RenderRequest,
  settings: Settings,
  render: RenderOptions,
  io: Io,
): Promise<number> {
  if (inputs.includes(STDIN))
    throw new UsageError("'-' (standard input) renders one diagram: give it alone");
  if (options.formats.includes('png') || settings.loaded.config.render.format === 'png')
    await checkPng(render);
  const configured = settings.loaded.config.render;
  const { outDir, base } = outputFolder(options, settings, io);
  const request: BatchRenderRequest = {
    formats: options.formats.length > 0 ? options.formats : [configured.format ?? 'svg'],
    outDir,
    render,
    rules: settings.ruleSettings,
    ignore: ignoreRules(settings),
    quiet: options.quiet === true,
    batch: {
      jobs: options.jobs,
      force: options.force,
      shard: options.shard,
      base: base ?? undefined,
      prune: options.prune,
    },
    markdown: markdownMode(options),
  };
  // Imported here: a single-file render never loads the batch renderer.
  const { runBatchCommand } = await import('./batch.js');
  return runBatchCommand(inputs, request, io);
}

/**
 * Where outputs go for several inputs: `-o DIR`, else the configuration's `render.outDir`, else
 * beside each source (null). Outputs under the configuration's outDir mirror paths relative to the
 * configuration file's folder, so a file lands in the same place whichever files a run is given
 * (a pre-commit hook passes only the changed ones); under `-o DIR` they mirror the inputs' common
 * base. `--base` overrides both.
 */
function outputFolder(
  options: RenderRequest,
  settings: Settings,
  io: Io,
): { outDir: string | null; base: string | null } {
  const explicitBase = options.base !== undefined ? path.resolve(io.cwd, options.base) : null;
  if (options.output !== undefined)
    return { outDir: path.resolve(io.cwd, options.output), base: explicitBase };
  const configured = settings.loaded.config.render.outDir;
  if (configured)
    return { outDir: configPath(settings, configured), base: explicitBase ?? settings.loaded.base };
  return { outDir: null, base: explicitBase };
}

function endsWithSeparator(p: string): boolean {
  return p.endsWith('/') || p.endsWith(path.sep);
}
