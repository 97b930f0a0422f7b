/**
 * What an import reports: one warning per kind of thing dropped or changed, at the first line it
 * happens on, listing the other lines (a hundred round-cornered nodes are one warning, not a
 * hundred).
 */
import type { LineIndex } from './source.js';

export interface ImportWarning {
  /** 1-based line of the Mermaid text (of the Markdown file for a block). */
  line: number;
  message: string;
  /** Other lines where the same thing happens, in order. */
  alsoLines: number[];
}

export class Warnings {
  private readonly byKey = new Map<string, { message: string; lines: Set<number> }>();

  constructor(private readonly lines: LineIndex) {}

  /** Reports `message` at `offset` of the original text; warnings with the same key are merged. */
  add(offset: number, message: string, key = message): void {
    const line = this.lines.lineOf(offset);
    const existing = this.byKey.get(key);
    if (existing) existing.lines.add(line);
    else this.byKey.set(key, { message, lines: new Set([line]) });
  }

  list(): ImportWarning[] {
    return [...this.byKey.values()]
      .map(({ message, lines }) => {
        const [line, ...alsoLines] = [...lines].sort((a, b) => a - b);
        return { line: line!, message, alsoLines };
      })
      .sort((a, b) => a.line - b.line || (a.message < b.message ? -1 : 1));
  }
}
