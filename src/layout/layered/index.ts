/**
 * The layered (Sugiyama) compound layout, dot's picture with orthogonal edges and honoured handles:
 *
 * 1. ranks: handles become constraints, network simplex (rank.ts);
 * 2. the layered graph: dummies along long edges and for labels, cluster borders (graph.ts);
 * 3. the order in every layer: sweeps and swaps, clusters contiguous (order.ts);
 * 4. ports: sides, places along them, lanes beside nodes (ports.ts);
 * 5. x: network simplex on dot's auxiliary graph, clusters as rectangles (position.ts);
 * 6. channel routing between layers (channels.ts), then y (vertical.ts);
 * 7. routes, labels, loops, group boxes and title bands (here).
 *
 * Everything is in the internal frame (frame.ts); edges this scheme cannot draw cleanly (an end on a
 * side pointing against its way, a same-layer edge between non-neighbours) come back without points,
 * for the general router.
 */
import type { Side } from '../../syntax/ast.js';
import { simplifyPolyline } from '../geometry.js';
import { components, mergePieces, packParts, resultBounds, splitInput } from './components.js';
import { wrapped } from './wrap.js';
import type { Box, Point } from '../types.js';
import { assignTracks } from './channels.js';
import { buildRoutes, type YGeometry } from './routes.js';
import { REAL, LayeredGraph } from './graph.js';
import type { LayeredInput } from './input.js';
import { loopDistance, loopLabelSide, loopRoute, sidePoint } from './loops.js';
import { Orderer } from './order.js';
import { assignX, type Spacing } from './position.js';
import { addPortVertices, planPorts, type EdgePlan } from './ports.js';
import { rankNodes } from './rank.js';
import { assignY } from './vertical.js';
import { LayeredMemo } from './memo.js';

export interface LayeredEdgeResult {
  /** Internal polyline from the source's port to the target's, or null: route it elsewhere. */
  points: Point[] | null;
  fromSide: Side;
  toSide: Side;
  fromPort: Point;
  toPort: Point;
  /** The label's box when the layout placed it (on its dummy), else null. */
  label: Box | null;
  /**
   * An edge between pieces (components.ts mergePieces: a wrap's way back, blocks on shelves): its
   * ports are its sides' middles, not places among the sides' other ends, which the general router
   * gives it once it knows where its route comes from (routing.ts routeBetweenPorts).
   */
  cut?: true;
}

export interface LayeredResult {
  nodes: Box[];
  /** Layer of every node (0 = first along the flow). */
  nodeLayer: number[];
  clusters: Box[];
  headers: Box[];
  edges: LayeredEdgeResult[];
  /** Crossings the ordering left (hops only), for diagnostics. */
  orderCrossings: number;
  /** Whether a part was wrapped (wrap.ts) or drawn as blocks on shelves. */
  wrapped?: boolean;
  /** A draft (input.draft) that the full ordering may change: its sweeps or search were cut. */
  draft?: boolean;
}

/**
 * Spacing in px. Inside a cluster, dot's cluster margin (8 pt) around nodes and labels, also under
 * the title band; edges keep EDGE_PAD from borders (position.ts). Measured against dot (area per
 * node, geometric mean of the ratios): padding 14 -> 8, title gap 14 -> 8 and sibling margin
 * 18 -> 12 take the corpus's 8 grouped diagrams from 1.22 to 1.15 times dot's, /work/extra's 15
 * from 1.34 to 1.25, with no more crossings and no longer edges.
 */
const BASE_SPACING: Spacing = {
  nodeSep: 18,
  nodeDummySep: 12,
  dummySep: 10,
  clusterPad: 8,
  headerGap: 8,
  clusterMargin: 12,
};
const MIN_CHANNEL = 12;

/** Room between packed parts of a diagram, px. */
const PART_GAP = 48;
/**
 * Weight of the drawing's width against the edges' horizontal length in positioning: measured on
 * the corpus, 2 makes the drawings about a tenth smaller (median area per node 194 -> 171 font²)
 * with shorter edges (1.56 -> 1.52 node sizes) and no more crossings.
 */
