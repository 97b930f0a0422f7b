/**
 * Wrapping a drawing that is far longer along its flow than across it (ELK calls it graph
 * wrapping): the layers are cut into chunks of about equal length, each chunk is laid out on its
 * own, and the chunks stand side by side across the flow, in flow order (an LR flow of 40 steps
 * becomes three rows read top to bottom). Edges from one chunk to another are routed around by the
 * general router, leaving and entering on their written sides or the flow's.
 *
 * A cut never goes through a group (its box would have to be in two places): only between layers
 * that no group spans. Among those, each cut is the one nearest to its ideal place, counting every
 * edge it cuts as a little further away.
 */
import { simplifyPolyline } from '../geometry.js';
import type { Point } from '../types.js';
import type { LayeredResult } from './index.js';
import type { LayeredInput } from './input.js';
import { mergePieces, resultBounds, splitInput } from './components.js';
import { LINE_GAP } from './ports.js';
import { maxOf, minOf } from '../../util/arrays.js';
import { tooLongForPage } from '../page.js';

/** Room between chunks, px (the routes running back to the next chunk's start go through it). */
const CHUNK_GAP = 48;
/** Distance from the chunks to the nearest carriage-return track, px. */
const TRACK_MARGIN = 16;
/** Cost of one edge cut, as a share of a chunk's ideal length. */
const CUT_EDGE_COST = 0.08;

export function wrapped(
  input: LayeredInput,
  first: LayeredResult,
  layOut: (input: LayeredInput) => LayeredResult,
  alongTarget: number,
): LayeredResult {
  const bounds = resultBounds(first);
  // Wrapped: longer along the flow than across it, and too long for a page (page.ts).
  const long = bounds.height > bounds.width && tooLongForPage(bounds.width, bounds.height);
  if (!long || input.nodes.length < 4) return first;
  const layers = maxOf(first.nodeLayer) + 1;
  // Extent of every layer along the flow, and where cuts may go (no group spans them).
  const top = new Array<number>(layers).fill(Infinity);
  const bottom = new Array<number>(layers).fill(-Infinity);
  first.nodes.forEach((box, v) => {
    const l = first.nodeLayer[v] as number;
    top[l] = Math.min(top[l] as number, box.y);
    bottom[l] = Math.max(bottom[l] as number, box.y + box.height);
  });
  const blocked = new Uint8Array(layers);
  const spanTop = new Array<number>(input.clusters.length).fill(Infinity);
  const spanBottom = new Array<number>(input.clusters.length).fill(-Infinity);
  input.nodes.forEach((node, v) => {
    const l = first.nodeLayer[v] as number;
    for (let c = node.cluster; c >= 0; c = input.clusters[c]?.parent ?? -1) {
      spanTop[c] = Math.min(spanTop[c] as number, l);
      spanBottom[c] = Math.max(spanBottom[c] as number, l);
    }
  });
  input.clusters.forEach((_, c) => {
    for (let l = spanTop[c] as number; l < (spanBottom[c] as number); l++) blocked[l] = 1;
  });
  // Edges cut by a cut after layer l.
  const cutEdges = new Int32Array(layers + 1);
  for (const e of input.edges) {
    const a = first.nodeLayer[e.from] as number;
    const b = first.nodeLayer[e.to] as number;
    for (let l = Math.min(a, b); l < Math.max(a, b); l++) cutEdges[l] = (cutEdges[l] as number) + 1;
  }
  const chunks = Math.max(2, Math.round(Math.sqrt(bounds.height / bounds.width / alongTarget)));
  const ideal = bounds.height / chunks;
  const cuts: number[] = [];
  let from = 0;
  for (let k = 1; k < chunks; k++) {
    const target = bounds.y + k * ideal;
    let best = -1;
    let bestCost = Infinity;
    for (let l = from; l + 1 < layers; l++) {
      if (blocked[l] || !Number.isFinite(bottom[l] as number)) continue;
      // The next layer holding nodes (a layer of label and edge dummies has none).
      let next = l + 1;
      while (next < layers && !Number.isFinite(top[next] as number)) next++;
      if (next === layers) break;
      const at = ((bottom[l] as number) + (top[next] as number)) / 2;
      const cost = Math.abs(at - target) / ideal + CUT_EDGE_COST * (cutEdges[l] as number);
      if (cost < bestCost) {
        bestCost = cost;
        best = l;
      }
    }
    if (best < 0) break;
    cuts.push(best);
    from = best + 1;
  }
  if (cuts.length === 0) return input.blocks ? blocks(input, first, layOut, alongTarget) : first;
  const chunkOf = (l: number): number => {
    let c = 0;
    while (c < cuts.length && l > (cuts[c] as number)) c++;
    return c;
  };
  return wrapAt(input, cuts.length + 1, (v) => chunkOf(first.nodeLayer[v] as number), layOut);
}

