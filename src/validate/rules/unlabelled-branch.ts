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
  check({ graph, report }) {
    // Edges in declaration order; an edge leaving a group whose exit is a decision is one of its
    // branches too (graph.outgoing holds it there).
    const reported = new Set<string>();
    graph.nodes.forEach((node, i) => {
      if (node.shape !== 'diamond') return;
      for (const edge of graph.outgoing[i]!) {
        if (edge.label !== null && edge.label.trim() !== '') continue;
        // An edge into a group with several entries is listed once per entry: reported once.
        const key = `${edge.index}:${i}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const what = edge.label === null ? 'has no label' : 'has an empty label';
        const from =
          edge.fromKind === 'node'
            ? `'${edge.from}'`
            : `'${node.id}' (leaving group '${edge.from}')`;
        report(
          `the branch from decision ${from} to '${edge.to}' ${what}: label it with the answer that leads there`,
          edge.span,
        );
      }
    });
  },
};
