/*!
 * src/layout/column-rank.ts is a port of the network-simplex ranking of dagre (@dagrejs/dagre 3.1.3:
 * lib/rank/network-simplex.ts, feasible-tree.ts, util.ts; lib/acyclic.ts dfsFAS; lib/nesting-graph.ts;
 * lib/util.ts simplify; with the iteration orders of @dagrejs/graphlib 4.0.6), under dagre's licence:
 *
 * Copyright (c) 2012-2014 Chris Pettitt
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software and associated documentation files (the "Software"), to deal
 * in the Software without restriction, including without limitation the rights
 * to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 * copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in
 * all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 * FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 * OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 * THE SOFTWARE.
 */
/**
 * Column assignment for the swimlanes (place.ts): every "same column" class is contracted to one
 * node, and each needs a rank such that each forward constraint goes at least one column ahead,
 * with edges as short as possible. This is the network-simplex ranking of dagre (Gansner et al.,
 * "A Technique for Drawing Directed Graphs"), computed on flat arrays: the same ranks as
 * `dagre.layout` with `ranker: 'network-simplex'` gives the classes (checked against dagre in
 * test/layout/column-rank.test.ts), without graphlib's string-keyed objects. On the batch
 * benchmark's 19-node diagrams it was 14 % of a layout through dagre (docs/performance.md).
 *
 * A network-simplex optimum is not unique, so the ranks are the same only if every choice is made
 * the way dagre makes it. What dagre's run does to the class graph, step by step:
 *  1. One edge per class pair, in the order the pairs first occur, weight = number of constraints,
 *     minlen 2 (dagre doubles minlen to make room for edge labels).
 *  2. Cycles broken by a depth-first search (sources first, then every node, in class order; out-edges
 *     in edge order): an edge to a node on the stack is reversed and moved to the end of the list.
 *  3. A root node joined to every class by an edge of weight 0, minlen 1 (dagre's nesting graph).
 *  4. Parallel edges merged (weights added, largest minlen) at their first position.
 *  5. Initial ranks by longest path; a feasible tight tree grown from the first class: a depth-first
 *     search over tight edges from every tree node in node order (edges into a node first, then out
 *     of it, each in edge order), then the first edge of least slack leaving the tree, repeatedly.
 *  6. Network simplex: the first tree edge (in the order edges joined the tree) with a negative cut
 *     value leaves; the first edge (in edge order) of least slack across its cut enters and goes to
 *     the end of the tree's edge list. Ranks are read relative to the first class.
 * The nodes are in dagre's key order: classes ascending (integer-like keys), the root last. What
 * does NOT depend on order (subtrees, cut values, ranks from a tree) is computed any convenient way.
 *
 * network-simplex grows super-linearly (each pivot walks every edge), so above
 * RANKED_BY_SIMPLEX_MAX classes place.ts ranks with its own linear-time pass.
 */

export const RANKED_BY_SIMPLEX_MAX = 160;

/**
 * Ranks the classes (`root[v] === v`) under the forward constraints `[a, b]` (b at least one column
 * after a). Returns the column of every class root (indexed like `root`, 0-based, without gaps), or
 * null where dagre would have thrown (the caller then ranks with its own pass).
 */
export function rankClasses(
  root: readonly number[],
  forward: ReadonlyArray<readonly [number, number]>,
): number[] | null {
  // Node k < classes is the k-th class in ascending id order; node `classes` is the root.
  const index = new Int32Array(root.length).fill(-1);
  const ids: number[] = [];
  for (let v = 0; v < root.length; v++) {
    if (root[v] !== v) continue;
    index[v] = ids.length;
    ids.push(v);
  }
  const classes = ids.length;
  if (classes === 0) return new Array<number>(root.length).fill(0);
  const graph = classGraph(root, forward, index, classes);
  const rank = networkSimplex(graph);
  if (!rank) return null;
  const distinct = [...new Set(Array.from(rank.subarray(0, classes)))].sort((p, q) => p - q);
  const column = new Map(distinct.map((r, k) => [r, k] as const));
  const out = new Array<number>(root.length).fill(0);
  for (let k = 0; k < classes; k++) out[ids[k] as number] = column.get(rank[k] as number) as number;
  return out;
}

