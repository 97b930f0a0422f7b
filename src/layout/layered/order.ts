/**
 * The order of the vertices inside each layer: crossing minimisation by layer sweeps (barycenter
 * heuristic, Sugiyama) and adjacent swaps (dot's transpose), with clusters kept contiguous in every
 * layer: each layer is sorted as a tree, a cluster's members first among themselves, then the
 * cluster as one block among its siblings, at the weighted barycenter of its members (dagre's
 * sortSubgraph). Three more rules keep the picture drawable:
 *
 * - Sibling clusters keep one relative order in every layer (their boxes are rectangles, so two
 *   that swapped places between layers would overlap): a global order per scope, taken from the
 *   clusters' mean positions before each sweep, is enforced by merging violating blocks (dagre's
 *   resolveConflicts).
 * - A kept same-rank wish (an edge whose handles point across the flow) glues its two ends, source
 *   first, so the edge is one straight segment.
 * - The borders of clusters are chains of vertices with heavy weight: an edge crossing a border it
 *   does not belong to counts many times, so edges go around groups they do not enter.
 */
import { bilayerCrossings } from './crossings.js';
import {
  DUMMY,
  LABEL,
  LEFT_BORDER,
  passesOver,
  RIGHT_BORDER,
  REAL,
  type LayeredGraph,
} from './graph.js';

/**
 * Weight of a cluster border's segment between two layers, for crossing counts: an edge entering
 * its own group from the side crosses it, which is fine; it keeps the blocks from twisting.
 */
const BORDER_WEIGHT = 1;
/** Cost of a hop passing over a group that holds neither of its ends (a foreign group). */
const FOREIGN_PASS_COST = 60;
/** The two-group moves (movePairs) run on graphs up to this many vertices (labels and dummies included)... */
const PAIR_MOVES_MAX_VERTICES = 600;
/**
 * ...and try at most this many orders times vertices (each try re-sweeps the whole graph).
 * Measured: 150,000 made a generated 60-node, 8-group diagram drawn layered 2.7x the CPU of
 * before (no order without a pass existed to stop at); 30,000 costs it 1.15x, and still finds
 * corpus 12's order.
 */
const PAIR_MOVES_WORK = 30_000;

/**
 * A draft's sweeps stop after this many (most orderings settle in 4-9: on the batch benchmark's
 * generated diagrams, the samples and the corpus; CQRS LR takes 14).
 */
const DRAFT_ITERATIONS = 4;

export interface OrderOptions {
  /** Kept same-rank wishes: [before, after] node pairs in one layer. */
  wishes: ReadonlyArray<[number, number]>;
  /**
   * A draft: at most DRAFT_ITERATIONS sweeps, and no search over whole-group moves (moveClusters,
   * movePairs, slideRuns). Where the sweeps were cut short, their state is kept (`saved`).
   */
  draft?: boolean;
  /** The sweeps go on from a draft's saved state: the same order as a full run from the start. */
  resume?: SweepState;
  /** Tests: every trial of a cluster order is swept, repeats too (Orderer.tried). */
  repeatTrials?: boolean;
}

/** Where a draft's sweeps stopped: enough to go on exactly as an uninterrupted run would. */
export interface SweepState {
  iteration: number;
  stale: number;
  bestCrossings: number;
  best: number[][];
  current: number[][];
}

interface LayerStatics {
  present: number[];
  /** Vertices pinned last (1e9) or first (-1e9) inside their own cluster. */
  pinned: Map<number, number>;
  /** Cluster blocks pinned last or first among their siblings. */
  pinnedBlock: Map<number, number>;
  /** Glued wishes by the scope where they meet, as keys of that scope's children. */
  wishes: Map<number, Array<[number, number]>>;
}

interface Entry {
  vs: number[];
  barycenter: number;
  weight: number;
  /** Position of the entry's first vertex in the current order. */
  index: number;
  /** Constraint graph (sibling clusters' order, glued wishes). */
  indegree: number;
  /** Null until the first constraint (most entries have none). */
  ins: Entry[] | null;
  outs: Entry[] | null;
  merged: boolean;
  /** Glue: merged with its successor whatever the barycenters. */
  glued: Set<Entry> | null;
}

export class Orderer {
  private readonly pos: Int32Array;
  /** Neighbours in the layer above / below, with weights (CSR). */
  private readonly upStart: Int32Array;
  private readonly upList: Int32Array;
  private readonly upWeight: Float64Array;
  private readonly downStart: Int32Array;
  private readonly downList: Int32Array;
  private readonly downWeight: Float64Array;
  /** Per layer: the wishes with both ends in it. */
  private readonly layerWishes: Array<Array<[number, number]>>;
  /** Global order key of every cluster among its siblings (consistent across layers). */
  private sigma: Float64Array;
  private readonly clusterCount: number;
  /** Per cluster: a vertex that must come last (first) inside it, for a glued wish leaving it. */
  private readonly pinLast = new Map<number, number>();
  /** Same-rank wishes between sibling clusters: [cluster before, cluster after, their scope]. */
  private readonly siblingWishes: Array<[number, number, number]> = [];
  private readonly pinFirst = new Map<number, number>();
  private readonly draft: boolean;
  private readonly resume: SweepState | null;
  private readonly repeatTrials: boolean;
  /** A draft stopped short of the full ordering (sweeps cut, or the search skipped where it would run). */
  incomplete = false;
  /** The sweeps' state where a draft cut them (null: they ran to their end). */
  saved: SweepState | null = null;

  constructor(
    private readonly g: LayeredGraph,
    options: OrderOptions,
  ) {
    const n = g.vertexCount;
    this.draft = options.draft === true;
    this.resume = options.resume ?? null;
    this.repeatTrials = options.repeatTrials === true;
    this.pos = new Int32Array(n);
    this.clusterCount = g.input.clusters.length;
    this.sigma = new Float64Array(this.clusterCount);
    // Adjacency: the hops, and the cluster borders as chains through their layers.
    const ups: number[][] = Array.from({ length: n }, () => []);
    const downs: number[][] = Array.from({ length: n }, () => []);
    const link = (a: number, b: number, w: number): void => {
      (downs[a] as number[]).push(b, w);
      (ups[b] as number[]).push(a, w);
    };
    for (const hop of g.hops) link(hop.upper, hop.lower, hop.weight);
    const layers = g.layerCount;
    for (let c = 0; c < this.clusterCount; c++) {
      for (let l = g.spanTop[c] as number; l < (g.spanBottom[c] as number); l++) {
        const a = g.borders.get(c * layers + l);
        const b = g.borders.get(c * layers + l + 1);
        if (!a || !b) continue;
        link(a[0], b[0], BORDER_WEIGHT);
        link(a[1], b[1], BORDER_WEIGHT);
      }
    }
    [this.upStart, this.upList, this.upWeight] = csr(ups);
    [this.downStart, this.downList, this.downWeight] = csr(downs);
    this.layerWishes = Array.from({ length: layers }, () => []);
    for (const [a, b] of options.wishes) {
      if (g.layerOf[a] !== g.layerOf[b]) continue;
      (this.layerWishes[g.layerOf[a] as number] as Array<[number, number]>).push([a, b]);
      // Inside the clusters the wish leaves, its ends go last (source) and first (target).
      const top = this.commonScope(a, b);
      const childOf = (v: number): number => {
        let c = g.cluster[v] as number;
        while (c >= 0 && g.clusterParent[c] !== top) c = g.clusterParent[c] as number;
        return c;
      };
      const ca = childOf(a);
      const cb = childOf(b);
      if (ca >= 0 && cb >= 0 && ca !== cb) this.siblingWishes.push([ca, cb, top]);
      for (let c = g.cluster[a] as number; c !== top && c >= 0; c = g.clusterParent[c] as number)
        if (!this.pinLast.has(c)) this.pinLast.set(c, a);
      for (let c = g.cluster[b] as number; c !== top && c >= 0; c = g.clusterParent[c] as number)
        if (!this.pinFirst.has(c)) this.pinFirst.set(c, b);
    }
  }

