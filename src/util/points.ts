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
