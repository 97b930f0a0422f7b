/**
 * `missing-end` (error): no terminal (circle or terminator) without outgoing edges, so the flow
 * never finishes. Reported once, where an end is missing, with the fix written out:
 * - at the last step the flow stops at (no outgoing edge, but not a terminal): add an end after it;
 * - else, every node leads on (the flow loops): at the last terminal that something leads to (the
 *   one most likely meant as the end), naming the edge that leaves it;
 * - else at the last node, or at the top of an empty file.
 * `no-path-to-end` and `dead-end` stay silent then (every node would qualify).
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
    const addEnd = (after: string) =>
      `add an end: a line 'end: circle label:"End"' and an edge '${after} -> end'`;
    const inFlow = graph.inFlow;
    const stops = graph.nodes.filter((_, i) => inFlow[i] && graph.outgoing[i]!.length === 0);
    const stop = stops[stops.length - 1];
    if (stop) {
      report(
        `the flow has no end: it stops at ${describeNode(stop)}, which is not a ${TERMINAL_WORDS}`,
        stop.span,
        [
          addEnd(stop.id),
          `or make '${stop.localId}' itself the end: '${stop.localId}: terminator'`,
        ],
      );
      return;
    }
    const terminals = diagram.nodes.filter((n) => isTerminalShape(n.shape));
    const led = terminals.filter((n) => graph.incoming[graph.indexOf.get(n.id)!]!.length > 0);
    const terminal = led[led.length - 1] ?? terminals[terminals.length - 1];
    if (terminal) {
      const outgoing = graph.outgoing[graph.indexOf.get(terminal.id)!]![0]!;
      report(
        `the flow has no end: every ${TERMINAL_WORDS} has an outgoing edge (${describeNode(terminal)} has one to '${outgoing.to}' on line ${outgoing.span.line})`,
        terminal.span,
        [
          `if the flow finishes at '${terminal.id}', remove its edge to '${outgoing.to}' (line ${outgoing.span.line})`,
          `else ${addEnd('<the last step>')}`,
        ],
      );
    } else if (diagram.nodes.length > 0) {
      const last = diagram.nodes[diagram.nodes.length - 1]!;
      report(`the flow has no end: the diagram has no ${TERMINAL_WORDS}`, last.span, [
        addEnd(last.id),
      ]);
    } else {
      report('the flow has no end: the file declares no node', FILE_START, [
        'a flow is written as nodes and edges, from a start circle to an end circle',
      ]);
    }
  },
};