/** The simplified graph network simplex runs on (steps 1–4 above), edges in dagre's order. */
interface ClassGraph {
  nodes: number;
  tail: Int32Array;
  head: Int32Array;
  weight: Float64Array;
  minlen: Float64Array;
  /** Per node: edges into it, then edges out of it, each in edge order (graphlib's nodeEdges). */
  incident: Int32Array[];
  out: Int32Array[];
}

function classGraph(
  root: readonly number[],
  forward: ReadonlyArray<readonly [number, number]>,
  index: Int32Array,
  classes: number,
): ClassGraph {
  // 1. One edge per pair in first-occurrence order, weight = count.
  const pairs = new Map<number, number>();
  const tails: number[] = [];
  const heads: number[] = [];
  const weights: number[] = [];
  for (const [a, b] of forward) {
    const u = index[root[a] as number] as number;
    const w = index[root[b] as number] as number;
    if (u === w) continue;
    const key = u * classes + w;
    const at = pairs.get(key);
    if (at !== undefined) {
      weights[at] = (weights[at] as number) + 1;
      continue;
    }
    pairs.set(key, tails.length);
    tails.push(u);
    heads.push(w);
    weights.push(1);
  }
  // 2. Cycles: dagre's dfsFAS.
  const reversed = feedbackEdges(classes, tails, heads);
  const order: number[] = [];
  for (let e = 0; e < tails.length; e++) if (!reversed.has(e)) order.push(e);
  // 3 + 4. Reversed edges at the end, then the root's edges; parallel edges merged.
  const merged = new Map<number, number>();
  const tail: number[] = [];
  const head: number[] = [];
  const weight: number[] = [];
  const minlen: number[] = [];
  const add = (u: number, w: number, wt: number, len: number): void => {
    const key = u * (classes + 1) + w;
    const at = merged.get(key);
    if (at !== undefined) {
      weight[at] = (weight[at] as number) + wt;
      minlen[at] = Math.max(minlen[at] as number, len);
      return;
    }
    merged.set(key, tail.length);
    tail.push(u);
    head.push(w);
    weight.push(wt);
    minlen.push(len);
  };
  for (const e of order) add(tails[e] as number, heads[e] as number, weights[e] as number, 2);
  for (const e of reversed) add(heads[e] as number, tails[e] as number, weights[e] as number, 2);
  for (let k = 0; k < classes; k++) add(classes, k, 0, 1);

  const nodes = classes + 1;
  const into: number[][] = Array.from({ length: nodes }, () => []);
  const outOf: number[][] = Array.from({ length: nodes }, () => []);
  for (let e = 0; e < tail.length; e++) {
    (outOf[tail[e] as number] as number[]).push(e);
    (into[head[e] as number] as number[]).push(e);
  }
  return {
    nodes,
    tail: Int32Array.from(tail),
    head: Int32Array.from(head),
    weight: Float64Array.from(weight),
    minlen: Float64Array.from(minlen),
    incident: into.map((ins, v) => Int32Array.from([...ins, ...(outOf[v] as number[])])),
    out: outOf.map((list) => Int32Array.from(list)),
  };
}

/**
 * dagre's dfsFAS: a depth-first search from the sources, then from every node, in node order; an
 * out-edge (in edge order) to a node on the stack is a feedback edge. Returns them in the order
 * found (a Set keeps insertion order).
 */
function feedbackEdges(nodes: number, tails: number[], heads: number[]): Set<number> {
  const out: number[][] = Array.from({ length: nodes }, () => []);
  const hasIn = new Uint8Array(nodes);
  for (let e = 0; e < tails.length; e++) {
    (out[tails[e] as number] as number[]).push(e);
    hasIn[heads[e] as number] = 1;
  }
  const visited = new Uint8Array(nodes);
  const onStack = new Uint8Array(nodes);
  const found = new Set<number>();
  const dfs = (v: number): void => {
    if (visited[v]) return;
    visited[v] = 1;
    onStack[v] = 1;
    for (const e of out[v] as number[]) {
      const w = heads[e] as number;
      if (onStack[w]) found.add(e);
      else dfs(w);
    }
    onStack[v] = 0;
  };
  for (let v = 0; v < nodes; v++) if (!hasIn[v]) dfs(v);
  for (let v = 0; v < nodes; v++) dfs(v);
  return found;
}

