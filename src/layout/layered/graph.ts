/**
 * The layered graph: real nodes, the dummies that carry long edges and labels through the ranks
 * between their ends, and two border vertices per cluster per layer it spans (its left and right
 * border there), with the layers as ordered lists. Every edge is a chain of vertices from its upper
 * end to its lower end; consecutive vertices of a chain are a "hop" between neighbouring layers.
 *
 * Ranks are compressed so that every layer holds a real node or a label: a rank holding only
 * dummies would add a channel and two bends to every edge through it for nothing.
 *
 * A dummy belongs to a cluster: in the upper half of its edge to the deepest cluster holding both
 * ends (an edge leaving a group leaves it at once, as in dot, where the virtual nodes of an edge
 * between clusters belong to neither), in the lower half to the deepest cluster of the lower end that
 * spans its layer (it enters its target's group where the group begins); half way (the label of an
 * edge two ranks long) to that lower cluster when one of its nodes is in the layer, else as in the
 * upper half. Kept inside the source's group down to where that group ended, the dummies and labels
 * of edges to a group beside it made the source's box as deep as all of them and pushed the other
 * group out beside it (the held-out set's storage diagrams: a management group holding eight labels
 * of edges to the guest group).
 */
import type { LayeredInput } from './input.js';
import type { Ranking } from './rank.js';

export const REAL = 0;
export const DUMMY = 1;
export const LABEL = 2;
export const LEFT_BORDER = 3;
export const RIGHT_BORDER = 4;
/** Where an edge on a node's left or right side turns towards its channel (beside the node). */
export const PORT = 5;

export type EdgeShape = 'chain' | 'flat' | 'loop';

export interface Hop {
  upper: number;
  lower: number;
  edge: number;
  weight: number;
}

/** A cluster in two consecutive layers: [cluster, left and right in the upper, left and right in the lower]. */
export type ClusterSpan = [number, number, number, number, number];

/** Whether a hop from `upper` to `lower` (positions) passes over the cluster: from one side of it to the other. */
export function passesOver(span: ClusterSpan, upper: number, lower: number): boolean {
  const [, a0, a1, b0, b1] = span;
  return (upper < a0 && lower > b1) || (upper > a1 && lower < b0);
}

export class LayeredGraph {
  readonly kind: number[] = [];
  readonly layerOf: number[] = [];
  /** Real/dummy: innermost cluster (-1 top level); border: the cluster it bounds. */
  readonly cluster: number[] = [];
  /** Dummies: the edge they carry; -1 otherwise. */
  readonly edgeOf: number[] = [];
  /** Across-flow and along-flow size (labels: the label's; dummies and borders: 0). */
  readonly width: number[] = [];
  readonly height: number[] = [];
  readonly layers: number[][] = [];
  readonly hops: Hop[] = [];
  /** Per edge: its hops, from the upper end down. */
  readonly edgeHops: number[][] = [];
  /** Per edge: its vertices from upper end to lower end (chain), or its two ends (flat, loop). */
  readonly chains: number[][] = [];
  readonly shape: EdgeShape[] = [];
  /** Per edge: true when its source is the chain's lower end (it runs against the flow). */
  readonly reversed: boolean[] = [];
  /** Per edge: the vertex carrying its label, or -1. */
  readonly labelVertex: number[] = [];
  /** Per cluster: first and last layer (-1 when empty), parent, depth, children. */
  readonly spanTop: number[] = [];
  readonly spanBottom: number[] = [];
  readonly clusterParent: number[];
  readonly clusterDepth: number[];
  /** Per cluster and layer: its border vertices ([left, right]), keyed cluster * layers + layer. */
  readonly borders = new Map<number, [number, number]>();
  readonly nodeCount: number;
  /** Port vertices: the node each stands beside. */
  readonly portOwner = new Map<number, number>();

