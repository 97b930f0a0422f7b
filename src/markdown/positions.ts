/**
 * A diagnostic of a block's text, moved to where that text is in the `.md` file: lines counted
 * from the top of the file, columns counted with the container prefix (indentation, `> `).
 */
import type { Diagnostic, Span } from '../diagnostics.js';
import type { FlowBlock } from './scan.js';

export function toMarkdownSpan(block: FlowBlock, span: Span): Span {
  const place = (line: number, column: number): { line: number; column: number } => {
    const count = block.offsets.length;
    if (count === 0) return { line: block.fenceIndex + 1, column: 1 };
    // A position past the last line (the end of the text) is shown at the end of the last line.
    const index = Math.min(Math.max(line, 1), count) - 1;
    return { line: block.fenceIndex + 2 + index, column: column + block.offsets[index]! };
  };
  const start = place(span.line, span.column);
  const end = place(span.endLine, span.endColumn);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export function toMarkdownDiagnostic(block: FlowBlock, diagnostic: Diagnostic): Diagnostic {
  return { ...diagnostic, span: toMarkdownSpan(block, diagnostic.span) };
}
