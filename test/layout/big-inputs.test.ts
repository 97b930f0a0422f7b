/**
 * Big and hostile inputs on the layout path (issue #14 items 5–6): no call may pass an input-sized
 * array as arguments (`Math.min(...xs)` overflows the stack past ~100,000 elements), and earlier
 * routes are marked in time linear in the grid and the routes, whatever their number.
 */
import { maxOf, minOf, pushAll } from '../../src/util/arrays.js';
import { orderLanes } from '../../src/layout/place.js';
import { markSegments } from '../../src/layout/route.js';
import type { Point } from '../../src/layout/types.js';
import { hasHub, layout, LayoutError } from '../../src/layout/index.js';
import { MAX_LAYOUT_EDGES, MAX_LAYOUT_NODES } from '../../src/limits.js';
import { diagramOf } from './diagrams.js';
import { random } from '../support/random.js';

/** More elements than V8 takes as arguments of one call. */
const HUGE = 400_000;

describe('array helpers', () => {
  it('take arrays of any length', () => {
    const values = Array.from({ length: HUGE }, (_, k) => (k * 7919) % HUGE);
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values)).toBe(HUGE - 1);
    expect(minOf(values)).toBe(0);
    const target = [1];
    pushAll(target, values);
    expect(target.length).toBe(HUGE + 1);
    expect(target[HUGE]).toBe(values[HUGE - 1]);
  });

  it('match Math.max and Math.min on the small cases', () => {
    for (const values of [[], [3], [-1, -5], [2, NaN, 1], [Infinity, 0]]) {
      expect(maxOf(values)).toBe(Math.max(...values));
      expect(minOf(values)).toBe(Math.min(...values));
    }
    expect(maxOf([], 0)).toBe(0);
    expect(minOf(new Set([4, 2, 9]))).toBe(2);
  });
});

describe('the swimlanes of a 400,000-node chain', () => {
  it('are ordered without a stack overflow', () => {
    // One lane holding every node (the band of top-level nodes): its first column is the minimum
    // of every node's rank (this overflowed the stack on a 200,000-node chain's render).
    const nodes = Array.from({ length: HUGE }, (_, k) => k);
    const lanes = [{ groupId: null, declared: 0, minWidth: 0, nodes }];
    const laneOf = nodes.map(() => 0);
    const forward = nodes.slice(1).map((v) => [v - 1, v] as [number, number]);
    expect(orderLanes(lanes, laneOf, [], [], forward, nodes)).toEqual([0]);
  });
});

describe('earlier routes on a search grid', () => {
  it('cost the same marked one by one or by running sums', () => {
    const next = random(7);
    for (let round = 0; round < 60; round++) {
      const xs = [...new Set(Array.from({ length: 3 + next(12) }, () => next(400)))].sort(
        (a, b) => a - b,
      );
      const ys = [...new Set(Array.from({ length: 3 + next(12) }, () => next(400)))].sort(
        (a, b) => a - b,
      );
      // Segments on grid lines and between them, ends on lines and off them, some outside.
      const coordinate = (lines: number[]): number =>
        next(3) === 0 ? next(440) - 20 : (lines[next(lines.length)] as number);
      const segments: Array<{ a: Point; b: Point }> = [];
      for (let k = 0; k < 1 + next(30); k++) {
        if (next(2) === 0) {
          const x = coordinate(xs);
          segments.push({ a: { x, y: coordinate(ys) }, b: { x, y: coordinate(ys) } });
        } else {
          const y = coordinate(ys);
          segments.push({ a: { x: coordinate(xs), y }, b: { x: coordinate(xs), y } });
        }
      }
      const costs = { crossingCost: 40, sharingCostPerPx: 0.75 };
      const grids = [true, false].map((summed) => {
        const h = new Float64Array((xs.length - 1) * ys.length).fill(1);
        const v = new Float64Array(xs.length * (ys.length - 1)).fill(1);
        markSegments(segments, xs, ys, h, v, costs, summed);
        return [...h, ...v];
      });
      const [summed, direct] = grids as [number[], number[]];
      expect(summed.length).toBe(direct.length);
      summed.forEach((value, k) => expect(value).toBeCloseTo(direct[k] as number, 9));
      // Not a trivial case every time: some segment costs something.
      if (round === 0) expect(direct.some((value) => value > 1)).toBe(true);
    }
  });
});

describe('a hub of 250 edges in a diagram of 253 nodes', () => {
  it('is drawn layered by the automatic choice (the lanes route its fan in cubic time)', () => {
    const targets = Array.from({ length: 250 }, (_, k) => `t${k}`);
    const source = [
      's: circle',
      'e: circle',
      'h: rectangle label:"Hub"',
      ...targets.map((t) => `${t}: rectangle`),
      's -> h',
      ...targets.map((t) => `h -> ${t}`),
      ...targets.map((t) => `${t} -> e`),
    ].join('\n');
    const drawn = layout(diagramOf(source));
    expect(drawn.layout).toBe('layered');
    expect(drawn.edges).toHaveLength(501);
    for (const edge of drawn.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the layout limits (docs/limits.md)', () => {
  const small = diagramOf('a: circle\nb: circle\na -> b');
  it('refuse more than MAX_LAYOUT_NODES nodes with a message that names the limit', () => {
    const a = small.nodes[0] as (typeof small.nodes)[number];
    const nodes = Array.from({ length: MAX_LAYOUT_NODES + 1 }, (_, k) => ({ ...a, id: `n${k}` }));
    expect(() => layout({ ...small, nodes })).toThrow(LayoutError);
    expect(() => layout({ ...small, nodes })).toThrow(
      'this diagram has 50,001 nodes, more than the 50,000 flowc lays out (docs/limits.md)',
    );
  });
  it('refuse more than MAX_LAYOUT_EDGES edges', () => {
    const e = small.edges[0] as (typeof small.edges)[number];
    const edges = Array.from({ length: MAX_LAYOUT_EDGES + 1 }, (_, index) => ({ ...e, index }));
    expect(() => layout({ ...small, edges })).toThrow(/100,001 edges, more than the 100,000/);
  });
  it('draw a small diagram as usual', () => {
    expect(layout(small).nodes).toHaveLength(2);
  });
});

describe('what counts as a hub for the automatic choice', () => {
  /** `chains` chains of `length` nodes between one start and one end circle. */
  const fan = (chains: number, length: number): string => {
    const lines = ['s: circle', 'e: circle'];
    for (let c = 0; c < chains; c++) {
      for (let k = 0; k < length; k++) lines.push(`c${c}x${k}: rectangle`);
      lines.push(`s -> c${c}x0`, `c${c}x${length - 1} -> e`);
      for (let k = 0; k + 1 < length; k++) lines.push(`c${c}x${k} -> c${c}x${k + 1}`);
    }
    return lines.join('\n');
  };
  it('a node with 64 or more edge ends and a tenth of the edges', () => {
    expect(hasHub(diagramOf(fan(70, 4)))).toBe(true); // e: 70 of 350 edges
    expect(hasHub(diagramOf(fan(60, 1)))).toBe(false); // 60 ends: fewer than 64
  });
  it('not an end circle that many long flows reach (a generated diagram of 3,000 nodes)', () => {
    expect(hasHub(diagramOf(fan(70, 10)))).toBe(false); // e: 70 of 770 edges
  });
});
