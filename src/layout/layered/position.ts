/**
 * Coordinates across the flow (internal x), as dot computes them: network simplex on an auxiliary
 * graph whose optimum is the drawing with the least weighted horizontal edge length (every hop's
 * `|x_a + offset_a − x_b − offset_b|`, weighted 1 between real nodes, 2 with one dummy, 8 between
 * dummies so long edges run straight), subject to the separations the layer orders ask for.
 *
 * Every cluster has ONE left and ONE right border variable shared by all its layers, so its box is
 * a rectangle that contains its members in every layer it spans and keeps every other vertex of
 * those layers outside: clusters never overlap anything, by construction.
 */
import {
  DUMMY,
  LABEL,
  LEFT_BORDER,
  passesOver,
  PORT,
  REAL,
  RIGHT_BORDER,
  type Hop,
  type LayeredGraph,
} from './graph.js';
import type { EdgePlan, PortPlan } from './ports.js';
import { LINE_GAP, STUB } from './ports.js';
import { networkSimplex } from './simplex.js';
import { DisjointSets } from '../../util/disjoint-sets.js';

export interface Spacing {
  /** Between two nodes (or labels) of a layer. */
  nodeSep: number;
  /** Between a node and a dummy (an edge passing by). */
  nodeDummySep: number;
  /** Between two dummies (parallel edges): at least LINE_GAP. */
  dummySep: number;
  /** From a cluster's border to the nodes, labels and clusters it holds (edges keep EDGE_PAD). */
  clusterPad: number;
  /** From a cluster's title band to the nodes and labels under it (edges keep EDGE_PAD). */
  headerGap: number;
  /** From a cluster's border to what lies outside it, and between sibling clusters. */
  clusterMargin: number;
}

/**
 * From a group's border or title band to an edge running along it inside, px: the issue asks for
 * at least 12, and more than 12 keeps every measure from counting it as hugging the border.
 */
export const EDGE_PAD = 14;

export interface XResult {
  x: Float64Array;
  clusterLeft: Float64Array;
  clusterRight: Float64Array;
}

