/**
 * Rule settings: `{ "dead-end": "off", "no-path-to-end": "error" }`. A setting replaces the rule's
 * default severity or, with `off`, removes its diagnostics. The rules whose errors leave no
 * diagram to draw (syntax, unresolved-reference, duplicate-id, layout) are not configurable: they
 * stay errors whatever the settings say (src/config rejects settings that try).
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { RULES_BY_ID } from './registry.js';
import type { RuleSettings } from './types.js';

/** The severity a rule's diagnostics get under `settings`, or null when the rule is off. */
export function effectiveSeverity(
  ruleId: string,
  settings: RuleSettings | undefined,
  fallback: Severity,
): Severity | null {
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
