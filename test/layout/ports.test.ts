/**
 * Where edge ends attach on a side (issue #10's bundles and combs): the swimlanes' ports
 * (src/layout/sides.ts `assignPorts`) and the layered engine's (src/layout/layered/ports.ts, which
 * reads each shape's port span through LayeredNode.spans).
 */
import { assignPorts, type PortRequest } from '../../src/layout/sides.js';
import { layout } from '../../src/layout/index.js';
import { shapeModule, WAY_OFFSET } from '../../src/shapes/index.js';
import type { Box, Point } from '../../src/layout/types.js';
import { diagramOf } from './diagrams.js';

const boxes: Record<string, Box> = {
  // 164 × 50 target, as samples/api-gateway's "Build problem+json body".
  sink: { x: 1000, y: 500, width: 164, height: 50 },
  // 158 × 36 source, as its "Fan out to services".
  fan: { x: 200, y: 500, width: 158, height: 36 },
  decide: { x: 600, y: 100, width: 160, height: 60 },
};
const shapes: Record<string, 'rectangle' | 'diamond'> = {
  sink: 'rectangle',
  fan: 'rectangle',
  decide: 'diamond',
};
const ports = (requests: PortRequest[]): Map<string, Point> =>
  assignPorts(
    requests,
    (id) => boxes[id] as Box,
    (id) => shapeModule(shapes[id] as 'rectangle'),
  );

describe('swimlanes ports (sides.ts assignPorts)', () => {
  it('a crowded side: ends arriving from beyond one end of it share one port (one head, not a comb)', () => {
    // Left side of a 50 px box (span 34 px): two ends from far above, one level, one from below.
    const got = ports([
      { key: '1:to', nodeId: 'sink', side: 'left', toward: { x: 600, y: 100 } },
      { key: '2:to', nodeId: 'sink', side: 'left', toward: { x: 700, y: 120 } },
      { key: '3:to', nodeId: 'sink', side: 'left', toward: { x: 900, y: 525 } },
      { key: '4:to', nodeId: 'sink', side: 'left', toward: { x: 500, y: 900 } },
    ]);
    const y = (k: number): number => (got.get(`${k}:to`) as Point).y;
    expect(y(1)).toBe(y(2));
    // The end level with its other end goes straight in; the others keep 10 px or more away.
    expect(y(3)).toBe(525);
    expect(y(3) - y(1)).toBeGreaterThanOrEqual(10);
    expect(y(4) - y(3)).toBeGreaterThanOrEqual(10);
  });

  it('a fan out of a short side: the end level with its target is straight, the others one trunk', () => {
    const got = ports([
      { key: '1:from', nodeId: 'fan', side: 'right', toward: { x: 500, y: 518 } },
      { key: '2:from', nodeId: 'fan', side: 'right', toward: { x: 500, y: 590 } },
      { key: '3:from', nodeId: 'fan', side: 'right', toward: { x: 500, y: 672 } },
    ]);
    const y = (k: number): number => (got.get(`${k}:from`) as Point).y;
    expect(y(1)).toBe(518);
    expect(y(2)).toBe(y(3));
    expect(y(2) - y(1)).toBeGreaterThanOrEqual(10);
  });

  it('a roomy side still gives every end its own port', () => {
    boxes.tall = { x: 1000, y: 500, width: 164, height: 120 };
    shapes.tall = 'rectangle';
    const got = ports([
      { key: '1:to', nodeId: 'tall', side: 'left', toward: { x: 600, y: 100 } },
      { key: '2:to', nodeId: 'tall', side: 'left', toward: { x: 700, y: 120 } },
    ]);
    expect((got.get('2:to') as Point).y - (got.get('1:to') as Point).y).toBe(20);
  });

  it('a vertex with an end leaving and one arriving: two points WAY_OFFSET either side of it', () => {
    const got = ports([
      { key: '1:from', nodeId: 'decide', side: 'bottom', toward: { x: 700, y: 400 } },
      { key: '2:to', nodeId: 'decide', side: 'bottom', toward: { x: 300, y: 400 } },
    ]);
    const out = got.get('1:from') as Point;
    const back = got.get('2:to') as Point;
    expect(out.y).toBe(160);
    expect(back.y).toBe(160);
    // The arriving end comes from the left: it takes the left point.
    expect(back.x).toBe(680 - WAY_OFFSET);
    expect(out.x).toBe(680 + WAY_OFFSET);
  });

  it('an end whose other end is at a vertex aims at that vertex point, not at the centre', () => {
    boxes.below = { x: 620, y: 240, width: 120, height: 36 };
    shapes.below = 'rectangle';
    const got = ports([
      { key: '1:from', nodeId: 'decide', side: 'bottom', toward: { x: 680, y: 258 } },
      { key: '2:to', nodeId: 'decide', side: 'bottom', toward: { x: 300, y: 400 } },
      { key: '1:to', nodeId: 'below', side: 'top', toward: { x: 680, y: 130 } },
    ]);
    // The leaving end sits WAY_OFFSET right of the vertex (the arriving one comes from the left);
    // its target's port is level with it, a straight line.
    expect((got.get('1:from') as Point).x).toBe(680 + WAY_OFFSET);
    expect((got.get('1:to') as Point).x).toBe(680 + WAY_OFFSET);
  });
});

describe('layered ports (layered/ports.ts) on shapes other than rectangles', () => {
  // samples/shapes.flow's two "no" edges into the document "Failure report".
  const text = [
    'a: rectangle label:"Tests"',
    'b: diamond label:"Green?"',
    'c: diamond label:"Approved?"',
    'r: document label:"Failure report"',
    'a -> b',
    'b -> c [label="yes"]',
    'b -> r [label="no"]',
    'c -> r [label="no"]',
  ].join('\n');
  it.each(['LR', 'TB'] as const)(
    '%s: two ends into a document spread along its side',
    (direction) => {
      const drawn = layout(diagramOf(text), { direction, layout: 'layered' });
      const ends = drawn.edges.filter((e) => e.to === 'r').map((e) => e.points.at(-1) as Point);
      expect(ends).toHaveLength(2);
      const [p, q] = ends as [Point, Point];
      expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(8);
      // Both on the document's straight part (above the wave in LR).
      const r = drawn.nodes.find((n) => n.id === 'r') as Box;
      for (const e of ends) expect(e.y).toBeLessThanOrEqual(r.y + r.height - 5);
    },
  );
});