export function assignX(
  g: LayeredGraph,
  plan: PortPlan,
  spacing: Spacing,
  headerSide: string,
  /** Cost of each px of the drawing's width, against the edges' weighted horizontal length. */
  widthWeight = 0,
): XResult {
  const n = g.vertexCount;
  const clusters = g.input.clusters;
  const clusterVar = (c: number, right: boolean): number => n + 2 * c + (right ? 1 : 0);
  const block = straightBlocks(g, plan);
  const varOf = (v: number): number => {
    const kind = g.kind[v];
    if (kind === LEFT_BORDER) return clusterVar(g.cluster[v] as number, false);
    if (kind === RIGHT_BORDER) return clusterVar(g.cluster[v] as number, true);
    return block[v] as number;
  };
  let vars = n + 2 * clusters.length;
  const tail: number[] = [];
  const head: number[] = [];
  const minlen: number[] = [];
  const weight: number[] = [];
  // Separations: one constraint per ordered pair of variables (the largest asked).
  const separation = new Map<number, number>();
  const separate = (a: number, b: number, gap: number): void => {
    const key = a * (n + 2 * clusters.length) + b;
    const old = separation.get(key);
    if (old === undefined || gap > old) separation.set(key, gap);
  };
  const leftReach = (v: number): number => (g.width[v] as number) / 2 + (plan.marginLeft[v] ?? 0);
  const rightReach = (v: number): number => (g.width[v] as number) / 2 + (plan.marginRight[v] ?? 0);
  const headerLeft = headerSide === 'left';
  // From a cluster's border to what it holds: a node or a label keeps clusterPad, an edge (a dummy,
  // a port's lane, loops beside a node) keeps EDGE_PAD (edges 12 px clear of group borders).
  const padOf = (v: number, side: 'left' | 'right'): number => {
    const k = g.kind[v];
    const lanes = side === 'left' ? plan.marginLeft[v] : plan.marginRight[v];
    const solid = (k === REAL || k === LABEL) && !lanes;
    return solid ? spacing.clusterPad : Math.max(spacing.clusterPad, EDGE_PAD);
  };
  // From a cluster's border to a vertex outside it, likewise.
  const marginOf = (v: number, side: 'left' | 'right'): number =>
    padOf(v, side) === spacing.clusterPad
      ? spacing.clusterMargin
      : Math.max(spacing.clusterMargin, EDGE_PAD);
  // Under a title band (LR, RL: the band on the internal left) a node keeps headerGap.
  const headerPad = (pad: number): number =>
    pad === spacing.clusterPad ? spacing.headerGap : Math.max(spacing.headerGap, EDGE_PAD);
  const sepBetween = (a: number, b: number): number => {
    const ka = g.kind[a] as number;
    const kb = g.kind[b] as number;
    const solid = (k: number): boolean => k === REAL || k === LABEL;
    // A port beside its own node: the stub; beside another port of the same node: one line apart.
    if (kb === PORT && ka === REAL && portOwner(g, b) === a) return STUB;
    if (ka === PORT && kb === REAL && portOwner(g, a) === b) return STUB;
    if (ka === PORT && kb === PORT && portOwner(g, a) === portOwner(g, b)) return LINE_GAP;
    if (solid(ka) && solid(kb)) return spacing.nodeSep;
    if (solid(ka) || solid(kb)) return spacing.nodeDummySep;
    return spacing.dummySep;
  };
  for (const layer of g.layers) {
    for (let i = 0; i + 1 < layer.length; i++) {
      const a = layer[i] as number;
      const b = layer[i + 1] as number;
      const ka = g.kind[a] as number;
      const kb = g.kind[b] as number;
      const aBorder = ka === LEFT_BORDER || ka === RIGHT_BORDER;
      const bBorder = kb === LEFT_BORDER || kb === RIGHT_BORDER;
      let gap: number;

      if (!aBorder && !bBorder) gap = rightReach(a) + sepBetween(a, b) + leftReach(b);
      else if (!aBorder) {
        // vertex then a border: entering a sibling cluster (left) or closing its own (right)
        gap = rightReach(a) + (kb === LEFT_BORDER ? marginOf(a, 'right') : padOf(a, 'right'));
      } else if (!bBorder) {
        const pad = headerLeft
          ? headerPad(padOf(b, 'left')) + headerThickness(g, g.cluster[a] as number)
          : padOf(b, 'left');
        gap = (ka === LEFT_BORDER ? pad : marginOf(b, 'left')) + leftReach(b);
      } else if (ka === LEFT_BORDER && kb === LEFT_BORDER) {
        gap = headerLeft
          ? headerPad(spacing.clusterPad) + headerThickness(g, g.cluster[a] as number)
          : spacing.clusterPad;
      } else if (ka === RIGHT_BORDER && kb === RIGHT_BORDER) {
        gap = spacing.clusterPad;
      } else if (ka === LEFT_BORDER && kb === RIGHT_BORDER) {
        gap =
          2 * spacing.clusterPad + (headerLeft ? headerThickness(g, g.cluster[a] as number) : 0);
      } else {
        gap = spacing.clusterMargin;
      }
      const extra = plan.extraGap.get(`${a},${b}`);
      if (extra !== undefined) {
        const edgeA = aBorder ? 0 : rightReach(a);
        const edgeB = bBorder ? 0 : leftReach(b);
        gap = Math.max(gap, edgeA + extra + edgeB);
      }
      separate(varOf(a), varOf(b), Math.ceil(gap));
    }
  }
  // A title band on top (TB, BT) needs the box at least as wide as the title.
  if (!headerLeft) {
    clusters.forEach((cluster, c) =>
      separate(clusterVar(c, false), clusterVar(c, true), Math.ceil(cluster.titleLength)),
    );
  }
  for (const [key, gap] of separation) {
    const stride = n + 2 * clusters.length;
    tail.push(Math.floor(key / stride));
    head.push(key % stride);
    minlen.push(gap);
    weight.push(0);
  }
  // Clusters as narrow as they can be.
  clusters.forEach((_, c) => {
    tail.push(clusterVar(c, false));
    head.push(clusterVar(c, true));
    minlen.push(0);
    weight.push(1);
  });
  // The drawing's width: a left and a right boundary around every vertex, the distance weighted.
  if (widthWeight > 0) {
    const left = vars++;
    const right = vars++;
    for (let v = 0; v < n; v++) {
      const kind = g.kind[v];
      if (kind === LEFT_BORDER || kind === RIGHT_BORDER) continue;
      tail.push(left, varOf(v));
      head.push(varOf(v), right);
      minlen.push(Math.ceil(leftReach(v)), Math.ceil(rightReach(v)));
      weight.push(0, 0);
    }
    tail.push(left);
    head.push(right);
    minlen.push(0);
    weight.push(widthWeight);
  }
  // Hops: |x_a + offset_a − x_b − offset_b|, through an auxiliary variable below both.
  const offsets = hopOffsets(g, plan);
  const fan = fanWeights(g, plan);
  const straightLabel = labelSides(g);
  g.hops.forEach((hop, h) => {
    if ((plan.edges[hop.edge] as EdgePlan).fallback) return;
    if (block[hop.upper] === block[hop.lower]) return; // one straight block already
    const [offA, offB] = offsets[h] as [number, number];
    const d = Math.round(offB - offA);
    const aux = vars++;
    tail.push(aux, aux);
    head.push(varOf(hop.upper), varOf(hop.lower));
    minlen.push(Math.max(0, d), Math.max(0, -d));
    const w =
      (fan.longEnd[h] ? 1 : hop.weight) + (fan.extra[h] as number) + (straightLabel[h] as number);
    weight.push(w, w);
  });
  let solved = networkSimplex({ vertexCount: vars, tail, head, minlen, weight });
  // Routes crossing a title band (TB, BT) where the band has no place clear of them: the place
  // that widens the box least (before the routes, after them, or between two of them) is made as
  // long as the title, and the coordinates are computed again.
  if (!headerLeft) {
    const value = (v: number): number => solved.values[v] as number;
    const crossings = headerCrossings(g, plan, headerSide);
    const byCluster = new Map<number, Array<{ vertex: number; offset: number }>>();
    for (const { cluster, vertex, offset } of crossings) {
      const list = byCluster.get(cluster);
      if (list) list.push({ vertex, offset });
      else byCluster.set(cluster, [{ vertex, offset }]);
    }
    let added = 0;
    const constrain = (a: number, b: number, gap: number): void => {
      tail.push(a);
      head.push(b);
      minlen.push(Math.ceil(gap));
      weight.push(0);
      added++;
    };
    const t = TITLE_CLEARANCE;
    for (const [c, list] of byCluster) {
      const title = clusters[c]?.titleLength ?? 0;
      const left = value(clusterVar(c, false));
      const right = value(clusterVar(c, true));
      const at = list
        .map((p) => ({ ...p, x: value(varOf(p.vertex)) + p.offset }))
        .sort((a, b) => a.x - b.x);
      if (
        titleFits(
          at.map((p) => p.x),
          left,
          right,
          title,
        )
      )
        continue;
      const { between, after } = titlePlace(
        at,
        left,
        right,
        title,
        (a, b) => varOf(a) === varOf(b),
      );
      if (between >= 0) {
        const a = at[between] as (typeof at)[number];
        const b = at[between + 1] as (typeof at)[number];
        constrain(varOf(a.vertex), varOf(b.vertex), title + 2 * t + a.offset - b.offset);
      } else
        for (const p of at) {
          if (after) constrain(varOf(p.vertex), clusterVar(c, true), title + t + p.offset);
          else constrain(clusterVar(c, false), varOf(p.vertex), title + t - p.offset);
        }
    }
    if (added > 0) solved = networkSimplex({ vertexCount: vars, tail, head, minlen, weight });
  }
  const x = new Float64Array(n);
  for (let v = 0; v < n; v++) x[v] = solved.values[varOf(v)] as number;
  const clusterLeft = new Float64Array(clusters.length);
  const clusterRight = new Float64Array(clusters.length);
  clusters.forEach((_, c) => {
    clusterLeft[c] = solved.values[clusterVar(c, false)] as number;
    clusterRight[c] = solved.values[clusterVar(c, true)] as number;
  });
  return { x, clusterLeft, clusterRight };
}

