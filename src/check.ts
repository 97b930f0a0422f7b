/**
 * parse → resolve → validate: everything `flowc lint` needs, and nothing that draws
 * (so linting never loads the layout engine).
 */
import type { Diagnostic } from './diagnostics.js';
import type { Ast } from './syntax/ast.js';
import type { Diagram } from './model/diagram.js';
import type { ResolvedReference } from './model/index.js';
import { parse, parseLarge } from './syntax/index.js';
import { resolve } from './model/index.js';
import { validate, applySuppressions, type RuleSettings } from './validate/index.js';
import { pushAll } from './util/arrays.js';

/** Rule ids whose errors leave no diagram to draw: the text does not say what the diagram is. */
const BLOCKING_RULES = new Set(['syntax', 'unresolved-reference', 'duplicate-id']);

export interface CheckOptions {
  /** Severity overrides by rule id (`off`, `warn`, `error`). */
  rules?: RuleSettings;
}

export interface CheckResult {
  ast: Ast;
  diagram: Diagram;
  /** Every edge endpoint and what it names (`ResolveResult.references`). */
  references: ResolvedReference[];
  /** Every diagnostic of the file, sorted by position, after severities and inline suppressions. */
  diagnostics: Diagnostic[];
  /** False when an error makes a drawing impossible (syntax, unresolved reference, duplicate id). */
  renderable: boolean;
}

export function check(source: string, options: CheckOptions = {}): CheckResult {
  return checkAst(parse(source), options);
}

/** `check`, as a promise. */
export async function checkAsync(source: string, options: CheckOptions = {}): Promise<CheckResult> {
  return checkAst(await parseLarge(source), options);
}

/**
 * `check` on an Ast already parsed (e.g. by an editor's `IncrementalParser`): resolve, validate,
 * severities and suppressions exactly as `flowc lint` applies them.
 */
export function checkAst(ast: Ast, options: CheckOptions = {}): CheckResult {
  const resolved = resolve(ast);
  const { diagram, diagnostics: resolveDiagnostics } = resolved;
  const found = [...ast.diagnostics, ...resolveDiagnostics];
  // Graph rules on a diagram with a broken line or a dangling reference would report the
  // consequences (a node unreachable because its edge did not parse) as the user's mistakes.
  const structureOk = !found.some((d) => d.severity === 'error' && BLOCKING_RULES.has(d.ruleId));
  if (structureOk) pushAll(found, validate(diagram, { rules: options.rules }));
  // Sorted by position: applySuppressions returns them so.
  const diagnostics = applySuppressions(found, ast.comments, options.rules);
  const renderable = !diagnostics.some(
    (d) => d.severity === 'error' && BLOCKING_RULES.has(d.ruleId),
  );
  return {
    ast,
    diagram,
    // Made when first read (editors read it, lint does not): see resolve().
    get references(): ResolvedReference[] {
      return resolved.references;
    },
    diagnostics,
    renderable,
  };
}
