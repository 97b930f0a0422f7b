/**
 * `duplicate-edge` (warning): an edge that repeats an earlier one exactly (same ends, handles and
 * label). Several edges between two nodes are allowed, but identical ones are drawn as two arrows
 * saying the same thing: a copy-paste leftover. Reported at the repeat.
 */
import type { DiagramEdge } from '../../model/diagram.js';
import { edgeKey } from '../graph.js';
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'duplicate-edge',
    defaultSeverity: 'warning',
    description: 'an edge repeats another one: same ends, handles and label',
    docs: docsFor('duplicate-edge'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: false,
  check({ diagram, report }) {
    const seen = new Map<string, DiagramEdge>();
    for (const edge of diagram.edges) {
      const key = edgeKey(edge);
      const earlier = seen.get(key);
      if (!earlier) seen.set(key, edge);
      else
        report(
          `this edge from '${edge.from}' to '${edge.to}' repeats the one on line ${earlier.span.line} (same handles and label): it would be drawn twice`,
          edge.span,
        );
    }
  },
};
