/** `cylinder`: a data store or database (ISO 5807 "stored data"), an upright cylinder. */
import {
  NODE_MIN_HEIGHT,
  NODE_MIN_WIDTH,
  NODE_PADDING_X,
  NODE_PADDING_Y,
  centre,
  evenCeil,
  inflate,
  pathElement,
  span,
} from './common.js';
import { openPathData, type Outline } from './outline.js';
import type { Box, ShapeModule, SvgElement } from './types.js';

const PADDING_X = NODE_PADDING_X;
const PADDING_Y = NODE_PADDING_Y - 2;
const MIN_WIDTH = NODE_MIN_WIDTH - 16;
const MIN_HEIGHT = NODE_MIN_HEIGHT + 16;
/** Half-height of the ellipses at the top and bottom. */
const RIM = 7;

function outline(box: Box): Outline {
  const { x, y, width: w, height: h } = box;
  const arc = { kind: 'arc', rx: w / 2, ry: RIM, large: false, sweep: true } as const;
  return {
    start: { x, y: y + RIM },
    segments: [
      { ...arc, to: { x: x + w, y: y + RIM } },
      { kind: 'line', to: { x: x + w, y: y + h - RIM } },
      { ...arc, to: { x, y: y + h - RIM } },
    ],
  };
}

/** The front half of the top ellipse, drawn over the body so the top reads as a lid. */
function rim(box: Box): SvgElement {
  const { x, y, width: w } = box;
  const d = openPathData({
    start: { x, y: y + RIM },
    segments: [
      { kind: 'arc', rx: w / 2, ry: RIM, large: false, sweep: false, to: { x: x + w, y: y + RIM } },
    ],
  });
  return { tag: 'path', attributes: [['d', d]] };
}

export const cylinder: ShapeModule<'cylinder'> = {
  name: 'cylinder',
  meaning: 'a data store or database',
  terminal: false,
  role: 'data',
  wrapWidth: 150,
  size: (text) => ({
    width: evenCeil(Math.max(MIN_WIDTH, text.width + 2 * PADDING_X)),
    // The text sits below the lid (two rims high) and above the bottom curve (one rim).
    height: evenCeil(Math.max(MIN_HEIGHT, text.height + 2 * PADDING_Y + 3 * RIM)),
  }),
  labelCentre: (box) => ({ x: centre(box).x, y: box.y + (box.height + RIM) / 2 }),
  outline,
  portSpan: (box, side) =>
    side === 'left' || side === 'right' ? span(box.y + RIM, box.y + box.height - RIM, 4) : null,
  draw: (box) => ({
    body: pathElement(outline(box)),
    details: [{ element: rim(box), kind: 'line' }],
  }),
  highlight: (box, gap) => pathElement(outline(inflate(box, gap))),
  mermaid: () => ({ open: '[(', close: ')]' }),
  dot: () => ({ shape: 'cylinder' }),
};