  constructor(
    readonly input: LayeredInput,
    ranking: Ranking,
  ) {
    const { nodes, clusters, edges } = input;
    this.nodeCount = nodes.length;
    this.clusterParent = clusters.map((c) => c.parent);
    this.clusterDepth = [];
    for (const c of clusters)
      this.clusterDepth.push(c.parent < 0 ? 0 : (this.clusterDepth[c.parent] as number) + 1);
    const rank = ranking.rank;

    // Label ranks: right after the source for a decision's branch (its label stays by the
    // diamond), else the middle rank between the two ends. A longer edge whose rank is not taken
    // yet puts its label in the nearest rank between its ends that holds a node or a label of an
    // edge with no other choice (dot's labels sit in ranks of nodes too): a rank of its own adds a
    // layer, the label's height and two channels, to the edges passing it without a label as well.
    const wantedRank = edges.map((edge) => {
      if (!edge.label || edge.from === edge.to) return null;
      const rf = rank[edge.from] as number;
      const rt = rank[edge.to] as number;
      if (Math.abs(rf - rt) < 2) return null;
      const step = Math.sign(rt - rf);
      if (nodes[edge.from]?.shape === 'diamond') return rf + step;
      return rf + step * Math.floor(Math.abs(rt - rf) / 2);
    });
    const taken = new Set<number>(rank);
    edges.forEach((edge, k) => {
      const r = wantedRank[k];
      if (
        r !== null &&
        r !== undefined &&
        Math.abs((rank[edge.to] as number) - (rank[edge.from] as number)) === 2
      )
        taken.add(r);
    });
    const labelRank = edges.map((edge, k) => {
      const wanted = wantedRank[k] ?? null;
      if (wanted === null || taken.has(wanted)) return wanted;
      const rf = rank[edge.from] as number;
      const rt = rank[edge.to] as number;
      const step = Math.sign(rt - rf);
      let best: number | null = null;
      for (let r = rf + step; r !== rt; r += step) {
        if (!taken.has(r)) continue;
        if (best === null || Math.abs(r - wanted) < Math.abs(best - wanted)) best = r;
      }
      return best ?? wanted;
    });
    // Compress: keep ranks with a real node or a label.
    const used = new Set<number>(rank);
    for (const r of labelRank) if (r !== null) used.add(r);
    const sorted = [...used].sort((a, b) => a - b);
    const dense = new Map(sorted.map((r, k) => [r, k] as const));
    const layerCount = sorted.length;
    for (let l = 0; l < layerCount; l++) this.layers.push([]);
    const layerOfRank = (r: number): number => dense.get(r) as number;

    for (let v = 0; v < nodes.length; v++) {
      const node = nodes[v]!;
      this.addVertex(
        REAL,
        layerOfRank(rank[v] as number),
        node.cluster,
        -1,
        node.width,
        node.height,
      );
    }
    this.computeSpans(layerCount);

    edges.forEach((edge, k) => {
      this.labelVertex.push(-1);
      this.edgeHops.push([]);
      if (edge.from === edge.to) {
        this.chains.push([edge.from, edge.to]);
        this.shape.push('loop');
        this.reversed.push(false);
        return;
      }
      const lf = this.layerOf[edge.from] as number;
      const lt = this.layerOf[edge.to] as number;
      if (lf === lt) {
        this.chains.push([edge.from, edge.to]);
        this.shape.push('flat');
        this.reversed.push(false);
        return;
      }
      const reversed = lt < lf;
      const upper = reversed ? edge.to : edge.from;
      const lower = reversed ? edge.from : edge.to;
      const lu = Math.min(lf, lt);
      const ll = Math.max(lf, lt);
      const labelLayer = labelRank[k] === null ? -1 : layerOfRank(labelRank[k] as number);
      const chain = [upper];
      for (let l = lu + 1; l < ll; l++) {
        const isLabel = l === labelLayer && edge.label !== null;
        // A decision's branch label stays by its diamond (labels.ts keeps it within reach), so in
        // the diamond's group.
        const cluster =
          isLabel && nodes[edge.from]?.shape === 'diamond'
            ? this.deepestSpanning(edge.from, l)
            : this.dummyCluster(upper, lower, l, lu, ll);
        const v = this.addVertex(
          isLabel ? LABEL : DUMMY,
          l,
          cluster,
          k,
          isLabel ? (edge.label?.width ?? 0) : 0,
          isLabel ? (edge.label?.height ?? 0) : 0,
        );
        if (isLabel) this.labelVertex[k] = v;
        chain.push(v);
      }
      chain.push(lower);
      this.chains.push(chain);
      this.shape.push('chain');
      this.reversed.push(reversed);
      for (let i = 0; i + 1 < chain.length; i++) {
        const a = chain[i] as number;
        const b = chain[i + 1] as number;
        (this.edgeHops[k] as number[]).push(this.hops.length);
        this.hops.push({ upper: a, lower: b, edge: k, weight: this.hopWeight(a, b) });
      }
    });
    // Border vertices: every cluster, in every layer of its span.
    clusters.forEach((_, c) => {
      const top = this.spanTop[c] as number;
      const bottom = this.spanBottom[c] as number;
      for (let l = top; l >= 0 && l <= bottom; l++) {
        const left = this.addVertex(LEFT_BORDER, l, c, -1, 0, 0);
        const right = this.addVertex(RIGHT_BORDER, l, c, -1, 0, 0);
        this.borders.set(c * layerCount + l, [left, right]);
      }
    });
  }

