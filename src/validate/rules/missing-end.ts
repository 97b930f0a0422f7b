/**
 * `missing-end` (error): no terminal (circle or terminator) without outgoing edges, so the flow
 * never finishes. Reported once, at the terminal most likely meant as the end (the last one declared, which has an outgoing
 * edge), else at the last node. `no-path-to-end` stays silent then (every node would qualify).
 */
import { TERMINAL_WORDS, describeNode } from '../graph.js';
import { isTerminalShape } from '../../shapes/index.js';
import { docsFor, type DiagramRule } from '../types.js';
import { FILE_START } from './missing-start.js';

export const rule: DiagramRule = {
  meta: {
    id: 'missing-end',
    defaultSeverity: 'error',
    description:
      'no terminal (circle or terminator) without outgoing edges exists, so the flow has no end',
    docs: docsFor('missing-end'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: true,
  check({ diagram, graph, report }) {
    if (graph.ends.length > 0) return;
    const circle = [...diagram.nodes].reverse().find((n) => isTerminalShape(n.shape));
    if (circle) {
      const outgoing = graph.outgoing[graph.indexOf.get(circle.id)!]![0]!;
      report(
        `the flow has no end: every ${TERMINAL_WORDS} has an outgoing edge (${describeNode(circle)} has one to '${outgoing.to}' on line ${outgoing.span.line})`,
        circle.span,
        [`an end is a ${TERMINAL_WORDS} with no outgoing edge`],
      );
    } else if (diagram.nodes.length > 0) {
      report(
        `the flow has no end: the diagram has no ${TERMINAL_WORDS}`,
        diagram.nodes[diagram.nodes.length - 1]!.span,
        [`add a ${TERMINAL_WORDS} with no outgoing edge where the flow finishes`],
      );
    } else {
      report('the flow has no end: the file declares no node', FILE_START);
    }
  },
};
