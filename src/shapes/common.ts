/**
 * Small helpers the shape modules share.
 */
import type { Side } from './sides.js';
import { pathData, type Outline } from './outline.js';
import type { Box, Point, ShapeModule, SvgElement } from './types.js';

/**
 * A node's box around its label, shared by every shape (each adds what its symbol needs: a
 * cylinder's rims, a document's wave, a hexagon's points, a subroutine's bars). Close to dot's
 * default node (0.75 × 0.5 in, 54 × 36 pt at 14 pt: 3.9 × 2.6 font units, a margin of ~8 × 4 pt
 * around the text): a one-line label's box is 36 px (2.6 font units) tall and at least 80 wide;
 * text is 12 px from the sides and 6 px above and below its lines (whose 1.3 line height already
 * leaves 2 px over and under the glyphs). Was 16 / 10 / 96 / 40 until session 11: 1.3–1.4 × dot's
 * boxes, which made the held-out-like set's median area per node 180 font² against dot's 168.
 */
export const NODE_PADDING_X = 12;
export const NODE_PADDING_Y = 6;
export const NODE_MIN_WIDTH = 80;
export const NODE_MIN_HEIGHT = 36;

/** Rounds up to an even integer, so a box's centre and side midpoints fall on whole pixels. */
export function evenCeil(value: number): number {
  return Math.ceil(value / 2) * 2;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function centre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function inflate(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

export function pathElement(outline: Outline): SvgElement {
  return { tag: 'path', attributes: [['d', pathData(outline)]] };
}

/**
 * `draw` and `highlight` of a shape drawn as its outline alone, without details: the outline as a
 * path, and the highlight the outline of the box grown by the gap.
 */
export function outlineOnly(
  outline: (box: Box) => Outline,
): Pick<ShapeModule, 'draw' | 'highlight'> {
  return {
    draw: (box) => ({ body: pathElement(outline(box)), details: [] }),
    highlight: (box, gap) => pathElement(outline(inflate(box, gap))),
  };
}

export function rectElement(box: Box, radius: number): SvgElement {
  return {
    tag: 'rect',
    attributes: [
      ['x', box.x],
      ['y', box.y],
      ['width', box.width],
      ['height', box.height],
      ['rx', radius],
    ],
  };
}

/**
 * A port span `clearance` in from both ends of a straight side running from `low` to `high`
 * (coordinates along the side); null when the side is too short to hold more than its middle.
 */
export function span(
  low: number,
  high: number,
  clearance: number,
): readonly [number, number] | null {
  const a = low + clearance;
  const b = high - clearance;
  return a < b ? [a, b] : null;
}

/** The port span of a rectangle-like box: every side straight, `clearance` from the corners. */
export function boxSpan(box: Box, side: Side, clearance: number): readonly [number, number] | null {
  return side === 'top' || side === 'bottom'
    ? span(box.x, box.x + box.width, clearance)
    : span(box.y, box.y + box.height, clearance);
}
