/**
 * What written handles ask of a placement, shared by both layouts (lanes and layered). An edge whose
 * handles point along the flow puts its target at least one rank after its source (against the flow:
 * before); one whose handles point across the flow (bottom -> top in LR) puts both ends in the SAME
 * rank, the target after the source in the rank's order ("below" in LR). Edges without handles are
 * forward constraints.
 *
 * Conflicts are broken deterministically, written handles first: forward constraints from handles
 * lose only the edges that close a cycle in a depth-first search from the flow's starts; same-rank
 * wishes are merged in declaration order unless a forward path already separates the two ranks
 * (forward wins) or the node's side already has a straight wish; edges without handles come last,
 * each unless it closes a cycle. A dropped constraint's edge is still drawn with its handles; it is
 * only routed around.
 */
import type { Direction } from '../model/diagram.js';
import type { Side } from '../syntax/ast.js';
import { NORMALS, dot, type Vector } from './geometry.js';
import { pushAll } from '../util/arrays.js';
import { DisjointSets } from '../util/disjoint-sets.js';

/** The handles of an edge, as constraints read them. */
export interface HandledEdge {
  fromHandle: Side | null;
  toHandle: Side | null;
}

/** Unit vector of the flow (rank) axis, and of the cross (order) axis. */
export function flowVector(direction: Direction): Vector {
  return direction === 'LR'
    ? { x: 1, y: 0 }
    : direction === 'RL'
      ? { x: -1, y: 0 }
      : direction === 'TB'
        ? { x: 0, y: 1 }
        : { x: 0, y: -1 };
}

export function crossVector(direction: Direction): Vector {
  return direction === 'LR' || direction === 'RL' ? { x: 0, y: 1 } : { x: 1, y: 0 };
}

/** How an edge's handles want its ends placed: +1 target after source along the axis, −1 before, 0 no wish. */
export function handlePull(edge: HandledEdge, axis: Vector): number {
  let pull = 0;
  if (edge.fromHandle) pull += dot(NORMALS[edge.fromHandle], axis);
  if (edge.toHandle) pull -= dot(NORMALS[edge.toHandle], axis);
  return Math.sign(pull);
}

/** What an edge asks of the placement. */
export type Constraint =
  | { kind: 'forward'; before: number; after: number }
  | { kind: 'column'; above: number; below: number };

/** The constraint of one edge between node indices `from` and `to` (not a loop). */
export function constraintOf(
  edge: HandledEdge,
  from: number,
  to: number,
  direction: Direction,
): Constraint {
  if (!edge.fromHandle && !edge.toHandle) return { kind: 'forward', before: from, after: to };
  const flowPull = handlePull(edge, flowVector(direction));
  if (flowPull > 0) return { kind: 'forward', before: from, after: to };
  if (flowPull < 0) return { kind: 'forward', before: to, after: from };
  // Across the flow: one column. "Up" (against the order axis) puts the target above the source.
  const crossPull = handlePull(edge, crossVector(direction));
  return crossPull < 0
    ? { kind: 'column', above: to, below: from }
    : { kind: 'column', above: from, below: to };
}

/** Forward edges without the ones that close a cycle (depth-first from the starts; declaration order otherwise). */
export function acyclicEdges(
  count: number,
  edges: ReadonlyArray<[number, number]>,
): Array<[number, number]> {
  const dropped = cycleClosers(count, edges);
  return edges.filter((_, k) => dropped[k] === 0);
}

