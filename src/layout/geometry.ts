/**
 * Small geometric helpers shared by the layout stages: boxes, sides and axis-aligned segments.
 */
import type { Side } from '../syntax/ast.js';
import type { Box, Point } from './types.js';

export type Vector = Point;

/** Outward unit normal of each side of a box (y grows downwards). */
export const NORMALS: Readonly<Record<Side, Vector>> = {
  top: { x: 0, y: -1 },
  right: { x: 1, y: 0 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
};

export const SIDE_ORDER: readonly Side[] = ['top', 'right', 'bottom', 'left'];

export function opposite(side: Side): Side {
  return side === 'top' ? 'bottom' : side === 'bottom' ? 'top' : side === 'left' ? 'right' : 'left';
}

/** True when the side runs horizontally (top, bottom): points on it vary in x. */
export function isHorizontalSide(side: Side): boolean {
  return side === 'top' || side === 'bottom';
}

export function dot(a: Vector, b: Vector): number {
  return a.x * b.x + a.y * b.y;
}

/** A box's centre and a box grown on every side: the shapes' helpers, one definition. */
export { centre, inflate } from '../shapes/index.js';

/** Interiors intersect (touching edges do not count), after growing both by `gap / 2`. */
export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/** Strictly inside (not on the border). */
export function pointInBox(p: Point, box: Box): boolean {
  return p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
}

/**
 * True when segment pq passes through the interior of the box. Works for any segment (not only
 * axis-aligned ones) by clipping it against the box (Liang–Barsky) and testing the clipped middle.
 */
export function segmentCrossesBox(p: Point, q: Point, box: Box): boolean {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  const clips: Array<[number, number]> = [
    [-dx, p.x - box.x],
    [dx, box.x + box.width - p.x],
    [-dy, p.y - box.y],
    [dy, box.y + box.height - p.y],
  ];
  for (const [pk, qk] of clips) {
    if (pk === 0) {
      if (qk <= 0) return false;
      continue;
    }
    const r = qk / pk;
    if (pk < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 >= t1) return false;
  }
  const mid = (t0 + t1) / 2;
  return pointInBox({ x: p.x + dx * mid, y: p.y + dy * mid }, box);
}

/** The box with corners `a` and `b` (a segment's extent, or a box's corners mapped elsewhere). */
export function spanningBox(a: Point, b: Point): Box {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  };
}

export function unionBox(boxes: readonly Box[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  if (!Number.isFinite(minX)) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export function samePoint(a: Point, b: Point): boolean {
  return a.x === b.x && a.y === b.y;
}

/** Drops repeated points and middle points of straight runs (three collinear axis-aligned points). */
export function simplifyPolyline(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && samePoint(last, p)) continue;
    const before = out[out.length - 2];
    if (
      before &&
      last &&
      ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))
    ) {
      // Keep a reversal (a spike) visible rather than folding it silently; routes never produce one.
      const forward =
        (last.x - before.x) * (p.x - last.x) + (last.y - before.y) * (p.y - last.y) >= 0;
      if (forward) {
        out[out.length - 1] = p;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}