/** How much more the middle hop of a fan pulls (see `fanWeights`). */
const FAN_PULL = 1;

/**
 * Weights for fans. A node with k >= 2 hops to the next layer (a fan out) or from the previous one
 * (a fan in) gets its ports spread along that side, one per hop, in the order of the other ends;
 * with every hop weighing the same, the node's best place is the median of its fan, but any other
 * pull on it (one edge on its other side, the drawing's width) moves it to one end of the fan, where
 * every run of the fan overlaps the next and the channel needs a track for each (a comb). So:
 *
 * - `extra`: the middle hop (the two middle ones, half each, when k is even) pulls `FAN_PULL`
 *   more: the node sits over (under) the middle of its fan, runs to the left and to the right
 *   share tracks.
 * - `longEnd`: a long edge's first or last hop in a fan weighs 1 like the fan's other hops instead
 *   of dot's 2 (which keeps a long edge straight where it meets its node: in a fan it bends into its
 *   port anyway), so long edges arriving at a sink from one side do not drag it off its fan.
 */
function fanWeights(g: LayeredGraph, plan: PortPlan): { extra: Float64Array; longEnd: Uint8Array } {
  const extra = new Float64Array(g.hops.length);
  const longEnd = new Uint8Array(g.hops.length);
  const pos = new Int32Array(g.vertexCount);
  for (const layer of g.layers) layer.forEach((v, i) => (pos[v] = i));
  const down = new Map<number, number[]>();
  const up = new Map<number, number[]>();
  const add = (map: Map<number, number[]>, v: number, h: number): void => {
    const list = map.get(v);
    if (list) list.push(h);
    else map.set(v, [h]);
  };
  g.hops.forEach((hop, h) => {
    if ((plan.edges[hop.edge] as EdgePlan).fallback) return;
    if (g.kind[hop.upper] === REAL) add(down, hop.upper, h);
    if (g.kind[hop.lower] === REAL) add(up, hop.lower, h);
  });
  const mark = (list: number[], other: (h: number) => number): void => {
    if (list.length < 2) return;
    for (const h of list) if (g.kind[other(h)] === DUMMY) longEnd[h] = 1;
    list.sort((a, b) => (pos[other(a)] as number) - (pos[other(b)] as number));
    const k = list.length;
    const pull = (i: number, w: number): void => {
      const h = list[i] as number;
      extra[h] = (extra[h] as number) + w;
    };
    if (k % 2 === 1) pull((k - 1) / 2, FAN_PULL);
    else {
      pull(k / 2 - 1, FAN_PULL / 2);
      pull(k / 2, FAN_PULL / 2);
    }
  };
  for (const list of down.values()) mark(list, (h) => (g.hops[h] as Hop).lower);
  for (const list of up.values()) mark(list, (h) => (g.hops[h] as Hop).upper);
  return { extra, longEnd };
}