/**
 * Lays out the chunks (nodes by `chunkOf`) side by side across the flow. An edge to a later chunk
 * runs in its own chunk to a terminal past the chunk's last layer, then around the chunks on its
 * own track (down past them all, across to the gap before its target's chunk, up past them all,
 * across), and from a terminal before the target chunk's first layer to its target: a carriage
 * return on nested tracks. An edge back to an earlier chunk is left to the general router.
 */
function wrapAt(
  input: LayeredInput,
  count: number,
  chunkOf: (v: number) => number,
  layOut: (input: LayeredInput) => LayeredResult,
): LayeredResult {
  const sets: number[][] = Array.from({ length: count }, () => []);
  input.nodes.forEach((_, v) => (sets[chunkOf(v)] as number[]).push(v));
  const pieces = splitInput(input, sets);
  const localOf = pieces.map((piece) => new Map(piece.nodes.map((v, k) => [v, k] as const)));
  // Terminals of the forward cut edges.
  interface Return {
    edge: number;
    from: number;
    to: number;
    outEdge: number;
    inEdge: number;
  }
  const returns: Return[] = [];
  const backward: number[] = [];
  input.edges.forEach((e, k) => {
    const a = chunkOf(e.from);
    const b = chunkOf(e.to);
    if (a === b) return;
    if (a > b) {
      backward.push(k);
      return;
    }
    const out = pieces[a]!.input;
    const into = pieces[b]!.input;
    out.nodes.push({
      id: `\u0000out${k}`,
      width: 0,
      height: 0,
      shape: 'rectangle',
      cluster: -1,
      terminal: 'out',
    });
    out.edges.push({
      from: localOf[a]!.get(e.from) as number,
      to: out.nodes.length - 1,
      fromSide: e.fromSide,
      toSide: null,
      label: e.label,
      ...(e.groupEnd ? { groupEnd: true as const } : {}),
    });
    into.nodes.push({
      id: `\u0000in${k}`,
      width: 0,
      height: 0,
      shape: 'rectangle',
      cluster: -1,
      terminal: 'in',
    });
    into.edges.push({
      from: into.nodes.length - 1,
      to: localOf[b]!.get(e.to) as number,
      fromSide: null,
      toSide: e.toSide,
      label: null,
      ...(e.groupEnd ? { groupEnd: true as const } : {}),
    });
    returns.push({
      edge: k,
      from: a,
      to: b,
      outEdge: out.edges.length - 1,
      inEdge: into.edges.length - 1,
    });
  });
  const laid = pieces.map((piece) => ({ ...piece, result: layOut(piece.input) }));
  const bounds = laid.map((piece) => resultBounds(piece.result));
  // Gaps before each chunk wide enough for the tracks rising through them.
  const rising = new Array<number>(count).fill(0);
  for (const r of returns) rising[r.to] = (rising[r.to] as number) + 1;
  const offsets: Array<{ x: number; y: number }> = [];
  const gapStart: number[] = [];
  let x = 0;
  bounds.forEach((b, c) => {
    if (c > 0) {
      gapStart.push(x);
      x += Math.max(
        CHUNK_GAP,
        2 * TRACK_MARGIN + Math.max(0, (rising[c] as number) - 1) * LINE_GAP,
      );
    } else gapStart.push(0);
    offsets.push({ x: x - b.x, y: -b.y });
    x += b.width;
  });
  const merged = mergePieces(input, laid, offsets, backward);
  // Where the routes run around the chunks.
  let low = Infinity;
  let high = -Infinity;
  bounds.forEach((b) => {
    low = Math.min(low, 0);
    high = Math.max(high, b.height);
  });
  // Tracks: by target chunk, then where the edge enters it (inner tracks drop in first).
  const placedReturns = returns.map((r) => {
    const outRoute = laid[r.from]!.result.edges[r.outEdge]!;
    const inRoute = laid[r.to]!.result.edges[r.inEdge]!;
    const dOut = offsets[r.from]!;
    const dIn = offsets[r.to]!;
    const move =
      (d: { x: number; y: number }) =>
      (q: Point): Point => ({ x: q.x + d.x, y: q.y + d.y });
    return {
      r,
      out: (outRoute.points ?? [outRoute.fromPort, outRoute.toPort]).map(move(dOut)),
      into: (inRoute.points ?? [inRoute.fromPort, inRoute.toPort]).map(move(dIn)),
      fromSide: outRoute.fromSide,
      fromPort: move(dOut)(outRoute.fromPort),
      toSide: inRoute.toSide,
      toPort: move(dIn)(inRoute.toPort),
      label: outRoute.label
        ? { ...outRoute.label, x: outRoute.label.x + dOut.x, y: outRoute.label.y + dOut.y }
        : null,
    };
  });
  // Nested without crossing, among the returns into one chunk: the one entering it furthest
  // across (then leaving its own furthest across) takes the gap's first track, the inner track
  // past the chunks and the outer one before them; the next ones go round it. Returns into a later
  // chunk go round all those into an earlier one.
  const lastX = (p: (typeof placedReturns)[number]): number => p.out[p.out.length - 1]?.x ?? 0;
  placedReturns.sort(
    (p, q) =>
      p.r.to - q.r.to ||
      (q.into[0]?.x ?? 0) - (p.into[0]?.x ?? 0) ||
      lastX(q) - lastX(p) ||
      p.r.edge - q.r.edge,
  );
  const into = new Array<number>(count).fill(0);
  for (const p of placedReturns) into[p.r.to] = (into[p.r.to] as number) + 1;
  const inGap = new Array<number>(count).fill(0);
  placedReturns.forEach((p, t) => {
    const last = p.out[p.out.length - 1] as Point;
    const first = p.into[0] as Point;
    const k = inGap[p.r.to] as number;
    inGap[p.r.to] = k + 1;
    const before = t - k + ((into[p.r.to] as number) - 1 - k);
    const below = high + TRACK_MARGIN + t * LINE_GAP;
    const above = low - TRACK_MARGIN - before * LINE_GAP;
    const gapX = (gapStart[p.r.to] as number) + TRACK_MARGIN + k * LINE_GAP;
    const points = simplifyPolyline([
      ...p.out,
      { x: last.x, y: below },
      { x: gapX, y: below },
      { x: gapX, y: above },
      { x: first.x, y: above },
      ...p.into,
    ]);
    merged.edges[p.r.edge] = {
      points,
      fromSide: p.fromSide,
      toSide: p.toSide,
      fromPort: p.fromPort,
      toPort: p.toPort,
      label: p.label,
    };
  });
  return merged;
}

