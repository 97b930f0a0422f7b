/**
 * `terminator`: the stadium of ISO 5807's terminal symbol. It counts as a start or an end exactly as
 * a circle does (an end gets an inner outline); it holds longer labels than a circle.
 */
import {
  NODE_MIN_HEIGHT,
  NODE_MIN_WIDTH,
  centre,
  evenCeil,
  inflate,
  rectElement,
  span,
} from './common.js';
import { roundedRect } from './outline.js';
import type { Box, ShapeModule } from './types.js';

const MIN_WIDTH = NODE_MIN_WIDTH;
const MIN_HEIGHT = NODE_MIN_HEIGHT;
const RING_GAP = 3.5;
/**
 * Room between the text's lines and an end's inner ring, above and below: the text's corners sit
 * where the half circles begin, so a two-line label needs this more than a rectangle's padding.
 */
const CLEARANCE = 4;

const radius = (box: Box): number => Math.min(box.width, box.height) / 2;

export const terminator: ShapeModule<'terminator'> = {
  name: 'terminator',
  meaning: 'a terminal (stadium): a start or an end, like a circle',
  terminal: true,
  role: 'step',
  wrapWidth: 170,
  size: (text) => {
    const height = evenCeil(Math.max(MIN_HEIGHT, text.height + 2 * (RING_GAP + CLEARANCE)));
    // The text sits between the two half circles, whose radius is half the height.
    return { width: evenCeil(Math.max(MIN_WIDTH, text.width + height)), height };
  },
  labelCentre: centre,
  outline: (box) => roundedRect(box, radius(box)),
  // Straight on top and bottom between the half circles; the ends are curves.
  portSpan: (box, side) => {
    if (side === 'left' || side === 'right') return null;
    return span(box.x + radius(box), box.x + box.width - radius(box), 2);
  },
  draw: (box, end) => ({
    body: rectElement(box, radius(box)),
    details: end
      ? [{ element: rectElement(inflate(box, -RING_GAP), radius(box) - RING_GAP), kind: 'ring' }]
      : [],
  }),
  highlight: (box, gap) => rectElement(inflate(box, gap), radius(box) + gap),
  mermaid: () => ({ open: '([', close: '])' }),
  dot: (end) => (end ? { shape: 'ellipse', peripheries: 2 } : { shape: 'ellipse' }),
};
