/** `diamond`: a decision. Every edge leaving it is a branch and carries a label. */
import { centre, evenCeil, pathElement } from './common.js';
import { roundedPolygon } from './outline.js';
import type { Box, Point, ShapeModule } from './types.js';

const PADDING = 4;
const MIN_HEIGHT = 48;
const RADIUS = 4;

function vertices(c: Point, halfWidth: number, halfHeight: number): Point[] {
  return [
    { x: c.x, y: c.y - halfHeight },
    { x: c.x + halfWidth, y: c.y },
    { x: c.x, y: c.y + halfHeight },
    { x: c.x - halfWidth, y: c.y },
  ];
}

function outline(box: Box) {
  return roundedPolygon(vertices(centre(box), box.width / 2, box.height / 2), RADIUS);
}

export const diamond: ShapeModule<'diamond'> = {
  name: 'diamond',
  meaning: 'a decision: every edge leaving it is a labelled branch',
  terminal: false,
  role: 'decision',
  wrapWidth: 130,
  size: (text) => ({
    // A w×h box fits in a rhombus W×H when w/W + h/H ≤ 1: twice the padded text box is exactly that.
    width: evenCeil(2 * (text.width + 2 * PADDING)),
    height: evenCeil(Math.max(2 * (text.height + 2 * PADDING), MIN_HEIGHT)),
  }),
  labelCentre: centre,
  outline,
  portSpan: () => null,
  draw: (box) => ({ body: pathElement(outline(box)), details: [] }),
  highlight: (box, gap) => {
    // The rhombus whose sides lie `gap` outside those of the node's.
    const a = box.width / 2;
    const b = box.height / 2;
    const side = Math.hypot(a, b);
    return pathElement(
      roundedPolygon(vertices(centre(box), a + (gap * side) / b, b + (gap * side) / a), RADIUS),
    );
  },
  mermaid: () => ({ open: '{', close: '}' }),
  dot: () => ({ shape: 'diamond' }),
};
