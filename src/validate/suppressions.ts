/**
 * Inline suppression comments, after ESLint's:
 *
 *   # flowc-disable-next-line rule-a, rule-b   the next line
 *   n1 -> n2   # flowc-disable-line rule-a      this line
 *   # flowc-disable rule-a … # flowc-enable rule-a   from the comment to the matching enable (or the end)
 *
 * Without a rule list a directive covers every rule that may be suppressed. ` -- why` after the
 * list is an explanation and is ignored. A directive that suppresses nothing is reported
 * (`unused-disable-directive`); a misspelt directive, an unknown rule id or a rule that may not
 * be suppressed is reported as `invalid-directive` (with a "did you mean").
 */
import { compareDiagnostics, type Diagnostic, type Span } from '../diagnostics.js';
import type { Comment } from '../syntax/ast.js';
import { didYouMean } from '../util/suggest.js';
import { RULES_BY_ID } from './registry.js';
import { applySeverities, effectiveSeverity } from './severities.js';
import type { RuleSettings } from './types.js';
import { pushAll } from '../util/arrays.js';

type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
const DIRECTIVE_KINDS: readonly DirectiveKind[] = [
  'disable-next-line',
  'disable-line',
  'disable',
  'enable',
];

interface NamedRule {
  id: string;
  span: Span;
}

interface Directive {
  kind: DirectiveKind;
  comment: Comment;
  /** The rules named, or null for "every rule". Invalid names are left out (and reported). */
  rules: NamedRule[] | null;
  /** Rule ids this directive suppressed at least one diagnostic of. */
  used: Set<string>;
}

interface Position {
  line: number;
  column: number;
}

const before = (a: Position, b: Position): boolean =>
  a.line < b.line || (a.line === b.line && a.column < b.column);

/**
 * The diagnostics left after the settings (`applySeverities`) and the file's suppression comments,
 * plus the diagnostics about the comments themselves, sorted by position.
 */
export function applySuppressions(
  diagnostics: Diagnostic[],
  comments: Comment[],
  settings?: RuleSettings,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const report = (ruleId: string, message: string, span: Span, suggestion?: string): void => {
    const severity = effectiveSeverity(ruleId, settings, 'warning');
    if (severity !== null)
      problems.push({
        ruleId,
        severity,
        message,
        span,
        ...(suggestion === undefined ? {} : { suggestions: [{ text: suggestion, span }] }),
      });
  };
  const directives: Directive[] = [];
  for (const comment of comments) {
    const directive = readDirective(comment, (message, span, suggestion) =>
      report('invalid-directive', message, span, suggestion),
    );
    if (directive) directives.push(directive);
  }
  const kept = suppress(applySeverities(diagnostics, settings), directives, report);
  // While the file has errors that stop the flow rules, a directive for one of them cannot be
  // judged: its diagnostic may only be missing because the rule did not run.
  const judged = diagnostics.every((d) => RULES_BY_ID.get(d.ruleId)?.configurable ?? true);
  if (judged)
    reportUnused(directives, settings, (message, span) =>
      report('unused-disable-directive', message, span),
    );
  return [...kept, ...problems].sort(compareDiagnostics);
}

function readDirective(
  comment: Comment,
  invalid: (message: string, span: Span, suggestion?: string) => void,
): Directive | null {
  const match = /^(\s*)flowc-([A-Za-z0-9-]*)/.exec(comment.text);
  if (!match) return null;
  const word = match[2]!;
  // The comment's text starts just after its `#`.
  const textColumn = comment.span.column + 1;
  if (!(DIRECTIVE_KINDS as readonly string[]).includes(word)) {
    const close = didYouMean(word, DIRECTIVE_KINDS);
    const span = {
      ...comment.span,
      column: textColumn + match[1]!.length,
      endColumn: textColumn + match[0].length,
    };
    invalid(
      `unknown directive 'flowc-${word}'${close ? `: did you mean 'flowc-${close}'?` : ': expected flowc-disable-next-line, flowc-disable-line, flowc-disable or flowc-enable'}`,
      span,
      close ? `flowc-${close}` : undefined,
    );
    return null;
  }
  const kind = word as DirectiveKind;
  const listStart = match[0].length;
  const explanation = /\s--(\s|$)/.exec(comment.text.slice(listStart));
  const listEnd = explanation ? listStart + explanation.index : comment.text.length;
  const named = namedRules(
    comment.text.slice(listStart, listEnd),
    textColumn + listStart,
    comment.span.line,
  );
  if (named.length === 0) return { kind, comment, rules: null, used: new Set() };
  const valid: NamedRule[] = [];
  for (const rule of named) {
    const meta = RULES_BY_ID.get(rule.id);
    if (!meta) {
      const close = didYouMean(rule.id, RULES_BY_ID.keys());
      invalid(
        `unknown rule '${rule.id}' in flowc-${kind}${close ? `: did you mean '${close}'?` : ''}`,
        rule.span,
        close ?? undefined,
      );
    } else if (!meta.suppressible) {
      const why = meta.configurable
        ? 'set it in the rule settings instead'
        : 'its errors leave no diagram to draw';
      invalid(`'${rule.id}' cannot be disabled by a comment: ${why}`, rule.span);
    } else valid.push(rule);
  }
  // A list of only invalid names suppresses nothing (it must not turn into "every rule").
  return { kind, comment, rules: valid, used: new Set() };
}

