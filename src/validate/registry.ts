/**
 * Every rule flowc knows, in one table: adding a rule is one file in rules/ and one line here.
 * The order is the order of docs/rules.md: the contract's rules first, then flowc's own errors
 * about values (colours, links, classes, styles), then flowc's own warnings,
 * then the rules about suppression comments, then the one rendering reports.
 */
import type { RuleMeta, RuleModule } from './types.js';
import { rule as syntax } from './rules/syntax.js';
import { rule as unresolvedReference } from './rules/unresolved-reference.js';
import { rule as duplicateId } from './rules/duplicate-id.js';
import { rule as unknownAttribute } from './rules/unknown-attribute.js';
import { rule as missingStart } from './rules/missing-start.js';
import { rule as missingEnd } from './rules/missing-end.js';
import { rule as unreachableNode } from './rules/unreachable-node.js';
import { rule as unlabelledBranch } from './rules/unlabelled-branch.js';
import { rule as unknownSetting } from './rules/unknown-setting.js';
import { rule as duplicateAttribute } from './rules/duplicate-attribute.js';
import { rule as duplicateSetting } from './rules/duplicate-setting.js';
import { rule as deadEnd } from './rules/dead-end.js';
import { rule as noPathToEnd } from './rules/no-path-to-end.js';
import { rule as singleBranch } from './rules/single-branch.js';
import { rule as duplicateBranchLabel } from './rules/duplicate-branch-label.js';
import { rule as duplicateEdge } from './rules/duplicate-edge.js';
import { rule as circleInFlow } from './rules/circle-in-flow.js';
import { rule as emptyGroup } from './rules/empty-group.js';
import { rule as unusedDisableDirective } from './rules/unused-disable-directive.js';
import { rule as invalidDirective } from './rules/invalid-directive.js';
import { rule as unknownColor } from './rules/unknown-color.js';
import { rule as unsafeLink } from './rules/unsafe-link.js';
import { rule as unknownClass } from './rules/unknown-class.js';
import { rule as invalidValue } from './rules/invalid-value.js';
import { rule as duplicateStyle } from './rules/duplicate-style.js';
import { rule as unusedStyle } from './rules/unused-style.js';
import { rule as layout } from './rules/layout.js';

export const RULE_MODULES: readonly RuleModule[] = [
  syntax,
  unresolvedReference,
  duplicateId,
  unknownAttribute,
  missingStart,
  missingEnd,
  unreachableNode,
  unlabelledBranch,
  unknownSetting,
  unknownColor,
  unsafeLink,
  unknownClass,
  invalidValue,
  duplicateStyle,
  duplicateAttribute,
  duplicateSetting,
  deadEnd,
  noPathToEnd,
  singleBranch,
  duplicateBranchLabel,
  duplicateEdge,
  circleInFlow,
  emptyGroup,
  unusedStyle,
  unusedDisableDirective,
  invalidDirective,
  layout,
];

/** Every rule id with its metadata, including the rules earlier stages report (for SARIF, docs, settings). */
export const rules: readonly RuleMeta[] = RULE_MODULES.map((m) => m.meta);

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(
  rules.map((meta) => [meta.id, meta]),
);