const WIDTH_WEIGHT = 2;

/**
 * Lays out the diagram; its disconnected parts separately, packed in rows about `aspect` times
 * wider (across the flow) than deep (components.ts). A part far longer along the flow than across
 * it is wrapped (wrap.ts) to about `alongTarget` times longer than wide.
 */
export function layoutLayered(input: LayeredInput, aspect = 1.5, alongTarget = 2): LayeredResult {
  const parts = components(input);
  let folded = false;
  let draft = false;
  const part = (sub: LayeredInput): LayeredResult => {
    const result = layoutPart(sub);
    if (result.draft) draft = true;
    return result;
  };
  const layoutOne = (sub: LayeredInput): LayeredResult => {
    const first = part(sub);
    if (sub.wrap === false) return first;
    const result = wrapped(sub, first, part, alongTarget);
    if (result !== first) folded = true;
    return result;
  };
  if (parts.length <= 1) return { ...layoutOne(input), wrapped: folded, draft };
  const pieces = splitInput(input, parts).map((piece) => ({
    ...piece,
    result: layoutOne(piece.input),
  }));
  const bounds = pieces.map((piece) => resultBounds(piece.result));
  const placed = packParts(bounds, PART_GAP, aspect);
  const merged = mergePieces(
    input,
    pieces,
    placed.map((at, p) => ({ x: at.x - (bounds[p] as Box).x, y: at.y - (bounds[p] as Box).y })),
    [],
  );
  return { ...merged, wrapped: folded, draft };
}

/** One part, or what the memo kept of it. */
function layoutPart(input: LayeredInput): LayeredResult {
  const memo = input.memo;
  if (!memo) return layOutPart(input, null);
  const key = LayeredMemo.keyOf(input);
  const draft = input.draft === true;
  const known = memo.result(key, draft);
  if (known) return known;
  const result = layOutPart(input, { memo, key });
  memo.keepResult(key, draft, result);
  return result;
}

