/**
 * Ranks (layers) of the layered layout. Written handles become constraints (constraints.ts: along
 * the flow a rank apart, across it the same rank), conflicts are broken the same way as in the
 * lanes layout, the same-rank classes are contracted, and network simplex (simplex.ts) ranks the
 * classes so the total edge length is least, exactly dot's ranking. When some edge has a label,
 * every constraint asks for two ranks (dot and dagre do the same): the label gets the rank between.
 */
import {
  constraintOf,
  resolveHandleConstraints,
  type ResolvedConstraints,
} from '../constraints.js';
import type { LayeredInput } from './input.js';
import { networkSimplex } from './simplex.js';

export interface Ranking {
  /** Rank of every node (not yet compressed: label ranks may be empty). */
  rank: number[];
  /** The resolved constraints: same-rank classes, kept wishes (above before below in a layer). */
  constraints: ResolvedConstraints;
  /** Whether ranks were doubled to make room for labels. */
  doubled: boolean;
}

export function rankNodes(input: LayeredInput): Ranking {
  const count = input.nodes.length;
  const forward: Array<[number, number]> = [];
  const written: number[] = [];

  const columnWishes: Array<[number, number]> = [];
  const wishEdges: Array<[number, number]> = [];
  for (const edge of input.edges) {
    if (edge.from === edge.to) continue;
    const handled = { fromHandle: edge.fromSide, toHandle: edge.toSide };
    let c = constraintOf(handled, edge.from, edge.to, 'TB');
    const demote = input.demote ?? 'none';
    if (
      c.kind === 'column' &&
      (demote === 'all' ||
        (demote === 'between-groups' &&
          input.nodes[edge.from]?.cluster !== input.nodes[edge.to]?.cluster))
    )
      c = { kind: 'forward', before: edge.from, after: edge.to };
    if (c.kind === 'forward') {
      forward.push([c.before, c.after]);

      written.push(edge.fromSide || edge.toSide ? 1 : 0);
    } else {
      columnWishes.push([c.above, c.below]);
      wishEdges.push([edge.from, edge.to]);
    }
  }
  const constraints = resolveHandleConstraints(count, forward, written, columnWishes, wishEdges);
  const doubled = input.edges.some((e) => e.label !== null && e.from !== e.to);
  const root = constraints.root;
  // One simplex vertex per class; parallel constraints between two classes add their weights.
  const classIndex = new Int32Array(count).fill(-1);
  let classes = 0;
  for (let v = 0; v < count; v++) {
    const r = root[v] as number;
    if (classIndex[r] === -1) classIndex[r] = classes++;
  }
  const pairs = new Map<number, number>();
  const tail: number[] = [];
  const head: number[] = [];
  const weight: number[] = [];
  const minlen: number[] = [];
  const unit = doubled ? 2 : 1;
  for (const [a, b] of constraints.forward) {
    const u = classIndex[root[a] as number] as number;
    const w = classIndex[root[b] as number] as number;
    if (u === w) continue;
    const key = u * classes + w;
    const length = unit;
    const at = pairs.get(key);
    if (at !== undefined) {
      weight[at] = (weight[at] as number) + 1;
      minlen[at] = Math.max(minlen[at] as number, length);
      continue;
    }
    pairs.set(key, tail.length);
    tail.push(u);
    head.push(w);
    weight.push(1);
    minlen.push(length);
  }
  const solved = networkSimplex({ vertexCount: classes, tail, head, minlen, weight });
  const rank = new Array<number>(count);
  for (let v = 0; v < count; v++)
    rank[v] = solved.values[classIndex[root[v] as number] as number] as number;
  // Wrap terminals: one rank step after the last drawn node, or before the first.
  let first = Infinity;
  let last = -Infinity;
  input.nodes.forEach((node, v) => {
    if (node.terminal) return;
    first = Math.min(first, rank[v] as number);
    last = Math.max(last, rank[v] as number);
  });
  input.nodes.forEach((node, v) => {
    if (node.terminal === 'out') rank[v] = last + unit;
    else if (node.terminal === 'in') rank[v] = first - unit;
  });
  return { rank, constraints, doubled };
}
