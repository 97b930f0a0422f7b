/**
 * Formatting: the text `flowc fmt` writes (`printFlow` of the document's Ast), as one edit of the
 * part that changes (the common beginning and end are left alone, so an editor keeps its cursor
 * and marks there). A file with syntax errors is not formatted, as `flowc fmt` refuses it: there
 * is no edit.
 */
import type { Position, TextEdit } from 'vscode-languageserver';
import { printFlow } from '../format/index.js';
import type { Analysis } from './analysis.js';

export function formatting(analysis: Analysis): TextEdit[] | null {
  if (analysis.ast.diagnostics.length > 0) return null;
  const text = analysis.text;
  const formatted = printFlow(analysis.ast);
  if (formatted === text) return [];
  let start = 0;
  const shortest = Math.min(text.length, formatted.length);
  while (start < shortest && text[start] === formatted[start]) start++;
  let end = 0;
  while (
    end < shortest - start &&
    text[text.length - 1 - end] === formatted[formatted.length - 1 - end]
  )
    end++;
  // Never split a CRLF pair: an edit may not begin or end between `\r` and `\n`.
  if (start > 0 && text[start - 1] === '\r') start--;
  if (end > 0 && text[text.length - end] === '\n' && text[text.length - end - 1] === '\r') end--;
  return [
    {
      range: { start: positionAt(text, start), end: positionAt(text, text.length - end) },
      newText: formatted.slice(start, formatted.length - end),
    },
  ];
}

/** The LSP position (line, UTF-16 column) of an offset; `\n` ends a line. */
function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
