/**
 * One watched file as its page shows it: the file's text drawn (each Markdown block apart), its
 * diagnostics with source excerpts, and the last picture that could be drawn, kept for each
 * diagram so an error is shown over the dimmed picture it broke.
 *
 * Pictures are drawn in the theme each page asks for (light or dark), only for themes some page
 * is showing, once per change of the text.
 */
import type { RenderOptions } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import type { RuleSeverity } from '../config/index.js';
import { buildExcerpt, sourceLine } from '../report/excerpt.js';
import type { DiagramState, FileState, PageTheme, ShownDiagnostic } from './protocol.js';

export type SourceKind = 'flow' | 'markdown';

export interface ViewOptions {
  render: Pick<RenderOptions, 'direction' | 'layout' | 'edges'>;
  rules: Record<string, RuleSeverity>;
}

/** One diagram of a render: a `.flow` file's, or one Markdown block's. */
export interface DrawnDiagram {
  key: string;
  title: string;
  /** Null when this text cannot be drawn. */
  svg: string | null;
  diagnostics: Diagnostic[];
  /** What the drawing says beside its diagnostics (compile's onWarning: lanes turned, ...). */
  notices: string[];
  downloadName: string;
}

/** Draws a file's text in one theme. */
export async function drawFile(
  kind: SourceKind,
  file: string,
  text: string,
  theme: PageTheme,
  options: ViewOptions,
): Promise<DrawnDiagram[]> {
  const stem = baseName(file);
  if (kind === 'flow') {
    const { compileFormats } = await import('../compile.js');
    const notices: string[] = [];
    const result = await compileFormats(text, ['svg'], {
      ...options.render,
      theme,
      rules: options.rules,
      onWarning: (message) => notices.push(message),
    });
    const svg = result.outputs.svg;
    return [
      {
        key: 'main',
        title: '',
        svg: typeof svg === 'string' ? svg : null,
        diagnostics: result.diagnostics,
        notices,
        downloadName: stem,
      },
    ];
  }
  const { renderMarkdown } = await import('../markdown/render.js');
  const result = await renderMarkdown(text, {
    ...options.render,
    theme,
    rules: options.rules,
    file,
    formats: ['svg'],
  });
  return result.blocks.map(({ block, diagnostics, renderable, outputs, warnings }) => {
    const svg = outputs.svg;
    const name = block.explicitId ? `'${block.id}'` : `Block ${block.ordinal}`;
    return {
      key: block.explicitId && !block.blocked ? `id-${block.id}` : `n-${block.ordinal}`,
      title: `${name} · line ${block.fenceIndex + 1}`,
      svg: renderable && typeof svg === 'string' ? svg : null,
      diagnostics,
      notices: warnings,
      downloadName: `${stem}-${block.id}`,
    };
  });
}

/** Counts for the folder index, without drawing (parse, resolve, validate only). */
export async function checkFile(
  kind: SourceKind,
  text: string,
  options: ViewOptions,
): Promise<{ errors: number; warnings: number; blocks: number }> {
  if (kind === 'flow') {
    const { checkAsync } = await import('../check.js');
    const { diagnostics } = await checkAsync(text, { rules: options.rules });
    return { ...count(diagnostics), blocks: 0 };
  }
  const { checkMarkdown } = await import('../markdown/check.js');
  const result = await checkMarkdown(text, { rules: options.rules });
  return { ...count(result.diagnostics), blocks: result.blocks.length };
}