/** 1 for each edge that closes a cycle in a depth-first search from the starts. */
export function cycleClosers(count: number, edges: ReadonlyArray<[number, number]>): Uint8Array {
  const out: number[][] = Array.from({ length: count }, () => []);
  edges.forEach(([a], k) => (out[a] as number[]).push(k));
  const state = new Uint8Array(count); // 0 new, 1 on the stack, 2 done
  const dropped = new Uint8Array(edges.length);
  // Start from the nodes nothing enters (the flow's starts), so a retry loop's edge back to an
  // earlier step is the one that closes the cycle, whatever order the file declares things in.
  const entered = new Uint8Array(count);
  for (const [, b] of edges) entered[b] = 1;
  const roots = [
    ...Array.from({ length: count }, (_, k) => k).filter((k) => !entered[k]),
    ...Array.from({ length: count }, (_, k) => k),
  ];
  for (const root of roots) {
    if (state[root] !== 0) continue;
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const [v, next] = top;
      const list = out[v] as number[];
      if (next >= list.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      const k = list[next] as number;
      const w = (edges[k] as [number, number])[1];
      if (state[w] === 1) dropped[k] = 1;
      else if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }
  return dropped;
}

export interface Classes {
  /** Root node index of each node's same-column class. */
  root: number[];
  /** The same-column wishes that hold (both ends in one class). */
  kept: Array<[number, number]>;
  /** Forward constraints (acyclic over the classes): the edges', plus dropped wishes turned forward. */
  forward: Array<[number, number]>;
}

/**
 * Merges the ends of same-column wishes into classes, in declaration order, unless a forward path
 * already joins the two classes (then they cannot share a column: the forward constraint wins).
 */
export function sameColumnClasses(
  count: number,
  acyclicForward: ReadonlyArray<[number, number]>,
  wishes: ReadonlyArray<[number, number]>,
  /** Each wish's edge (source, target), or null when the edge goes back in the flow. */
  wishEdges: ReadonlyArray<[number, number] | null>,
  /** Forward constraints of edges without handles: added last, each unless it closes a cycle. */
  defaults: ReadonlyArray<[number, number]>,
): Classes {
  const forward = acyclicForward.slice();
  const sets = new DisjointSets(count);
  const find = (v: number): number => sets.find(v);
  const members: number[][] = Array.from({ length: count }, (_, k) => [k]);
  const out: number[][] = Array.from({ length: count }, () => []);
  for (const [a, b] of forward) (out[a] as number[]).push(b);
  const seen = new Int32Array(count).fill(-1);
  let stamp = 0;
  const reaches = (fromRoot: number, toRoot: number): boolean => {
    stamp++;
    const queue = [fromRoot];
    seen[fromRoot] = stamp;
    while (queue.length > 0) {
      const c = queue.pop() as number;
      for (const v of members[c] as number[]) {
        for (const w of out[v] as number[]) {
          const r = find(w);
          if (r === toRoot) return true;
          if (seen[r] !== stamp) {
            seen[r] = stamp;
            queue.push(r);
          }
        }
      }
    }
    return false;
  };
  const kept: Array<[number, number]> = [];
  // One straight line per side: a second wish on a node's lower (or upper) side would have to pass
  // through the first one's other end, so it is routed instead.
  const lowerUsed = new Uint8Array(count);
  const upperUsed = new Uint8Array(count);
  // A wish that cannot hold still orders its ends: its target goes after its source, unless that
  // closes a cycle.
  const asForward = (k: number): void => {
    const edge = wishEdges[k];
    if (!edge) return;
    const [source, target] = edge;
    const s = find(source);
    const t = find(target);
    if (s === t || reaches(t, s)) return;
    forward.push([source, target]);
    (out[source] as number[]).push(target);
  };
  for (let k = 0; k < wishes.length; k++) {
    const [above, below] = wishes[k] as [number, number];
    if (lowerUsed[above] || upperUsed[below]) {
      asForward(k);
      continue;
    }
    const a = find(above);
    const b = find(below);
    if (a !== b) {
      if (reaches(a, b) || reaches(b, a)) {
        asForward(k);
        continue;
      }
      const [keep, gone] = a < b ? [a, b] : [b, a];
      sets.link(gone, keep);
      pushAll(members[keep] as number[], members[gone] as number[]);
      members[gone] = [];
    }
    lowerUsed[above] = 1;
    upperUsed[below] = 1;
    kept.push([above, below]);
  }
  for (const [source, target] of defaults) {
    const s = find(source);
    const t = find(target);
    if (s === t || reaches(t, s)) continue;
    forward.push([source, target]);
    (out[source] as number[]).push(target);
  }
  return { root: Array.from({ length: count }, (_, k) => find(k)), kept, forward };
}

/** Position of every node in one order where each kept "above" wish holds (Kahn; ties by index). */
export function crossOrder(count: number, wishes: ReadonlyArray<[number, number]>): number[] {
  const after: number[][] = Array.from({ length: count }, () => []);
  const pending = new Int32Array(count);
  for (const [a, b] of wishes) {
    (after[a] as number[]).push(b);
    pending[b] = (pending[b] as number) + 1;
  }
  const position = new Array<number>(count).fill(-1);
  const ready = new MinQueue();
  for (let v = 0; v < count; v++) if (pending[v] === 0) ready.push(v);
  let next = 0;
  let scan = 0;
  while (next < count) {
    let v = ready.size > 0 ? ready.pop() : -1;
    if (v < 0) {
      // A cycle of wishes (they are all kept only when consistent, so this is a safety net).
      while (position[scan] !== -1) scan++;
      v = scan;
    }
    if (position[v] !== -1) continue;
    position[v] = next++;
    for (const w of after[v] as number[]) {
      pending[w] = (pending[w] as number) - 1;
      if (pending[w] === 0 && position[w] === -1) ready.push(w);
    }
  }
  return position;
}

/** A small binary min-heap of integers. */
export class MinQueue {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const items = this.items;
    let at = items.length;
    items.push(value);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[at] = items[parent] as number;
      at = parent;
    }
    items[at] = value;
  }
  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    const last = items.pop() as number;
    const n = items.length;
    if (n > 0) {
      let at = 0;
      for (;;) {
        let c = 2 * at + 1;
        if (c >= n) break;
        if (c + 1 < n && (items[c + 1] as number) < (items[c] as number)) c++;
        if ((items[c] as number) >= last) break;
        items[at] = items[c] as number;
        at = c;
      }
      items[at] = last;
    }
    return top;
  }
}

