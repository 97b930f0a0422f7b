/**
 * The outline of a group's box, for edges that end on a group (`a -> Build`): the rounded
 * rectangle the SVG emitter draws, with ports spread along its straight sides (on the left and
 * right sides below the header band, which holds the title).
 */
import { boxSpan, span } from './common.js';
import { roundedRect } from './outline.js';
import type { ShapeGeometry } from './types.js';

/** Corner radius of a group box (the SVG emitter draws it with this `rx`). */
export const GROUP_RADIUS = 10;
const CLEARANCE = GROUP_RADIUS + 2;

/** The geometry of a group box whose header band is `headerHeight` high. */
export function groupBox(headerHeight: number): ShapeGeometry {
  return {
    outline: (box) => roundedRect(box, GROUP_RADIUS),
    portSpan: (box, side) =>
      side === 'left' || side === 'right'
        ? (span(box.y + headerHeight, box.y + box.height, CLEARANCE) ??
          boxSpan(box, side, CLEARANCE))
        : boxSpan(box, side, CLEARANCE),
  };
}
