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

/** Longest message shown (a warning quotes what the chart says: a link, an id, a CSS value). */
const MAX_MESSAGE = 400;

/**
 * A message as a terminal may show it: control characters (an escape sequence in a link or a
 * label) written as `\u001b`, and a message longer than a screenful cut with `…`.
 */
export function visibleMessage(message: string): string {
  const visible = message.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return visible.length > MAX_MESSAGE ? `${visible.slice(0, MAX_MESSAGE - 1)}…` : visible;
}

export class Warnings {
  private readonly byKey = new Map<string, { message: string; lines: Set<number> }>();

  constructor(private readonly lines: LineIndex) {}

  /** Reports `message` at `offset` of the original text; warnings with the same key are merged. */
  add(offset: number, message: string, key = message): void {
    const line = this.lines.lineOf(offset);
    const existing = this.byKey.get(key);
    if (existing) existing.lines.add(line);
    else this.byKey.set(key, { message: visibleMessage(message), lines: new Set([line]) });
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