export function count(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

/** A diagnostic as the page shows it, with the lines around it. */
export function showDiagnostic(text: string, diagnostic: Diagnostic): ShownDiagnostic {
  const excerpt = buildExcerpt(text, diagnostic.span, { maxWidth: 120 });
  const context = (n: number) => ({
    lineNumber: n,
    text: sourceLine(text, n).replace(/\t/g, '    '),
  });
  const line = diagnostic.span.line;
  const lastLine = text.split('\n').length;
  return {
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    message: diagnostic.message,
    line,
    column: diagnostic.span.column,
    notes: diagnostic.notes ?? [],
    excerpt: {
      before: line > 1 ? [context(line - 1)] : [],
      line: { lineNumber: excerpt.lineNumber, text: excerpt.text },
      marker: excerpt.marker,
      after: line + 1 <= lastLine && sourceLine(text, line + 1) !== '' ? [context(line + 1)] : [],
    },
  };
}

interface GoodPicture {
  svg: string;
  version: number;
}

/** Everything the server knows about one watched file. */
export class FileView {
  /** The text last read; null when the file is missing or unreadable. */
  text: string | null = null;
  problem: string | null = null;
  /** Bumped on every change a page must show. */
  version = 0;
  renderMs = 0;
  private drawn = new Map<PageTheme, DrawnDiagram[]>();
  /** The drawings of the text before, while the file is missing (their titles stay on the page). */
  private previous = new Map<PageTheme, DrawnDiagram[]>();
  /** The last picture each diagram had, per theme. */
  private good = new Map<PageTheme, Map<string, GoodPicture>>();
  private pictureVersion = 0;
  private drawing = new Map<PageTheme, Promise<void>>();

  constructor(
    readonly file: string,
    readonly path: string,
    readonly kind: SourceKind,
    private readonly options: ViewOptions,
  ) {}

  /** A new text (or a problem instead of one): the drawings are stale. */
  setText(text: string | null, problem: string | null = null): void {
    this.text = text;
    this.problem = problem;
    for (const [theme, diagrams] of this.drawn) this.previous.set(theme, diagrams);
    this.drawn = new Map();
    this.drawing.clear();
    this.version++;
  }

  isDrawn(theme: PageTheme): boolean {
    return this.text === null || this.drawn.has(theme);
  }

  /** Draws the current text in `theme` (once; concurrent callers share the work). */
  async draw(theme: PageTheme): Promise<void> {
    // A text that changes while it is drawn is drawn again.
    while (!this.isDrawn(theme)) {
      let pending = this.drawing.get(theme);
      if (pending === undefined) {
        pending = this.drawNow(theme);
        this.drawing.set(theme, pending);
      }
      await pending;
    }
  }

  private async drawNow(theme: PageTheme): Promise<void> {
    const text = this.text!;
    const version = this.version;
    const started = performance.now();
    let diagrams: DrawnDiagram[];
    try {
      diagrams = await drawFile(this.kind, this.file, text, theme, this.options);
    } catch (error) {
      // A bug in flowc: shown on the page like any error, the server keeps running.
      const message = error instanceof Error ? error.message : String(error);
      diagrams = [
        {
          key: 'main',
          title: '',
          svg: null,
          diagnostics: [
            {
              ruleId: 'internal',
              severity: 'error',
              message: `internal error: ${message.split('\n')[0]} (please report it)`,
              span: { line: 1, column: 1, endLine: 1, endColumn: 1 },
            },
          ],
          notices: [],
          downloadName: baseName(this.file),
        },
      ];
    }
    if (this.version !== version) return; // the text changed meanwhile: a newer draw follows
    this.renderMs = performance.now() - started;
    this.drawn.set(theme, diagrams);
    let good = this.good.get(theme);
    if (good === undefined) this.good.set(theme, (good = new Map()));
    for (const diagram of diagrams) {
      if (diagram.svg === null) continue;
      const previous = good.get(diagram.key);
      if (previous?.svg !== diagram.svg)
        good.set(diagram.key, { svg: diagram.svg, version: ++this.pictureVersion });
    }
  }

  /** The page's state in `theme` (drawn before: see `draw`). */
  state(theme: PageTheme): FileState {
    const good = this.good.get(theme) ?? new Map<string, GoodPicture>();
    const diagrams: DiagramState[] = (this.drawn.get(theme) ?? this.staleDiagrams(theme)).map(
      (diagram) => {
        const picture = good.get(diagram.key);
        return {
          key: diagram.key,
          title: diagram.title,
          svg: picture?.svg ?? null,
          current: diagram.svg !== null,
          svgVersion: picture?.version ?? 0,
          diagnostics:
            this.text === null ? [] : diagram.diagnostics.map((d) => showDiagnostic(this.text!, d)),
          notices: this.text === null ? [] : diagram.notices,
          downloadName: diagram.downloadName,
        };
      },
    );
    return {
      path: this.path,
      kind: this.kind,
      version: this.version,
      problem: this.problem,
      diagrams,
      renderMs: Math.round(this.renderMs),
    };
  }

  /** While the file is missing: its last pictures, none of them current. */
  private staleDiagrams(theme: PageTheme): DrawnDiagram[] {
    return (this.previous.get(theme) ?? []).map((d) => ({
      ...d,
      svg: null,
      diagnostics: [],
      notices: [],
    }));
  }

  /** The picture a download of `key` gets: the one the page shows. */
  picture(theme: PageTheme, key: string): { svg: string; name: string } | null {
    const picture = this.good.get(theme)?.get(key);
    if (picture === undefined) return null;
    const diagram = this.drawn.get(theme)?.find((d) => d.key === key);
    return { svg: picture.svg, name: diagram?.downloadName ?? baseName(this.file) };
  }

  /**
   * The index's counts for the text, from any theme's drawing (they do not depend on it); null
   * when it has not been drawn.
   */
  counts(): { errors: number; warnings: number; blocks: number } | null {
    const drawn = this.drawn.values().next();
    if (drawn.done) return null;
    return {
      ...count(drawn.value.flatMap((d) => d.diagnostics)),
      blocks: this.kind === 'markdown' ? drawn.value.length : 0,
    };
  }
}

function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.(flow|md|markdown)$/i, '');
}
