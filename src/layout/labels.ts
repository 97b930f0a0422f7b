/**
 * Edge label placement: each label box is centred on a point of its own route, at the candidate that
 * overlaps no node, no group header and no other label, preferring the middle of long segments and
 * places no other edge runs through.
 */
import type { Box, Point } from './types.js';
import { boxesOverlap, inflate, segmentCrossesBox, spanningBox } from './geometry.js';
import { BoxIndex } from './box-index.js';
import { ARROWHEAD_LENGTH, ARROWHEAD_WIDTH } from '../style.js';
import { pieceAt, splinePieces, throughPoints, type CubicPiece } from '../util/spline.js';
import { distance, type XY } from '../util/points.js';

export interface LabelRequest {
  points: readonly Point[];
  size: { width: number; height: number } | null;
  /**
   * A decision's branch: the diamond's box. Its label goes within `BRANCH_LABEL_REACH` of it (on
   * the route, or beside its first stretch) when a spot there is free and crosses no other edge.
   */
  near?: Box | null;
  /**
   * The route is drawn as the `spline` style's curve through its points (src/util/spline.ts): a
   * spot found on the route is moved to the curve, where the label is seen.
   */
  curved?: boolean;
}

/**
 * A curved route as drawn: `at(s, f)` is the point of the curve for the point a fraction `f` along
 * segment `s` of the route (the point the same share of the way along the curve's piece over that
 * stretch of the route), `direction(s, f)` the curve's direction there (a unit vector).
 */
interface Curve {
  at(s: number, f: number): XY;
  direction(s: number, f: number): XY;
}

/** How many steps a curve's piece is measured in, to find a point by its share of the length. */
const PIECE_STEPS = 32;

/** The direction from `a` to `b` (a unit vector; along x when they coincide). */
function unitOf(a: XY, b: XY): XY {
  const d = distance(a, b);
  return d === 0 ? { x: 1, y: 0 } : { x: (b.x - a.x) / d, y: (b.y - a.y) / d };
}

/** The `spline` curve through a route (src/util/spline.ts); null where it is drawn as a line. */
function curveOf(points: readonly Point[]): Curve | null {
  const pieces = splinePieces(points);
  if (pieces.length === 0) return null;
  // Each route point's distance along the route, and the through-points' (the pieces' ends).
  const along: number[] = [0];
  for (let i = 1; i < points.length; i++)
    along.push((along[i - 1] as number) + distance(points[i - 1] as Point, points[i] as Point));
  const through = throughPoints(points);
  const ends: number[] = [];
  let j = 0;
  points.forEach((p, i) => {
    const t = through[j];
    if (t && t.x === p.x && t.y === p.y) {
      ends.push(along[i] as number);
      j++;
    }
  });
  const lengths = pieces.map(pieceLengths);
  const locate = (s: number, f: number): { piece: CubicPiece; t: number } => {
    const at = (along[s] as number) + ((along[s + 1] as number) - (along[s] as number)) * f;
    let p = 0;
    while (p + 1 < pieces.length && at > (ends[p + 1] as number)) p++;
    const span = (ends[p + 1] as number) - (ends[p] as number);
    const share = span > 0 ? Math.min(1, Math.max(0, (at - (ends[p] as number)) / span)) : 0;
    const cumulative = lengths[p] as number[];
    const target = share * (cumulative[PIECE_STEPS] as number);
    let k = 0;
    while (k < PIECE_STEPS - 1 && (cumulative[k + 1] as number) < target) k++;
    const low = cumulative[k] as number;
    const high = cumulative[k + 1] as number;
    const t = (k + (high > low ? (target - low) / (high - low) : 0)) / PIECE_STEPS;
    return { piece: pieces[p] as CubicPiece, t: Math.min(1, Math.max(0, t)) };
  };
  return {
    at: (s, f) => {
      const { piece, t } = locate(s, f);
      return pieceAt(piece, t);
    },
    direction: (s, f) => {
      const { piece, t } = locate(s, f);
      return unitOf(pieceAt(piece, Math.max(0, t - 0.01)), pieceAt(piece, Math.min(1, t + 0.01)));
    },
  };
}

/** The length of a piece from its start to each of PIECE_STEPS + 1 evenly spaced parameters. */
function pieceLengths(piece: CubicPiece): number[] {
  const out = [0];
  let before = piece.start;
  for (let k = 1; k <= PIECE_STEPS; k++) {
    const p = pieceAt(piece, k / PIECE_STEPS);
    out.push((out[k - 1] as number) + distance(before, p));
    before = p;
  }
  return out;
}

/** How far a branch label may lie from its decision's box: about two font sizes, px. */
export const BRANCH_LABEL_REACH = 28;