  /** Runs the whole ordering; the layers of the graph are reordered in place. */
  run(): void {
    const g = this.g;
    let best: number[][];
    let bestCrossings: number;
    let stale = 0;
    let iteration = 0;
    if (this.resume) {
      ({ best, bestCrossings, stale, iteration } = this.resume);
      this.restore(this.resume.current);
    } else {
      this.initialOrder();
      best = this.snapshot();
      bestCrossings = this.totalCrossings();
    }
    const size = g.vertexCount;
    // Fewer sweeps on big graphs: each sweep is O(e log v); the gain flattens out quickly.
    const maxIterations = size > 20000 ? 4 : size > 5000 ? 8 : 24;
    for (; iteration < maxIterations && !this.perfect(); iteration++) {
      if (this.draft && iteration >= DRAFT_ITERATIONS) {
        this.saved = { iteration, stale, bestCrossings, best, current: this.snapshot() };
        this.incomplete = true;
        break;
      }
      // Every other sweep lets whole clusters move to where their members are pulled.
      this.updateSigma(iteration % 2 === 1);
      const down = iteration % 2 === 0;
      const biasRight = iteration % 4 >= 2;
      this.sweep(down, biasRight);
      this.transpose();
      const crossings = this.totalCrossings();
      if (crossings < bestCrossings) {
        bestCrossings = crossings;
        best = this.snapshot();
        stale = 0;
      } else if (++stale >= 4) break;
    }
    this.restore(best);
    // Whole groups moved to every other place among their siblings, each followed by a short
    // re-sweep, kept when the drawing costs less (small diagrams: each try is a few sweeps).
    if (
      this.clusterCount > 1 &&
      this.clusterCount <= 16 &&
      g.vertexCount <= 1500 &&
      this.foreignPassCount() > 0 &&
      this.searching()
    )
      this.moveClusters();
    // Whole groups: adjacent siblings swapped in every layer at once, kept when that costs less.
    if (
      this.clusterCount > 1 &&
      this.clusterCount <= 200 &&
      g.vertexCount <= 4000 &&
      !this.perfect()
    ) {
      let cost = this.totalCrossings();
      for (let pass = 0; pass < 4; pass++) {
        const improved = this.transposeClusters(cost);
        if (improved >= cost) break;
        cost = improved;
        this.transpose();
        cost = Math.min(cost, this.totalCrossings());
      }
    }
    if (this.foreignPassCount() > 0 && g.vertexCount <= PAIR_MOVES_MAX_VERTICES && this.searching())
      this.slideRuns();
    this.ensureConsistentClusters();
  }

  /** Whether the search may run now (else it is noted as skipped). */
  private searching(): boolean {
    if (this.draft) this.incomplete = true;
    return !this.draft;
  }

  /**
   * Sibling clusters in one relative order in every layer (else their boxes would overlap and the
   * coordinates have no solution): checked, and when any pair disagrees, every layer is re-slotted
   * to one total order.
   */
  private ensureConsistentClusters(): void {
    const g = this.g;
    // Precedence between siblings (neighbouring blocks in some layer); a cycle is a contradiction.
    const after: number[][] = Array.from({ length: this.clusterCount }, () => []);
    const indegree = new Int32Array(this.clusterCount);
    for (const layer of g.layers) {
      const lastOfScope = new Map<number, number>();
      for (const v of layer) {
        if (g.kind[v] !== LEFT_BORDER) continue;
        const c = g.cluster[v] as number;
        const p = g.clusterParent[c] as number;
        const before = lastOfScope.get(p);
        lastOfScope.set(p, c);
        if (before === undefined) continue;
        (after[before] as number[]).push(c);
        indegree[c] = (indegree[c] as number) + 1;
      }
    }
    const queue: number[] = [];
    for (let c = 0; c < this.clusterCount; c++) if (indegree[c] === 0) queue.push(c);
    let done = 0;
    while (queue.length > 0) {
      const c = queue.pop() as number;
      done++;
      for (const d of after[c] as number[]) {
        indegree[d] = (indegree[d] as number) - 1;
        if (indegree[d] === 0) queue.push(d);
      }
    }
    if (done === this.clusterCount) return;
    this.updateSigma(false);
    this.reslotAll();
  }

  /** Foreign passes in the whole order (diagnostics). */
  foreignPassCount(): number {
    let n = 0;
    for (let l = 0; l + 1 < this.g.layerCount; l++) n += this.foreignPasses(l);
    return n;
  }

  private moveClusters(): void {
    const g = this.g;
    let best = this.snapshot();
    let bestCost = this.totalCrossings();
    // Orders already tried from the current best (moving A after B and B before A is one order):
    // the same start and order give the same result, so each is tried once until the best changes.
    let tried = new Set<string>();
    for (let pass = 0; pass < 2; pass++) {
      let improved = false;
      this.updateSigma(false);
      for (const siblings of this.siblingLists()) {
        if (siblings.length < 2) continue;
        for (const moving of siblings.slice()) {
          siblings.sort((a, b) => (this.sigma[a] as number) - (this.sigma[b] as number) || a - b);
          const others = siblings.filter((c) => c !== moving);
          for (let at = 0; at <= others.length; at++) {
            const order = [...others.slice(0, at), moving, ...others.slice(at)];
            if (order.every((c, k) => c === siblings[k])) continue;
            const key = order.join(',');
            if (tried.has(key)) continue;
            tried.add(key);
            const sigma = this.sigma;
            const trial = sigma.slice();
            order.forEach((c, k) => (trial[c] = k / order.length));
            const cost = this.tryOrder(best, trial);
            if (cost < bestCost) {
              bestCost = cost;
              best = this.snapshot();
              improved = true;
              tried = new Set();
              this.updateSigma(false);
            } else this.sigma = sigma;
          }
        }
      }
      this.restore(best);
      this.updateSigma(false);
      if (!improved) break;
    }
    if (this.foreignPassCount() > 0 && g.vertexCount <= PAIR_MOVES_MAX_VERTICES) this.movePairs();
  }

