/**
 * `circle`: a terminal. With no incoming edge it is a start, with no outgoing edge an end (drawn
 * with a second, inner ring).
 */
import { centre, evenCeil } from './common.js';
import type { Outline } from './outline.js';
import type { Box, ShapeModule, SvgElement } from './types.js';

const MIN_DIAMETER = 44;
/** The inner ring of an end, this far inside the circle. */
const RING_GAP = 3.5;
/**
 * Room between the text box's corners and the inner ring (an end's; a start is as big for the
 * same label). 12 px across the diagonal until session 11 left a long one-line label ('Stopped')
 * touching a thick end's ring.
 */
const CLEARANCE = 5;

function circleElement(box: Box, by: number): SvgElement {
  const c = centre(box);
  return {
    tag: 'circle',
    attributes: [
      ['cx', c.x],
      ['cy', c.y],
      ['r', Math.min(box.width, box.height) / 2 + by],
    ],
  };
}

export const circle: ShapeModule<'circle'> = {
  name: 'circle',
  meaning: 'a terminal: a start (no incoming edge) or an end (no outgoing edge)',
  terminal: true,
  role: 'step',
  wrapWidth: 90,
  size: (text) => {
    // The text box's diagonal must fit inside the circle.
    const diameter = evenCeil(
      Math.max(MIN_DIAMETER, Math.hypot(text.width, text.height) + 2 * (RING_GAP + CLEARANCE)),
    );
    return { width: diameter, height: diameter };
  },
  labelCentre: centre,
  outline: (box): Outline => {
    const c = centre(box);
    const r = Math.min(box.width, box.height) / 2;
    const half = { kind: 'arc', rx: r, ry: r, large: false, sweep: true } as const;
    return {
      start: { x: c.x, y: c.y - r },
      segments: [
        { ...half, to: { x: c.x, y: c.y + r } },
        { ...half, to: { x: c.x, y: c.y - r } },
      ],
    };
  },
  portSpan: () => null,
  draw: (box, end) => ({
    body: circleElement(box, 0),
    details: end ? [{ element: circleElement(box, -RING_GAP), kind: 'ring' }] : [],
  }),
  highlight: (box, gap) => circleElement(box, gap),
  // Mermaid's double circle is the end, as in flowc's SVG.
  mermaid: (end) => (end ? { open: '(((', close: ')))' } : { open: '((', close: '))' }),
  dot: (end) => ({ shape: end ? 'doublecircle' : 'circle' }),
};
