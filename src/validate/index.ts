/**
 * The validate stage: `validate(diagram)` runs the rules that read the resolved diagram; `rules`
 * lists every rule id (including those earlier stages report); `applySeverities` and
 * `applySuppressions` make every stage's diagnostics obey the rule settings and the
 * `# flowc-disable…` comments.
 */
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { Diagram } from '../model/diagram.js';
import { FlowGraph } from './graph.js';
import { RULE_MODULES } from './registry.js';
import { effectiveSeverity } from './severities.js';
import type { RuleSettings } from './types.js';

export type {
  RuleMeta,
  RuleSetting,
  RuleSettings,
  RuleContext,
  DiagramRule,
  StageRule,
  RuleModule,
} from './types.js';
export { RULES_DOCS } from './types.js';
export { rules, RULES_BY_ID } from './registry.js';
export { applySeverities, effectiveSeverity } from './severities.js';
export { applySuppressions } from './suppressions.js';

export interface ValidateOptions {
  /** Severity overrides by rule id; `off` skips the rule. */
  rules?: RuleSettings;
}

/** Every diagnostic the diagram rules find, with severities from `options.rules`, sorted by position. */
export function validate(diagram: Diagram, options: ValidateOptions = {}): Diagnostic[] {
  const graph = new FlowGraph(diagram);
  const diagnostics: Diagnostic[] = [];
  for (const module of RULE_MODULES) {
    if (!('check' in module)) continue;
    if (module.needsCompleteDiagram && diagram.incomplete) continue;
    const ruleId = module.meta.id;
    const severity = effectiveSeverity(ruleId, options.rules, module.meta.defaultSeverity);
    if (severity === null) continue;
    module.check({
      diagram,
      graph,
      report: (message, span, notes) =>
        diagnostics.push({ ruleId, severity, message, span, ...(notes ? { notes } : {}) }),
    });
  }
  return diagnostics.sort(compareDiagnostics);
}
