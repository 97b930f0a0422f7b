/**
 * `unreachable-node` (error): a node that no path from a start leads to. One diagnostic per
 * node, at its declaration. Silent when there is no start at all (`missing-start` says it).
 */
import { describeNode } from '../graph.js';
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'unreachable-node',
    defaultSeverity: 'error',
    description: 'a node cannot be reached from any start',
    docs: docsFor('unreachable-node'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: true,
  check({ graph, report }) {
    if (graph.starts.length === 0) return;
    const reachable = graph.reachable;
    graph.nodes.forEach((node, i) => {
      if (!reachable[i])
        report(`${describeNode(node)} cannot be reached from any start`, node.span);
    });
  },
};
