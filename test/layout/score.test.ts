import { scoreParts } from '../../src/layout/score.js';
import type { Layout, Point } from '../../src/layout/types.js';
import { random } from '../support/random.js';

/** Proper crossings of segments of different edges, every pair tested (the definition). */
function bruteCrossings(edges: Point[][]): number {
  const orient = (p: Point, q: Point, r: Point): number =>
    Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  const segments: Array<[number, Point, Point]> = [];
  edges.forEach((points, k) => {
    for (let i = 0; i + 1 < points.length; i++)
      segments.push([k, points[i] as Point, points[i + 1] as Point]);
  });
  let count = 0;
  for (let i = 0; i < segments.length; i++)
    for (let j = i + 1; j < segments.length; j++) {
      const [ei, a, b] = segments[i] as [number, Point, Point];
      const [ej, c, d] = segments[j] as [number, Point, Point];
      if (ei === ej) continue;
      if (orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0) count++;
    }
  return count;
}

describe('scoreParts', () => {
  it('counts the crossings of every pair of segments of different edges', () => {
    const next = random(10);
    for (let round = 0; round < 30; round++) {
      // Orthogonal routes on a coarse grid (many touches and shared lines) and a few slanted ones.
      const edges: Point[][] = [];
      for (let e = 0; e < 12; e++) {
        const points: Point[] = [{ x: next(20) * 10, y: next(20) * 10 }];
        for (let s = 0; s < 1 + next(4); s++) {
          const last = points[points.length - 1] as Point;
          const step = next(3);
          points.push(
            step === 0
              ? { x: next(20) * 10, y: last.y }
              : step === 1
                ? { x: last.x, y: next(20) * 10 }
                : { x: next(200), y: next(200) },
          );
        }
        edges.push(points);
      }
      const layout = {
        layout: 'layered',
        width: 200,
        height: 200,
        nodes: [],
        groups: [],
        edges: edges.map((points) => ({
          from: 'a',
          to: 'b',
          fromKind: 'node',
          toKind: 'node',
          points,
        })),
      } as unknown as Layout;
      expect(scoreParts(layout).crossings).toBe(bruteCrossings(edges));
    }
  });
});