const FRACTIONS = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9, 0.05, 0.95, 0.02, 0.98];
/** Room between a label and a node's box (on every side), px. */
export const LABEL_NODE_GAP = 6;
const LABEL_GAP = 3;
/** Room the arrowhead at a route's end takes, px: its length and 1 px more, and its width. */
const HEAD_LENGTH = ARROWHEAD_LENGTH + 1;
const HEAD_HALF_WIDTH = ARROWHEAD_WIDTH / 2;
/**
 * Score of a spot covering an arrowhead: more than lying on another edge's line (60), since a hidden
 * head hides which way the edge goes; not a hard rule, so it never forces a layout with more spacing.
 */
const ARROWHEAD_COST = 100;

export interface LabelPlacement {
  boxes: Array<Box | null>;
  /** How many labels found no free spot on their route (they were put at the least bad one). */
  collisions: number;
}

export function placeLabels(
  requests: readonly LabelRequest[],
  nodes: readonly Box[],
  headers: readonly Box[],
  /** Labels already placed (by the layout itself): kept as they are, and avoided by the others. */
  fixed: ReadonlyArray<Box | null> = [],
): LabelPlacement {
  const blockers = new BoxIndex(160);
  for (const node of nodes) blockers.add(node);
  const headerIndex = new BoxIndex(160);
  for (const header of headers) headerIndex.add(header);
  const segments = new BoxIndex(160);
  const owners: number[] = [];
  const ends: Array<[Point, Point]> = [];
  requests.forEach((request, k) => {
    for (let s = 0; s + 1 < request.points.length; s++) {
      const a = request.points[s] as Point;
      const b = request.points[s + 1] as Point;
      segments.add(spanningBox(a, b));
      owners.push(k);
      ends.push([a, b]);
    }
  });
  const arrowheads = new BoxIndex(160);
  for (const request of requests) {
    const head = arrowheadBox(request.points);
    if (head) arrowheads.add(head);
  }
  // A label the layout placed where it covers an arrowhead (a route too short for both) or lies on
  // another edge's line is placed again here.
  const onOtherLine = (box: Box, k: number): boolean =>
    segments.query(box).some((id) => owners[id] !== k && boxesOverlap(box, segments.box(id)));
  // A branch label the layout left far from its decision (on a route leaving sideways) too.
  const farFrom = (box: Box, near: Box | null | undefined): boolean =>
    near !== null && near !== undefined && boxGap(box, near) > BRANCH_LABEL_REACH;
  const kept = requests.map((request, k) => {
    const box = fixed[k] ?? null;
    return box &&
      overlapCount(arrowheads, box, 0) === 0 &&
      !onOtherLine(box, k) &&
      !farFrom(box, request.near)
      ? box
      : null;
  });
  const placed = new BoxIndex(160);
  const scene: Scene = {
    nodes: blockers,
    headers: headerIndex,
    placed,
    segments,
    owners,
    ends,
    arrowheads,
  };
  const result: Array<Box | null> = [...kept];
  for (const box of kept) if (box) placed.add(box);
  let collisions = 0;
  // Labels on shorter routes first: they have fewer places, a longer route's label can go further.
  const length = (points: readonly Point[]): number =>
    points.reduce(
      (sum, p, i) =>
        i === 0
          ? 0
          : sum + Math.hypot(p.x - (points[i - 1] as Point).x, p.y - (points[i - 1] as Point).y),
      0,
    );
  const order = requests.map((_, k) => k);
  const lengths = requests.map((request) => length(request.points));
  order.sort((a, b) => (lengths[a] as number) - (lengths[b] as number) || a - b);
  order.forEach((k) => {
    const request = requests[k] as LabelRequest;
    if (!request.size || kept[k]) return;
    const near = request.near ? nearCandidate(request, k, scene) : null;
    if (near) {
      result[k] = near;
      placed.add(near);
      return;
    }
    const { box, free } = bestCandidate(request, k, scene);
    if (!free) collisions++;
    result[k] = box;
    placed.add(box);
  });
  return { boxes: result, collisions };
}

/** The box the arrowhead at the end of a route covers (its last HEAD_LENGTH px, as wide as the head). */
function arrowheadBox(points: readonly Point[]): Box | null {
  const tip = points[points.length - 1];
  const before = points[points.length - 2];
  if (!tip || !before) return null;
  const length = Math.hypot(tip.x - before.x, tip.y - before.y);
  if (length === 0) return null;
  const t = Math.min(1, HEAD_LENGTH / length);
  const tail = { x: tip.x + (before.x - tip.x) * t, y: tip.y + (before.y - tip.y) * t };
  const x0 = Math.min(tip.x, tail.x) - HEAD_HALF_WIDTH;
  const y0 = Math.min(tip.y, tail.y) - HEAD_HALF_WIDTH;
  return {
    x: x0,
    y: y0,
    width: Math.max(tip.x, tail.x) + HEAD_HALF_WIDTH - x0,
    height: Math.max(tip.y, tail.y) + HEAD_HALF_WIDTH - y0,
  };
}

