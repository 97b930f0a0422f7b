/** `subroutine`: a predefined process (a sub-flow described elsewhere), a box with double sides. */
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
import { formatNumber as n } from '../util/number.js';
import { roundedRect } from './outline.js';
import type { Box, ShapeModule, SvgElement } from './types.js';

const PADDING_X = NODE_PADDING_X;
const PADDING_Y = NODE_PADDING_Y;
const MIN_WIDTH = NODE_MIN_WIDTH + 14;
const MIN_HEIGHT = NODE_MIN_HEIGHT;
const RADIUS = 3;
/** Distance of the inner vertical bars from the sides. */
const BAR = 10;

function bars(box: Box): SvgElement {
  const { x, y, width: w, height: h } = box;
  const d = `M${n(x + BAR)} ${n(y)} L${n(x + BAR)} ${n(y + h)} M${n(x + w - BAR)} ${n(y)} L${n(x + w - BAR)} ${n(y + h)}`;
  return { tag: 'path', attributes: [['d', d]] };
}

export const subroutine: ShapeModule<'subroutine'> = {
  name: 'subroutine',
  meaning: 'a predefined process (a sub-flow drawn elsewhere)',
  terminal: false,
  role: 'step',
  wrapWidth: 150,
  size: (text) => ({
    width: evenCeil(Math.max(MIN_WIDTH, text.width + 2 * (PADDING_X + BAR))),
    height: evenCeil(Math.max(MIN_HEIGHT, text.height + 2 * PADDING_Y)),
  }),
  labelCentre: centre,
  outline: (box) => roundedRect(box, RADIUS),
  portSpan: (box, side) => boxSpan(box, side, 8),
  draw: (box) => ({
    body: rectElement(box, RADIUS),
    details: [{ element: bars(box), kind: 'line' }],
  }),
  highlight: (box, gap) => rectElement(inflate(box, gap), RADIUS + gap),
  mermaid: () => ({ open: '[[', close: ']]' }),
  // Graphviz has no predefined-process symbol: a box with a double border is the nearest.
  dot: () => ({ shape: 'box', peripheries: 2 }),
};