  /** dot's weights: 1 between real nodes, 2 with one dummy, 8 between dummies (long edges straight). */
  hopWeight(a: number, b: number): number {
    const dummies = Number(this.kind[a] !== REAL) + Number(this.kind[b] !== REAL);
    return dummies === 2 ? 8 : dummies === 1 ? 2 : 1;
  }

  /**
   * Adds a port vertex beside node v (in its layer, `at` places from it towards `side`, 0 = next to
   * it) and moves the end of hop h that is at v onto it. The layer order must be final.
   */
  addPort(v: number, side: 'left' | 'right', at: number, h: number): number {
    const edge = h >= 0 ? (this.hops[h] as Hop).edge : -1;
    const l = this.layerOf[v] as number;
    const layer = this.layers[l] as number[];
    const p = this.kind.length;
    this.kind.push(PORT);
    this.layerOf.push(l);
    this.cluster.push(this.cluster[v] as number);
    this.edgeOf.push(edge);
    this.width.push(0);
    this.height.push(0);
    this.portOwner.set(p, v);
    const index = layer.indexOf(v);
    layer.splice(side === 'right' ? index + 1 + at : index - at, 0, p);
    if (h < 0) return p;
    const hop = this.hops[h] as Hop;
    if (hop.upper === v) hop.upper = p;
    else hop.lower = p;
    hop.weight = this.hopWeight(hop.upper, hop.lower);
    return p;
  }

  get layerCount(): number {
    return this.layers.length;
  }

  get vertexCount(): number {
    return this.kind.length;
  }

  private addVertex(
    kind: number,
    layer: number,
    cluster: number,
    edge: number,
    width: number,
    height: number,
  ): number {
    const v = this.kind.length;
    this.kind.push(kind);
    this.layerOf.push(layer);
    this.cluster.push(cluster);
    this.edgeOf.push(edge);
    this.width.push(width);
    this.height.push(height);
    (this.layers[layer] as number[]).push(v);
    return v;
  }

