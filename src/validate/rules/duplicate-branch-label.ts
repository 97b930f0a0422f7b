/**
 * `duplicate-branch-label` (warning): two branches of one decision with the same label (compared
 * ignoring case and surrounding spaces). Two ways out for one answer leave the reader unable to
 * tell which is taken. Reported at the later branch. Branches that repeat each other entirely are
 * `duplicate-edge`'s report, not this one's.
 */
import type { DiagramEdge } from '../../model/diagram.js';
import { edgeKey } from '../graph.js';
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'duplicate-branch-label',
    defaultSeverity: 'warning',
    description: 'two edges leaving the same diamond carry the same label',
    docs: docsFor('duplicate-branch-label'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: false,
  check({ graph, report }) {
    graph.nodes.forEach((node, i) => {
      if (node.shape !== 'diamond') return;
      const byAnswer = new Map<string, DiagramEdge>();
      for (const edge of graph.outgoing[i]!) {
        const answer = (edge.label ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
        if (answer === '') continue;
        const earlier = byAnswer.get(answer);
        if (!earlier) byAnswer.set(answer, edge);
        else if (edgeKey(earlier) !== edgeKey(edge)) {
          report(
            `decision '${node.id}' already has a branch labelled "${earlier.label!.trim()}" on line ${earlier.span.line}: which way the flow goes is ambiguous`,
            edge.span,
          );
        }
      }
    });
  },
};
