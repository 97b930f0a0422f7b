/**
 * Checks of the edges as the SVG draws them (the `d` of each edge's path, not the route's points):
 * the `spline` style's cubic pieces must not loop or turn back, must stay near the route they were
 * drawn for and out of the nodes the edge does not attach to, and a label must sit on the line that
 * is drawn. Independent of src/util/spline.ts: they read what the emitter wrote.
 */
import type { Box, Layout, Point } from '../../src/layout/types.js';

/** One piece of a drawn path as a cubic Bézier (a line's control points are its ends). */
export interface Piece {
  start: Point;
  c1: Point;
  c2: Point;
  end: Point;
}

/** The pieces of every edge's path in an SVG, by edge index (`id="edge-N"`; M, L, Q and C). */
export function drawnPaths(svg: string): Piece[][] {
  const out: Piece[][] = [];
  for (const [, index, d] of svg.matchAll(/<path id="edge-(\d+)"[^>]* d="([^"]*)"/g)) {
    const pieces: Piece[] = [];
    const tokens = d!.match(/[MLQC]|-?[\d.]+(?:e-?\d+)?/g) ?? [];
    let command = '';
    let numbers: number[] = [];
    let at: Point = { x: 0, y: 0 };
    const arity: Record<string, number> = { M: 2, L: 2, Q: 4, C: 6 };
    for (const token of tokens) {
      if (/[MLQC]/.test(token)) {
        command = token;
        numbers = [];
        continue;
      }
      numbers.push(Number(token));
      if (numbers.length < (arity[command] ?? Infinity)) continue;
      const p = (i: number): Point => ({ x: numbers[i]!, y: numbers[i + 1]! });
      if (command === 'L') pieces.push({ start: at, c1: at, c2: p(0), end: p(0) });
      else if (command === 'Q') {
        const q = p(0);
        const end = p(2);
        pieces.push({
          start: at,
          c1: { x: at.x + (2 / 3) * (q.x - at.x), y: at.y + (2 / 3) * (q.y - at.y) },
          c2: { x: end.x + (2 / 3) * (q.x - end.x), y: end.y + (2 / 3) * (q.y - end.y) },
          end,
        });
      } else if (command === 'C') pieces.push({ start: at, c1: p(0), c2: p(2), end: p(4) });
      at = p(numbers.length - 2);
      numbers = [];
    }
    out[Number(index)] = pieces;
  }
  return out;
}

export function pointAt(piece: Piece, t: number): Point {
  const u = 1 - t;
  const f = (a: number, b: number, c: number, d: number): number =>
    u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
  return {
    x: f(piece.start.x, piece.c1.x, piece.c2.x, piece.end.x),
    y: f(piece.start.y, piece.c1.y, piece.c2.y, piece.end.y),
  };
}

/** The derivative of the piece at `t` (its direction of travel). */
export function tangentAt(piece: Piece, t: number): Point {
  const u = 1 - t;
  const f = (a: number, b: number, c: number, d: number): number =>
    3 * (u * u * (b - a) + 2 * u * t * (c - b) + t * t * (d - c));
  return {
    x: f(piece.start.x, piece.c1.x, piece.c2.x, piece.end.x),
    y: f(piece.start.y, piece.c1.y, piece.c2.y, piece.end.y),
  };
}

const STEPS = 64;

/** The piece as a polyline of STEPS + 1 points. */
export function samples(piece: Piece): Point[] {
  return Array.from({ length: STEPS + 1 }, (_, k) => pointAt(piece, k / STEPS));
}

/**
 * Whether the piece's direction of travel ever points against its chord (tangent · chord <= 0):
 * a loop, a cusp or an S-bend doubling back. A straight piece or one shorter than 1 px never does.
 */
export function turnsBack(piece: Piece): boolean {
  const chord = { x: piece.end.x - piece.start.x, y: piece.end.y - piece.start.y };
  const length = Math.hypot(chord.x, chord.y);
  if (length < 1) return false;
  for (let k = 0; k <= STEPS; k++) {
    const d = tangentAt(piece, k / STEPS);
    // A control point on its end (a line, or a piece starting along its chord) gives no direction there.
    if (Math.hypot(d.x, d.y) < 1e-9) continue;
    if (d.x * chord.x + d.y * chord.y <= 0) return true;
  }
  return false;
}

function properlyCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const side = (p: Point, q: Point, r: Point): number =>
    (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  const d1 = side(c, d, a);
  const d2 = side(c, d, b);
  const d3 = side(a, b, c);
  const d4 = side(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Whether the piece (sampled) crosses itself: a loop. */
export function selfIntersects(piece: Piece): boolean {
  const s = samples(piece);
  for (let i = 0; i + 1 < s.length; i++)
    for (let j = i + 2; j + 1 < s.length; j++)
      if (properlyCross(s[i]!, s[i + 1]!, s[j]!, s[j + 1]!)) return true;
  return false;
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

export function distanceToPolyline(p: Point, points: readonly Point[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i++)
    best = Math.min(best, distanceToSegment(p, points[i]!, points[i + 1]!));
  if (points.length === 1) best = Math.hypot(p.x - points[0]!.x, p.y - points[0]!.y);
  return best;
}

/** The drawn path of one edge as one polyline (every piece sampled). */
export function drawnPolyline(pieces: readonly Piece[]): Point[] {
  const out: Point[] = [];
  for (const piece of pieces) {
    const s =
      piece.c1 === piece.start && piece.c2 === piece.end
        ? [piece.start, piece.end]
        : samples(piece);
    out.push(...(out.length > 0 ? s.slice(1) : s));
  }
  return out;
}

/** How far the drawn path strays from the route's polyline at most, px. */
export function strayFromRoute(pieces: readonly Piece[], route: readonly Point[]): number {
  let worst = 0;
  for (const piece of pieces)
    for (const p of samples(piece)) worst = Math.max(worst, distanceToPolyline(p, route));
  return worst;
}

/** How deep the drawn path goes into `box` (0 when it stays outside or on its border), px. */
export function depthInto(pieces: readonly Piece[], box: Box): number {
  let worst = 0;
  for (const piece of pieces)
    for (const p of samples(piece)) {
      const depth = Math.min(
        p.x - box.x,
        box.x + box.width - p.x,
        p.y - box.y,
        box.y + box.height - p.y,
      );
      worst = Math.max(worst, depth);
    }
  return worst;
}

/** Distance from a point to a box (0 inside it). */
function distanceToBox(p: Point, box: Box): number {
  const dx = Math.max(0, box.x - p.x, p.x - (box.x + box.width));
  const dy = Math.max(0, box.y - p.y, p.y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

/** Per labelled edge: how far its label's centre, and its box, lie from the path drawn for it. */
export function labelOffsets(
  layout: Layout,
  svg: string,
): Array<{ edge: number; centre: number; box: number }> {
  const paths = drawnPaths(svg);
  const out: Array<{ edge: number; centre: number; box: number }> = [];
  layout.edges.forEach((edge, k) => {
    const box = edge.labelBox;
    if (!box) return;
    const line = drawnPolyline(paths[k] ?? []);
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    let nearBox = Infinity;
    for (const p of line) nearBox = Math.min(nearBox, distanceToBox(p, box));
    out.push({ edge: k, centre: distanceToPolyline(centre, line), box: nearBox });
  });
  return out;
}

/**
 * The faults of the drawn curves of a layout: pieces that turn back against their chord or cross
 * themselves, paths straying more than `stray` px from their route, and paths entering a node they
 * do not attach to by more than 1 px. One sentence each.
 */
export function curveFaults(layout: Layout, svg: string, stray: number): string[] {
  const paths = drawnPaths(svg);
  const out: string[] = [];
  layout.edges.forEach((edge, k) => {
    const pieces = paths[k] ?? [];
    const name = `edge ${k} (${edge.from} -> ${edge.to})`;
    pieces.forEach((piece, i) => {
      if (turnsBack(piece)) out.push(`${name}: piece ${i} turns back against its chord`);
      if (selfIntersects(piece)) out.push(`${name}: piece ${i} crosses itself`);
    });
    const off = strayFromRoute(pieces, edge.points);
    if (off > stray) out.push(`${name} strays ${off.toFixed(1)} px from its route`);
    for (const node of layout.nodes) {
      if (node.id === edge.from || node.id === edge.to) continue;
      const depth = depthInto(pieces, node);
      if (depth > 1) out.push(`${name} runs ${depth.toFixed(1)} px into node ${node.id}`);
    }
  });
  return out;
}