  /** First and last layer of every cluster (its nodes and its sub-clusters'); empty ones get layer 0. */
  private computeSpans(layerCount: number): void {
    const clusters = this.input.clusters;
    const top = new Array<number>(clusters.length).fill(Infinity);
    const bottom = new Array<number>(clusters.length).fill(-Infinity);
    for (let v = 0; v < this.nodeCount; v++) {
      const l = this.layerOf[v] as number;
      for (let c = this.cluster[v] as number; c >= 0; c = this.clusterParent[c] as number) {
        top[c] = Math.min(top[c] as number, l);
        bottom[c] = Math.max(bottom[c] as number, l);
      }
    }
    // Empty clusters (no node at any depth) are drawn as a small box in the first layer.
    for (let c = clusters.length - 1; c >= 0; c--) {
      if (top[c] === Infinity) {
        top[c] = 0;
        bottom[c] = 0;
        for (let p = this.clusterParent[c] as number; p >= 0; p = this.clusterParent[p] as number) {
          top[p] = Math.min(top[p] as number, 0);
          bottom[p] = Math.max(bottom[p] as number, 0);
        }
      }
    }
    for (let c = 0; c < clusters.length; c++) {
      this.spanTop.push(Math.min(top[c] as number, layerCount - 1));
      this.spanBottom.push(Math.max(0, bottom[c] as number));
    }
  }

  /** Per cluster and layer (keyed cluster * layers + layer): whether a node of it lies there. */
  private nodeLayers: Set<number> | null = null;

  /** Whether a node of cluster c (at any depth) lies in layer l. */
  private holdsNodeIn(c: number, l: number): boolean {
    const layers = this.layers.length;
    if (!this.nodeLayers) {
      this.nodeLayers = new Set();
      for (let v = 0; v < this.nodeCount; v++)
        for (let d = this.cluster[v] as number; d >= 0; d = this.clusterParent[d] as number)
          this.nodeLayers.add(d * layers + (this.layerOf[v] as number));
    }
    return this.nodeLayers.has(c * layers + l);
  }

  /** Whether cluster c spans layer l. */
  spans(c: number, l: number): boolean {
    return (this.spanTop[c] as number) <= l && l <= (this.spanBottom[c] as number);
  }

  /** The deepest cluster holding vertex v that spans layer l (-1: the top level). */
  private deepestSpanning(v: number, l: number): number {
    for (let c = this.cluster[v] as number; c >= 0; c = this.clusterParent[c] as number)
      if (this.spans(c, l)) return c;
    return -1;
  }

  private dummyCluster(upper: number, lower: number, l: number, lu: number, ll: number): number {
    if (l - lu > ll - l) return this.deepestSpanning(lower, l);
    // Half way (a label of an edge two ranks long): in the lower end's group when that group has a
    // node in this layer. Outside it, the label stood beside the group's box, beyond its nodes, and
    // its edge went around the box to enter it from the far side (held-out set 11, corpus 14).
    if (l - lu === ll - l) {
      const c = this.deepestSpanning(lower, l);
      if (c >= 0 && this.holdsNodeIn(c, l)) return c;
    }
    // The deepest cluster holding both ends (it spans every layer between them).
    const inner = this.cluster[lower] as number;
    let c = this.cluster[upper] as number;
    while (c >= 0 && !this.encloses(c, inner)) c = this.clusterParent[c] as number;
    return c;
  }

  /**
   * The clusters present in both layer l and layer l + 1, each as a `ClusterSpan` of positions in
   * `pos` (a vertex's place in its layer, or its coordinate): what a hop between the two layers
   * may pass over (`passesOver`).
   */
  clusterSpans(l: number, pos: ArrayLike<number>): ClusterSpan[] {
    const layers = this.layerCount;
    const spans: ClusterSpan[] = [];
    for (const v of this.layers[l] as number[]) {
      if (this.kind[v] !== LEFT_BORDER) continue;
      const c = this.cluster[v] as number;
      const below = this.borders.get(c * layers + l + 1);
      if (!below) continue;
      const above = this.borders.get(c * layers + l) as [number, number];
      spans.push([
        c,
        pos[above[0]] as number,
        pos[above[1]] as number,
        pos[below[0]] as number,
        pos[below[1]] as number,
      ]);
    }
    return spans;
  }

  /** Whether cluster `outer` is `inner` or one of its ancestors. */
  encloses(outer: number, inner: number): boolean {
    if (outer < 0) return true;
    for (let c = inner; c >= 0; c = this.clusterParent[c] as number) if (c === outer) return true;
    return false;
  }
}
