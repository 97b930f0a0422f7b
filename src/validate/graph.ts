/**
 * The diagram as a directed graph, with the facts several rules share: edges in and out of each
 * node, the starts and ends (terminal shapes: circle, terminator), and what can be reached from a
 * start. An edge to or from a group counts as an edge to each of the group's entry nodes, or from
 * each of its exit nodes (model/group-ends.ts). Everything is computed iteratively in linear time,
 * so a 45,000-node chain neither overflows the stack nor goes quadratic.
 */
import type { Diagram, DiagramEdge, DiagramNode } from '../model/diagram.js';
import { groupEnds } from '../model/group-ends.js';
import { SHAPE_NAMES, isTerminalShape } from '../shapes/index.js';

export class FlowGraph {
  readonly nodes: readonly DiagramNode[];
  readonly indexOf = new Map<string, number>();
  readonly outgoing: DiagramEdge[][];
  readonly incoming: DiagramEdge[][];
  /** Node indices at the far end of `outgoing` / `incoming`, in the same order. */
  readonly successors: number[][];
  readonly predecessors: number[][];
  /** Terminals with no incoming edge, by node index in declaration order. */
  readonly starts: number[] = [];
  /** Terminals with no outgoing edge (a lone terminal is both a start and an end). */
  readonly ends: number[] = [];
  #reachable: Uint8Array | null = null;

  constructor(diagram: Diagram) {
    this.nodes = diagram.nodes;
    diagram.nodes.forEach((node, i) => this.indexOf.set(node.id, i));
    this.outgoing = diagram.nodes.map(() => []);
    this.incoming = diagram.nodes.map(() => []);
    this.successors = diagram.nodes.map(() => []);
    this.predecessors = diagram.nodes.map(() => []);
    const ends = diagram.edges.some((e) => e.fromKind === 'group' || e.toKind === 'group')
      ? groupEnds(diagram)
      : null;
    for (const edge of diagram.edges) {
      const sources = edge.fromKind === 'group' ? (ends?.exits.get(edge.from) ?? []) : [edge.from];
      const targets = edge.toKind === 'group' ? (ends?.entries.get(edge.to) ?? []) : [edge.to];
      for (const source of sources) {
        const from = this.indexOf.get(source);
        if (from === undefined) continue;
        for (const target of targets) {
          const to = this.indexOf.get(target);
          if (to === undefined) continue;
          this.outgoing[from]!.push(edge);
          this.incoming[to]!.push(edge);
          this.successors[from]!.push(to);
          this.predecessors[to]!.push(from);
        }
      }
    }
    diagram.nodes.forEach((node, i) => {
      if (!isTerminalShape(node.shape)) return;
      if (this.incoming[i]!.length === 0) this.starts.push(i);
      if (this.outgoing[i]!.length === 0) this.ends.push(i);
    });
  }

  /** 1 for the nodes reachable from some start. */
  get reachable(): Uint8Array {
    this.#reachable ??= this.search(this.starts, this.successors);
    return this.#reachable;
  }

  /**
   * The nodes the flow rules judge: those reachable from a start, or every node when there is no
   * start (then `missing-start` is the report, and reachability says nothing).
   */
  get inFlow(): Uint8Array {
    return this.starts.length > 0 ? this.reachable : new Uint8Array(this.nodes.length).fill(1);
  }

  /** 1 for the nodes from which one of `targets` can be reached (following edges forwards). */
  reaching(targets: number[]): Uint8Array {
    return this.search(targets, this.predecessors);
  }

  /** Breadth-first search from `roots`, with an explicit queue. */
  private search(roots: number[], next: number[][]): Uint8Array {
    const seen = new Uint8Array(this.nodes.length);
    const queue: number[] = [];
    for (const root of roots) {
      if (seen[root]) continue;
      seen[root] = 1;
      queue.push(root);
    }
    for (let head = 0; head < queue.length; head++) {
      for (const j of next[queue[head]!]!) {
        if (seen[j]) continue;
        seen[j] = 1;
        queue.push(j);
      }
    }
    return seen;
  }
}

/**
 * Strongly connected components of the subgraph induced by `members` (Tarjan's algorithm with an
 * explicit stack instead of recursion). Returns a component number per node, -1 for non-members.
 */
export function stronglyConnectedComponents(graph: FlowGraph, members: Uint8Array): Int32Array {
  const n = graph.nodes.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const calls: number[] = [];
  const nextChild: number[] = [];
  let counter = 0;
  let components = 0;
  const enter = (v: number): void => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    calls.push(v);
    nextChild.push(0);
  };
  for (let root = 0; root < n; root++) {
    if (!members[root] || order[root] !== -1) continue;
    enter(root);
    while (calls.length > 0) {
      const top = calls.length - 1;
      const v = calls[top]!;
      const children = graph.successors[v]!;
      if (nextChild[top]! < children.length) {
        const w = children[nextChild[top]!++]!;
        if (!members[w]) continue;
        if (order[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      calls.pop();
      nextChild.pop();
      if (calls.length > 0) {
        const parent = calls[calls.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] !== order[v]) continue;
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component[w] = components;
      } while (w !== v);
      components++;
    }
  }
  return component;
}

/** Two edges with the same key are drawn on top of each other: same ends, handles and label. */
export function edgeKey(edge: DiagramEdge): string {
  return [edge.from, edge.to, edge.fromHandle ?? '', edge.toHandle ?? '', edge.label ?? ''].join(
    '\u0000',
  );
}

/** `'a'`, `'a' and 'b'`, `'a', 'b', 'c', 'd', 'e' and 3 more`. */
export function listIds(ids: string[], max = 5): string {
  const quoted = ids.slice(0, max).map((id) => `'${id}'`);
  if (ids.length > max) return `${quoted.join(', ')} and ${ids.length - max} more`;
  return quoted.length === 1
    ? quoted[0]!
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]!}`;
}

/** The terminal shapes in words, from the registry: "circle or terminator". */
export const TERMINAL_WORDS = ((names: string[]) =>
  names.length === 1
    ? names[0]!
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`)(
  SHAPE_NAMES.filter((name) => isTerminalShape(name)),
);

/** `'Client.n5' ("Send query")`, or `'n5'` when the label is the id itself. */
export function describeNode(node: DiagramNode): string {
  const label = node.label.replace(/\s+/g, ' ').trim();
  return label === node.localId || label === '' ? `'${node.id}'` : `'${node.id}' ("${label}")`;
}