  /**
   * An edge passing over a foreign group because its own vertices (the dummies of a long edge, or
   * a node outside every group) were ordered on the far side of that group: the run of them beside
   * the group is moved across it, in every layer at once (one at a time would only move the pass),
   * kept when the drawing costs less (api-gateway TB: the dummies of Authenticated -> 401 ordered
   * around the API Consumer group).
   */
  private slideRuns(): void {
    const g = this.g;
    for (let round = 0; round < 4; round++) {
      let cost = this.totalCrossings();
      const passes: Array<[number, number, number]> = [];
      for (let l = 0; l + 1 < g.layerCount; l++)
        this.foreignPasses(l, (u, w, c) => passes.push([u, w, c]));
      if (passes.length === 0) return;
      let improved = false;
      for (const [u, w, c] of passes) {
        for (const [start, down] of [
          [w, true],
          [u, false],
        ] as const) {
          const run = this.runBeside(start, down, c);
          if (run.length === 0) continue;
          const saved = this.snapshot();
          for (const v of run) this.moveAcross(v, c);
          this.refreshPositions();
          const next = this.totalCrossings();
          if (next < cost) {
            cost = next;
            improved = true;
            break;
          }
          this.restore(saved);
        }
      }
      if (!improved) return;
    }
  }

  /**
   * From v along its edge (down or up), the vertices in the same scope as cluster c in layers where
   * c is present: dummies and label vertices, ending at the first real node.
   */
  private runBeside(v: number, down: boolean, c: number): number[] {
    const g = this.g;
    const layers = g.layerCount;
    const scope = g.clusterParent[c] as number;
    const start = down ? this.downStart : this.upStart;
    const list = down ? this.downList : this.upList;
    const run: number[] = [];
    let at = v;
    for (;;) {
      const kind = g.kind[at];
      if (kind === LEFT_BORDER || kind === RIGHT_BORDER) break;
      if (g.cluster[at] !== scope) break;
      if (!g.borders.has(c * layers + (g.layerOf[at] as number))) break;
      run.push(at);
      if (kind !== DUMMY && kind !== LABEL) break;
      const from = start[at] as number;
      if ((start[at + 1] as number) - from !== 1) break;
      at = list[from] as number;
    }
    return run;
  }

  /** Moves v to the other side of cluster c's block in v's layer, next to it. */
  private moveAcross(v: number, c: number): void {
    const g = this.g;
    const l = g.layerOf[v] as number;
    const layer = g.layers[l] as number[];
    const [left, right] = g.borders.get(c * g.layerCount + l) as [number, number];
    const before = layer.indexOf(v) < layer.indexOf(left);
    layer.splice(layer.indexOf(v), 1);
    if (before) layer.splice(layer.indexOf(right) + 1, 0, v);
    else layer.splice(layer.indexOf(left), 0, v);
  }

  /**
   * An edge over a foreign group often needs two groups moved at once (its end's group to the
   * other side of the group it passes, and with it the group its other edges lead to: corpus 12,
   * L2 Client and Transactions both above L2 System Contracts). So: each group involved in a
   * foreign pass (the one passed and those holding the ends) to every place among its siblings,
   * then each other sibling to every place, each pair followed by a short re-sweep; the cheapest
   * order is kept when it costs less than the current one.
   */
  private movePairs(): void {
    const g = this.g;
    const involved = new Set<number>();
    for (let l = 0; l + 1 < g.layerCount; l++)
      this.foreignPasses(l, (u, w, c) => {
        involved.add(c);
        for (const end of [u, w]) {
          const child = this.childIn(g.clusterParent[c] as number, end);
          if (child >= 0) involved.add(child);
        }
      });
    let best = this.snapshot();
    let bestCost = this.totalCrossings();
    this.updateSigma(false);
    const start = this.sigma.slice();
    let trials = 0;
    // Orders already tried since the best last changed: the same start (best), keys (start) and
    // order give the same cost, which did not beat the best then, so each is swept once. A repeat
    // still counts as a trial, so the work limit stops the search where it stopped before. (Moving
    // two groups reaches most orders several ways: 85 % of the tries on the batch benchmark's
    // diagrams were repeats.)
    let tried = new Set<string>();
    const maxTrials = Math.floor(PAIR_MOVES_WORK / Math.max(1, g.vertexCount));
    const place = (order: number[], at: Float64Array): void => {
      const keys = order.map((c) => at[c] as number).sort((a, b) => a - b);
      order.forEach((c, k) => (at[c] = keys[k] as number));
    };
    const moved = (order: number[], c: number, at: number): number[] => {
      const others = order.filter((d) => d !== c);
      return [...others.slice(0, at), c, ...others.slice(at)];
    };
    for (const first of [...involved].sort((a, b) => a - b)) {
      const scope = g.clusterParent[first] as number;
      const siblings: number[] = [];
      for (let c = 0; c < this.clusterCount; c++)
        if (g.clusterParent[c] === scope) siblings.push(c);
      if (siblings.length < 3) continue;
      siblings.sort((a, b) => (start[a] as number) - (start[b] as number) || a - b);
      for (let i = 0; i < siblings.length; i++) {
        const one = moved(siblings, first, i);
        for (const second of siblings) {
          if (second === first) continue;
          for (let j = 0; j < siblings.length; j++) {
            const order = moved(one, second, j);
            if (order.every((c, k) => c === siblings[k])) continue;
            if (++trials > maxTrials) break;
            const key = order.join(',');
            if (tried.has(key)) continue;
            tried.add(key);
            const trial = start.slice();
            place(order, trial);
            const cost = this.tryOrder(best, trial);
            if (cost < bestCost) {
              bestCost = cost;
              best = this.snapshot();
              tried = new Set();
              if (this.perfect()) {
                this.updateSigma(false);
                return;
              }
            }
          }
        }
      }
    }
    this.restore(best);
    this.updateSigma(false);
  }

  /**
   * One try of a cluster order (moveClusters, movePairs): from the layers `from`, with `sigma` as
   * the clusters' keys, every layer's blocks reslotted, two sweeps and a transpose; returns the
   * crossings. `sigma` stays the order's keys (a caller that goes on from the old ones keeps them).
   */
  private tryOrder(from: number[][], sigma: Float64Array): number {
    const key = this.repeatTrials ? null : this.trialKey(from, sigma);
    if (key !== null) {
      if (this.tried.has(key)) {
        this.repeatsSkipped++;
        return Infinity;
      }
      this.tried.add(key);
    }
    this.restore(from);
    this.sigma = sigma;
    this.reslotAll();
    for (let s = 0; s < 2; s++) this.sweep(s % 2 === 0, false);
    this.transpose();
    return this.totalCrossings();
  }

