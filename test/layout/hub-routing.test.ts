// Issue #14 (hub shapes): the swimlanes' router does work that grows about linearly with a hub's
// edges, counted (A* expansions, grid cells), not timed. The drawing is a hub's as the lanes place
// it: the hub, its targets stacked in one column, and the end beside them.
import { routeEdges } from '../../src/layout/routing.js';
import { emptyRouterStats, thinLines, AXIS_LINE_LIMIT } from '../../src/layout/route.js';
import { shapeModule, type ShapeGeometry } from '../../src/shapes/index.js';
import type { DiagramEdge } from '../../src/model/diagram.js';
import { edge } from '../emit/fixtures.js';
import type { Box, Point } from '../../src/layout/types.js';
import { segmentCrossesBox } from '../support/geometry.js';

/** A hub with n targets in a column and an end beside them; every edge routed; the routers' work. */
function routeHub(n: number) {
  const nodes = new Map<string, Box>([
    ['h', { x: 0, y: 0, width: 120, height: 40 }],
    ['e', { x: 480, y: 0, width: 40, height: 40 }],
  ]);
  for (let k = 0; k < n; k++) nodes.set(`t${k}`, { x: 240, y: k * 84, width: 120, height: 40 });
  const outlines = new Map<string, ShapeGeometry>();
  for (const id of nodes.keys()) outlines.set(id, shapeModule(id === 'e' ? 'circle' : 'rectangle'));
  const edges: DiagramEdge[] = [];
  for (let k = 0; k < n; k++) edges.push(edge(edges.length, 'h', `t${k}`, null, null, null));
  for (let k = 0; k < n; k++) edges.push(edge(edges.length, `t${k}`, 'e', null, null, null));
  const stats = emptyRouterStats();
  const routed = routeEdges({
    edges,
    nodes,
    outlines,
    groupOf: new Map([...nodes.keys()].map((id) => [id, null] as const)),
    groups: new Map(),
    headerHeight: 28,
    flow: { x: 1, y: 0 },
    style: 'ortho',
    stats,
  });
  return { nodes, routed, stats };
}

describe('routing a hub in the swimlanes', () => {
  const small = routeHub(100);
  const big = routeHub(400);

  it('does about linear work: 4× the targets, at most 5× the expansions and grid cells', () => {
    // Before the grids were thinned (AXIS_LINE_LIMIT) the ratios were 9.2× and 8.8× here (1.9× now).
    expect(big.stats.expansions / small.stats.expansions).toBeLessThanOrEqual(5);
    expect(big.stats.cells / small.stats.cells).toBeLessThanOrEqual(5);
    expect(big.stats.thinned).toBeGreaterThan(0);
  });

  it('still routes every edge around every node, end to end, with right angles', () => {
    for (const { nodes, routed } of [small, big]) {
      const boxes = [...nodes.values()];
      const faults: string[] = [];
      for (const r of routed) {
        const from = nodes.get(r.edge.from) as Box;
        const to = nodes.get(r.edge.to) as Box;
        if (r.points.length < 2) faults.push(`${r.edge.from}->${r.edge.to}: no route`);
        for (let k = 0; k + 1 < r.points.length; k++) {
          const a = r.points[k] as Point;
          const b = r.points[k + 1] as Point;
          if (a.x !== b.x && a.y !== b.y) faults.push(`${r.edge.from}->${r.edge.to}: slanted`);
          for (const box of boxes)
            if (box !== from && box !== to && segmentCrossesBox(a, b, box))
              faults.push(`${r.edge.from}->${r.edge.to}: through a node`);
        }
      }
      expect(faults).toEqual([]);
    }
  });
});

describe('thinLines', () => {
  const lines = Array.from({ length: 1000 }, (_, k) => k * 10);

  it('keeps an axis of up to 64 lines whole', () => {
    const few = lines.slice(0, 64);
    expect(thinLines(few, 0, 100)).toEqual(few);
  });

  it('keeps both borders, the lines round both ends, and evenly spread others', () => {
    const kept = thinLines(lines, 2000, 7000);
    expect(kept.length).toBe(64);
    expect(kept.length).toBeLessThan(AXIS_LINE_LIMIT);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(9990);
    for (const v of [1880, 2000, 2120, 6880, 7000, 7120]) expect(kept).toContain(v);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
    // 2 borders and 2 × 25 lines round the ends; the other 12 evenly: no gap over 1.5 × 9,990 / 13.
    const gaps = kept.slice(1).map((v, k) => v - (kept[k] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual((1.5 * 9990) / 13);
  });
});
