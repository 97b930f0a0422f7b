/**
 * `format(source)`: a `.flow` file in its one canonical form (docs/language.md, "Canonical form").
 * The meaning never changes: the same statements in the same order, the same values, every comment
 * and suppression directive where it was. A file with syntax errors is not formatted: the result
 * has no output and the errors say why (a formatter that guessed would rewrite what it did not
 * understand).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Ast } from '../syntax/ast.js';
import { parse, parseLarge } from '../syntax/index.js';
import { printFlow } from './print.js';

export { printFlow } from './print.js';

export interface FormatResult {
  /** The canonical text; null when the source has syntax errors. */
  output: string | null;
  /** The syntax errors that kept the file from being formatted (empty when it was). */
  diagnostics: Diagnostic[];
  /** True when `output` differs from the source. */
  changed: boolean;
}

export function format(source: string): FormatResult {
  return fromAst(source, parse(source));
}

/** `format`, as a promise. */
export async function formatAsync(source: string): Promise<FormatResult> {
  return fromAst(source, await parseLarge(source));
}

function fromAst(source: string, ast: Ast): FormatResult {
  if (ast.diagnostics.length > 0)
    return { output: null, diagnostics: ast.diagnostics, changed: false };
  const output = printFlow(ast);
  return { output, diagnostics: [], changed: output !== source };
}
