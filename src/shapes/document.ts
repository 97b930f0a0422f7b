/** `document`: a document or report (ISO 5807), a page with a wavy bottom edge. */
import {
  NODE_MIN_HEIGHT,
  NODE_MIN_WIDTH,
  NODE_PADDING_X,
  NODE_PADDING_Y,
  centre,
  evenCeil,
  outlineOnly,
  span,
} from './common.js';
import type { Outline } from './outline.js';
import type { Box, ShapeModule } from './types.js';

const PADDING_X = NODE_PADDING_X;
const PADDING_Y = NODE_PADDING_Y;
const MIN_WIDTH = NODE_MIN_WIDTH;
const MIN_HEIGHT = NODE_MIN_HEIGHT + 6;
/** Amplitude of the wave: the bottom edge swings this far above and below its middle line. */
const WAVE = 5;

/**
 * The wave is two cubic half-periods meeting at the middle of the bottom edge, WAVE above the box's
 * bottom: up on the right half, down to the box's bottom on the left half. A cubic whose two
 * control points are offset by d deviates by 3d/4 at its middle, so d = 4/3 of the amplitude.
 */
function outline(box: Box): Outline {
  const { x, y, width: w, height: h } = box;
  const base = y + h - WAVE;
  const d = (4 * WAVE) / 3;
  return {
    start: { x, y },
    segments: [
      { kind: 'line', to: { x: x + w, y } },
      { kind: 'line', to: { x: x + w, y: base } },
      {
        kind: 'cubic',
        c1: { x: x + (5 * w) / 6, y: base - d },
        c2: { x: x + (2 * w) / 3, y: base - d },
        to: { x: x + w / 2, y: base },
      },
      {
        kind: 'cubic',
        c1: { x: x + w / 3, y: base + d },
        c2: { x: x + w / 6, y: base + d },
        to: { x, y: base },
      },
    ],
  };
}

export const document: ShapeModule<'document'> = {
  name: 'document',
  meaning: 'a document or report',
  terminal: false,
  role: 'data',
  wrapWidth: 170,
  size: (text) => ({
    width: evenCeil(Math.max(MIN_WIDTH, text.width + 2 * PADDING_X)),
    height: evenCeil(Math.max(MIN_HEIGHT, text.height + 2 * PADDING_Y + 2 * WAVE)),
  }),
  // The text sits in the page above the wave's middle line.
  labelCentre: (box) => ({ x: centre(box).x, y: box.y + (box.height - WAVE) / 2 }),
  outline,
  portSpan: (box, side) => {
    if (side === 'top') return span(box.x, box.x + box.width, 8);
    if (side === 'bottom') return null;
    return span(box.y, box.y + box.height - WAVE, 8);
  },
  ...outlineOnly(outline),
  mermaid: () => ({ shape: 'doc' }),
  dot: () => ({ shape: 'note' }),
};