/** Room between a cluster's title and a route crossing its title band beside the title, px. */
export const TITLE_CLEARANCE = 6;

/**
 * Where a title goes in a band whose routes (`at`, sorted by x) leave it no place: the place that
 * needs the least widening — before the first route, after the last one (`after`), or between
 * routes k and k + 1 of different vertices (`between` = k, else -1).
 */
function titlePlace(
  at: ReadonlyArray<{ vertex: number; x: number }>,
  left: number,
  right: number,
  title: number,
  sameVertex: (a: number, b: number) => boolean,
): { between: number; after: boolean } {
  const t = TITLE_CLEARANCE;
  const first = at[0] as (typeof at)[number];
  const last = at[at.length - 1] as (typeof at)[number];
  let need = left + title + t - first.x;
  let between = -1;
  let after = false;
  if (last.x + t + title - right < need) {
    need = last.x + t + title - right;
    after = true;
  }
  for (let k = 0; k + 1 < at.length; k++) {
    const a = at[k] as (typeof at)[number];
    const b = at[k + 1] as (typeof at)[number];
    if (sameVertex(a.vertex, b.vertex)) continue;
    const want = title + 2 * t - (b.x - a.x);
    if (want < need) {
      need = want;
      between = k;
      after = false;
    }
  }
  return { between, after };
}

