/**
 * `dead-end` (warning): a step or decision with no outgoing edge. The flow stops there without
 * reaching an end circle: most often an edge was forgotten. Only nodes in the flow are judged
 * (an unreachable node is already an `unreachable-node` error), and only when the file has an end
 * circle at all (without one, every last step would be reported: `missing-end` says it once).
 */
import { describeNode } from '../graph.js';
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'dead-end',
    defaultSeverity: 'warning',
    description:
      'a rectangle or diamond has no outgoing edge, so the flow stops without reaching an end circle',
    docs: docsFor('dead-end'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: true,
  check({ graph, report }) {
    if (graph.ends.length === 0) return;
    const inFlow = graph.inFlow;
    graph.nodes.forEach((node, i) => {
      if (!inFlow[i] || node.shape === 'circle' || graph.outgoing[i]!.length > 0) return;
      const what =
        node.shape === 'diamond'
          ? `decision ${describeNode(node)} has no branch`
          : `the flow stops at ${describeNode(node)}`;
      report(`${what}: it has no outgoing edge and is not an end circle`, node.span, [
        'connect it to the next step, or to an end circle',
      ]);
    });
  },
};
