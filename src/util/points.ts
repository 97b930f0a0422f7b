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
