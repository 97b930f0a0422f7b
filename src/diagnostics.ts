/**
 * Diagnostics are plain data from the stage that finds them to the reporter that prints them.
 */

/** A source range. Lines and columns are 1-based; `endColumn` is the column just after the last character. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Rule id from the contract (`syntax`, `unresolved-reference`, ...) or one of flowc's own rules. */
  ruleId: string;
  severity: Severity;
  /** One sentence, including any "did you mean" suggestion. */
  message: string;
  span: Span;
  /** Optional extra lines shown under the excerpt (e.g. "expected one of top, right, bottom, left"). */
  notes?: string[];
  /**
   * The message's "did you mean" as edits: replacing the text at `span` by `text` applies one
   * (editors offer each as a quick fix). Absent when the message suggests nothing.
   */
  suggestions?: Suggestion[];
}

/** One suggested correction: the text to put in place of the text at `span`. */
export interface Suggestion {
  text: string;
  span: Span;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.span.line - b.span.line ||
    a.span.column - b.span.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
