/**
 * `unlabelled-branch` (error): an edge leaving a diamond with no label, or a label that shows
 * nothing (empty or only spaces). A decision's branches are its answers; without them the reader
 * cannot tell which way the flow goes. One diagnostic per edge, at the edge.
 */
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'unlabelled-branch',
    defaultSeverity: 'error',
    description: 'an edge leaving a diamond has no label or an empty one',
    docs: docsFor('unlabelled-branch'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: false,
  check({ diagram, graph, report }) {
    for (const edge of diagram.edges) {
      const from = graph.indexOf.get(edge.from);
      if (from === undefined || graph.nodes[from]!.shape !== 'diamond') continue;
      if (edge.label !== null && edge.label.trim() !== '') continue;
      const what = edge.label === null ? 'has no label' : 'has an empty label';
      report(
        `the branch from decision '${edge.from}' to '${edge.to}' ${what}: label it with the answer that leads there`,
        edge.span,
      );
    }
  },
};
