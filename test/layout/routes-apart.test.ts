// Issue #10: "no two parallel segments closer than 8 px unless merged on purpose into one trunk".
// The swimlanes' router charged 0.4 a px for running on an earlier route's line, so a short run on
// an unrelated route's line (20 px: 8) stayed cheaper than the crossing it hides (28), and the search
// again beside the others (routing.ts besideOthers) could end 4 px beside it, which nothing charged.
import { routeEdges, PARALLEL_GAP } from '../../src/layout/routing.js';
import { OrthogonalRouter } from '../../src/layout/route.js';
import { shapeModule, type ShapeGeometry } from '../../src/shapes/index.js';
import type { DiagramEdge } from '../../src/model/diagram.js';
import type { Box, Point } from '../../src/layout/types.js';
import { edge } from '../emit/fixtures.js';

function route(nodes: Map<string, Box>, edges: DiagramEdge[]): Point[][] {
  const outlines = new Map<string, ShapeGeometry>(
    [...nodes.keys()].map((id) => [id, shapeModule('rectangle')]),
  );
  return routeEdges({
    edges,
    nodes,
    outlines,
    groupOf: new Map([...nodes.keys()].map((id) => [id, null] as const)),
    groups: new Map(),
    headerHeight: 28,
    flow: { x: 1, y: 0 },
    style: 'ortho',
  }).map((r) => r.points);
}

/** Px of `a` running beside `b` (parallel, overlapping) closer than `gap`, on its line included. */
function besideLength(a: Point[], b: Point[], gap: number): number {
  let sum = 0;
  for (let i = 0; i + 1 < a.length; i++)
    for (let j = 0; j + 1 < b.length; j++) {
      const [p, q, r, s] = [a[i], a[i + 1], b[j], b[j + 1]] as [Point, Point, Point, Point];
      const ph = p.y === q.y;
      if (ph !== (r.y === s.y)) continue;
      const apart = ph ? Math.abs(p.y - r.y) : Math.abs(p.x - r.x);
      if (apart >= gap) continue;
      const [p0, p1] = ph ? [p.x, q.x] : [p.y, q.y];
      const [r0, r1] = ph ? [r.x, s.x] : [r.y, s.y];
      sum += Math.max(
        0,
        Math.min(Math.max(p0, p1), Math.max(r0, r1)) - Math.max(Math.min(p0, p1), Math.min(r0, r1)),
      );
    }
  return sum;
}

describe('unrelated routes in the swimlanes keep apart', () => {
  // As saga-orchestration LR's "No" (into "Start compensation"'s left side down the line of its
  // margin) and "Approved" (up that line past it to "Order fulfilled" above), built small: "into"
  // comes right then down the margin line left of T into its side; "past" rises from below T (W
  // closes the way on the right) along that line and over T into U. Before: 20 px on one line (8)
  // rather than the crossing it hides (28).
  it('a route passing a node does not run on the line of an unrelated route entering it', () => {
    const boxes = new Map<string, Box>([
      ['S1', { x: 40, y: 0, width: 60, height: 40 }],
      ['T', { x: 200, y: 100, width: 100, height: 40 }],
      ['W', { x: 310, y: 60, width: 90, height: 140 }],
      ['S2', { x: 200, y: 300, width: 60, height: 40 }],
      ['U', { x: 200, y: 0, width: 60, height: 40 }],
    ]);
    const [into, past] = route(boxes, [
      edge(0, 'S1', 'T', 'right', 'left', null),
      edge(1, 'S2', 'U', 'top', 'bottom', null),
    ]) as [Point[], Point[]];
    expect(besideLength(into, past, PARALLEL_GAP)).toBe(0);
  });
});

describe('OrthogonalRouter: runs beside other routes', () => {
  const router = new OrthogonalRouter([], [], { x: 0, y: 0, width: 400, height: 400 });
  const first = router.addRoute([
    { x: 100, y: 0 },
    { x: 100, y: 200 },
  ]);
  const second = router.addRoute([
    { x: 0, y: 300 },
    { x: 200, y: 300 },
  ]);
  const trunkOfFirst = (route: number): boolean => route === first;

  it('counts px on a line, and with closerThan also px a few px beside it', () => {
    const run = [
      { x: 104, y: 50 },
      { x: 104, y: 150 },
    ];
    expect(router.sharedApart(run)).toBe(0);
    expect(router.sharedApart(run, undefined, 10)).toBe(100);
    // A trunk's route may share the line, not run 4 px beside it.
    expect(router.sharedApart(run, trunkOfFirst, 10)).toBe(100);
    expect(
      router.sharedApart(
        [
          { x: 100, y: 50 },
          { x: 100, y: 150 },
        ],
        trunkOfFirst,
        10,
      ),
    ).toBe(0);
  });

  it('gives strips either side of other routes, a trunk line left free', () => {
    const strips = router.stripsApart({ x: 0, y: 0, width: 400, height: 400 }, trunkOfFirst, 9, 2);
    // The first route (trunk): two half strips meeting on its line; the second: one strip.
    expect(strips.map((s) => s.box)).toEqual([
      { x: 91, y: 0, width: 9, height: 200 },
      { x: 100, y: 0, width: 9, height: 200 },
      { x: 0, y: 291, width: 200, height: 18 },
    ]);
    expect(strips.map((s) => s.along)).toEqual(['vertical', 'vertical', 'horizontal']);
    expect(second).toBe(1);
  });
});
