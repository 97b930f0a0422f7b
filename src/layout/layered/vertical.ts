/**
 * Coordinates along the flow (internal y): each layer is a band as deep as its deepest vertex (loops
 * that overhang included), vertices centred in it; between two layers a channel holds, from top to
 * bottom, the bottom borders of the clusters that end above it (innermost first, one padding each),
 * the tracks of the runs crossing it, and the top borders (with their title bands) of the clusters
 * that begin below it. A border keeps clusterPad from the nodes inside (headerGap under a title
 * band), EDGE_PAD where loops overhang a node. Tracks keep LINE_GAP from each other and
 * TRACK_MARGIN from borders and nodes.
 */
import type { LayeredGraph } from './graph.js';
import { LINE_GAP } from './ports.js';
import { EDGE_PAD } from './position.js';

/** Distance from a border or a node to the nearest track, px (edges 12 px clear of group borders). */
const TRACK_MARGIN = 10;
/** Distance from a group border to the nearest track, px (issue: at least 12). */
const BORDER_MARGIN = 12;

export interface YResult {
  /** Centre line of every layer's band. */
  centre: Float64Array;
  bandTop: Float64Array;
  bandBottom: Float64Array;
  /** y of track t in channel c (above layer c). */
  trackY: (c: number, t: number) => number;
  clusterTop: Float64Array;
  clusterBottom: Float64Array;
}

export interface YInput {
  /** Per layer: how far its band reaches above and below the centre line. */
  above: Float64Array;
  below: Float64Array;
  /** Tracks used in each channel (channel c above layer c; layers + 1 channels). */
  tracks: Int32Array;
  /** From a cluster's top or bottom border to the nodes it holds, px. */
  clusterPad: number;
  /** From a cluster's title band to the nodes under it, px. */
  headerGap: number;
  /** Per layer: whether loops overhang its band at the top (bottom): they keep EDGE_PAD from borders. */
  loopsAbove: Uint8Array;
  loopsBelow: Uint8Array;
  /** Smallest channel between two layers, px. */
  minChannel: number;
  headerSide: string;
}

