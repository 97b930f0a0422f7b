/**
 * Path data for edges and boxes: rounded orthogonal routes, smooth curves through points,
 * polylines and top-rounded rectangles (shapes draw their own outlines: src/shapes/outline.ts).
 * Pure functions of the points given.
 */
import type { Point } from '../layout/types.js';
import { formatNumber as n } from './text.js';
import { distance, dropCollinear, towards } from '../util/points.js';
import { distinctPoints, splinePieces } from '../util/spline.js';

/** Drops points that repeat the previous one (they would give zero-length segments and no direction). */
export function dedupe(points: readonly Point[]): Point[] {
  return distinctPoints(points);
}

/**
 * Pulls the last point back along the last segment by `length`, so the line stops inside the
 * arrowhead instead of poking through its tip. Returns null when the last segment is too short.
 */
export function shortenEnd(points: readonly Point[], length: number): Point[] | null {
  const route = dedupe(points);
  if (route.length < 2) return null;
  const end = route[route.length - 1]!;
  const before = route[route.length - 2]!;
  if (distance(before, end) < length + 2) return null;
  return [...route.slice(0, -1), towards(end, before, length)];
}

/**
 * An orthogonal (or any polyline) route with each bend rounded by a quadratic curve of up to
 * `radius`; the radius shrinks where segments are short so that neighbouring corners never overlap.
 */
export function roundedPath(points: readonly Point[], radius: number): string {
  const route = dropCollinear(dedupe(points));
  if (route.length === 0) return '';
  const first = route[0]!;
  let d = `M${n(first.x)} ${n(first.y)}`;
  for (let i = 1; i < route.length - 1; i++) {
    const prev = route[i - 1]!;
    const corner = route[i]!;
    const next = route[i + 1]!;
    // A segment shared by two corners gives each half of its length; an end segment gives all of it.
    const inShare = i - 1 === 0 ? 1 : 0.5;
    const outShare = i + 1 === route.length - 1 ? 1 : 0.5;
    const r = Math.min(radius, distance(prev, corner) * inShare, distance(corner, next) * outShare);
    const a = towards(corner, prev, r);
    const b = towards(corner, next, r);
    d += ` L${n(a.x)} ${n(a.y)} Q${n(corner.x)} ${n(corner.y)} ${n(b.x)} ${n(b.y)}`;
  }
  if (route.length > 1) {
    const last = route[route.length - 1]!;
    d += ` L${n(last.x)} ${n(last.y)}`;
  }
  return d;
}

/** Straight segments through the points. */
export function polylinePath(points: readonly Point[]): string {
  return dedupe(points)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`)
    .join(' ');
}

/**
 * A smooth curve through the points where the route turns (src/util/spline.ts, the curve the layout
 * sizes the canvas around and puts labels on); a route that does not turn is a line. The ends are
 * tangent to the first and last segments, so an edge still leaves and enters along its handle.
 */
export function splinePath(points: readonly Point[]): string {
  const pieces = splinePieces(dedupe(points));
  if (pieces.length === 0) return polylinePath(points);
  const first = pieces[0]!.start;
  let d = `M${n(first.x)} ${n(first.y)}`;
  for (const { c1, c2, end } of pieces)
    d += ` C${n(c1.x)} ${n(c1.y)} ${n(c2.x)} ${n(c2.y)} ${n(end.x)} ${n(end.y)}`;
  return d;
}

/** A rectangle whose top two corners are rounded with circular arcs, like an SVG `rect` with `rx` (a header band inside a group box). */
export function topRoundedRect(
  x: number,
  y: number,
  width: number,
  height: number,
  radius: number,
): string {
  const r = Math.min(radius, width / 2, height);
  return [
    `M${n(x)} ${n(y + height)}`,
    `L${n(x)} ${n(y + r)}`,
    `A${n(r)} ${n(r)} 0 0 1 ${n(x + r)} ${n(y)}`,
    `L${n(x + width - r)} ${n(y)}`,
    `A${n(r)} ${n(r)} 0 0 1 ${n(x + width)} ${n(y + r)}`,
    `L${n(x + width)} ${n(y + height)}`,
    'Z',
  ].join(' ');
}
