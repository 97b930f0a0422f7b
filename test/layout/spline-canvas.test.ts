/**
 * The `spline` edge style draws a Catmull–Rom curve through a route's points, and the curve bulges
 * past them: on generated 60 nodes seed 3 the curves ran 12–145 px beyond the canvas (cut off at
 * its edge) because the canvas was sized around the points only. The canvas now holds every curve.
 * Checked on the SVG itself: each cubic piece of every edge path, sampled, lies inside the viewBox.
 */
import { layout } from '../../src/layout/index.js';
import { emitSvg } from '../../src/emit/svg.js';
import type { Direction, LayoutKind } from '../../src/model/diagram.js';
import { splineBounds, splinePieces } from '../../src/util/spline.js';
import { generateFlow } from '../../bench/generate.mjs';
import { diagramOf } from './diagrams.js';

/** How far any sampled point of the SVG's cubic pieces lies outside its viewBox (0 when inside). */
function overshoot(svg: string): number {
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!box) throw new Error('no viewBox');
  const width = Number(box[1]);
  const height = Number(box[2]);
  let worst = 0;
  for (const [, d] of svg.matchAll(/<path[^>]* d="([^"]*C[^"]*)"/g)) {
    const tokens = d!.match(/[MCL]|-?[\d.]+/g) ?? [];
    let command = '';
    let numbers: number[] = [];
    let at = { x: 0, y: 0 };
    for (const token of tokens) {
      if (/[MCL]/.test(token)) {
        command = token;
        numbers = [];
        continue;
      }
      numbers.push(Number(token));
      if ((command === 'M' || command === 'L') && numbers.length === 2) {
        at = { x: numbers[0]!, y: numbers[1]! };
        numbers = [];
      } else if (command === 'C' && numbers.length === 6) {
        const [x1, y1, x2, y2, x3, y3] = numbers as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        for (let k = 0; k <= 40; k++) {
          const t = k / 40;
          const u = 1 - t;
          const x = u * u * u * at.x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3;
          const y = u * u * u * at.y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3;
          worst = Math.max(worst, -x, -y, x - width, y - height);
        }
        at = { x: x3, y: y3 };
        numbers = [];
      }
    }
  }
  return worst;
}

const generated = diagramOf(generateFlow({ nodes: 60, groups: 4, seed: 3 }));
const cases: Array<[LayoutKind, Direction]> = (['layered', 'lanes'] as const).flatMap((kind) =>
  (['LR', 'TB', 'RL', 'BT'] as const).map((d) => [kind, d] as [LayoutKind, Direction]),
);

describe('spline curves stay on the canvas', () => {
  test.each(cases)('generated 60 nodes, seed 3, %s %s', (kind, direction) => {
    const drawn = layout(generated, { direction, edges: 'spline', layout: kind });
    const svg = emitSvg(drawn);
    expect(svg).toMatch(/ C[-\d]/); // curves were drawn
    expect(overshoot(svg)).toBe(0);
  });
});

describe('splineBounds', () => {
  test('holds every sampled point of the curve, and touches its extremes', () => {
    const route = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 100 },
      { x: 0, y: 100 },
    ];
    const bounds = splineBounds(route);
    let maxX = -Infinity;
    for (const piece of splinePieces(route))
      for (let k = 0; k <= 1000; k++) {
        const t = k / 1000;
        const u = 1 - t;
        const x =
          u * u * u * piece.start.x +
          3 * u * u * t * piece.c1.x +
          3 * u * t * t * piece.c2.x +
          t * t * t * piece.end.x;
        maxX = Math.max(maxX, x);
      }
    // The turn at x = 100 bulges beyond the points.
    expect(maxX).toBeGreaterThan(100);
    expect(bounds.maxX).toBeGreaterThanOrEqual(maxX - 1e-9);
    expect(bounds.maxX).toBeLessThan(maxX + 0.01);
    expect(bounds.minX).toBe(0);
  });

  test('a two-point route is its own box (no curve)', () => {
    expect(
      splineBounds([
        { x: 5, y: 1 },
        { x: 2, y: 9 },
      ]),
    ).toEqual({ minX: 2, minY: 1, maxX: 5, maxY: 9 });
  });
});
