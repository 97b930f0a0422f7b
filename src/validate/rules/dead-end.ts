/**
 * `dead-end` (warning): a step or decision with no outgoing edge. The flow stops there without
 * reaching an end: most often an edge was forgotten. Only nodes in the flow are judged
 * (an unreachable node is already an `unreachable-node` error), and only when the file has an end
 * circle at all (without one, every last step would be reported: `missing-end` says it once).
 */
import { TERMINAL_WORDS, describeNode } from '../graph.js';
import { isTerminalShape } from '../../shapes/index.js';
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'dead-end',
    defaultSeverity: 'warning',
    description:
      'a step or decision has no outgoing edge, so the flow stops without reaching an end',
    docs: docsFor('dead-end'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: true,
  check({ graph, report }) {
    if (graph.ends.length === 0) return;
    const inFlow = graph.inFlow;
    graph.nodes.forEach((node, i) => {
      if (!inFlow[i] || isTerminalShape(node.shape) || graph.outgoing[i]!.length > 0) return;
      const what =
        node.shape === 'diamond'
          ? `decision ${describeNode(node)} has no branch`
          : `the flow stops at ${describeNode(node)}`;
      report(`${what}: it has no outgoing edge and is not an end (${TERMINAL_WORDS})`, node.span, [
        'connect it to the next step, or to an end',
      ]);
    });
  },
};