/** Step 5 and 6: ranks of every node (the root last), or null where dagre would throw. */
function networkSimplex(graph: ClassGraph): Float64Array | null {
  const { nodes, tail, head, minlen } = graph;
  const rank = longestPath(graph);
  const treeEdges = feasibleTree(graph, rank);
  const tree = new TreeState(graph);
  const cut = new Float64Array(tail.length);
  tree.rebuild(treeEdges, cut);
  for (;;) {
    let leaving = -1;
    for (const e of treeEdges) {
      if ((cut[e] as number) < 0) {
        leaving = e;
        break;
      }
    }
    if (leaving < 0) break;
    const entering = tree.entering(leaving, rank);
    if (entering < 0) return null;
    treeEdges.splice(treeEdges.indexOf(leaving), 1);
    treeEdges.push(entering);
    tree.rebuild(treeEdges, cut);
    // Ranks from the tree, relative to the first class (dagre's updateRanks).
    for (let i = 1; i < nodes; i++) {
      const v = tree.preorder[i] as number;
      const e = tree.parentEdge[v] as number;
      const parent = (tail[e] === v ? head[e] : tail[e]) as number;
      const len = minlen[e] as number;
      rank[v] = (rank[parent] as number) + (tail[e] === v ? -len : len);
    }
  }
  return rank;
}

/** dagre's longestPath: every node as far down as its out-edges allow, sinks at 0. */
function longestPath(graph: ClassGraph): Float64Array {
  const { nodes, head, minlen, out } = graph;
  const rank = new Float64Array(nodes);
  const done = new Uint8Array(nodes);
  const visit = (v: number): number => {
    if (done[v]) return rank[v] as number;
    done[v] = 1;
    let r = Infinity;
    for (const e of out[v] as Int32Array) r = Math.min(r, visit(head[e] as number) - minlen[e]!);
    rank[v] = r === Infinity ? 0 : r;
    return rank[v] as number;
  };
  for (let v = 0; v < nodes; v++) visit(v);
  return rank;
}

/**
 * dagre's feasibleTree: grows a tree of tight edges from node 0, shifting the tree's ranks by the
 * least slack of an edge leaving it until every node is in. Returns the tree's edges in the order
 * they joined.
 */
function feasibleTree(graph: ClassGraph, rank: Float64Array): number[] {
  const { nodes, tail, head, minlen, incident } = graph;
  const slack = (e: number): number =>
    (rank[head[e] as number] as number) - (rank[tail[e] as number] as number) - minlen[e]!;
  const inTree = new Uint8Array(nodes);
  const edges: number[] = [];
  inTree[0] = 1;
  let size = 1;
  const dfs = (v: number): void => {
    for (const e of incident[v] as Int32Array) {
      const w = (tail[e] === v ? head[e] : tail[e]) as number;
      if (!inTree[w] && slack(e) === 0) {
        inTree[w] = 1;
        size++;
        edges.push(e);
        dfs(w);
      }
    }
  };
  for (;;) {
    // tree.nodes() is taken before the walk: nodes that join during it are walked by recursion.
    const snapshot: number[] = [];
    for (let v = 0; v < nodes; v++) if (inTree[v]) snapshot.push(v);
    for (const v of snapshot) dfs(v);
    if (size >= nodes) break;
    let best = -1;
    let bestSlack = Infinity;
    for (let e = 0; e < tail.length; e++) {
      if (inTree[tail[e] as number] === inTree[head[e] as number]) continue;
      const s = slack(e);
      if (s < bestSlack) {
        bestSlack = s;
        best = e;
      }
    }
    if (best < 0) break;
    const delta = inTree[tail[best] as number] ? bestSlack : -bestSlack;
    for (let v = 0; v < nodes; v++) if (inTree[v]) rank[v] = (rank[v] as number) + delta;
  }
  return edges;
}

