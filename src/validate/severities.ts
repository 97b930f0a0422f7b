/**
 * Rule settings: `{ "dead-end": "off", "no-path-to-end": "error" }`. A setting replaces the rule's
 * default severity or, with `off`, removes its diagnostics. The rules whose errors leave no
 * diagram to draw (syntax, unresolved-reference, duplicate-id) are not configurable: they stay
 * errors whatever the settings say, and `ruleSettingProblems` reports settings that try.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { didYouMean } from '../util/suggest.js';
import { RULES_BY_ID, rules } from './registry.js';
import type { RuleSetting, RuleSettings } from './types.js';

const SETTINGS: readonly RuleSetting[] = ['off', 'warn', 'error'];

/** The severity a rule's diagnostics get under `settings`, or null when the rule is off. */
export function effectiveSeverity(ruleId: string, settings: RuleSettings | undefined, fallback: Severity): Severity | null {
  const meta = RULES_BY_ID.get(ruleId);
  if (meta && !meta.configurable) return meta.defaultSeverity;
  const setting = settings?.[ruleId];
  if (setting === 'off') return null;
  if (setting === 'warn') return 'warning';
  if (setting === 'error') return 'error';
  return meta?.defaultSeverity ?? fallback;
}

/** The diagnostics as `settings` want them: severities replaced, those of rules that are off removed. */
export function applySeverities(diagnostics: Diagnostic[], settings?: RuleSettings): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const severity = effectiveSeverity(diagnostic.ruleId, settings, diagnostic.severity);
    if (severity === null) continue;
    result.push(severity === diagnostic.severity ? diagnostic : { ...diagnostic, severity });
  }
  return result;
}

/**
 * What is wrong with a settings object, one sentence per problem (empty when it is fine): unknown
 * rule ids (with a suggestion), values other than off/warn/error, and rules that cannot be changed.
 * For the CLI and config loaders, which decide how to report them.
 */
export function ruleSettingProblems(settings: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [id, value] of Object.entries(settings)) {
    const meta = RULES_BY_ID.get(id);
    if (!meta) {
      const close = didYouMean(id, rules.map((r) => r.id));
      problems.push(`unknown rule '${id}'${close ? `: did you mean '${close}'?` : ''}`);
    } else if (typeof value !== 'string' || !(SETTINGS as readonly string[]).includes(value)) {
      problems.push(`rule '${id}': ${JSON.stringify(value)} is not a setting: expected off, warn or error`);
    } else if (!meta.configurable && value !== 'error') {
      problems.push(`rule '${id}' cannot be set to ${value}: its errors leave no diagram to draw`);
    }
  }
  return problems;
}
