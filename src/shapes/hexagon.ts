/** `hexagon`: preparation (ISO 5807): setting something up before the flow goes on. */
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

/** Less than a rectangle's: the points add their own room. */
const PADDING_X = NODE_PADDING_X - 4;
const PADDING_Y = NODE_PADDING_Y;
const MIN_WIDTH = NODE_MIN_WIDTH;
const MIN_HEIGHT = NODE_MIN_HEIGHT;
const RADIUS = 3;

/** How far the left and right points stand out from the flat top and bottom. */
function point(height: number): number {
  return clamp(evenCeil(height * 0.3), 12, 22);
}

function outline(box: Box) {
  const { x, y, width: w, height: h } = box;
  const p = point(h);
  const cy = y + h / 2;
  return roundedPolygon(
    [
      { x: x + p, y },
      { x: x + w - p, y },
      { x: x + w, y: cy },
      { x: x + w - p, y: y + h },
      { x: x + p, y: y + h },
      { x, y: cy },
    ],
    RADIUS,
  );
}

export const hexagon: ShapeModule<'hexagon'> = {
  name: 'hexagon',
  meaning: 'preparation (setting something up)',
  terminal: false,
  role: 'step',
  wrapWidth: 150,
  size: (text) => {
    const height = evenCeil(Math.max(MIN_HEIGHT, text.height + 2 * PADDING_Y));
    return {
      width: evenCeil(Math.max(MIN_WIDTH, text.width + 2 * (PADDING_X + point(height)))),
      height,
    };
  },
  labelCentre: centre,
  outline,
  portSpan: (box, side) => {
    if (side === 'left' || side === 'right') return null;
    const p = point(box.height);
    return span(box.x + p, box.x + box.width - p, 6);
  },
  ...outlineOnly(outline),
  mermaid: () => ({ open: '{{', close: '}}' }),
  dot: () => ({ shape: 'hexagon' }),
};