  /**
   * Trials already run (tryOrder), by the layers they started from and the order of every scope's
   * clusters under their keys. A trial depends on nothing else: the sweeps and the reslotting read
   * the keys only by comparing two siblings' (then their indexes), and the layers are restored
   * first. moveClusters and movePairs each skip their own repeats, but movePairs tries again
   * what moveClusters tried from the same layers (a group moved alone is a pair move with one
   * step; on the batch benchmark's diagrams a quarter of the trials were repeats). A repeat
   * cannot improve on the best: `from` is always the best order, whose cost only falls, so layers
   * seen before are the best of that time, which the first trial did not beat. It is answered
   * with Infinity (no improvement) without sweeping; the callers ignore what a trial that did
   * not improve left in the layers and keys.
   */
  private readonly tried = new Set<string>();

  /** Trials answered from `tried` (for tests). */
  repeatsSkipped = 0;

  /** tried's key of a trial; null (never skipped) when a key is not a finite number. */
  private trialKey(from: number[][], sigma: Float64Array): string | null {
    const g = this.g;
    const clusters: number[] = [];
    for (let c = 0; c < this.clusterCount; c++) {
      if (!Number.isFinite(sigma[c] as number)) return null;
      clusters.push(c);
    }
    clusters.sort(
      (a, b) =>
        (g.clusterParent[a] as number) - (g.clusterParent[b] as number) ||
        (sigma[a] as number) - (sigma[b] as number) ||
        a - b,
    );
    let key = clusters.join(',');
    for (const layer of from) key += `;${layer.join(',')}`;
    return key;
  }

  /** The clusters grouped by parent (top-level ones under -1), each list in index order. */
  private siblingLists(): number[][] {
    const byParent = new Map<number, number[]>();
    for (let c = 0; c < this.clusterCount; c++) {
      const p = this.g.clusterParent[c] as number;
      const list = byParent.get(p);
      if (list) list.push(c);
      else byParent.set(p, [c]);
    }
    return [...byParent.values()];
  }

  /** No crossing between edges and no edge over a foreign group: nothing left to improve. */
  private perfect(): boolean {
    return this.hopCrossings() === 0 && this.foreignPassCount() === 0;
  }

  /** One pass of cluster swaps; returns the cost after it. */
  private transposeClusters(cost: number): number {
    this.updateSigma(false);
    for (const siblings of this.siblingLists()) {
      if (siblings.length < 2) continue;
      siblings.sort((a, b) => (this.sigma[a] as number) - (this.sigma[b] as number) || a - b);
      for (let i = 0; i + 1 < siblings.length; i++) {
        const a = siblings[i] as number;
        const b = siblings[i + 1] as number;
        const saved = this.snapshot();
        const sigma = this.sigma.slice();
        const sa = this.sigma[a] as number;
        this.sigma[a] = this.sigma[b] as number;
        this.sigma[b] = sa;
        this.reslotAll();
        const next = this.totalCrossings();
        if (next < cost) {
          cost = next;
          siblings[i] = b;
          siblings[i + 1] = a;
        } else {
          this.sigma = sigma;
          this.restore(saved);
        }
      }
    }
    return cost;
  }

  /** Puts the cluster blocks of every layer in sigma order (at every depth). */
  private reslotAll(): void {
    for (let l = 0; l < this.g.layerCount; l++) this.reslotLayer(l, false);
    this.refreshPositions();
  }

  /** Puts the cluster blocks of layer l in sigma order (at every depth). */
  private reslotLayer(l: number, refresh = true): void {
    const g = this.g;
    {
      const layer = g.layers[l] as number[];
      const scopes = new Map<number, number[]>();
      for (const v of layer) {
        if (g.kind[v] !== LEFT_BORDER) continue;
        const c = g.cluster[v] as number;
        const p = g.clusterParent[c] as number;
        const list = scopes.get(p) ?? [];
        list.push(v);
        scopes.set(p, list);
      }
      let order = layer;
      for (const lefts of scopes.values()) {
        if (lefts.length < 2) continue;
        const sorted = lefts.slice();
        stableSort(
          sorted,
          (x, y) =>
            (this.sigma[g.cluster[x] as number] as number) -
              (this.sigma[g.cluster[y] as number] as number) ||
            (g.cluster[x] as number) - (g.cluster[y] as number),
        );
        order = this.reorderBlocks(order, lefts, sorted);
      }
      if (order !== layer) {
        layer.length = 0;
        for (const v of order) layer.push(v);
        if (refresh) layer.forEach((v, i) => (this.pos[v] = i));
      }
    }
  }

  /** The list with the blocks starting at `current` (in their order) refilled as `wanted`. */
  private reorderBlocks(vs: number[], current: number[], wanted: number[]): number[] {
    const g = this.g;
    const set = new Set(current);
    const blocks = new Map<number, number[]>();
    let i = 0;
    while (i < vs.length) {
      const v = vs[i] as number;
      if (set.has(v)) {
        const c = g.cluster[v] as number;
        let j = i + 1;
        while (!(g.kind[vs[j] as number] === RIGHT_BORDER && g.cluster[vs[j] as number] === c)) j++;
        blocks.set(v, vs.slice(i, j + 1));
        i = j + 1;
      } else i++;
    }
    const out: number[] = [];
    let next = 0;
    i = 0;
    while (i < vs.length) {
      const v = vs[i] as number;
      if (set.has(v)) {
        for (const w of blocks.get(wanted[next++] as number) as number[]) out.push(w);
        i += (blocks.get(v) as number[]).length;
      } else {
        out.push(v);
        i++;
      }
    }
    return out;
  }

  private snapshot(): number[][] {
    return this.g.layers.map((layer) => layer.slice());
  }

  private restore(layers: number[][]): void {
    layers.forEach((layer, l) => {
      const target = this.g.layers[l] as number[];
      target.length = 0;
      for (const v of layer) target.push(v);
    });
    this.refreshPositions();
  }

  private refreshPositions(): void {
    for (const layer of this.g.layers) layer.forEach((v, i) => (this.pos[v] = i));
  }

  /** Depth-first discovery order from the first layer down, then every layer sorted by it. */
  private initialOrder(): void {
    const g = this.g;
    const n = g.vertexCount;
    const visit = new Float64Array(n).fill(-1);
    let counter = 0;
    const stack: number[] = [];
    const byLayer = g.layers.flat();
    for (const root of byLayer) {
      if (visit[root] !== -1) continue;
      stack.push(root);
      while (stack.length > 0) {
        const v = stack.pop() as number;
        if (visit[v] !== -1) continue;
        visit[v] = counter++;
        // Push in reverse so the first neighbour is visited first.
        for (
          let k = (this.downStart[v + 1] as number) - 1;
          k >= (this.downStart[v] as number);
          k--
        ) {
          const w = this.downList[k] as number;
          if (visit[w] === -1) stack.push(w);
        }
      }
    }
    for (let l = 0; l < g.layerCount; l++) {
      const layer = g.layers[l] as number[];
      layer.sort((a, b) => (visit[a] as number) - (visit[b] as number));
    }
    this.refreshPositions();
    this.updateSigma();
    for (let l = 0; l < g.layerCount; l++) this.sortLayer(l, (v) => visit[v] as number, 1, false);
    this.refreshPositions();
  }

