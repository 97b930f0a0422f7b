/**
 * What the watch server sends to its page (server-sent events, JSON): plain data shared by the
 * server (src/watch) and the page's script (src/watch/client), which imports the types only.
 */

/** The theme a page shows: the server draws the diagram in it. */
export type PageTheme = 'light' | 'dark';

export interface ExcerptLine {
  lineNumber: number;
  text: string;
}

export interface ShownDiagnostic {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  notes: string[];
  /** The lines around the diagnostic (tabs expanded), and a `^~~` marker under its span. */
  excerpt: { before: ExcerptLine[]; line: ExcerptLine; marker: string; after: ExcerptLine[] };
}

export interface DiagramState {
  /** `main` for a `.flow` file; the block's id for a Markdown block. */
  key: string;
  /** What the page shows above a Markdown block's picture (`checkout · line 3`); '' for a `.flow` file. */
  title: string;
  /** The last picture drawn (null until one could be drawn). */
  svg: string | null;
  /** False when `svg` is from an earlier text: the current text cannot be drawn (dimmed). */
  current: boolean;
  /** Bumped each time `svg` changes. */
  svgVersion: number;
  diagnostics: ShownDiagnostic[];
  /** What the drawing says beside its diagnostics: e.g. the lanes drawn LR although TB was asked. */
  notices: string[];
  /** The file name a download gets (`cqrs.svg`, `README-checkout.svg`), without extension. */
  downloadName: string;
}

export interface FileState {
  /** The file's path below the watched root, `/`-separated. */
  path: string;
  kind: 'flow' | 'markdown';
  /** Bumped on every change the page must show. */
  version: number;
  /** Why there is nothing current to show (the file was removed, cannot be read), or null. */
  problem: string | null;
  diagrams: DiagramState[];
  /** Milliseconds the last render took. */
  renderMs: number;
}

export interface IndexEntry {
  path: string;
  kind: 'flow' | 'markdown';
  errors: number;
  warnings: number;
  /** Markdown: how many flow blocks. */
  blocks: number;
  problem: string | null;
}

export interface IndexState {
  /** The watched folder as the user named it. */
  root: string;
  entries: IndexEntry[];
}
