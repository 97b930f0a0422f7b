/**
 * The rule registry as the CLI needs it: the ids a configuration may name (and those it may not
 * change), and each rule's description and documentation address for SARIF (when package.json
 * says where the repository is published). Loaded on demand.
 */
import type { ReportRule } from '../report/types.js';
import { repositoryFileUrl } from '../util/package.js';

export interface CliRule extends ReportRule {
  /** False for rules whose errors leave no diagram to draw: settings may not change them. */
  configurable: boolean;
}

export async function loadRules(): Promise<CliRule[]> {
  const { rules } = await import('../validate/index.js');
  return rules.map((rule) => ({
    id: rule.id,
    defaultSeverity: rule.defaultSeverity,
    description: rule.description,
    docs: repositoryFileUrl(rule.docs),
    configurable: rule.configurable,
  }));
}
