/**
 * The source line under a diagnostic, with a marker under its span:
 *
 *     n3 -> n4 [lable="Write"]
 *               ^~~~~
 *
 * Columns in spans count UTF-16 code units (JavaScript string indices), but a terminal counts
 * cells: a tab jumps to the next tab stop, East Asian wide characters and most emoji take two
 * cells, combining marks none. The marker is placed in cells so it sits under the right text.
 * Control characters are shown as their escapes (`\x1b`, `\r`: src/util/printable.ts), one cell
 * per character of the escape, so no line of a file can act on the terminal.
 */
import type { Span } from '../diagnostics.js';
import { escapeChar, isUnprintable } from '../util/printable.js';

export interface Excerpt {
  lineNumber: number;
  /** The line as shown: tabs expanded, `\r` dropped, cut with `…` around the span when too wide. */
  text: string;
  /** Spaces up to the span, then `^` and one `~` per further cell of the span. */
  marker: string;
}

export interface ExcerptOptions {
  /** Widest line shown, in cells; longer lines are cut around the span. */
  maxWidth?: number;
  tabWidth?: number;
}

const ELLIPSIS = '…';

interface Cell {
  /** Code-unit index of the character in the line. */
  index: number;
  /** What is printed for it (a tab becomes spaces). */
  shown: string;
  width: number;
}

export function buildExcerpt(source: string, span: Span, options: ExcerptOptions = {}): Excerpt {
  const maxWidth = options.maxWidth ?? 100;
  const tabWidth = options.tabWidth ?? 4;
  const line = sourceLine(source, span.line);
  const start = clamp(span.column - 1, 0, line.length);
  const end =
    span.endLine > span.line ? line.length : clamp(span.endColumn - 1, start, line.length);

  const cells = layoutCells(line, tabWidth);
  const [first, last] = visibleWindow(cells, start, maxWidth);
  const cutLeft = first > 0;
  const cutRight = last < cells.length;

  let text = cutLeft ? ELLIPSIS : '';
  let markerPad = cutLeft ? 1 : 0;
  let markerCells = 0;
  for (let k = first; k < last; k++) {
    const cell = cells[k]!;
    text += cell.shown;
    if (cell.index < start) markerPad += cell.width;
    else if (cell.index < end) markerCells += cell.width;
  }
  if (cutRight) text += ELLIPSIS;
  // A span that starts past the last character (a missing `}` at the end of a line) or is
  // empty still gets one caret, just after the text.
  const marker = ' '.repeat(markerPad) + '^' + '~'.repeat(Math.max(0, markerCells - 1));
  return { lineNumber: span.line, text, marker };
}

/** Line `n` (1-based) without its line ending or a leading byte-order mark; '' past the end. */
export function sourceLine(source: string, n: number): string {
  let from = 0;
  for (let k = 1; k < n; k++) {
    const next = source.indexOf('\n', from);
    if (next < 0) return '';
    from = next + 1;
  }
  const stop = source.indexOf('\n', from);
  let line = source.slice(from, stop < 0 ? source.length : stop);
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (n === 1 && line.startsWith('\uFEFF')) line = line.slice(1);
  return line;
}

function layoutCells(line: string, tabWidth: number): Cell[] {
  const cells: Cell[] = [];
  let column = 0;
  let index = 0;
  for (const char of line) {
    if (char === '\t') {
      const width = tabWidth - (column % tabWidth);
      cells.push({ index, shown: ' '.repeat(width), width });
      column += width;
    } else if (isUnprintable(char)) {
      const shown = escapeChar(char);
      cells.push({ index, shown, width: shown.length });
      column += shown.length;
    } else {
      const width = charWidth(char.codePointAt(0)!);
      cells.push({ index, shown: char, width });
      column += width;
    }
    index += char.length;
  }
  return cells;
}

/** The cells [first, last) to show: all of them, or a window of `maxWidth` cells around `start`. */
function visibleWindow(cells: Cell[], start: number, maxWidth: number): [number, number] {
  const total = cells.reduce((sum, c) => sum + c.width, 0);
  if (total <= maxWidth) return [0, cells.length];
  const budget = maxWidth - 2; // room for an ellipsis on each side
  let startCell = cells.findIndex((c) => c.index >= start);
  if (startCell < 0) startCell = cells.length;
  // Keep some context before the span: a quarter of the budget.
  let first = startCell;
  let used = 0;
  while (first > 0 && used + cells[first - 1]!.width <= Math.floor(budget / 4)) {
    first--;
    used += cells[first]!.width;
  }
  let last = first;
  used = 0;
  while (last < cells.length && used + cells[last]!.width <= budget) {
    used += cells[last]!.width;
    last++;
  }
  return [first, last];
}

/** Terminal cells taken by a code point: 0 for combining marks, 2 for wide characters, else 1. */
export function charWidth(codePoint: number): number {
  if (
    (codePoint >= 0x0300 && codePoint <= 0x036f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
  ) {
    return 0;
  }
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1f9ff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
