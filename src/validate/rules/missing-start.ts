/**
 * `missing-start` (error): no terminal (circle or terminator) without incoming edges, so the flow
 * has no entry point. Reported once, at the terminal that was most likely meant as the start (the first one declared,
 * which has an incoming edge), else at the first node. `unreachable-node` stays silent then:
 * with no start every node would be "unreachable", which says nothing new.
 */
import type { Span } from '../../diagnostics.js';
import { TERMINAL_WORDS, describeNode } from '../graph.js';
import { isTerminalShape } from '../../shapes/index.js';
import { docsFor, type DiagramRule } from '../types.js';

export const FILE_START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export const rule: DiagramRule = {
  meta: {
    id: 'missing-start',
    defaultSeverity: 'error',
    description:
      'no terminal (circle or terminator) without incoming edges exists, so the flow has no start',
    docs: docsFor('missing-start'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: true,
  check({ diagram, graph, report }) {
    if (graph.starts.length > 0) return;
    const circle = diagram.nodes.find((n) => isTerminalShape(n.shape));
    if (circle) {
      const incoming = graph.incoming[graph.indexOf.get(circle.id)!]![0]!;
      report(
        `the flow has no start: every ${TERMINAL_WORDS} has an incoming edge (${describeNode(circle)} has one from '${incoming.from}' on line ${incoming.span.line})`,
        circle.span,
        [`a start is a ${TERMINAL_WORDS} with no incoming edge`],
      );
    } else if (diagram.nodes.length > 0) {
      report(
        `the flow has no start: the diagram has no ${TERMINAL_WORDS}`,
        diagram.nodes[0]!.span,
        [`add a ${TERMINAL_WORDS} with no incoming edge where the flow begins`],
      );
    } else {
      report('the flow has no start: the file declares no node', FILE_START);
    }
  },
};
