/**
 * Network simplex for integer difference constraints (Gansner, Koutsofios, North, Vo: "A Technique
 * for Drawing Directed Graphs", 1993): values `x` with `x[head] - x[tail] >= minlen` for every edge,
 * minimising the sum of `weight * (x[head] - x[tail])`. The layered layout uses it twice: for ranks
 * (edges are the flow's constraints) and for coordinates across the flow (dot's auxiliary graph).
 *
 * Written for large inputs: typed arrays, no recursion (a 500,000-vertex chain must not overflow the
 * stack), subtrees addressed as ranges of the postorder numbering, and a work budget: every step
 * keeps a feasible solution, so when the budget runs out the current values are returned, never an
 * infeasible or partial result. The feasible tree is built as in Graphviz 2.44+: tight subtrees
 * first, then the smallest subtree is merged along its least-slack edge (shifting the smaller side,
 * which keeps the total shifting near-linear).
 */
import { MinHeap } from '../../util/heap.js';
import { DisjointSets } from '../../util/disjoint-sets.js';

export interface SimplexGraph {
  vertexCount: number;
  tail: ArrayLike<number>;
  head: ArrayLike<number>;
  minlen: ArrayLike<number>;
  weight: ArrayLike<number>;
}

export interface SimplexOptions {
  /**
   * Work budget in elementary steps (vertices and edges visited). The pivots stop when it is
   * spent; the values stay feasible. Default: large enough that every diagram of a few thousand
   * vertices reaches the optimum.
   */
  budget?: number;
  /** Leaving edges compared per pivot (dot's Search_size). */
  searchSize?: number;
}

export interface SimplexResult {
  values: Int32Array;
  /** Pivots done; `optimal` is false when the budget stopped them early. */
  pivots: number;
  optimal: boolean;
}

const DEFAULT_BUDGET = 60_000_000;

/**
 * Solves the problem. The constraint graph must be acyclic (positive-length cycles are infeasible;
 * the caller breaks cycles first). Values are normalised so the smallest is 0 in each connected
 * component.
 */
export function networkSimplex(graph: SimplexGraph, options: SimplexOptions = {}): SimplexResult {
  const solver = new Solver(graph, options.budget ?? DEFAULT_BUDGET, options.searchSize ?? 30);
  return solver.run();
}

class Solver {
  private readonly n: number;
  private readonly m: number;
  private readonly tail: Int32Array;
  private readonly head: Int32Array;
  private readonly minlen: Int32Array;
  private readonly weight: Float64Array;
  /** CSR adjacency of all edges, out and in. */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private readonly inStart: Int32Array;
  private readonly inList: Int32Array;
  private readonly rank: Int32Array;
  /**
   * Tree membership of each edge, and each vertex's tree edges as a doubly linked list of half
   * edges (2e: e's tail end, 2e + 1: its head end), in typed arrays: no per-vertex objects.
   */
  private readonly inTree: Uint8Array;
  private readonly firstHalf: Int32Array;
  private readonly nextHalf: Int32Array;
  private readonly prevHalf: Int32Array;
  private readonly treeEdges: number[] = [];
  /** Position of each tree edge in `treeEdges` (-1 when not a tree edge). */
  private readonly treeIndex: Int32Array;
  private readonly cut: Float64Array;
  private readonly low: Int32Array;
  private readonly lim: Int32Array;
  /** Parent tree edge of each vertex (-1 at a root). */
  private readonly par: Int32Array;
  /** Vertex with each postorder number (per component, numbers are disjoint ranges). */
  private readonly byLim: Int32Array;
  private work = 0;
  private searchStart = 0;
  private readonly stackV: Int32Array;
  private readonly stackH: Int32Array;

