/**
 * `circle-in-flow` (warning): a terminal (circle or terminator) with both incoming and outgoing
 * edges. A terminal: with no incoming edge it is a start, with no outgoing edge an end; one with both is
 * neither, and the flow passes through a shape that says "begin" or "finish". Silent when the file
 * has no start or no end at all: then `missing-start` / `missing-end` name the circle.
 */
import { describeNode } from '../graph.js';
import { isTerminalShape } from '../../shapes/index.js';
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'circle-in-flow',
    defaultSeverity: 'warning',
    description:
      'a circle or terminator has both incoming and outgoing edges, so it is neither a start nor an end',
    docs: docsFor('circle-in-flow'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: false,
  check({ graph, report }) {
    if (graph.starts.length === 0 || graph.ends.length === 0) return;
    graph.nodes.forEach((node, i) => {
      if (
        !isTerminalShape(node.shape) ||
        graph.incoming[i]!.length === 0 ||
        graph.outgoing[i]!.length === 0
      )
        return;
      report(
        `${node.shape} ${describeNode(node)} has incoming and outgoing edges, so it is neither a start nor an end`,
        node.span,
        ['use a rectangle for a step inside the flow'],
      );
    });
  },
};