/** The comma-separated rule ids of a directive, each with its own span on the comment's line. */
function namedRules(list: string, column: number, line: number): NamedRule[] {
  const named: NamedRule[] = [];
  for (const part of list.matchAll(/[^,]+/g)) {
    const id = part[0].trim();
    if (id === '') continue;
    const start = column + part.index + part[0].indexOf(id);
    named.push({ id, span: { line, column: start, endLine: line, endColumn: start + id.length } });
  }
  return named;
}

function covers(directive: Directive, ruleId: string): boolean {
  return directive.rules === null || directive.rules.some((r) => r.id === ruleId);
}

/** The diagnostics no directive covers; the covering directives are marked used. */
function suppress(
  diagnostics: Diagnostic[],
  directives: Directive[],
  report: (ruleId: string, message: string, span: Span) => void,
): Diagnostic[] {
  const byLine = new Map<number, Directive[]>();
  for (const directive of directives) {
    const line =
      directive.kind === 'disable-next-line'
        ? directive.comment.span.line + 1
        : directive.kind === 'disable-line'
          ? directive.comment.span.line
          : null;
    if (line === null) continue;
    if (!byLine.has(line)) byLine.set(line, []);
    byLine.get(line)!.push(directive);
  }
  const ranges = new RangeState(
    directives.filter((d) => d.kind === 'disable' || d.kind === 'enable'),
    report,
  );
  const kept: Diagnostic[] = [];
  for (const diagnostic of [...diagnostics].sort(compareDiagnostics)) {
    ranges.advanceTo(diagnostic.span);
    if (!(RULES_BY_ID.get(diagnostic.ruleId)?.suppressible ?? true)) {
      kept.push(diagnostic);
      continue;
    }
    const covering = (byLine.get(diagnostic.span.line) ?? []).filter((d) =>
      covers(d, diagnostic.ruleId),
    );
    pushAll(covering, ranges.covering(diagnostic.ruleId));
    for (const directive of covering) directive.used.add(diagnostic.ruleId);
    if (covering.length === 0) kept.push(diagnostic);
  }
  ranges.advanceTo({ line: Infinity, column: Infinity });
  return kept;
}

/** Which `flowc-disable` ranges are open at a position, walking the range directives in source order. */
class RangeState {
  #next = 0;
  #all: Directive | null = null;
  #byRule = new Map<string, Directive>();
  /** Rules enabled again while an "every rule" range is open. */
  #exceptions = new Set<string>();

  constructor(
    private readonly directives: Directive[],
    private readonly report: (ruleId: string, message: string, span: Span) => void,
  ) {}

  advanceTo(position: Position): void {
    while (
      this.#next < this.directives.length &&
      before(this.directives[this.#next]!.comment.span, position)
    ) {
      this.apply(this.directives[this.#next++]!);
    }
  }

  covering(ruleId: string): Directive[] {
    const found: Directive[] = [];
    const specific = this.#byRule.get(ruleId);
    if (specific) found.push(specific);
    if (this.#all && !this.#exceptions.has(ruleId)) found.push(this.#all);
    return found;
  }

  private apply(directive: Directive): void {
    if (directive.kind === 'disable') {
      if (directive.rules === null) {
        this.#all = directive;
        this.#exceptions.clear();
      }
      for (const rule of directive.rules ?? []) {
        this.#byRule.set(rule.id, directive);
        this.#exceptions.delete(rule.id);
      }
      return;
    }
    if (directive.rules === null) {
      if (!this.#all && this.#byRule.size === 0)
        this.unmatched(directive.comment.span, 'no flowc-disable is open');
      this.#all = null;
      this.#byRule.clear();
      this.#exceptions.clear();
      return;
    }
    for (const rule of directive.rules) {
      const open =
        this.#byRule.delete(rule.id) || (this.#all !== null && !this.#exceptions.has(rule.id));
      if (this.#all) this.#exceptions.add(rule.id);
      if (!open) this.unmatched(rule.span, `'${rule.id}' is not disabled here`);
    }
  }

  private unmatched(span: Span, why: string): void {
    this.report(
      'unused-disable-directive',
      `this flowc-enable has nothing to enable: ${why}`,
      span,
    );
  }
}

function reportUnused(
  directives: Directive[],
  settings: RuleSettings | undefined,
  unused: (message: string, span: Span) => void,
): void {
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    const where = scopeDescription(directive);
    if (directive.rules === null) {
      if (directive.used.size === 0)
        unused(
          `this flowc-${directive.kind} suppresses nothing: no problem is reported ${where}`,
          directive.comment.span,
        );
      continue;
    }
    for (const rule of directive.rules) {
      // A rule switched off by the settings reports nothing anywhere; the comment may be meant for other settings.
      if (directive.used.has(rule.id) || effectiveSeverity(rule.id, settings, 'warning') === null)
        continue;
      unused(
        `'${rule.id}' is not reported ${where}: this flowc-${directive.kind} is unused`,
        rule.span,
      );
    }
  }
}

function scopeDescription(directive: Directive): string {
  const line = directive.comment.span.line;
  if (directive.kind === 'disable-next-line') return `on line ${line + 1}`;
  if (directive.kind === 'disable-line') return 'on this line';
  return 'after it';
}
