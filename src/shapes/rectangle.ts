/** `rectangle`: a step (ISO 5807 "process"), drawn with rounded corners. */
import { boxSpan, centre, evenCeil, inflate, rectElement } from './common.js';
import { roundedRect } from './outline.js';
import type { ShapeModule } from './types.js';

const PADDING_X = 16;
const PADDING_Y = 10;
const MIN_WIDTH = 96;
const MIN_HEIGHT = 40;
const RADIUS = 8;
/** Ports stay this far from the corners (beyond the rounding). */
const CORNER_CLEARANCE = 10;

export const rectangle: ShapeModule<'rectangle'> = {
  name: 'rectangle',
  meaning: 'a step (process)',
  terminal: false,
  role: 'step',
  wrapWidth: 170,
  size: (text) => ({
    width: evenCeil(Math.max(MIN_WIDTH, text.width + 2 * PADDING_X)),
    height: evenCeil(Math.max(MIN_HEIGHT, text.height + 2 * PADDING_Y)),
  }),
  labelCentre: centre,
  outline: (box) => roundedRect(box, RADIUS),
  portSpan: (box, side) => boxSpan(box, side, CORNER_CLEARANCE),
  draw: (box) => ({ body: rectElement(box, RADIUS), details: [] }),
  highlight: (box, gap) => rectElement(inflate(box, gap), RADIUS + gap),
  mermaid: () => ({ open: '(', close: ')' }),
  dot: () => ({ shape: 'box', style: 'rounded' }),
};
