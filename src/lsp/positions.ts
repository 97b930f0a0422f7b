/**
 * flowc spans (1-based lines and columns, `endColumn` just after the last character) and LSP
 * ranges (0-based, end exclusive) count the same UTF-16 code units: only the bases differ.
 */
import type { Position, Range } from 'vscode-languageserver';
import type { Span } from '../diagnostics.js';

export function toRange(span: Span): Range {
  return {
    start: { line: span.line - 1, character: span.column - 1 },
    end: { line: span.endLine - 1, character: span.endColumn - 1 },
  };
}

/** Whether the position lies in the span, its end included (a cursor just after a name is on it). */
export function spanContains(span: Span, position: Position): boolean {
  const line = position.line + 1;
  const column = position.character + 1;
  if (line < span.line || line > span.endLine) return false;
  if (line === span.line && column < span.column) return false;
  if (line === span.endLine && column > span.endColumn) return false;
  return true;
}
