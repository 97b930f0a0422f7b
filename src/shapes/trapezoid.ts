/** `trapezoid`: a manual operation (ISO 5807), wider at the top, like Mermaid's `[\…/]`. */
import {
  NODE_MIN_HEIGHT,
  NODE_MIN_WIDTH,
  NODE_PADDING_X,
  NODE_PADDING_Y,
  centre,
  clamp,
  evenCeil,
  outlineOnly,
  span,
} from './common.js';
import { roundedPolygon } from './outline.js';
import type { Box, ShapeModule } from './types.js';

/** Less than a rectangle's: the slants add their own room. */
const PADDING_X = NODE_PADDING_X - 4;
const PADDING_Y = NODE_PADDING_Y;
const MIN_WIDTH = NODE_MIN_WIDTH;
const MIN_HEIGHT = NODE_MIN_HEIGHT;
const RADIUS = 3;

/** How much narrower the bottom edge is on each side. */
function inset(height: number): number {
  return clamp(evenCeil(height * 0.3), 12, 22);
}

function outline(box: Box) {
  const { x, y, width: w, height: h } = box;
  const i = inset(h);
  return roundedPolygon(
    [
      { x, y },
      { x: x + w, y },
      { x: x + w - i, y: y + h },
      { x: x + i, y: y + h },
    ],
    RADIUS,
  );
}

export const trapezoid: ShapeModule<'trapezoid'> = {
  name: 'trapezoid',
  meaning: 'a manual operation',
  terminal: false,
  role: 'step',
  wrapWidth: 150,
  size: (text) => {
    const height = evenCeil(Math.max(MIN_HEIGHT, text.height + 2 * PADDING_Y));
    return {
      width: evenCeil(Math.max(MIN_WIDTH, text.width + 2 * (PADDING_X + inset(height)))),
      height,
    };
  },
  labelCentre: centre,
  outline,
  portSpan: (box, side) => {
    if (side === 'top') return span(box.x, box.x + box.width, 8);
    if (side === 'bottom') {
      const i = inset(box.height);
      return span(box.x + i, box.x + box.width - i, 6);
    }
    return null;
  },
  ...outlineOnly(outline),
  mermaid: () => ({ open: '[\\', close: '/]' }),
  dot: () => ({ shape: 'invtrapezium' }),
};
