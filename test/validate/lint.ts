/**
 * Test helper: the lint half of the pipeline (parse → resolve → validate → settings and
 * suppressions), as `check` in src/compile.ts runs it, without loading layout and emitters.
 */
import { compareDiagnostics, type Diagnostic } from '../../src/diagnostics.js';
import { parse } from '../../src/syntax/index.js';
import { resolve } from '../../src/model/index.js';
import { applySuppressions, validate, type RuleSettings } from '../../src/validate/index.js';

export function lint(source: string, rules?: RuleSettings): Diagnostic[] {
  const ast = parse(source);
  const { diagram, diagnostics } = resolve(ast);
  const found = [...ast.diagnostics, ...diagnostics];
  if (ast.diagnostics.length === 0) found.push(...validate(diagram, { rules }));
  return applySuppressions(found, ast.comments, rules).sort(compareDiagnostics);
}

/** `[ruleId, severity, line, column, endLine, endColumn]`: what a test asserts about a diagnostic. */
export type Where = [string, string, number, number, number, number];

export function where(d: Diagnostic): Where {
  return [d.ruleId, d.severity, d.span.line, d.span.column, d.span.endLine, d.span.endColumn];
}

/** The diagnostics of one rule only. */
export function only(ruleId: string, diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.ruleId === ruleId);
}

/** Lines joined with '\n' and a final newline, so a test's .flow text reads line by line. */
export function flow(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
