/** `parallelogram`: input or output (ISO 5807 "data"), leaning right like Mermaid's `[/…/]`. */
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

const PADDING_X = NODE_PADDING_X;
const PADDING_Y = NODE_PADDING_Y;
const MIN_WIDTH = NODE_MIN_WIDTH;
const MIN_HEIGHT = NODE_MIN_HEIGHT;
const RADIUS = 3;

/** How far the top edge is shifted right of the bottom one. */
function skew(height: number): number {
  return clamp(evenCeil(height * 0.36), 14, 24);
}

function outline(box: Box) {
  const { x, y, width: w, height: h } = box;
  const s = skew(h);
  return roundedPolygon(
    [
      { x: x + s, y },
      { x: x + w, y },
      { x: x + w - s, y: y + h },
      { x, y: y + h },
    ],
    RADIUS,
  );
}

export const parallelogram: ShapeModule<'parallelogram'> = {
  name: 'parallelogram',
  meaning: 'input or output (data)',
  terminal: false,
  role: 'data',
  wrapWidth: 150,
  size: (text) => {
    const height = evenCeil(Math.max(MIN_HEIGHT, text.height + 2 * PADDING_Y));
    // The slanted sides take `skew` of the width; the text stays clear of both.
    return {
      width: evenCeil(Math.max(MIN_WIDTH, text.width + 2 * PADDING_X + skew(height))),
      height,
    };
  },
  labelCentre: centre,
  outline,
  portSpan: (box, side) => {
    const s = skew(box.height);
    if (side === 'top') return span(box.x + s, box.x + box.width, 6);
    if (side === 'bottom') return span(box.x, box.x + box.width - s, 6);
    return null;
  },
  ...outlineOnly(outline),
  mermaid: () => ({ open: '[/', close: '/]' }),
  dot: () => ({ shape: 'parallelogram' }),
};
