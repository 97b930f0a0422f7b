/** `rectangle`: a step (ISO 5807 "process"), drawn with rounded corners. */
import {
  NODE_MIN_HEIGHT,
  NODE_MIN_WIDTH,
  NODE_PADDING_X,
  NODE_PADDING_Y,
  boxSpan,
  centre,
  evenCeil,
  inflate,
  rectElement,
} from './common.js';
import { roundedRect } from './outline.js';
import type { ShapeModule } from './types.js';

const PADDING_X = NODE_PADDING_X;
const PADDING_Y = NODE_PADDING_Y;
const MIN_WIDTH = NODE_MIN_WIDTH;
const MIN_HEIGHT = NODE_MIN_HEIGHT;
const RADIUS = 6;
/**
 * Ports stay this far from the corners (beyond the rounding): a one-line box's side keeps 20 px
 * for its ports, so three edges leaving one side are 10 px apart.
 */
const CORNER_CLEARANCE = 8;

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