/** Same-rank classes and the forward constraints that hold, after conflicts are broken. */
export interface ResolvedConstraints extends Classes {
  /** Position of every node in one order where every kept same-rank wish holds. */
  aboveOrder: number[];
}

/**
 * Breaks the conflicts between the constraints of all edges. `forward[k]` came from written handles
 * when `written[k]` is 1; `wishEdges[k]` is the edge (source, target) of same-rank wish
 * `columnWishes[k]` (above, below).
 */
export function resolveHandleConstraints(
  count: number,
  forward: ReadonlyArray<[number, number]>,
  written: readonly number[],
  columnWishes: ReadonlyArray<[number, number]>,
  wishEdges: ReadonlyArray<[number, number]>,
): ResolvedConstraints {
  for (const known of RESOLVED)
    if (
      known.count === count &&
      samePairs(known.forward, forward) &&
      sameNumbers(known.written, written) &&
      samePairs(known.columnWishes, columnWishes) &&
      samePairs(known.wishEdges, wishEdges)
    )
      return known.result;
  const result = resolveAnew(count, forward, written, columnWishes, wishEdges);
  if (RESOLVED.length >= RESOLVED_KEPT) RESOLVED.shift();
  RESOLVED.push({
    count,
    forward: forward.map(([a, b]) => [a, b] as [number, number]),
    written: written.slice(),
    columnWishes: columnWishes.map(([a, b]) => [a, b] as [number, number]),
    wishEdges: wishEdges.map(([a, b]) => [a, b] as [number, number]),
    result,
  });
  return result;
}

/**
 * The last few resolutions, by their inputs (copied): one layout resolves the same constraints for
 * each swimlanes placement (plain, wrapped by bands, by columns) and each layered ranking (a
 * draft's part, its demoted variants), 3.1 times a layout of the batch's generated files of which
 * 42 % repeat one before. The result is handed out again as it is: its readers (place.ts, the
 * layered rank.ts and order.ts) only read it.
 */
const RESOLVED: Array<{
  count: number;
  forward: Array<[number, number]>;
  written: number[];
  columnWishes: Array<[number, number]>;
  wishEdges: Array<[number, number]>;
  result: ResolvedConstraints;
}> = [];
const RESOLVED_KEPT = 4;

function samePairs(
  a: ReadonlyArray<[number, number]>,
  b: ReadonlyArray<[number, number]>,
): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const p = a[k] as [number, number];
    const q = b[k] as [number, number];
    if (p[0] !== q[0] || p[1] !== q[1]) return false;
  }
  return true;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function resolveAnew(
  count: number,
  forward: ReadonlyArray<[number, number]>,
  written: readonly number[],
  columnWishes: ReadonlyArray<[number, number]>,
  wishEdges: ReadonlyArray<[number, number]>,
): ResolvedConstraints {
  // Written handles outrank defaults: forward constraints from handles first, then the same-column
  // wishes, then the edges without handles (each unless it closes a cycle).
  const acyclic = acyclicEdges(
    count,
    forward
      .map((edge, k) => [edge, written[k] as number] as const)
      .sort((a, b) => b[1] - a[1])
      .map(([edge]) => edge),
  );
  const writtenSet = new Set(
    forward.filter((_, k) => written[k] === 1).map(([a, b]) => `${a}>${b}`),
  );
  // A wish that cannot hold becomes a forward constraint (source before target) unless its edge
  // goes back in the flow (closes a cycle of all the edges, searched from the starts): a retry.
  const closers = cycleClosers(count, [...forward, ...wishEdges]);
  const classes = sameColumnClasses(
    count,
    acyclic.filter(([a, b]) => writtenSet.has(`${a}>${b}`)),
    columnWishes,
    wishEdges.map((edge, k) => (closers[forward.length + k] ? null : edge)),
    acyclic.filter(([a, b]) => !writtenSet.has(`${a}>${b}`)),
  );
  return { ...classes, aboveOrder: crossOrder(count, classes.kept) };
}