/** The spanning tree rooted at node 0: parents, subtree intervals, preorder, and cut values. */
class TreeState {
  readonly parentEdge: Int32Array;
  readonly preorder: Int32Array;
  private readonly low: Int32Array;
  private readonly lim: Int32Array;
  private readonly adjacency: number[][];

  constructor(private readonly graph: ClassGraph) {
    const n = graph.nodes;
    this.parentEdge = new Int32Array(n);
    this.preorder = new Int32Array(n);
    this.low = new Int32Array(n);
    this.lim = new Int32Array(n);
    this.adjacency = Array.from({ length: n }, () => []);
  }

  /** Roots the tree at node 0 and computes every tree edge's cut value into `cut`. */
  rebuild(treeEdges: readonly number[], cut: Float64Array): void {
    const { tail, head, weight, incident, nodes } = this.graph;
    for (const list of this.adjacency) list.length = 0;
    for (const e of treeEdges) {
      (this.adjacency[tail[e] as number] as number[]).push(e);
      (this.adjacency[head[e] as number] as number[]).push(e);
    }
    const { parentEdge, preorder, low, lim } = this;
    // Iterative DFS: preorder, then lim in postorder; low = smallest lim in the subtree.
    parentEdge.fill(-1);
    const stack = [0];
    const next = new Int32Array(nodes);
    const seen = new Uint8Array(nodes);
    const postorder: number[] = [];
    let pre = 0;
    let counter = 1;
    seen[0] = 1;
    preorder[pre++] = 0;
    low[0] = counter;
    while (stack.length > 0) {
      const v = stack[stack.length - 1] as number;
      const list = this.adjacency[v] as number[];
      const i = next[v] as number;
      if (i < list.length) {
        next[v] = i + 1;
        const e = list[i] as number;
        const w = (tail[e] === v ? head[e] : tail[e]) as number;
        if (seen[w]) continue;
        seen[w] = 1;
        parentEdge[w] = e;
        preorder[pre++] = w;
        low[w] = counter;
        stack.push(w);
      } else {
        lim[v] = counter++;
        postorder.push(v);
        stack.pop();
      }
    }
    // Cut values bottom-up (dagre's calcCutValue), children before parents.
    for (const child of postorder) {
      const treeEdge = parentEdge[child] as number;
      if (treeEdge < 0) continue;
      const childIsTail = tail[treeEdge] === child;
      const parent = (childIsTail ? head[treeEdge] : tail[treeEdge]) as number;
      let value = weight[treeEdge] as number;
      for (const e of incident[child] as Int32Array) {
        const isOut = tail[e] === child;
        const other = (isOut ? head[e] : tail[e]) as number;
        if (other === parent) continue;
        const toHead = isOut === childIsTail;
        value += toHead ? (weight[e] as number) : -(weight[e] as number);
        if (parentEdge[other] === e) value += toHead ? -(cut[e] as number) : (cut[e] as number);
      }
      cut[treeEdge] = value;
    }
  }

  /** dagre's enterEdge: the first edge of least slack crossing the leaving edge's cut the other way. */
  entering(leaving: number, rank: Float64Array): number {
    const { tail, head, minlen } = this.graph;
    const v = tail[leaving] as number;
    const w = head[leaving] as number;
    // The child end of the leaving edge roots the subtree S; flip when the tail is the parent.
    const flip = this.parentEdge[w] === leaving;
    const child = flip ? w : v;
    const lo = this.low[child] as number;
    const hi = this.lim[child] as number;
    const inside = (x: number): boolean =>
      lo <= (this.lim[x] as number) && (this.lim[x] as number) <= hi;
    let best = -1;
    let bestSlack = Infinity;
    for (let e = 0; e < tail.length; e++) {
      if (flip !== inside(tail[e] as number) || flip === inside(head[e] as number)) continue;
      const s =
        (rank[head[e] as number] as number) - (rank[tail[e] as number] as number) - minlen[e]!;
      if (best < 0 || s < bestSlack) {
        best = e;
        bestSlack = s;
      }
    }
    return best;
  }
}