/** What a label's spot is tested against: nodes, group headers, placed labels, routes, arrowheads. */
interface Scene {
  nodes: BoxIndex;
  headers: BoxIndex;
  placed: BoxIndex;
  /** Every route segment's bounding box; its edge (`owners`) and end points (`ends`) by id. */
  segments: BoxIndex;
  owners: number[];
  ends: Array<[Point, Point]>;
  arrowheads: BoxIndex;
}

/**
 * Overlaps a label may never have: nodes (with `LABEL_NODE_GAP` of clearance), group headers, other
 * labels (with `LABEL_GAP` each). `close`: only touching counts (spots are on a half-pixel grid),
 * for a route with no spot that keeps the clearances.
 */
function hardOverlaps(scene: Scene, box: Box, close = false): number {
  return (
    overlapCount(scene.nodes, box, close ? TOUCHING : LABEL_NODE_GAP) +
    overlapCount(scene.headers, box, 0) +
    overlapCount(scene.placed, box, close ? TOUCHING : LABEL_GAP * 2)
  );
}

/** A gap below which two boxes on the half-pixel grid touch, px. */
const TOUCHING = 0.5;

/** How many segments of other edges than `own` pass through the box. */
function crossingsOf(scene: Scene, box: Box, own: number): number {
  let crossings = 0;
  for (const id of scene.segments.query(box)) {
    const [a, b] = scene.ends[id]!;
    if (scene.owners[id] !== own && segmentCrossesBox(a, b, box)) crossings++;
  }
  return crossings;
}

/**
 * How many boxes of the index overlap `box` (with `gap` between them counting as overlap). The index
 * is asked about the box grown by the gap: a box within the gap but apart from `box` (a diamond
 * 1 px from a branch label) is one the label must keep clear of.
 */
function overlapCount(index: BoxIndex, box: Box, gap: number): number {
  let count = 0;
  for (const id of index.query(gap > 0 ? inflate(box, gap) : box))
    if (boxesOverlap(box, index.box(id), gap)) count++;
  return count;
}

/** Distance between two boxes (0 when they touch or overlap). */
function boxGap(a: Box, b: Box): number {
  const dx = Math.max(0, a.x - (b.x + b.width), b.x - (a.x + a.width));
  const dy = Math.max(0, a.y - (b.y + b.height), b.y - (a.y + a.height));
  return Math.hypot(dx, dy);
}

/**
 * A branch label's spot by its decision: every 2 px along the start of its route, centred on the
 * line, within `BRANCH_LABEL_REACH` of the diamond's box, touching no node, header or label,
 * crossing no other edge and covering no arrowhead; the nearest to the diamond wins. Null when
 * there is none. The start searched is as long as the reach and the label, plus half the diamond:
 * a route out of a side vertex that turns at once runs beside the diamond's slant for up to half
 * its size before a label on it clears the diamond's box.
 */
function nearCandidate(request: LabelRequest, own: number, scene: Scene): Box | null {
  const size = request.size as { width: number; height: number };
  const near = request.near as Box;
  const points = request.points;
  let best: Box | null = null;
  let bestScore = Infinity;
  let travelled = 0;
  const limit =
    BRANCH_LABEL_REACH +
    Math.max(size.width, size.height) +
    8 +
    Math.max(near.width, near.height) / 2;
  const curve = request.curved ? curveOf(points) : null;
  for (let s = 0; s + 1 < points.length && travelled <= limit; s++) {
    const a = points[s] as Point;
    const b = points[s + 1] as Point;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length === 0) continue;
    for (let d = 0; d <= length && travelled + d <= limit; d += 2) {
      const spot = curve
        ? curve.at(s, d / length)
        : { x: a.x + ((b.x - a.x) * d) / length, y: a.y + ((b.y - a.y) * d) / length };
      const cx = Math.round(spot.x * 2) / 2;
      const cy = Math.round(spot.y * 2) / 2;
      const box = { x: cx - size.width / 2, y: cy - size.height / 2, ...size };
      const gap = boxGap(box, near);
      if (gap > BRANCH_LABEL_REACH || gap >= bestScore) continue;
      if (
        hardOverlaps(scene, box) > 0 ||
        overlapCount(scene.arrowheads, box, 0) > 0 ||
        crossingsOf(scene, box, own) > 0
      )
        continue;
      best = box;
      bestScore = gap;
    }
    travelled += length;
  }
  return best;
}

/**
 * Where a decision branch's label goes when its route runs straight out of the diamond's vertex
 * (`port`, on `side` of the box): the first spot on the line clear of the diamond, and `ROOM_END`
 * px beyond it for a route passing the label's end. The router keeps other routes out of it (a
 * route crossing there leaves the label no place within reach).
 */
