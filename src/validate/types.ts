/**
 * What a rule is: its metadata (for reporters, docs and settings) and, for the rules that read the
 * resolved diagram, a `check` that reports through a context.
 */
import type { Severity, Span } from '../diagnostics.js';
import type { Diagram } from '../model/diagram.js';
import type { FlowGraph } from './graph.js';

export type RuleSetting = 'off' | 'warn' | 'error';
export type RuleSettings = Record<string, RuleSetting>;

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule reports. */
  description: string;
  /**
   * Where the rule is documented, as a path in flowc's package: `docs/rules.md#<id>`. Reporters
   * turn it into an address only where package.json says where the repository is published.
   */
  docs: string;
  /**
   * False for the rules whose errors leave no diagram to draw (`syntax`, `unresolved-reference`,
   * `duplicate-id`, and `layout` when rendering): they are always errors, and settings that name
   * them are rejected.
   */
  configurable: boolean;
  /** Whether a `# flowc-disable…` comment may silence it (never for the unconfigurable rules). */
  suppressible: boolean;
}

export interface RuleContext {
  diagram: Diagram;
  graph: FlowGraph;
  report(message: string, span: Span, notes?: string[]): void;
}

/** A rule that reads the resolved diagram. */
export interface DiagramRule {
  meta: RuleMeta;
  /**
   * True for the rules that judge which edges a node has (starts, ends, reachability, dead ends,
   * loops with no way out, single branches): on an incomplete diagram (a line that did not parse,
   * an edge that did not resolve, a repeated id) what they find is a consequence, so they wait.
   */
  needsCompleteDiagram: boolean;
  check(context: RuleContext): void;
}

/** A rule whose diagnostics an earlier stage produces; listed so settings, reporters and docs know it. */
export interface StageRule {
  meta: RuleMeta;
  producedBy: 'parse' | 'resolve' | 'suppressions' | 'render';
}

export type RuleModule = DiagramRule | StageRule;

/** The rules' documentation, a path in flowc's package (shipped with it, see package.json `files`). */
export const RULES_DOCS = 'docs/rules.md';

export function docsFor(id: string): string {
  return `${RULES_DOCS}#${id}`;
}
