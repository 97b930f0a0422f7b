/**
 * The whole pipeline as two functions: `check` (parse → resolve → validate) and `compile`
 * (check → layout → emit). The CLI and the batch renderer call only these.
 */
import type { Diagnostic } from './diagnostics.js';
import type { Diagram, Direction, LayoutKind } from './model/diagram.js';
import { DEFAULT_DIRECTION } from './model/placement.js';
import type { EdgeStyle, Layout } from './layout/types.js';
import { checkAsync, type CheckOptions, type CheckResult } from './check.js';
import { layout, LayoutError } from './layout/index.js';
import { emitDot, emitJson, emitMermaid, emitPng, emitSvg, type Theme } from './emit/index.js';

import { FORMATS, type Format } from './emit/formats.js';

export { FORMATS, type Format };

export interface RenderOptions {
  direction?: Direction;
  /** layered, lanes, or auto (the default: the file's `layout` setting, else chosen by measurement). */
  layout?: LayoutKind | 'auto';
  edges?: EdgeStyle;
  theme?: Theme;
  /** PNG: pixels per SVG unit (default 2). */
  scale?: number;
  /** PNG: output width in pixels (overrides scale). */
  width?: number;
  /** PNG: background colour, or 'transparent'. */
  background?: string;
  /** SVG <title>; defaults to a summary of the diagram. */
  title?: string;
  /**
   * Told when the output is not quite what was asked: a PNG drawn smaller than asked (see
   * PngOptions.onWarning), or swimlanes drawn in another direction than asked (turnedMessage).
   */
  onWarning?: (message: string) => void;
}

export interface CompileOptions<F extends Format = Format> extends CheckOptions, RenderOptions {
  format: F;
}

/** What each format is written as: text, or the bytes of a PNG. */
export interface FormatOutput {
  svg: string;
  png: Buffer;
  json: string;
  mermaid: string;
  dot: string;
}

/** The outputs of several formats, each typed as its format is (a PNG is a Buffer, the rest text). */
export type FormatOutputs = { [F in Format]?: FormatOutput[F] };

export interface CompileResult<F extends Format = Format> extends CheckResult {
  /**
   * The rendered output, or null when the file is not renderable. Its type follows the format:
   * `compile(text, { format: 'svg' })` gives a string, `{ format: 'png' }` a Buffer.
   */
  output: FormatOutput[F] | null;
}

/** Parse, check and render one source text to one format. */
export async function compile<F extends Format>(
  source: string,
  options: CompileOptions<F>,
): Promise<CompileResult<F>> {
  const { outputs, ...result } = await compileFormats(source, [options.format], options);
  return { ...result, output: outputs[options.format] ?? null };
}

export interface MultiCompileResult extends CheckResult {
  /** One entry per requested format; empty when the file is not renderable. */
  outputs: FormatOutputs;
}

/** Parse, check and lay out once, then emit every requested format. */
export async function compileFormats(
  source: string,
  formats: readonly Format[],
  options: CheckOptions & RenderOptions = {},
): Promise<MultiCompileResult> {
  const result = await checkAsync(source, options);
  const outputs: FormatOutputs = {};
  if (!result.renderable) return { ...result, outputs };
  // The command line's direction wins over the file's `direction` line; every format uses the same.
  const direction = options.direction ?? result.diagram.direction ?? undefined;
  let laidOut: Layout | null = null;
  const getLayout = (): Layout =>
    (laidOut ??= layout(result.diagram, {
      direction,
      edges: options.edges,
      ...(options.layout ? { layout: options.layout } : {}),
    }));
  let svg: string | null = null;
  const getSvg = (): string => (svg ??= emitSvg(getLayout(), svgOptions(result, options)));
  try {
    for (const format of formats) {
      (outputs as Record<Format, string | Buffer>)[format] = await emitFormat(
        format,
        result.diagram,
        direction,
        getLayout,
        getSvg,
        options,
      );
    }
    if (laidOut !== null) {
      const asked = direction ?? DEFAULT_DIRECTION;
      if ((laidOut as Layout).direction !== asked)
        options.onWarning?.(turnedMessage(asked, (laidOut as Layout).direction));
    }
  } catch (error) {
    if (!(error instanceof LayoutError)) throw error;
    // The layout engine gave up on this graph: report it like any other error, with nothing written.
    const diagnostic: Diagnostic = {
      ruleId: 'layout',
      severity: 'error',
      message: error.message,
      span: { line: 1, column: 1, endLine: 1, endColumn: 1 },
    };
    return {
      ...result,
      diagnostics: [...result.diagnostics, diagnostic],
      renderable: false,
      outputs: {},
    };
  }
  return { ...result, outputs };
}

/**
 * The swimlanes turn to the flow the handles ask for when, drawn as asked, one lane would stretch
 * across the whole drawing (docs/layout.md, "Turned lanes"): the user asked for one direction and
 * gets another, so they are told why and how to get the one asked for.
 */
export function turnedMessage(asked: Direction, drawn: Direction): string {
  return (
    `drawn ${drawn} instead of ${asked}: the handles inside its groups ask for ${drawn}, and ` +
    `swimlanes drawn ${asked} would stretch a lane across the whole drawing; ` +
    `--layout layered draws it ${asked}`
  );
}

async function emitFormat(
  format: Format,
  diagram: Diagram,
  direction: Direction | undefined,
  getLayout: () => Layout,
  getSvg: () => string,
  options: RenderOptions,
): Promise<string | Buffer> {
  switch (format) {
    case 'svg':
      return getSvg();
    case 'json':
      return emitJson(getLayout());
    case 'mermaid':
      return emitMermaid(diagram, { direction });
    case 'dot':
      return emitDot(diagram, { direction });
    case 'png':
      return emitPng(getSvg(), {
        scale: options.scale,
        width: options.width,
        background: options.background,
        onWarning: options.onWarning,
      });
  }
}

/** Nodes named by an error diagnostic are drawn marked, so the picture shows what lint reports. */
function svgOptions(result: CheckResult, options: RenderOptions) {
  return { theme: options.theme, title: options.title, highlight: markedNodes(result) };
}

/**
 * The nodes an SVG or PNG of `result` marks: those declared on a line with an error. An error on
 * an edge (`unlabelled-branch`) or on the file marks none, and the CLI says so.
 */
export function markedNodes(result: CheckResult): string[] {
  const errorLines = new Set(
    result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.span.line),
  );
  return result.diagram.nodes.filter((n) => errorLines.has(n.span.line)).map((n) => n.id);
}

/** Whether `formats` draw the marks (SVG and PNG do; Mermaid, DOT and JSON carry none). */
export function drawsMarks(formats: readonly Format[]): boolean {
  return formats.includes('svg') || formats.includes('png');
}