function layOutPart(
  input: LayeredInput,
  kept: { memo: LayeredMemo; key: string } | null,
): LayeredResult {
  const spread = input.spread;
  const spacing: Spacing = {
    nodeSep: Math.round(BASE_SPACING.nodeSep * spread),
    nodeDummySep: Math.round(BASE_SPACING.nodeDummySep * spread),
    dummySep: Math.round(BASE_SPACING.dummySep * spread),
    clusterPad: BASE_SPACING.clusterPad,
    headerGap: BASE_SPACING.headerGap,
    clusterMargin: Math.round(BASE_SPACING.clusterMargin * spread),
  };
  const ranking = kept ? kept.memo.rankingOf(kept.key, () => rankNodes(input)) : rankNodes(input);
  const g = new LayeredGraph(input, ranking);
  const resume = input.draft ? undefined : kept?.memo.sweepsOf(kept.key);
  const orderer = new Orderer(g, {
    wishes: ranking.constraints.kept,
    ...(input.draft ? { draft: true } : {}),
    ...(resume ? { resume } : {}),
  });
  orderer.run();
  if (kept && orderer.saved) kept.memo.keepSweeps(kept.key, orderer.saved);
  if (kept && input.draft && orderer.incomplete) kept.memo.keepDraftOrder(kept.key, g.layers);
  // The full ordering ended where the draft's did: the rest is the draft's.
  const same = kept && !input.draft ? kept.memo.reuseDraft(kept.key, g.layers) : null;
  if (same) return same;
  const pos = new Int32Array(g.vertexCount);
  for (const layer of g.layers) layer.forEach((v, i) => (pos[v] = i));
  const plan = planPorts(g, pos);
  addPortVertices(g, plan);
  const xs = assignX(g, plan, spacing, input.headerSide, input.widthWeight ?? WIDTH_WEIGHT);
  const x = xs.x;

  // Channels: the runs of every route, then their tracks.
  const build = buildRoutes(g, plan, x);
  const tracks = build.runs.map((runs) => assignTracks(runs));

  // Bands: how far each layer reaches above and below its centre line.
  const layers = g.layerCount;
  const above = new Float64Array(layers);
  const below = new Float64Array(layers);
  const loopsAbove = new Uint8Array(layers);
  const loopsBelow = new Uint8Array(layers);
  for (let v = 0; v < g.vertexCount; v++) {
    const l = g.layerOf[v] as number;
    const half = (g.height[v] as number) / 2;
    if (plan.overTop[v]) loopsAbove[l] = 1;
    if (plan.overBottom[v]) loopsBelow[l] = 1;
    above[l] = Math.max(above[l] as number, half + (plan.overTop[v] ?? 0));
    below[l] = Math.max(below[l] as number, half + (plan.overBottom[v] ?? 0));
  }
  const ys = assignY(g, {
    above,
    below,
    tracks: Int32Array.from(tracks.map((t) => t.count)),
    clusterPad: spacing.clusterPad,
    headerGap: spacing.headerGap,
    loopsAbove,
    loopsBelow,
    minChannel: Math.round(MIN_CHANNEL * spread),
    headerSide: input.headerSide,
  });

  const geometry: YGeometry = {
    centre: ys.centre,
    trackY: ys.trackY,
    top: (v) => (ys.centre[g.layerOf[v] as number] as number) - (g.height[v] as number) / 2,
    bottom: (v) => (ys.centre[g.layerOf[v] as number] as number) + (g.height[v] as number) / 2,
    tracks,
  };
  const boxOf = (v: number): Box => {
    const w = g.width[v] as number;
    const h = g.height[v] as number;
    const cy = ys.centre[g.layerOf[v] as number] as number;
    return { x: (x[v] as number) - w / 2, y: cy - h / 2, width: w, height: h };
  };
  const nodes: Box[] = [];
  for (let v = 0; v < g.nodeCount; v++) nodes.push(boxOf(v));

  const edges: LayeredEdgeResult[] = input.edges.map((edge, k) => {
    const p = plan.edges[k] as EdgePlan;
    const fromBox = nodes[edge.from] as Box;
    const toBox = nodes[edge.to] as Box;
    const fromPort = sidePoint(fromBox, p.source.side, p.source.offset);
    const toPort = sidePoint(toBox, p.target.side, p.target.offset);
    const result: LayeredEdgeResult = {
      points: null,
      fromSide: p.source.side,
      toSide: p.target.side,
      fromPort,
      toPort,
      label: null,
    };
    if (p.fallback) return result;
    const shape = g.shape[k];
    if (shape === 'loop') {
      const side = loopLabelSide(p.source.side, p.target.side);
      const route = loopRoute(
        fromBox,
        p.source,
        p.target,
        loopDistance(Math.max(0, p.source.lane), side, edge.label),
      );
      result.points = route.points;
      if (edge.label) result.label = centred(route.labelAt, edge.label);
      return result;
    }
    if (shape === 'flat' && p.straight) {
      result.points = [fromPort, toPort];
      const pair = plan.labelGap[k];
      if (edge.label && pair) {
        const reach = (v: number, sign: number): number =>
          (x[v] as number) + (g.kind[v] === REAL ? (sign * (g.width[v] as number)) / 2 : 0);
        const mid = (reach(pair[0], 1) + reach(pair[1], -1)) / 2;
        result.label = centred({ x: mid, y: fromPort.y }, edge.label);
      }
      return result;
    }
    const lazy = build.points[k];
    if (!lazy) return result;
    result.points = simplifyPolyline(lazy.map((pt) => ({ x: pt.x, y: pt.y(geometry) })));
    const lv = g.labelVertex[k] as number;
    if (lv >= 0 && edge.label) {
      result.label = centred(
        { x: x[lv] as number, y: ys.centre[g.layerOf[lv] as number] as number },
        edge.label,
      );
    }
    return result;
  });

  const clusters: Box[] = input.clusters.map((_, c) => ({
    x: xs.clusterLeft[c] as number,
    y: ys.clusterTop[c] as number,
    width: (xs.clusterRight[c] as number) - (xs.clusterLeft[c] as number),
    height: (ys.clusterBottom[c] as number) - (ys.clusterTop[c] as number),
  }));
  const headers = clusters.map((box, c) => headerTab(box, input, c, edges));
  const nodeLayer = Array.from({ length: g.nodeCount }, (_, v) => g.layerOf[v] as number);
  return {
    nodes,
    nodeLayer,
    clusters,
    headers,
    edges,
    orderCrossings: orderer.hopCrossings(),
    ...(orderer.incomplete ? { draft: true } : {}),
  };
}