  /**
   * Each cluster's key among its siblings. `pulled`: where its members' neighbours pull it (the
   * mean relative position of the neighbours of every vertex inside it), so whole groups can move
   * past each other between sweeps; otherwise the mean relative position of its block now.
   */
  private updateSigma(pulled = false): void {
    const g = this.g;
    const layers = g.layerCount;
    const sum = new Float64Array(this.clusterCount);
    const count = new Float64Array(this.clusterCount);
    const relative = (v: number): number =>
      (this.pos[v] as number) /
      Math.max(1, (g.layers[g.layerOf[v] as number] as number[]).length - 1);
    if (pulled) {
      // Only edges leaving a cluster say where it should go; its inner edges only hold it in place.
      for (let v = 0; v < g.vertexCount; v++) {
        const kind = g.kind[v];
        if (kind === LEFT_BORDER || kind === RIGHT_BORDER) continue;
        if ((g.cluster[v] as number) < 0) continue;
        for (const [start, list, weights] of [
          [this.upStart, this.upList, this.upWeight],
          [this.downStart, this.downList, this.downWeight],
        ] as const) {
          for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
            const w = list[k] as number;
            const weight = weights[k] as number;
            const at = relative(w);
            const inner =
              g.kind[w] === LEFT_BORDER || g.kind[w] === RIGHT_BORDER
                ? -2
                : (g.cluster[w] as number);
            for (let c = g.cluster[v] as number; c >= 0; c = g.clusterParent[c] as number) {
              if (inner === -2 || g.encloses(c, inner)) break;
              sum[c] = (sum[c] as number) + weight * at;
              count[c] = (count[c] as number) + weight;
            }
          }
        }
      }
    }
    const sigma = new Float64Array(this.clusterCount);
    for (let c = 0; c < this.clusterCount; c++) {
      if ((count[c] as number) > 0) {
        sigma[c] = (sum[c] as number) / (count[c] as number);
        continue;
      }
      let s = 0;
      let n = 0;
      for (let l = g.spanTop[c] as number; l <= (g.spanBottom[c] as number); l++) {
        const pair = g.borders.get(c * layers + l);
        if (!pair) continue;
        s += relative(pair[0]);
        n++;
      }
      sigma[c] = n > 0 ? s / n : 0;
    }
    this.sigma = this.respectWishes(sigma);
  }

  /**
   * Sibling clusters a same-rank wish puts one before the other keep that order (a topological
   * order of those constraints, ties broken by the keys; a constraint closing a cycle is dropped).
   */
  private respectWishes(sigma: Float64Array): Float64Array {
    const g = this.g;
    if (this.siblingWishes.length === 0) return sigma;
    const out = sigma.slice();
    const byScope = new Map<number, Array<[number, number]>>();
    for (const [a, b, scope] of this.siblingWishes) {
      const list = byScope.get(scope) ?? [];
      list.push([a, b]);
      byScope.set(scope, list);
    }
    for (const [scope, pairs] of byScope) {
      const siblings: number[] = [];
      for (let c = 0; c < this.clusterCount; c++)
        if (g.clusterParent[c] === scope) siblings.push(c);
      const after = new Map<number, number[]>();
      const indegree = new Map<number, number>(siblings.map((c) => [c, 0] as const));
      const reaches = (from: number, to: number): boolean => {
        const stack = [from];
        const seen = new Set<number>([from]);
        while (stack.length > 0) {
          const c = stack.pop() as number;
          if (c === to) return true;
          for (const d of after.get(c) ?? [])
            if (!seen.has(d)) {
              seen.add(d);
              stack.push(d);
            }
        }
        return false;
      };
      for (const [a, b] of pairs) {
        if (a === b || reaches(b, a)) continue;
        after.set(a, [...(after.get(a) ?? []), b]);
        indegree.set(b, (indegree.get(b) as number) + 1);
      }
      const ready = siblings.filter((c) => indegree.get(c) === 0);
      const ordered: number[] = [];
      while (ready.length > 0) {
        ready.sort((x, y) => (sigma[y] as number) - (sigma[x] as number) || y - x);
        const c = ready.pop() as number;
        ordered.push(c);
        for (const d of after.get(c) ?? []) {
          indegree.set(d, (indegree.get(d) as number) - 1);
          if (indegree.get(d) === 0) ready.push(d);
        }
      }
      const keys = siblings.map((c) => sigma[c] as number).sort((x, y) => x - y);
      ordered.forEach((c, i) => (out[c] = keys[i] as number));
    }
    return out;
  }

  private sweep(down: boolean, biasRight: boolean): void {
    const g = this.g;
    const layers = g.layerCount;
    // The layer the sweep starts from is not re-sorted: its clusters still follow the old order.
    this.reslotLayer(down ? 0 : layers - 1);
    for (let step = 1; step < layers; step++) {
      const l = down ? step : layers - 1 - step;
      const fixedLayerSize = (g.layers[down ? l - 1 : l + 1] as number[]).length;
      const start = down ? this.upStart : this.downStart;
      const list = down ? this.upList : this.downList;
      const weights = down ? this.upWeight : this.downWeight;
      const bary = (v: number): number => {
        let sum = 0;
        let weight = 0;
        for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
          const w = weights[k] as number;
          sum += w * (this.pos[list[k] as number] as number);
          weight += w;
        }
        return weight > 0 ? sum / weight : NaN;
      };
      const weightOf = (v: number): number => {
        let weight = 0;
        for (let k = start[v] as number; k < (start[v + 1] as number); k++)
          weight += weights[k] as number;
        return weight;
      };
      void fixedLayerSize;
      this.sortLayer(l, bary, 0, biasRight, weightOf);
      (g.layers[l] as number[]).forEach((v, i) => (this.pos[v] = i));
    }
  }

  /**
   * Sorts layer l as a tree of clusters. `bary(v)` is a vertex's barycenter (NaN: none), `weightOf`
   * its weight in a block's barycenter (default 1 when it has a barycenter).
   */
  private sortLayer(
    l: number,
    bary: (v: number) => number,
    defaultWeight: number,
    biasRight: boolean,
    weightOf: (v: number) => number = () => defaultWeight || 1,
  ): void {
    const g = this.g;
    const layer = g.layers[l] as number[];
    const layers = g.layerCount;
    const statics = this.layerStatics(l);
    // Children of every scope present in this layer (vertices and sub-clusters), by cluster + 1.
    const children = this.children;
    children[0] = [];
    for (const c of statics.present) children[c + 1] = [];
    for (const v of layer) {
      const kind = g.kind[v] as number;
      if (kind === LEFT_BORDER || kind === RIGHT_BORDER) continue;
      let b = bary(v);
      let w = Number.isNaN(b) ? 0 : weightOf(v);
      // Pins: a glued wish's source last in the clusters it leaves, its target first.
      const pin = statics.pinned.get(v);
      if (pin !== undefined) {
        b = pin;
        w = Math.max(w, 1);
      }
      (children[(g.cluster[v] as number) + 1] as Entry[]).push(this.vertexEntry(v, b, w));
    }
    // Deepest clusters first, so a cluster's block is complete before its parent sorts it.
    for (const c of statics.present) {
      const list = children[c + 1] as Entry[];
      let sum = 0;
      let weight = 0;
      for (const e of list) {
        if (e.weight > 0) {
          sum += e.barycenter * e.weight;
          weight += e.weight;
        }
      }
      const vs = this.sortScope(c, list, l, biasRight);
      const pair = g.borders.get(c * layers + l) as [number, number];
      const block = [pair[0]];
      for (const v of vs) block.push(v);
      block.push(pair[1]);
      const pinned = statics.pinnedBlock.get(c);
      const entry = newEntry(
        block,
        pinned ?? (weight > 0 ? sum / weight : NaN),
        pinned === undefined ? weight : Math.max(weight, 1),
        this.pos[pair[0]] as number,
      );
      (children[(g.clusterParent[c] as number) + 1] as Entry[]).push(entry);
    }
    const top = this.sortScope(-1, children[0] as Entry[], l, biasRight);
    layer.length = 0;
    for (const v of top) layer.push(v);
  }

  private readonly children: Entry[][] = [];
  /**
   * Per vertex: its entry in the sorts (sortLayer), reset for each one (a sort keeps no entry past
   * its end, and merging makes new vertex lists, never changes one), so the sweeps allocate none.
   */
  private readonly entries: Entry[] = [];

  private vertexEntry(v: number, barycenter: number, weight: number): Entry {
    const index = this.pos[v] as number;
    const entry = this.entries[v];
    if (!entry) return (this.entries[v] = newEntry([v], barycenter, weight, index));
    if (entry.vs.length !== 1 || entry.vs[0] !== v) entry.vs = [v];
    entry.barycenter = barycenter;
    entry.weight = weight;
    entry.index = index;
    entry.indegree = 0;
    entry.ins = null;
    entry.outs = null;
    entry.merged = false;
    entry.glued = null;
    return entry;
  }
  private readonly statics = new Map<number, LayerStatics>();

  /** What does not change between sweeps in a layer: its clusters (deepest first) and pins. */
  private layerStatics(l: number): LayerStatics {
    let statics = this.statics.get(l);
    if (statics) return statics;
    const g = this.g;
    const present: number[] = [];
    for (const v of g.layers[l] as number[])
      if (g.kind[v] === LEFT_BORDER) present.push(g.cluster[v] as number);
    present.sort((a, b) => (g.clusterDepth[b] as number) - (g.clusterDepth[a] as number) || a - b);
    const pinned = new Map<number, number>();
    const pinnedBlock = new Map<number, number>();
    for (const [map, value] of [
      [this.pinLast, 1e9],
      [this.pinFirst, -1e9],
    ] as const) {
      for (const [c, v] of map) {
        if (g.layerOf[v] !== l) continue;
        if (g.cluster[v] === c) pinned.set(v, value);
        // The child cluster of c holding v goes last (first) among c's children.
        for (let d = g.cluster[v] as number; d >= 0; d = g.clusterParent[d] as number) {
          if (g.clusterParent[d] === c) pinnedBlock.set(d, value);
        }
      }
    }
    // Wishes by the scope where their ends meet, each end keyed as the scope's child holding it:
    // the vertex itself, or -2 - the child cluster.
    const wishes = new Map<number, Array<[number, number]>>();
    const keyIn = (scope: number, v: number): number => {
      let c = g.cluster[v] as number;
      if (c === scope) return v;
      while (g.clusterParent[c] !== scope) c = g.clusterParent[c] as number;
      return -2 - c;
    };
    for (const [a, b] of this.layerWishes[l] as Array<[number, number]>) {
      const scope = this.commonScope(a, b);
      const list = wishes.get(scope) ?? [];
      list.push([keyIn(scope, a), keyIn(scope, b)]);
      wishes.set(scope, list);
    }
    statics = { present, pinned, pinnedBlock, wishes };
    this.statics.set(l, statics);
    return statics;
  }

  /** The sorted vertex list of one scope's children (constraints applied). */
  private sortScope(scope: number, entries: Entry[], l: number, biasRight: boolean): number[] {
    const g = this.g;
    const glued = this.layerStatics(l).wishes.get(scope);
    let hasCluster = false;
    for (const e of entries) if (g.kind[e.vs[0] as number] === LEFT_BORDER) hasCluster = true;
    if (!hasCluster && !glued) {
      // Nothing constrains this scope: a plain barycenter sort.
      const out: number[] = [];
      for (const e of sortEntries(entries, biasRight)) for (const v of e.vs) out.push(v);
      return out;
    }
    // Sibling clusters in their global order: consecutive present ones constrained.
    const clusters = entries.filter((e) => g.kind[e.vs[0] as number] === LEFT_BORDER);
    stableSort(
      clusters,
      (a, b) =>
        (this.sigma[g.cluster[a.vs[0] as number] as number] as number) -
          (this.sigma[g.cluster[b.vs[0] as number] as number] as number) ||
        (g.cluster[a.vs[0] as number] as number) - (g.cluster[b.vs[0] as number] as number),
    );
    for (let k = 0; k + 1 < clusters.length; k++) constrain(clusters[k]!, clusters[k + 1]!, false);
    const clusterOrder = clusters.map((e) => e.vs[0] as number);
    // Glued wishes whose ends meet in this scope (each end: a vertex or the child cluster holding it).
    if (glued) {
      const byKey = new Map<number, Entry>();
      for (const e of entries) {
        const first = e.vs[0] as number;
        byKey.set(g.kind[first] === LEFT_BORDER ? -2 - (g.cluster[first] as number) : first, e);
      }
      for (const [a, b] of glued) {
        const ea = byKey.get(a);
        const eb = byKey.get(b);
        if (ea && eb && ea !== eb) constrain(ea, eb, true);
      }
    }
    const resolved = resolveConflicts(entries);
    const sorted: number[] = [];
    for (const e of sortEntries(resolved, biasRight)) for (const v of e.vs) sorted.push(v);
    return this.enforceClusterOrder(sorted, clusterOrder);
  }

  /**
   * Puts the sibling cluster blocks of a sorted scope in their global order (the slots the blocks
   * occupy are refilled in that order): two clusters that swapped places between layers would make
   * overlapping boxes, so this order is a hard rule, whatever the barycenters or glued wishes say.
   */
  private enforceClusterOrder(vs: number[], leftBordersInOrder: number[]): number[] {
    if (leftBordersInOrder.length < 2) return vs;
    const g = this.g;
    // Most sorts keep the order: checked first, block by block, without copying any.
    let inOrder = true;
    for (let i = 0, k = 0; i < vs.length && inOrder;) {
      const v = vs[i] as number;
      if (g.kind[v] === LEFT_BORDER) {
        const c = g.cluster[v] as number;
        let j = i + 1;
        while (!(g.kind[vs[j] as number] === RIGHT_BORDER && g.cluster[vs[j] as number] === c)) j++;
        if (v !== leftBordersInOrder[k++]) inOrder = false;
        i = j + 1;
      } else i++;
    }
    if (inOrder) return vs;
    const blocks = new Map<number, number[]>();
    let i = 0;
    const starts: number[] = [];
    while (i < vs.length) {
      const v = vs[i] as number;
      if (g.kind[v] === LEFT_BORDER) {
        const c = g.cluster[v] as number;
        let j = i + 1;
        while (!(g.kind[vs[j] as number] === RIGHT_BORDER && g.cluster[vs[j] as number] === c)) j++;
        blocks.set(v, vs.slice(i, j + 1));
        starts.push(v);
        i = j + 1;
      } else i++;
    }
    if (starts.every((v, k) => v === leftBordersInOrder[k])) return vs;
    const out: number[] = [];
    let next = 0;
    i = 0;
    while (i < vs.length) {
      const v = vs[i] as number;
      if (g.kind[v] === LEFT_BORDER && blocks.has(v)) {
        const block = blocks.get(leftBordersInOrder[next++] as number) as number[];
        for (const w of block) out.push(w);
        i += (blocks.get(v) as number[]).length;
      } else {
        out.push(v);
        i++;
      }
    }
    return out;
  }

  /** The child cluster of `scope` that holds v (-1: v is directly in scope, or outside it). */
  private childIn(scope: number, v: number): number {
    const g = this.g;
    for (let c = g.cluster[v] as number; c >= 0; c = g.clusterParent[c] as number)
      if (g.clusterParent[c] === scope) return c;
    return -1;
  }

  /** The innermost cluster holding both vertices (-1: top level). */
  private commonScope(a: number, b: number): number {
    const g = this.g;
    for (let c = g.cluster[a] as number; c >= 0; c = g.clusterParent[c] as number)
      if (g.encloses(c, g.cluster[b] as number)) return c;
    return -1;
  }

  /** Adjacent swaps inside a cluster while they reduce crossings (dot's transpose). */
  private transpose(): void {
    const g = this.g;
    const glued = this.gluedPairs;
    let improved = true;
    const passes = g.vertexCount > 5000 ? 2 : 8;
    for (let pass = 0; improved && pass < passes; pass++) {
      improved = false;
      for (let l = 0; l < g.layerCount; l++) {
        const layer = g.layers[l] as number[];
        for (let i = 0; i + 1 < layer.length; i++) {
          const u = layer[i] as number;
          const v = layer[i + 1] as number;
          if (g.kind[u] === LEFT_BORDER || g.kind[u] === RIGHT_BORDER) continue;
          if (g.kind[v] === LEFT_BORDER || g.kind[v] === RIGHT_BORDER) continue;
          if (g.cluster[u] !== g.cluster[v]) continue;
          if (
            glued.size > 0 &&
            (glued.has(u * g.vertexCount + v) || glued.has(v * g.vertexCount + u))
          )
            continue;
          if (this.pinned(u) || this.pinned(v)) continue;
          const before = this.pairCrossings(u, v);
          const after = this.pairCrossings(v, u);
          if (after < before) {
            layer[i] = v;
            layer[i + 1] = u;
            this.pos[v] = i;
            this.pos[u] = i + 1;
            improved = true;
          }
        }
      }
    }
  }

  /** The kept wishes' ends as `a * vertexCount + b`: transpose never swaps them. */
  private get gluedPairs(): Set<number> {
    if (this.glued) return this.glued;
    const n = this.g.vertexCount;
    this.glued = new Set();
    for (const list of this.layerWishes) for (const [a, b] of list) this.glued.add(a * n + b);
    return this.glued;
  }
  private glued: Set<number> | null = null;

  private pinned(v: number): boolean {
    const c = this.g.cluster[v] as number;
    return this.pinLast.get(c) === v || this.pinFirst.get(c) === v;
  }

  /** Crossings between the edges of u and v (u left of v) to both neighbouring layers. */
  private pairCrossings(u: number, v: number): number {
    return (
      this.sideCrossings(u, v, this.upStart, this.upList, this.upWeight) +
      this.sideCrossings(u, v, this.downStart, this.downList, this.downWeight)
    );
  }

  /** pairCrossings on one side (the layer above or the one below). */
  private sideCrossings(
    u: number,
    v: number,
    start: Int32Array,
    list: Int32Array,
    weights: Float64Array,
  ): number {
    let total = 0;
    for (let i = start[u] as number; i < (start[u + 1] as number); i++) {
      const pu = this.pos[list[i] as number] as number;
      const wu = weights[i] as number;
      for (let j = start[v] as number; j < (start[v + 1] as number); j++) {
        if ((this.pos[list[j] as number] as number) < pu) total += wu * (weights[j] as number);
      }
    }
    return total;
  }

  /** Weighted crossings of the whole drawing (hops and cluster borders) and foreign passes. */
  totalCrossings(): number {
    const g = this.g;
    const { upper, lower, weight } = this.segments;
    let total = 0;
    for (let l = 0; l + 1 < g.layerCount; l++) {
      total += FOREIGN_PASS_COST * this.foreignPasses(l);
      let count = 0;
      for (const v of g.layers[l] as number[]) {
        for (let k = this.downStart[v] as number; k < (this.downStart[v + 1] as number); k++) {
          upper[count] = this.pos[v] as number;
          lower[count] = this.pos[this.downList[k] as number] as number;
          weight[count] = this.downWeight[k] as number;
          count++;
        }
      }
      total += bilayerCrossings(upper, lower, weight, (g.layers[l + 1] as number[]).length, count);
    }
    return total;
  }

  /** The segments between two layers, reused by every count (upper, lower position, weight). */
  private get segments(): { upper: Int32Array; lower: Int32Array; weight: Float64Array } {
    const size = this.downList.length;
    this.segmentBuffers ??= {
      upper: new Int32Array(size),
      lower: new Int32Array(size),
      weight: new Float64Array(size),
    };
    return this.segmentBuffers;
  }
  private segmentBuffers: { upper: Int32Array; lower: Int32Array; weight: Float64Array } | null =
    null;

  /**
   * Hops between layers l and l + 1 that pass over a cluster present in both layers while neither
   * end is inside it (the route would have to cross that group).
   */
  private foreignPasses(l: number, seen?: (u: number, w: number, c: number) => void): number {
    const g = this.g;
    const spans = g.clusterSpans(l, this.pos);
    if (spans.length === 0) return 0;
    let passes = 0;
    for (const u of g.layers[l] as number[]) {
      const ku = g.kind[u];
      if (ku === LEFT_BORDER || ku === RIGHT_BORDER) continue;
      const pu = this.pos[u] as number;
      for (let k = this.downStart[u] as number; k < (this.downStart[u + 1] as number); k++) {
        const w = this.downList[k] as number;
        const pw = this.pos[w] as number;
        for (const span of spans) {
          const c = span[0];
          if (
            passesOver(span, pu, pw) &&
            !g.encloses(c, g.cluster[u] as number) &&
            !g.encloses(c, g.cluster[w] as number)
          ) {
            passes++;
            seen?.(u, w, c);
          }
        }
      }
    }
    return passes;
  }

  /** Real crossings only (hop against hop, weight 1 each), for reports. */
  hopCrossings(): number {
    const g = this.g;
    const { upper, lower, weight } = this.segments;
    let total = 0;
    for (let l = 0; l + 1 < g.layerCount; l++) {
      let count = 0;
      for (const v of g.layers[l] as number[]) {
        if (g.kind[v] === LEFT_BORDER || g.kind[v] === RIGHT_BORDER) continue;
        for (let k = this.downStart[v] as number; k < (this.downStart[v + 1] as number); k++) {
          upper[count] = this.pos[v] as number;
          lower[count] = this.pos[this.downList[k] as number] as number;
          weight[count] = 1;
          count++;
        }
      }
      total += bilayerCrossings(upper, lower, weight, (g.layers[l + 1] as number[]).length, count);
    }
    return total;
  }
}

