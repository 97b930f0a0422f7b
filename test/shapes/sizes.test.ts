/**
 * The node boxes' proportions (#10, session 11): close to dot's default node (54 × 36 pt at 14 pt,
 * ~8 × 4 pt around the text), so that a one-line label's box is 36 px (2.6 font units) tall and at
 * least 80 wide, with the text 12 px from the sides and 6 px above and below its lines. Until
 * then boxes were 96 × 40 at least with 16 / 10 px around the text, 1.3–1.4 times dot's, and the
 * held-out-like set's median area per node was 180 font² against dot's 168 (now 160).
 */
import { sizeNode } from '../../src/layout/sizes.js';
import { measureText, wrapText } from '../../src/layout/text.js';
import { LINE_HEIGHT, NODE_FONT_SIZE } from '../../src/style.js';
import { SHAPE_NAMES, shapeModule, type ShapeName } from '../../src/shapes/index.js';
import { elementOutline } from '../support/outline.js';

const size = (shape: ShapeName, label: string): string => {
  const box = sizeNode(shape, label);
  return `${box.width}x${box.height}`;
};

test('a short one-word label ("Yes", "g1") gets a box of 80 x 36 px, not 96 x 40', () => {
  for (const label of ['Yes', 'g1', 'OK']) expect(size('rectangle', label)).toBe('80x36');
  // 36 px = 2.6 font units, dot's 0.5 in at 14 pt.
  expect(sizeNode('rectangle', 'Yes').height / NODE_FONT_SIZE).toBeLessThanOrEqual(2.6);
});

test('a longer label: 12 px either side of the text, 6 px above and below its lines', () => {
  const label = 'Release notes';
  const text = measureText(label, NODE_FONT_SIZE);
  const box = sizeNode('rectangle', label);
  expect(box.width - text).toBeGreaterThanOrEqual(24);
  expect(box.width - text).toBeLessThan(26);
  const two = sizeNode('rectangle', 'Integration Service\nmarks Snapshot passed');
  const lines = wrapText('Integration Service\nmarks Snapshot passed', NODE_FONT_SIZE, 170);
  expect(lines.lines).toHaveLength(2);
  expect(two.height).toBe(Math.ceil((2 * NODE_FONT_SIZE * LINE_HEIGHT + 12) / 2) * 2);
});

test('every shape, one rule: the sizes of four labels', () => {
  const labels = ['Yes', 'g1', 'Release notes', 'Integration Service\nmarks Snapshot passed'];
  const table = Object.fromEntries(
    SHAPE_NAMES.map((shape) => [shape, labels.map((l) => size(shape, l)).join(' ')]),
  );
  expect(table).toEqual({
    circle: '48x48 44x44 84x84 138x138',
    rectangle: '80x36 80x36 124x36 192x50',
    diamond: '66x54 52x54 214x54 244x162',
    terminator: '80x36 80x36 136x36 220x52',
    parallelogram: '80x36 80x36 138x36 182x68',
    document: '80x42 80x42 124x42 192x60',
    cylinder: '64x52 64x52 124x52 158x84',
    subroutine: '94x36 94x36 144x36 178x68',
    hexagon: '80x36 80x36 140x36 194x68',
    trapezoid: '80x36 80x36 140x36 194x68',
  });
});

/** Distance from a point to a closed polyline. */
function distance(p: { x: number; y: number }, poly: Array<{ x: number; y: number }>): number {
  let best = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(
      0,
      Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)),
    );
    best = Math.min(best, Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
  }
  return best;
}

test.each(['Yes', 'Stopped', 'Release notes', 'Wait for the\nnext build'])(
  'the text of %o keeps clear of every outline, and of an end ring',
  (label) => {
    for (const shape of SHAPE_NAMES) {
      const module = shapeModule(shape);
      const node = sizeNode(shape, label);
      const text = wrapText(label, NODE_FONT_SIZE, module.wrapWidth);
      const box = { x: 0, y: 0, width: node.width, height: node.height };
      const c = module.labelCentre(box);
      const drawing = module.draw(box, true);
      const outlines = [
        drawing.body,
        ...drawing.details.filter((d) => d.kind === 'ring').map((d) => d.element),
      ];
      for (const element of outlines) {
        const [outline] = elementOutline(element);
        // The text box's corners (its lines' box: 1.3 line height, so the glyphs stay 2 px
        // further in) at least 4 px from the outline or the ring.
        for (const dx of [-1, 1])
          for (const dy of [-1, 1]) {
            const corner = { x: c.x + (dx * text.width) / 2, y: c.y + (dy * text.height) / 2 };
            expect([shape, Math.round(distance(corner, outline!)) >= 4]).toEqual([shape, true]);
          }
      }
    }
  },
);

test('three edges leave one side of a one-line rectangle 10 px apart', () => {
  const node = sizeNode('rectangle', 'Fan out');
  const span = shapeModule('rectangle').portSpan(
    { x: 0, y: 0, width: node.width, height: node.height },
    'right',
  );
  expect(span).not.toBeNull();
  expect((span![1] - span![0]) / 2).toBeGreaterThanOrEqual(10);
});
