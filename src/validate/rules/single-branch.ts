/**
 * `single-branch` (warning): a diamond with exactly one outgoing edge. A decision with one answer
 * decides nothing: the other branch was forgotten, or the node is a step drawn as a diamond.
 * (A diamond with no branch at all is a `dead-end`.)
 */
import { describeNode } from '../graph.js';
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'single-branch',
    defaultSeverity: 'warning',
    description: 'a diamond has only one outgoing edge, so the decision decides nothing',
    docs: docsFor('single-branch'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: true,
  check({ graph, report }) {
    graph.nodes.forEach((node, i) => {
      const branches = graph.outgoing[i]!;
      if (node.shape !== 'diamond' || branches.length !== 1) return;
      report(
        `decision ${describeNode(node)} has a single branch (to '${branches[0]!.to}'): a decision needs two or more`,
        node.span,
        ['add the other answer, or make it a rectangle if there is nothing to decide'],
      );
    });
  },
};