export function branchLabelRoom(
  port: Point,
  side: 'top' | 'right' | 'bottom' | 'left',
  size: { width: number; height: number },
): Box {
  const along = side === 'left' || side === 'right' ? size.width : size.height;
  const length = LABEL_NODE_GAP + along + ROOM_END;
  switch (side) {
    case 'right':
      return { x: port.x, y: port.y - size.height / 2, width: length, height: size.height };
    case 'left':
      return {
        x: port.x - length,
        y: port.y - size.height / 2,
        width: length,
        height: size.height,
      };
    case 'bottom':
      return { x: port.x - size.width / 2, y: port.y, width: size.width, height: length };
    case 'top':
      return { x: port.x - size.width / 2, y: port.y - length, width: size.width, height: length };
  }
}

/** Room kept beyond a branch label's end for a route passing it (the routes' parallel gap), px. */
const ROOM_END = 8;

/** Room between a label placed beside its line and the line, px. */
const BESIDE_GAP = 4;

function bestCandidate(
  request: LabelRequest,
  own: number,
  scene: Scene,
): { box: Box; free: boolean } {
  const size = request.size as { width: number; height: number };
  const points = request.points;
  const segmentCount = points.length - 1;
  const curve = request.curved ? curveOf(points) : null;
  let best: Box | null = null;
  let bestScore = Infinity;
  let fallback: Box | null = null;
  let fallbackScore = Infinity;
  // Preferred spots first; only when none is free, every few pixels along every segment; then the
  // same closer than the clearances but touching nothing (a spline passing a node closer than the
  // clearance, a loop hugging its node's corner); and only when still none is free, beside the
  // line (a short edge between two close neighbours).
  for (const pass of ['sparse', 'dense', 'close', 'beside'] as const) {
    if (best) break;
    const offsets = pass === 'beside' ? [-1, 1] : [0];
    const close = pass === 'close' || pass === 'beside';
    for (let s = 0; s < segmentCount; s++) {
      const a = points[s] as Point;
      const b = points[s + 1] as Point;
      const length = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
      if (length === 0) continue;
      const isEnd = s === 0 || s === segmentCount - 1;
      // Centres are rounded to half pixels, which keeps them within 0.36 px of a diagonal segment.
      const every = (): number[] =>
        Array.from({ length: Math.floor(length / 4) }, (_, n) => (n * 4 + 2) / length);
      const fractions =
        pass === 'sparse' ? FRACTIONS : pass === 'close' ? [...FRACTIONS, ...every()] : every();
      for (const fraction of fractions)
        for (const offset of offsets) {
          const spot = curve
            ? curve.at(s, fraction)
            : { x: a.x + (b.x - a.x) * fraction, y: a.y + (b.y - a.y) * fraction };
          const cx = Math.round(spot.x * 2) / 2;
          const cy = Math.round(spot.y * 2) / 2;
          // Beside the drawn line, across it (right of a vertical line or below a horizontal one
          // for offset 1), far enough for the box to keep BESIDE_GAP from the line.
          let shift = { x: 0, y: 0 };
          if (offset !== 0) {
            const d = curve ? curve.direction(s, fraction) : unitOf(a, b);
            const flip = -d.y < 0 || (-d.y === 0 && d.x < 0) ? -offset : offset;
            const normal = { x: -d.y * flip, y: d.x * flip };
            const reach =
              (size.width / 2) * Math.abs(normal.x) +
              (size.height / 2) * Math.abs(normal.y) +
              BESIDE_GAP;
            shift = { x: normal.x * reach, y: normal.y * reach };
          }
          const box = {
            x: cx - size.width / 2 + shift.x,
            y: cy - size.height / 2 + shift.y,
            width: size.width,
            height: size.height,
          };
          const hard = hardOverlaps(scene, box, close);
          const crossings = crossingsOf(scene, box, own);
          // A label that does not fit along its segment hangs over the corners: prefer ones that fit.
          const along = a.x === b.x ? size.height : size.width;
          const score =
            crossings * 60 +
            overlapCount(scene.arrowheads, box, 0) * ARROWHEAD_COST +
            Math.abs(fraction - 0.5) * 20 +
            (isEnd ? 15 : 0) +
            Math.max(0, along + 8 - length) * 0.5 -
            Math.min(length, 200) * 0.05;
          if (hard === 0 && score < bestScore) {
            bestScore = score;
            best = box;
          }
          const badness = hard * 1000 + score;
          if (badness < fallbackScore) {
            fallbackScore = badness;
            fallback = box;
          }
        }
    }
  }
  if (best) return { box: best, free: true };
  return {
    box: fallback ?? {
      x: (points[0]?.x ?? 0) - size.width / 2,
      y: (points[0]?.y ?? 0) - size.height / 2,
      ...size,
    },
    free: false,
  };
}
