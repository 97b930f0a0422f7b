/**
 * `no-path-to-end` (warning): a loop the flow can enter but never leave, so no end can be
 * reached from it. Reported once per closed loop (at its first-declared node), not at every node
 * that leads into it, and not where the way on ends at a dead end (that is `dead-end`'s report).
 * Silent when the file has no end at all (`missing-end` says it).
 */
import { describeNode, listIds, stronglyConnectedComponents } from '../graph.js';
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'no-path-to-end',
    defaultSeverity: 'warning',
    description: 'a loop in the flow has no way out, so no end can be reached from it',
    docs: docsFor('no-path-to-end'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: true,
  check({ graph, report }) {
    if (graph.ends.length === 0) return;
    const sinks: number[] = [];
    graph.nodes.forEach((_, i) => {
      if (graph.outgoing[i]!.length === 0) sinks.push(i);
    });
    // A node that can reach a node with no way on either reaches an end or a dead end (reported
    // there). What remains, and is in the flow, can only go round: every such node has a way on,
    // and every way on stays among them.
    const stops = graph.reaching(sinks);
    const inFlow = graph.inFlow;
    const trapped = new Uint8Array(graph.nodes.length);
    let any = false;
    graph.nodes.forEach((_, i) => {
      if (!inFlow[i] || stops[i]) return;
      trapped[i] = 1;
      any = true;
    });
    if (!any) return;
    const component = stronglyConnectedComponents(graph, trapped);
    // The closed loops are the components no edge leaves.
    const leaves = new Set<number>();
    const members = new Map<number, number[]>();
    graph.nodes.forEach((_, i) => {
      if (!trapped[i]) return;
      const c = component[i]!;
      if (!members.has(c)) members.set(c, []);
      members.get(c)!.push(i);
      if (graph.successors[i]!.some((j) => component[j] !== c)) leaves.add(c);
    });
    for (const [c, loop] of members) {
      if (leaves.has(c)) continue;
      const first = graph.nodes[loop[0]!]!;
      const how =
        loop.length === 1
          ? 'its only way on leads back to itself'
          : `the loop through ${listIds(loop.map((i) => graph.nodes[i]!.id))} never leaves`;
      report(`no end can be reached from ${describeNode(first)}: ${how}`, first.span, [
        'give the loop a way out, e.g. a decision in it with a branch towards an end',
      ]);
    }
  },
};