function newEntry(vs: number[], barycenter: number, weight: number, index: number): Entry {
  return {
    vs,
    barycenter,
    weight,
    index,
    indegree: 0,
    ins: null,
    outs: null,
    merged: false,
    glued: null,
  };
}

function constrain(a: Entry, b: Entry, glue: boolean): void {
  (a.outs ??= []).push(b);
  b.indegree++;
  if (glue) {
    a.glued ??= new Set();
    a.glued.add(b);
  }
}

/**
 * dagre's resolveConflicts: walks the constraint graph from its sources and merges an entry with a
 * predecessor that its barycenter would put after it (or that is glued to it), keeping the
 * predecessor's vertices first.
 */
function resolveConflicts(entries: Entry[]): Entry[] {
  const sources = entries.filter((e) => e.indegree === 0).reverse();
  const visited: Entry[] = [];
  while (sources.length > 0) {
    const entry = sources.pop() as Entry;
    visited.push(entry);
    const ins = entry.ins ?? [];
    // Latest first (merging touches neither this list nor the entries it holds but `merged`).
    for (let k = ins.length - 1; k >= 0; k--) {
      const u = ins[k] as Entry;
      if (u.merged) continue;
      const glued = u.glued?.has(entry) ?? false;
      if (
        glued ||
        Number.isNaN(u.barycenter) ||
        Number.isNaN(entry.barycenter) ||
        u.barycenter >= entry.barycenter
      )
        merge(entry, u);
    }
    for (const w of entry.outs ?? []) {
      (w.ins ??= []).push(entry);
      if (--w.indegree === 0) sources.push(w);
    }
  }
  // Entries in a constraint cycle (cannot happen: constraints follow one order) are kept as they are.
  if (visited.length < entries.length) {
    const seen = new Set(visited);
    for (const e of entries) if (!seen.has(e) && !e.merged) visited.push(e);
  }
  return visited.filter((e) => !e.merged);
}

