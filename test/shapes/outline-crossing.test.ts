/**
 * attachPoint finds where a route end meets a node's outline segment by segment
 * (outline.ts outlineCrossingOf), flattening only the segments the end's line can reach. It must
 * give exactly what the whole flattened outline gives (outlineCrossing of flatten): the same
 * numbers, not close ones, since the layout rounds them and compares routes by them.
 */
import { SHAPE_MODULES } from '../../src/shapes/index.js';
import {
  flatten,
  outlineCrossing,
  outlineCrossingOf,
  type Outline,
} from '../../src/shapes/outline.js';
import type { Box, Point } from '../../src/shapes/types.js';

const SIDES = ['top', 'bottom', 'left', 'right'] as const;

/** Boxes of several sizes and positions: whole, half and odd fractional pixels. */
const BOXES: Box[] = [
  { x: 0, y: 0, width: 80, height: 36 },
  { x: 120.5, y: 40, width: 44, height: 44 },
  { x: 1033.25, y: 517.75, width: 132, height: 58.5 },
  { x: -40.3, y: 12.7, width: 96.6, height: 61.1 },
  { x: 4000, y: 9000.5, width: 200, height: 120 },
];

/** Where ends may meet a side: a fine sweep past both ends, and every flattened point exactly. */
function positions(outline: Outline, box: Box, vertical: boolean): number[] {
  const lo = vertical ? box.x : box.y;
  const size = vertical ? box.width : box.height;
  const out: number[] = [];
  for (let k = -8; k <= 4 * size + 8; k++) out.push(lo + k / 4);
  for (const p of flatten(outline)) {
    const u = vertical ? p.x : p.y;
    out.push(u, u + 1e-9, u - 1e-9, u + 1e-13, u - 1e-13);
  }
  return out;
}

function same(a: Point | null, b: Point | null): boolean {
  if (a === null || b === null) return a === b;
  return Object.is(a.x, b.x) && Object.is(a.y, b.y);
}

describe('outlineCrossingOf', () => {
  for (const shape of SHAPE_MODULES)
    test(`${shape.name}: the whole flattened outline's crossing, at every position and side`, () => {
      let compared = 0;
      let hits = 0;
      for (const box of BOXES) {
        const outline = shape.outline(box);
        const polyline = flatten(outline);
        for (const side of SIDES) {
          const vertical = side === 'top' || side === 'bottom';
          for (const at of positions(outline, box, vertical)) {
            const expected = outlineCrossing(polyline, side, at);
            const got = outlineCrossingOf(outline, side, at);
            if (!same(got, expected))
              throw new Error(
                `${shape.name} ${JSON.stringify(box)} ${side} at ${at}: ${JSON.stringify(got)} against ${JSON.stringify(expected)}`,
              );
            compared++;
            if (expected) hits++;
          }
        }
      }
      expect(compared).toBeGreaterThan(10000);
      expect(hits).toBeGreaterThan(compared / 2);
    });

  test('outlines of every kind of segment, curves bulging past their ends', () => {
    const outline: Outline = {
      start: { x: 10, y: 10 },
      segments: [
        { kind: 'quad', control: { x: 30, y: -20 }, to: { x: 50, y: 10 } },
        { kind: 'cubic', c1: { x: 80, y: 0 }, c2: { x: 90, y: 60 }, to: { x: 60, y: 50 } },
        { kind: 'arc', rx: 12, ry: 20, large: true, sweep: true, to: { x: 30, y: 50 } },
        { kind: 'arc', rx: 3, ry: 3, large: false, sweep: false, to: { x: 10, y: 30 } },
        { kind: 'arc', rx: 0, ry: 5, large: false, sweep: false, to: { x: 10, y: 20 } },
        { kind: 'line', to: { x: 10, y: 12 } },
      ],
    };
    const polyline = flatten(outline);
    let compared = 0;
    for (const side of SIDES)
      for (let k = -80; k <= 1000; k++) {
        const at = k / 10;
        expect(
          same(outlineCrossingOf(outline, side, at), outlineCrossing(polyline, side, at)),
        ).toBe(true);
        compared++;
      }
    expect(compared).toBe(4 * 1081);
  });
});