/**
 * Whether a title fits in its band between routes crossing it at `at` (sorted), clear of each by
 * `TITLE_CLEARANCE`, from the box's left to its right.
 */
function titleFits(at: readonly number[], left: number, right: number, title: number): boolean {
  let from = left;
  for (const x of at) {
    if (x - TITLE_CLEARANCE - from >= title) return true;
    from = Math.max(from, x + TITLE_CLEARANCE);
  }
  return right - from >= title;
}

/**
 * Where routes cross a cluster's title band (on the internal top or bottom): the vertex of the
 * edge's chain in the cluster's first layer when the edge comes in from outside it (its last
 * vertical runs through the band at that vertex's x plus the offset of its port), or in its last
 * layer when it goes out (header at the bottom). Fallback edges are routed later, around bands.
 */
function headerCrossings(
  g: LayeredGraph,
  plan: PortPlan,
  headerSide: string,
): Array<{ cluster: number; vertex: number; offset: number }> {
  const top = headerSide === 'top';
  const within = (v: number, c: number): boolean => {
    for (let k = g.cluster[v] as number; k >= 0; k = g.clusterParent[k] as number)
      if (k === c) return true;
    return false;
  };
  const out: Array<{ cluster: number; vertex: number; offset: number }> = [];
  g.chains.forEach((chain, k) => {
    const p = plan.edges[k] as EdgePlan;
    if (g.shape[k] !== 'chain' || p.fallback || chain.length < 2) return;
    const outer = (top ? chain[0] : chain[chain.length - 1]) as number;
    const inner = (top ? chain[chain.length - 1] : chain[0]) as number;
    // The plan's end at the inner end of the chain (the source when the edge runs against the flow).
    const innerEnd = top !== g.reversed[k] ? p.target : p.source;
    for (let c = g.cluster[inner] as number; c >= 0; c = g.clusterParent[c] as number) {
      if (within(outer, c)) break;
      const layer = (top ? g.spanTop[c] : g.spanBottom[c]) as number;
      const vertex = chain.find((v) => g.layerOf[v] === layer && within(v, c));
      if (vertex === undefined) continue;
      if (vertex !== inner) out.push({ cluster: c, vertex, offset: 0 });
      else if (innerEnd.side === headerSide)
        out.push({ cluster: c, vertex, offset: innerEnd.offset });
    }
  });
  return out;
}

/**
 * Long edges run straight: consecutive dummies of one edge share one x variable (a block) unless
 * their hop crosses another such hop, changes cluster, or passes over a cluster (a straight block
 * would then have to lie on both sides of something). Brandes and Köpf align the same inner
 * segments; dot gets them nearly straight by weighting them 8. Far fewer variables for the simplex
 * on big drawings (10,000 dummies of 1,000 generated nodes become about a tenth as many blocks).
 */
function straightBlocks(g: LayeredGraph, plan: PortPlan): Int32Array {
  const n = g.vertexCount;
  const sets = new DisjointSets(n);
  const find = (v: number): number => sets.find(v);
  const pos = new Int32Array(n);
  for (const layer of g.layers) layer.forEach((v, i) => (pos[v] = i));
  const inner = (v: number): boolean => g.kind[v] === DUMMY || g.kind[v] === LABEL;
  const byLayer: number[][] = Array.from({ length: g.layerCount }, () => []);
  g.hops.forEach((hop, h) => {
    if ((plan.edges[hop.edge] as EdgePlan).fallback) return;
    if (!inner(hop.upper) || !inner(hop.lower)) return;
    if (g.cluster[hop.upper] !== g.cluster[hop.lower]) return;
    (byLayer[g.layerOf[hop.upper] as number] as number[]).push(h);
  });
  byLayer.forEach((list, l) => {
    if (list.length === 0) return;
    // Inner segments crossing each other: neither is kept straight.
    list.sort((a, b) => (pos[g.hops[a]!.upper] as number) - (pos[g.hops[b]!.upper] as number));
    const k = list.length;
    const lower = list.map((h) => pos[g.hops[h]!.lower] as number);
    const crossed = new Uint8Array(k);
    let maxBefore = -1;
    for (let i = 0; i < k; i++) {
      if (maxBefore > (lower[i] as number)) crossed[i] = 1;
      maxBefore = Math.max(maxBefore, lower[i] as number);
    }
    let minAfter = Infinity;
    for (let i = k - 1; i >= 0; i--) {
      if (minAfter < (lower[i] as number)) crossed[i] = 1;
      minAfter = Math.min(minAfter, lower[i] as number);
    }
    // Clusters present in both layers, as position ranges, for the pass-over test.
    const spans = g.clusterSpans(l, pos);
    list.forEach((h, i) => {
      if (crossed[i]) return;
      const hop = g.hops[h]!;
      const pu = pos[hop.upper] as number;
      const pl = pos[hop.lower] as number;
      if (spans.some((span) => passesOver(span, pu, pl))) return;
      sets.link(find(hop.lower), find(hop.upper));
    });
  });
  const out = new Int32Array(n);
  for (let v = 0; v < n; v++) out[v] = find(v);
  return out;
}

