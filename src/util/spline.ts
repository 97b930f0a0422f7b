/**
 * The curve of the `spline` edge style, one source for the emitters (which draw it) and the layout
 * (which sizes the canvas around it): a Catmull–Rom curve through every point of a route, as cubic
 * Bézier pieces. Its ends are tangent to the route's first and last segments, so an edge still
 * leaves and enters along its handle; between points it bulges past the polyline, by up to a sixth
 * of the neighbouring segments.
 */
import { cubicAt, distance, type XY } from './points.js';

/** One cubic piece: from `start` to `end`, pulled by `c1` and `c2`. */
export interface CubicPiece {
  start: XY;
  c1: XY;
  c2: XY;
  end: XY;
}

/** The route without repeated points (closer than 0.01 px), the points the curve passes through. */
export function distinctPoints(points: readonly XY[]): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || distance(last, p) > 0.01) out.push({ x: p.x, y: p.y });
  }
  return out;
}

/** The curve's pieces through `route` (already without repeated points); none below 3 points. */
export function splinePieces(route: readonly XY[]): CubicPiece[] {
  if (route.length < 3) return [];
  const pieces: CubicPiece[] = [];
  for (let i = 0; i < route.length - 1; i++) {
    const p0 = route[i - 1] ?? route[i]!;
    const p1 = route[i]!;
    const p2 = route[i + 1]!;
    const p3 = route[i + 2] ?? p2;
    pieces.push({
      start: p1,
      c1: { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 },
      c2: { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 },
      end: p2,
    });
  }
  return pieces;
}

/** The smallest and largest value of one coordinate along a cubic piece (its ends and extrema). */
function cubicRange(a: number, b: number, c: number, d: number): [number, number] {
  let low = Math.min(a, d);
  let high = Math.max(a, d);
  // The derivative, divided by 3: qa t² + qb t + qc.
  const qa = -a + 3 * b - 3 * c + d;
  const qb = 2 * (a - 2 * b + c);
  const qc = b - a;
  const roots: number[] = [];
  if (Math.abs(qa) < 1e-12) {
    if (Math.abs(qb) > 1e-12) roots.push(-qc / qb);
  } else {
    const disc = qb * qb - 4 * qa * qc;
    if (disc >= 0) {
      const s = Math.sqrt(disc);
      roots.push((-qb + s) / (2 * qa), (-qb - s) / (2 * qa));
    }
  }
  for (const t of roots) {
    if (t <= 0 || t >= 1) continue;
    const v = cubicAt(a, b, c, d, t);
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return [low, high];
}

/** The box the curve through `points` covers: the polyline's own box when it is not curved. */
export function splineBounds(points: readonly XY[]): {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
} {
  const route = distinctPoints(points);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of route) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  for (const piece of splinePieces(route)) {
    const [x0, x1] = cubicRange(piece.start.x, piece.c1.x, piece.c2.x, piece.end.x);
    const [y0, y1] = cubicRange(piece.start.y, piece.c1.y, piece.c2.y, piece.end.y);
    minX = Math.min(minX, x0);
    minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
  }
  return { minX, minY, maxX, maxY };
}