export function assignY(g: LayeredGraph, input: YInput): YResult {
  const layers = g.layerCount;
  const clusters = g.input.clusters;
  const headerTop = input.headerSide === 'top';
  const headerBottom = input.headerSide === 'bottom';
  // Offsets of each cluster's top above its first band and bottom below its last one (nested
  // clusters that begin or end in the same layer stack their paddings). Children come after parents.
  const openOffset = new Float64Array(clusters.length);
  const closeOffset = new Float64Array(clusters.length);
  const pad = (loops: number, header: boolean): number => {
    const gap = header ? input.headerGap : input.clusterPad;
    return loops ? Math.max(gap, EDGE_PAD) : gap;
  };
  for (let c = clusters.length - 1; c >= 0; c--) {
    const top = input.loopsAbove[g.spanTop[c] as number] as number;
    const bottom = input.loopsBelow[g.spanBottom[c] as number] as number;
    openOffset[c] =
      (openOffset[c] as number) + pad(top, headerTop) + (headerTop ? headerOf(g, c) : 0);
    // LR, RL: the side the flow leaves by keeps EDGE_PAD (8 there lets generated seed 3 RL's
    // smoothed routes cut through nodes, test/layout/geometry.test.ts).
    closeOffset[c] =
      (closeOffset[c] as number) +
      (headerBottom
        ? pad(bottom, true) + headerOf(g, c)
        : input.headerSide === 'left'
          ? Math.max(EDGE_PAD, pad(bottom, false))
          : pad(bottom, false));
    const p = g.clusterParent[c] as number;
    if (p < 0) continue;
    if (g.spanTop[p] === g.spanTop[c])
      openOffset[p] = Math.max(openOffset[p] as number, openOffset[c] as number);
    if (g.spanBottom[p] === g.spanBottom[c])
      closeOffset[p] = Math.max(closeOffset[p] as number, closeOffset[c] as number);
  }
  const opening = new Float64Array(layers);
  const closing = new Float64Array(layers);
  for (let c = 0; c < clusters.length; c++) {
    const t = g.spanTop[c] as number;
    const b = g.spanBottom[c] as number;
    opening[t] = Math.max(opening[t] as number, openOffset[c] as number);
    closing[b] = Math.max(closing[b] as number, closeOffset[c] as number);
  }
  const crossed = bordersCrossed(g);
  const centre = new Float64Array(layers);
  const bandTop = new Float64Array(layers);
  const bandBottom = new Float64Array(layers);
  const trackStart = new Float64Array(layers + 1);
  // Channel c lies above layer c: channel 0 above the first layer, channel L below the last.
  let y = 0;
  for (let c = 0; c <= layers; c++) {
    const close = c > 0 ? (closing[c - 1] as number) : 0;
    const open = c < layers ? (opening[c] as number) : 0;
    const tracks = input.tracks[c] as number;
    // Tracks keep TRACK_MARGIN from nodes, BORDER_MARGIN from group borders.
    const first = close > 0 ? BORDER_MARGIN : TRACK_MARGIN;
    const last = open > 0 ? BORDER_MARGIN : TRACK_MARGIN;
    trackStart[c] = y + close + first - LINE_GAP;
    const tracked = tracks > 0 ? close + first + (tracks - 1) * LINE_GAP + last + open : 0;
    const inner = c > 0 && c < layers ? input.minChannel : 0;
    const height = Math.max(
      tracked,
      close + open + ((close > 0 && open > 0) || crossed[c] ? BORDER_MARGIN : 0),
      inner,
    );
    y = Math.ceil(y + height);
    if (c < layers) {
      bandTop[c] = y;
      centre[c] = y + (input.above[c] as number);
      bandBottom[c] = (centre[c] as number) + (input.below[c] as number);
      y = bandBottom[c] as number;
    }
  }
  const clusterTop = new Float64Array(clusters.length);
  const clusterBottom = new Float64Array(clusters.length);
  for (let c = 0; c < clusters.length; c++) {
    clusterTop[c] = (bandTop[g.spanTop[c] as number] as number) - (openOffset[c] as number);
    clusterBottom[c] =
      (bandBottom[g.spanBottom[c] as number] as number) + (closeOffset[c] as number);
  }
  return {
    centre,
    bandTop,
    bandBottom,
    trackY: (c, t) => (trackStart[c] as number) + (t + 1) * LINE_GAP,
    clusterTop,
    clusterBottom,
  };
}

function headerOf(g: LayeredGraph, c: number): number {
  return g.input.clusters[c]?.headerThickness ?? 0;
}

/**
 * Channels (c above layer c) that an edge to or from a group (LayeredEdge.groupEnd) crosses through
 * the border of a cluster ending just above (beginning just below) the channel: there the next
 * layer keeps BORDER_MARGIN from that border, so the piece of the route outside the cluster, which
 * is all that is drawn of it there, is not empty (shapes LR: `Prepare -> compile` with compile
 * against Prepare's border).
 */
function bordersCrossed(g: LayeredGraph): Uint8Array {
  const crossed = new Uint8Array(g.layerCount + 1);
  const holds = (c: number, v: number): boolean => {
    for (let d = g.cluster[v] as number; d >= 0; d = g.clusterParent[d] as number)
      if (d === c) return true;
    return false;
  };
  // Whether one of v's clusters ends at its layer on the side towards `other` and leaves it out.
  const leaves = (v: number, other: number, span: number[]): boolean => {
    for (let c = g.cluster[v] as number; c >= 0; c = g.clusterParent[c] as number)
      if (span[c] === g.layerOf[v] && !holds(c, other)) return true;
    return false;
  };
  for (const hop of g.hops) {
    if (!g.input.edges[hop.edge]?.groupEnd) continue;
    const channel = g.layerOf[hop.lower] as number;
    if (channel !== (g.layerOf[hop.upper] as number) + 1) continue;
    if (leaves(hop.upper, hop.lower, g.spanBottom) || leaves(hop.lower, hop.upper, g.spanTop))
      crossed[channel] = 1;
  }
  return crossed;
}