/**
 * The last resort for a flow too long to wrap (groups span every possible cut, as actors do): each
 * top-level group is laid out on its own as a block, the nodes outside groups as one more, and the
 * blocks are placed in reading order (where their flow starts) on shelves, each shelf a row across
 * the flow, about `alongTarget` times longer than wide in all. Edges between blocks are routed by
 * the general router.
 */
function blocks(
  input: LayeredInput,
  first: LayeredResult,
  layOut: (input: LayeredInput) => LayeredResult,
  alongTarget: number,
): LayeredResult {
  const topOf = (v: number): number => {
    let c = input.nodes[v]?.cluster ?? -1;
    while (c >= 0 && (input.clusters[c]?.parent ?? -1) >= 0) c = input.clusters[c]?.parent ?? -1;
    return c;
  };
  const byTop = new Map<number, number[]>();
  input.nodes.forEach((_, v) => {
    const key = topOf(v);
    const list = byTop.get(key) ?? [];
    list.push(v);
    byTop.set(key, list);
  });
  if (byTop.size < 2) return first;
  const startOf = (set: number[]): number => minOf(set.map((v) => first.nodeLayer[v] as number));
  const sets = [...byTop.values()].sort(
    (a, b) => startOf(a) - startOf(b) || (a[0] as number) - (b[0] as number),
  );
  const pieces = splitInput(input, sets).map((piece) => ({
    ...piece,
    result: layOut(piece.input),
  }));
  const bounds = pieces.map((piece) => resultBounds(piece.result));
  // Shelves along the flow (internal y), blocks side by side in a shelf across it (internal x):
  // in the real drawing of an LR flow, rows of blocks read left to right, top to bottom.
  let area = 0;
  let widest = 0;
  for (const b of bounds) {
    area += (b.width + CHUNK_GAP) * (b.height + CHUNK_GAP);
    widest = Math.max(widest, b.height);
  }
  const shelf = Math.max(widest, Math.sqrt(area * alongTarget));
  const offsets: Array<{ x: number; y: number }> = [];
  let x = 0;
  let y = 0;
  let depth = 0;
  bounds.forEach((b) => {
    if (y > 0 && y + b.height > shelf) {
      y = 0;
      x += depth + CHUNK_GAP;
      depth = 0;
    }
    offsets.push({ x: x - b.x, y: y - b.y });
    y += b.height + CHUNK_GAP;
    depth = Math.max(depth, b.width);
  });
  const inPiece = new Set(pieces.flatMap((piece) => piece.edges));
  const cut = input.edges.flatMap((_, k) => (inPiece.has(k) ? [] : [k]));
  return mergePieces(input, pieces, offsets, cut);
}
