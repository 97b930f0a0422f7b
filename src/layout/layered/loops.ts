/**
 * Self-loops, drawn beside their node in the room positioning reserved for them: out of one side,
 * around, and back into the same side (a "C", the default on rectangles), the neighbouring side
 * (around a corner) or the opposite side (over the top). Loops of one node nest, one lane apart;
 * the label sits on the loop's outer segment, clear of the node.
 */
import type { Side } from '../../syntax/ast.js';
import { NORMALS } from '../geometry.js';
import type { Box, Point } from '../types.js';
import { LINE_GAP, STUB } from './ports.js';
import { LABEL_NODE_GAP } from '../labels.js';

/**
 * How far a loop in `lane` reaches out from its side, px (room for a label centred on it, as far
 * from the node as every label keeps).
 */
export function loopDistance(
  lane: number,
  side: Side,
  label: { width: number; height: number } | null,
): number {
  const base = STUB + lane * LINE_GAP;
  if (!label) return base;
  const half = side === 'left' || side === 'right' ? label.width / 2 : label.height / 2;
  return Math.max(base, Math.ceil(half + LABEL_NODE_GAP));
}

/** How far the loop and its label reach beyond the side, px. */
export function loopReach(
  lane: number,
  side: Side,
  label: { width: number; height: number } | null,
): number {
  const d = loopDistance(lane, side, label);
  if (!label) return d;
  return d + (side === 'left' || side === 'right' ? label.width / 2 : label.height / 2) + 2;
}

export function sidePoint(box: Box, side: Side, offset: number): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  switch (side) {
    case 'top':
      return { x: cx + offset, y: box.y };
    case 'bottom':
      return { x: cx + offset, y: box.y + box.height };
    case 'left':
      return { x: box.x, y: cy + offset };
    case 'right':
      return { x: box.x + box.width, y: cy + offset };
  }
}

/** The side whose parallel segment carries the loop's label (loopRoute puts it there). */
export function loopLabelSide(from: Side, to: Side): Side {
  const a = NORMALS[from];
  const b = NORMALS[to];
  if (a.x === -b.x && a.y === -b.y) return from === 'left' || from === 'right' ? 'top' : 'left';
  return from;
}

export interface LoopRoute {
  points: Point[];
  /** The segment the label is centred on (its middle). */
  labelAt: Point;
}

export function loopRoute(
  box: Box,
  from: { side: Side; offset: number },
  to: { side: Side; offset: number },
  distance: number,
): LoopRoute {
  const p1 = sidePoint(box, from.side, from.offset);
  const p2 = sidePoint(box, to.side, to.offset);
  const n1 = NORMALS[from.side];
  const n2 = NORMALS[to.side];
  const q1 = { x: p1.x + n1.x * distance, y: p1.y + n1.y * distance };
  const q2 = { x: p2.x + n2.x * distance, y: p2.y + n2.y * distance };
  const middle = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  if (from.side === to.side) {
    return { points: [p1, q1, q2, p2], labelAt: middle(q1, q2) };
  }
  const dot = n1.x * n2.x + n1.y * n2.y;
  if (dot === 0) {
    const corner = n1.x !== 0 ? { x: q1.x, y: q2.y } : { x: q2.x, y: q1.y };
    return { points: [p1, q1, corner, q2, p2], labelAt: middle(q1, corner) };
  }
  // Opposite sides: around the top (or the left, for top/bottom pairs).
  if (n1.x !== 0) {
    const y = box.y - distance;
    const a = { x: q1.x, y };
    const b = { x: q2.x, y };
    return { points: [p1, q1, a, b, q2, p2], labelAt: middle(a, b) };
  }
  const x = box.x - distance;
  const a = { x, y: q1.y };
  const b = { x, y: q2.y };
  return { points: [p1, q1, a, b, q2, p2], labelAt: middle(a, b) };
}