function centred(at: Point, size: { width: number; height: number }): Box {
  return {
    x: at.x - size.width / 2,
    y: at.y - size.height / 2,
    width: size.width,
    height: size.height,
  };
}

/**
 * The title band: as long as the title, on the cluster's header side, slid along it to where no
 * route crosses it: at its start when that is clear, else at the first place clear of the routes
 * by 6 px, else at the place the fewest routes cross (clear by less than 6 px counts as clear: in
 * a box just wider than its title, a route 4 px beside the title is better than one through
 * the title, shapes TB's "On failure").
 */
function headerTab(box: Box, input: LayeredInput, c: number, edges: LayeredEdgeResult[]): Box {
  const cluster = input.clusters[c]!;
  const along = input.headerSide === 'left' ? 'y' : 'x';
  const length = Math.min(cluster.titleLength, along === 'x' ? box.width : box.height);
  const thickness = cluster.headerThickness;
  const bandOf = (offset: number): Box =>
    input.headerSide === 'left'
      ? { x: box.x, y: box.y + offset, width: thickness, height: length }
      : input.headerSide === 'bottom'
        ? { x: box.x + offset, y: box.y + box.height - thickness, width: length, height: thickness }
        : { x: box.x + offset, y: box.y, width: length, height: thickness };
  const full = bandOf(0);
  const band =
    along === 'x'
      ? { ...full, x: box.x, width: box.width }
      : { ...full, y: box.y, height: box.height };
  // Where routes cross the band, along its length.
  const blocked: Array<[number, number]> = [];
  for (const edge of edges) {
    const pts = edge.points;
    if (!pts) continue;
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i] as Point;
      const b = pts[i + 1] as Point;
      if (!segmentMeetsBox(a, b, band)) continue;
      const lo = along === 'x' ? Math.min(a.x, b.x) : Math.min(a.y, b.y);
      const hi = along === 'x' ? Math.max(a.x, b.x) : Math.max(a.y, b.y);
      blocked.push([lo, hi]);
    }
  }
  const start = along === 'x' ? box.x : box.y;
  const room = (along === 'x' ? box.width : box.height) - length;
  const hits = (offset: number, pad: number): number => {
    let count = 0;
    for (const [lo, hi] of blocked)
      if (hi + pad > start + offset && lo - pad < start + offset + length) count++;
    return count;
  };
  // Candidate offsets: the start, the end, and just past or just before each route (6 px clear).
  const candidates = [0, room];
  for (const [lo, hi] of blocked)
    candidates.push(hi + TAB_CLEARANCE - start, lo - TAB_CLEARANCE - length - start);
  let best = 0;
  let bestScore = Infinity;
  for (const raw of candidates) {
    const offset = Math.min(room, Math.max(0, Math.round(raw)));
    // Routes through the title first, then routes closer than the clearance, then the start.
    const score = hits(offset, 0.5) * 1e6 + hits(offset, TAB_CLEARANCE) * 1e3 + offset * 1e-3;
    if (score < bestScore) {
      bestScore = score;
      best = offset;
    }
  }
  return bandOf(best);
}

/** Room a title band keeps from a route beside it, px. */
const TAB_CLEARANCE = 6;

function segmentMeetsBox(a: Point, b: Point, box: Box): boolean {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  return x1 >= box.x && x0 <= box.x + box.width && y1 >= box.y && y0 <= box.y + box.height;
}