function merge(target: Entry, source: Entry): void {
  let sum = 0;
  let weight = 0;
  if (target.weight > 0 && !Number.isNaN(target.barycenter)) {
    sum += target.barycenter * target.weight;
    weight += target.weight;
  }
  if (source.weight > 0 && !Number.isNaN(source.barycenter)) {
    sum += source.barycenter * source.weight;
    weight += source.weight;
  }
  target.vs = source.vs.concat(target.vs);
  target.barycenter = weight > 0 ? sum / weight : NaN;
  target.weight = weight;
  target.index = Math.min(source.index, target.index);
  if (source.glued) {
    target.glued ??= new Set();
    for (const e of source.glued) target.glued.add(e);
  }
  source.merged = true;
}

/**
 * dagre's sort: entries with a barycenter in barycenter order (ties by current index, or reversed
 * when biased right), the others kept at their current index.
 */
function sortEntries(entries: Entry[], biasRight: boolean): Entry[] {
  const sortable: Entry[] = [];
  const unsortable: Entry[] = [];
  for (const e of entries) (Number.isNaN(e.barycenter) ? unsortable : sortable).push(e);
  stableSort(
    sortable,
    (a, b) => a.barycenter - b.barycenter || (biasRight ? b.index - a.index : a.index - b.index),
  );
  if (unsortable.length === 0) return sortable;
  stableSort(unsortable, (a, b) => b.index - a.index);
  const out: Entry[] = [];
  const consume = (): void => {
    while (
      unsortable.length > 0 &&
      (unsortable[unsortable.length - 1] as Entry).index <= out.length
    )
      out.push(unsortable.pop() as Entry);
  };
  consume();
  for (const e of sortable) {
    out.push(e);
    consume();
  }
  while (unsortable.length > 0) out.push(unsortable.pop() as Entry);
  return out;
}

/** Lists up to this long are sorted by insertion (stableSort). */
const INSERTION_SORT_MAX = 16;

/**
 * Sorts in place, stably, as Array.prototype.sort does (a stable sort has one result for a
 * consistent comparison): short lists, the many scopes of a few entries the sweeps sort, by
 * insertion, without the built-in sort's work array.
 */
function stableSort<T>(list: T[], compare: (a: T, b: T) => number): void {
  if (list.length > INSERTION_SORT_MAX) {
    list.sort(compare);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as T, item) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = item;
  }
}

function csr(lists: number[][]): [Int32Array, Int32Array, Float64Array] {
  const n = lists.length;
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++)
    start[v + 1] = (start[v] as number) + (lists[v] as number[]).length / 2;
  const list = new Int32Array(start[n] as number);
  const weight = new Float64Array(start[n] as number);
  for (let v = 0; v < n; v++) {
    const src = lists[v] as number[];
    let at = start[v] as number;
    for (let k = 0; k < src.length; k += 2) {
      list[at] = src[k] as number;
      weight[at] = src[k + 1] as number;
      at++;
    }
  }
  return [start, list, weight];
}

export { REAL };