/** The node a port vertex stands beside (its neighbour in the layer on the node's side). */
function portOwner(g: LayeredGraph, p: number): number {
  return g.portOwner.get(p) ?? -1;
}

function headerThickness(g: LayeredGraph, c: number): number {
  return g.input.clusters[c]?.headerThickness ?? 0;
}

/**
 * Per hop: where it leaves its upper vertex and enters its lower one, as offsets from their
 * centres (ports spread along a side, or the lane beside the node for ends on a side).
 */
export function hopOffsets(g: LayeredGraph, plan: PortPlan): Array<[number, number]> {
  const out: Array<[number, number]> = g.hops.map(() => [0, 0]);
  plan.edges.forEach((edgePlan, k) => {
    const hops = g.edgeHops[k] as number[];
    if (hops.length === 0) return;
    const upperEnd = g.reversed[k] ? edgePlan.target : edgePlan.source;
    const lowerEnd = g.reversed[k] ? edgePlan.source : edgePlan.target;
    (out[hops[0] as number] as [number, number])[0] = endOffset(upperEnd);
    (out[hops[hops.length - 1] as number] as [number, number])[1] = endOffset(lowerEnd);
  });
  return out;
}

/** Where an end meets its channel, as an offset from its node's centre across the flow. */
export function endOffset(end: { side: string; offset: number }): number {
  if (end.side === 'left' || end.side === 'right') return 0; // the hop starts at its port vertex
  return end.offset;
}

/**
 * A label vertex between two nodes lies anywhere between them at the same cost; its hop to the end
 * with fewer hops on that side weighs 1 more, so the label sits in line with that end and one of
 * the two channels around the label's layer needs no track for the edge (a fan's labels line up
 * with the fan's far ends). Not beside a diamond: moving a decision widens the drawing (corpus 42).
 */
function labelSides(g: LayeredGraph): Uint8Array {
  const extra = new Uint8Array(g.hops.length);
  const down = new Int32Array(g.vertexCount);
  const up = new Int32Array(g.vertexCount);
  const into = new Map<number, number>();
  const out = new Map<number, number>();
  g.hops.forEach((hop, h) => {
    down[hop.upper] = (down[hop.upper] as number) + 1;
    up[hop.lower] = (up[hop.lower] as number) + 1;
    if (g.kind[hop.lower] === LABEL) into.set(hop.lower, h);
    if (g.kind[hop.upper] === LABEL) out.set(hop.upper, h);
  });
  const plain = (v: number): boolean => g.kind[v] === REAL && g.input.nodes[v]?.shape !== 'diamond';
  for (const [v, above] of into) {
    const below = out.get(v);
    if (below === undefined) continue;
    const a = (g.hops[above] as Hop).upper;
    const b = (g.hops[below] as Hop).lower;
    if (!plain(a) || !plain(b)) continue;
    if ((up[b] as number) <= (down[a] as number)) extra[below] = 1;
    else extra[above] = 1;
  }
  return extra;
}
