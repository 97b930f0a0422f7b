/** Plane geometry on points, shared by the shapes' outlines and the emitters' paths. */

export interface XY {
  readonly x: number;
  readonly y: number;
}

export function distance(a: XY, b: XY): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** The point `length` from `from` on the way to `to` (`from` itself when the two coincide). */
export function towards(from: XY, to: XY, length: number): { x: number; y: number } {
  const d = distance(from, to);
  if (d === 0) return { x: from.x, y: from.y };
  return { x: from.x + ((to.x - from.x) * length) / d, y: from.y + ((to.y - from.y) * length) / d };
}

/** One coordinate of a quadratic Bézier curve at `t` (0 to 1): from `a`, pulled by `b`, to `c`. */
export function quadraticAt(a: number, b: number, c: number, t: number): number {
  const u = 1 - t;
  return u * u * a + 2 * u * t * b + t * t * c;
}

/** One coordinate of a cubic Bézier curve at `t` (0 to 1): from `a`, pulled by `b` and `c`, to `d`. */
export function cubicAt(a: number, b: number, c: number, d: number, t: number): number {
  const u = 1 - t;
  return u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
}

/**
 * The points without interior ones that lie on a straight run (a turn of 0°; a reversal is kept),
 * so a path has a corner, or a curve a through-point, only where the route turns.
 */
export function dropCollinear<P extends XY>(points: readonly P[]): P[] {
  if (points.length < 3) return [...points];
  const out: P[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const a = out[out.length - 1]!;
    const b = points[i]!;
    const c = points[i + 1]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    const dot = (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y);
    if (Math.abs(cross) > 0.01 || dot < 0) out.push(b);
  }
  out.push(points[points.length - 1]!);
  return out;
}