  constructor(
    graph: SimplexGraph,
    private readonly budget: number,
    private readonly searchSize: number,
  ) {
    const n = graph.vertexCount;
    const m = graph.tail.length;
    this.n = n;
    this.m = m;
    this.tail = Int32Array.from(graph.tail);
    this.head = Int32Array.from(graph.head);
    this.minlen = Int32Array.from(graph.minlen);
    this.weight = Float64Array.from(graph.weight);
    const outCount = new Int32Array(n + 1);
    const inCount = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      const t = (this.tail[e] as number) + 1;
      const h = (this.head[e] as number) + 1;
      outCount[t] = (outCount[t] as number) + 1;
      inCount[h] = (inCount[h] as number) + 1;
    }
    for (let v = 0; v < n; v++) {
      outCount[v + 1] = (outCount[v + 1] as number) + (outCount[v] as number);
      inCount[v + 1] = (inCount[v + 1] as number) + (inCount[v] as number);
    }
    this.outStart = outCount;
    this.inStart = inCount;
    this.outList = new Int32Array(m);
    this.inList = new Int32Array(m);
    const outFill = outCount.slice(0, n);
    const inFill = inCount.slice(0, n);
    for (let e = 0; e < m; e++) {
      const t = this.tail[e] as number;
      const h = this.head[e] as number;
      const at = outFill[t] as number;
      outFill[t] = at + 1;
      this.outList[at] = e;
      const bt = inFill[h] as number;
      inFill[h] = bt + 1;
      this.inList[bt] = e;
    }
    this.rank = new Int32Array(n);
    this.inTree = new Uint8Array(m);
    this.treeIndex = new Int32Array(m).fill(-1);
    this.firstHalf = new Int32Array(n).fill(-1);
    this.nextHalf = new Int32Array(2 * m);
    this.prevHalf = new Int32Array(2 * m);
    this.cut = new Float64Array(m);
    this.low = new Int32Array(n);
    this.lim = new Int32Array(n);
    this.par = new Int32Array(n).fill(-1);
    this.byLim = new Int32Array(n + 1);
    this.stackV = new Int32Array(n + 1);
    this.stackH = new Int32Array(n + 1);
  }

  run(): SimplexResult {
    if (this.n === 0) return { values: this.rank, pivots: 0, optimal: true };
    this.initialRanks();
    this.feasibleTree();
    this.initialCutValues();
    let pivots = 0;
    let optimal = true;
    for (;;) {
      const leave = this.leaveEdge();
      if (leave < 0) break;
      if (this.work > this.budget) {
        optimal = false;
        break;
      }
      const enter = this.enterEdge(leave);
      if (enter < 0) break; // cannot happen for a feasible bounded problem; stop safely
      this.update(leave, enter);
      pivots++;
    }
    this.normalise();
    return { values: this.rank, pivots, optimal };
  }

  private slack(e: number): number {
    return (
      (this.rank[this.head[e] as number] as number) -
      (this.rank[this.tail[e] as number] as number) -
      (this.minlen[e] as number)
    );
  }

  /** Longest path from the sources in topological order: the smallest feasible values. */
  private initialRanks(): void {
    const n = this.n;
    const pending = new Int32Array(n);
    for (let v = 0; v < n; v++)
      pending[v] = (this.inStart[v + 1] as number) - (this.inStart[v] as number);
    const queue = new Int32Array(n);
    let qHead = 0;
    let qTail = 0;
    for (let v = 0; v < n; v++) if (pending[v] === 0) queue[qTail++] = v;
    const rank = this.rank;
    while (qHead < qTail) {
      const v = queue[qHead++] as number;
      for (let k = this.outStart[v] as number; k < (this.outStart[v + 1] as number); k++) {
        const e = this.outList[k] as number;
        const w = this.head[e] as number;
        const r = (rank[v] as number) + (this.minlen[e] as number);
        if (r > (rank[w] as number)) rank[w] = r;
        const left = (pending[w] as number) - 1;
        pending[w] = left;
        if (left === 0) queue[qTail++] = w;
      }
    }
    this.work += n + this.m;
    if (qTail < n) throw new Error('network simplex: the constraint graph has a cycle');
  }

  private addTreeEdge(e: number): void {
    this.inTree[e] = 1;
    this.treeIndex[e] = this.treeEdges.length;
    this.treeEdges.push(e);
    this.linkHalf(2 * e, this.tail[e] as number);
    this.linkHalf(2 * e + 1, this.head[e] as number);
  }

  private linkHalf(h: number, v: number): void {
    const first = this.firstHalf[v] as number;
    this.nextHalf[h] = first;
    this.prevHalf[h] = -1;
    if (first >= 0) this.prevHalf[first] = h;
    this.firstHalf[v] = h;
  }

  private unlinkHalf(h: number, v: number): void {
    const prev = this.prevHalf[h] as number;
    const next = this.nextHalf[h] as number;
    if (prev >= 0) this.nextHalf[prev] = next;
    else this.firstHalf[v] = next;
    if (next >= 0) this.prevHalf[next] = prev;
  }

  private removeTreeEdge(e: number): void {
    this.inTree[e] = 0;
    const at = this.treeIndex[e] as number;
    const last = this.treeEdges.pop() as number;
    if (last !== e) {
      this.treeEdges[at] = last;
      this.treeIndex[last] = at;
    }
    this.treeIndex[e] = -1;
    this.unlinkHalf(2 * e, this.tail[e] as number);
    this.unlinkHalf(2 * e + 1, this.head[e] as number);
  }

  /**
   * A spanning tree of tight edges per connected component: tight subtrees found by search, then
   * merged smallest first along the least-slack edge leaving each, shifting the smaller side.
   */
  private feasibleTree(): void {
    const n = this.n;
    // Union-find over subtrees; a subtree's members are kept in a list for shifting and scanning.
    const sets = new DisjointSets(n);
    const find = (v: number): number => sets.find(v);
    const members: number[][] = new Array(n);
    const seen = new Uint8Array(n);
    const stack: number[] = [];
    for (let s = 0; s < n; s++) {
      if (seen[s]) continue;
      seen[s] = 1;
      const list = [s];
      stack.push(s);
      while (stack.length > 0) {
        const v = stack.pop() as number;
        for (let pass = 0; pass < 2; pass++) {
          const start = pass === 0 ? this.outStart : this.inStart;
          const edges = pass === 0 ? this.outList : this.inList;
          for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
            const e = edges[k] as number;
            const w = pass === 0 ? (this.head[e] as number) : (this.tail[e] as number);
            if (seen[w] || this.slack(e) !== 0) continue;
            seen[w] = 1;
            sets.link(w, s);
            list.push(w);
            this.addTreeEdge(e);
            stack.push(w);
          }
        }
      }
      members[s] = list;
      this.work += list.length;
    }
    // Merge, smallest subtree first. A heap of (size, root); stale entries are skipped.
    const heap = new MinHeap();
    for (let v = 0; v < n; v++) if (sets.isRoot(v)) heap.push(v, (members[v] as number[]).length);
    const done = new Uint8Array(n);
    while (heap.size > 0) {
      const key = heap.peekKey();
      const root = heap.pop();
      // Stale entries: merged away, grown since, or known to span their component.
      if (!sets.isRoot(root) || done[root] || key !== (members[root] as number[]).length) continue;
      const list = members[root] as number[];
      let best = -1;
      let bestSlack = Infinity;
      let bestTailInside = false;
      for (const v of list) {
        for (let k = this.outStart[v] as number; k < (this.outStart[v + 1] as number); k++) {
          const e = this.outList[k] as number;
          if (find(this.head[e] as number) === root) continue;
          const s = this.slack(e);
          if (s < bestSlack) {
            bestSlack = s;
            best = e;
            bestTailInside = true;
          }
        }
        for (let k = this.inStart[v] as number; k < (this.inStart[v + 1] as number); k++) {
          const e = this.inList[k] as number;
          if (find(this.tail[e] as number) === root) continue;
          const s = this.slack(e);
          if (s < bestSlack) {
            bestSlack = s;
            best = e;
            bestTailInside = false;
          }
        }
        this.work += 1 + (this.outStart[v + 1] as number) - (this.outStart[v] as number);
        this.work += (this.inStart[v + 1] as number) - (this.inStart[v] as number);
      }
      if (best < 0) {
        done[root] = 1; // the whole connected component is one tree
        continue;
      }
      // Tail inside: raise the subtree so the edge becomes tight; head inside: lower it.
      const delta = bestTailInside ? bestSlack : -bestSlack;
      if (delta !== 0) for (const v of list) this.rank[v] = (this.rank[v] as number) + delta;
      this.addTreeEdge(best);
      const other = find(
        bestTailInside ? (this.head[best] as number) : (this.tail[best] as number),
      );
      // Union: the bigger list absorbs the smaller one.
      const otherList = members[other] as number[];
      const [keep, gone] = otherList.length >= list.length ? [other, root] : [root, other];
      const keepList = members[keep] as number[];
      for (const v of members[gone] as number[]) keepList.push(v);
      members[gone] = [];
      sets.link(gone, keep);
      heap.push(keep, keepList.length);
    }
  }

  /** Postorder numbers (low/lim) and parent edges of the subtree under `root`, numbered from `from`. */
  private numberSubtree(root: number, rootPar: number, from: number): number {
    // Iterative DFS over tree edges; each stack frame is (vertex, next half edge to follow).
    const stackV = this.stackV;
    const stackH = this.stackH;
    let top = 0;
    stackV[0] = root;
    stackH[0] = this.firstHalf[root] as number;
    this.par[root] = rootPar;
    this.low[root] = from;
    let next = from;
    while (top >= 0) {
      const v = stackV[top] as number;
      const h = stackH[top] as number;
      if (h >= 0) {
        stackH[top] = this.nextHalf[h] as number;
        const e = h >> 1;
        if (e === this.par[v]) continue;
        const w = h & 1 ? (this.tail[e] as number) : (this.head[e] as number);
        this.par[w] = e;
        this.low[w] = next;
        top++;
        stackV[top] = w;
        stackH[top] = this.firstHalf[w] as number;
      } else {
        this.lim[v] = next;
        this.byLim[next] = v;
        next++;
        top--;
      }
    }
    this.work += next - from;
    return next;
  }

  private initialCutValues(): void {
    const n = this.n;
    const numbered = new Uint8Array(n);
    let next = 1;
    for (let v = 0; v < n; v++) {
      if (numbered[v]) continue;
      const from = next;
      next = this.numberSubtree(v, -1, next);
      for (let l = from; l < next; l++) numbered[this.byLim[l] as number] = 1;
    }
    // Postorder: children before parents, so every child's edge has its cut value already.
    for (let l = 1; l < next; l++) {
      const v = this.byLim[l] as number;
      const f = this.par[v] as number;
      if (f >= 0) this.cutValueOf(f);
    }
  }

  private inSubtree(v: number, w: number): boolean {
    const l = this.lim[w] as number;
    return (this.low[v] as number) <= l && l <= (this.lim[v] as number);
  }

  /** dot's x_cutval: the cut value of tree edge f from the side already computed (its child end). */
  private cutValueOf(f: number): void {
    const t = this.tail[f] as number;
    let v: number;
    let dir: number;
    if (this.par[t] === f) {
      v = t;
      dir = 1;
    } else {
      v = this.head[f] as number;
      dir = -1;
    }
    let sum = 0;
    for (let pass = 0; pass < 2; pass++) {
      const start = pass === 0 ? this.outStart : this.inStart;
      const edges = pass === 0 ? this.outList : this.inList;
      for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
        const e = edges[k] as number;
        const other = this.tail[e] === v ? (this.head[e] as number) : (this.tail[e] as number);
        let rv: number;
        let crossing: boolean;
        if (!this.inSubtree(v, other)) {
          crossing = true;
          rv = this.weight[e] as number;
        } else {
          crossing = false;
          rv = (this.inTree[e] ? (this.cut[e] as number) : 0) - (this.weight[e] as number);
        }
        let d: number;
        if (dir > 0) d = this.head[e] === v ? 1 : -1;
        else d = this.tail[e] === v ? 1 : -1;
        if (crossing) d = -d;
        sum += d < 0 ? -rv : rv;
      }
      this.work += (start[v + 1] as number) - (start[v] as number);
    }
    this.cut[f] = sum;
  }

  private leaveEdge(): number {
    const list = this.treeEdges;
    const size = list.length;
    if (size === 0) return -1;
    let best = -1;
    let count = 0;
    if (this.searchStart >= size) this.searchStart = 0;
    const start = this.searchStart;
    for (let step = 0; step < size; step++) {
      let i = start + step;
      if (i >= size) i -= size;
      const f = list[i] as number;
      const c = this.cut[f] as number;
      if (c < 0) {
        if (best < 0 || (this.cut[best] as number) > c) best = f;
        if (++count >= this.searchSize) {
          this.searchStart = i;
          this.work += step;
          return best;
        }
      }
    }
    this.work += size;
    this.searchStart = 0;
    return best;
  }

  /** The non-tree edge crossing the cut of `e` the other way with the least slack. */
  private enterEdge(e: number): number {
    const t = this.tail[e] as number;
    const h = this.head[e] as number;
    // v is the lower end (inside the subtree); search edges between its subtree and the rest.
    let v: number;
    let outSearch: boolean;
    if ((this.lim[t] as number) < (this.lim[h] as number)) {
      v = t;
      outSearch = false;
    } else {
      v = h;
      outSearch = true;
    }
    const low = this.low[v] as number;
    const lim = this.lim[v] as number;
    let best = -1;
    let bestSlack = Infinity;
    for (let l = low; l <= lim; l++) {
      const w = this.byLim[l] as number;
      const start = outSearch ? this.outStart : this.inStart;
      const edges = outSearch ? this.outList : this.inList;
      for (let k = start[w] as number; k < (start[w + 1] as number); k++) {
        const f = edges[k] as number;
        if (this.inTree[f]) continue;
        const other = outSearch ? (this.head[f] as number) : (this.tail[f] as number);
        const ol = this.lim[other] as number;
        if (ol >= low && ol <= lim) continue;
        const s = this.slack(f);
        if (s < bestSlack) {
          bestSlack = s;
          best = f;
        }
      }
      this.work += 1 + (start[w + 1] as number) - (start[w] as number);
      if (bestSlack === 0) break;
    }
    return best;
  }

  private shiftSubtree(v: number, delta: number): void {
    const low = this.low[v] as number;
    const lim = this.lim[v] as number;
    for (let l = low; l <= lim; l++) {
      const w = this.byLim[l] as number;
      this.rank[w] = (this.rank[w] as number) + delta;
    }
    this.work += lim - low + 1;
  }

  private update(e: number, f: number): void {
    const delta = this.slack(f);
    if (delta > 0) {
      const t = this.tail[e] as number;
      const h = this.head[e] as number;
      // The lower end's subtree moves: the tail side down by delta, or the head side up.
      if ((this.lim[t] as number) < (this.lim[h] as number)) this.shiftSubtree(t, -delta);
      else this.shiftSubtree(h, delta);
    }
    const cutvalue = this.cut[e] as number;
    const lca = this.treeUpdate(this.tail[f] as number, this.head[f] as number, cutvalue, true);
    const lca2 = this.treeUpdate(this.head[f] as number, this.tail[f] as number, cutvalue, false);
    if (lca !== lca2) throw new Error('network simplex: mismatched tree update');
    this.cut[f] = -cutvalue;
    this.cut[e] = 0;
    this.removeTreeEdge(e);
    this.addTreeEdge(f);
    this.numberSubtree(lca, this.par[lca] as number, this.low[lca] as number);
  }

  /** dot's treeupdate: adjusts the cut values on the tree path from v up to the LCA of v and w. */
  private treeUpdate(v: number, w: number, cutvalue: number, dir: boolean): number {
    while (!this.inSubtree(v, w)) {
      const e = this.par[v] as number;
      const d = v === this.tail[e] ? dir : !dir;
      this.cut[e] = (this.cut[e] as number) + (d ? cutvalue : -cutvalue);
      const t = this.tail[e] as number;
      const h = this.head[e] as number;
      v = (this.lim[t] as number) > (this.lim[h] as number) ? t : h;
      this.work++;
    }
    return v;
  }

  /** Smallest value 0 in every connected component (tree). */
  private normalise(): void {
    const n = this.n;
    const visited = new Uint8Array(n);
    const stack: number[] = [];
    const comp: number[] = [];
    for (let s = 0; s < n; s++) {
      if (visited[s]) continue;
      visited[s] = 1;
      stack.push(s);
      comp.length = 0;
      let min = Infinity;
      while (stack.length > 0) {
        const v = stack.pop() as number;
        comp.push(v);
        if ((this.rank[v] as number) < min) min = this.rank[v] as number;
        for (let h = this.firstHalf[v] as number; h >= 0; h = this.nextHalf[h] as number) {
          const e = h >> 1;
          const w = h & 1 ? (this.tail[e] as number) : (this.head[e] as number);
          if (!visited[w]) {
            visited[w] = 1;
            stack.push(w);
          }
        }
      }
      if (min !== 0) for (const v of comp) this.rank[v] = (this.rank[v] as number) - min;
    }
  }
}
