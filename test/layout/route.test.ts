import {
  OrthogonalRouter,
  searchStampForTests,
  SoftRegionSet,
  type Dir,
  type SoftRegion,
} from '../../src/layout/route.js';
import type { Box, Point } from '../../src/layout/types.js';
import { segmentCrossesBox } from '../support/geometry.js';
import { random } from '../support/random.js';

const bounds: Box = { x: -200, y: -200, width: 800, height: 800 };

const STEP: Record<Dir, Point> = {
  0: { x: 1, y: 0 },
  1: { x: 0, y: 1 },
  2: { x: -1, y: 0 },
  3: { x: 0, y: -1 },
};

/** Bends of the route with its stubs: coming in along startDir, going on along endDir. */
function bends(points: Point[], startDir: Dir, endDir: Dir): number {
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const all = [
    { x: first.x - 10 * STEP[startDir].x, y: first.y - 10 * STEP[startDir].y },
    ...points,
    { x: last.x + 10 * STEP[endDir].x, y: last.y + 10 * STEP[endDir].y },
  ];
  let count = 0;
  for (let k = 1; k + 1 < all.length; k++) {
    const a = all[k - 1] as Point;
    const b = all[k] as Point;
    const c = all[k + 1] as Point;
    if (
      Math.sign(b.x - a.x) !== Math.sign(c.x - b.x) ||
      Math.sign(b.y - a.y) !== Math.sign(c.y - b.y)
    )
      count++;
  }
  return count;
}

function route(obstacles: Box[], start: Point, startDir: Dir, end: Point, endDir: Dir): Point[] {
  const router = new OrthogonalRouter(obstacles, [], bounds);
  const found = router.route({ start, startDir, end, endDir, soft: [] });
  if (!found) throw new Error('no route');
  return found;
}

describe('OrthogonalRouter', () => {
  it('goes straight when nothing is in the way', () => {
    expect(route([], { x: 0, y: 0 }, 0, { x: 100, y: 0 }, 0)).toEqual([
      { x: 0, y: 0 },
      { x: 100, y: 0 },
    ]);
  });

  it('goes around a blocking box with right angles only, never through it', () => {
    const wall: Box = { x: 40, y: -50, width: 20, height: 100 };
    const points = route([wall], { x: 0, y: 0 }, 0, { x: 100, y: 0 }, 0);
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k] as Point;
      const b = points[k + 1] as Point;
      expect(a.x === b.x || a.y === b.y).toBe(true);
      expect(segmentCrossesBox(a, b, wall)).toBe(false);
    }
    expect(bends(points, 0, 0)).toBe(4);
  });

  it('arrives travelling in the asked direction (here downwards into a top side)', () => {
    const points = route([], { x: 0, y: 0 }, 0, { x: 100, y: 80 }, 1);
    const last = points[points.length - 1] as Point;
    const before = points[points.length - 2] as Point;
    expect(last).toEqual({ x: 100, y: 80 });
    expect(before.x).toBe(100);
    expect(before.y).toBeLessThan(80);
    expect(bends(points, 0, 1)).toBe(1);
  });

  it('prefers not to cross a route it already drew when a detour is cheap', () => {
    const router = new OrthogonalRouter([], [], bounds);
    router.addRoute([
      { x: 50, y: -20 },
      { x: 50, y: 20 },
    ]);
    const points = router.route({
      start: { x: 0, y: 0 },
      startDir: 0,
      end: { x: 100, y: 0 },
      endDir: 0,
      soft: [],
    });
    expect(points).not.toBeNull();
    const crosses = (points as Point[]).some((p, k, all) => {
      const q = all[k + 1];
      return (
        q !== undefined &&
        p.y === q.y &&
        Math.abs(p.y) < 20 &&
        Math.min(p.x, q.x) < 50 &&
        Math.max(p.x, q.x) > 50
      );
    });
    // The crossing costs less than the two extra bends a detour needs, so it stays straight.
    expect(crosses).toBe(true);
  });

  it('costs a finished route against the others: crossings, touches at half, sharing, and which it has not seen', () => {
    const router = new OrthogonalRouter([], [], bounds);
    const seen = router.addRoute([
      { x: 50, y: -20 },
      { x: 50, y: 20 },
    ]);
    const mine = router.addRoute([
      { x: 0, y: 0 },
      { x: 100, y: 0 },
    ]);
    router.addRoute([
      { x: 100, y: -30 },
      { x: 100, y: 30 },
    ]);
    router.addRoute([
      { x: 90, y: 0 },
      { x: 120, y: 0 },
    ]);
    router.removeRoute(mine);
    const cost = router.routeCost(
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
      [],
      mine,
    );
    // Crosses the first route (28), ends on the third's line (a touch: 14) and shares 10 px with the fourth (4).
    expect(cost.crossings).toBe(1);
    expect(cost.interaction).toBeCloseTo(28 + 14 + 4);
    expect(cost.unseen).toBeCloseTo(14 + 4);
    expect(cost.total).toBeCloseTo(100 + 46);
    router.removeRoute(seen);
    expect(
      router.routeCost(
        [
          { x: 0, y: 0 },
          { x: 100, y: 0 },
        ],
        [],
        mine,
      ).crossings,
    ).toBe(0);
    router.restoreRoute(seen);
    expect(
      router.routeCost(
        [
          { x: 0, y: 0 },
          { x: 100, y: 0 },
        ],
        [],
        mine,
      ).crossings,
    ).toBe(1);
  });

  it('no longer pays for a removed route', () => {
    const router = new OrthogonalRouter([], [], bounds);
    const wall = router.addRoute([
      { x: 50, y: -20 },
      { x: 50, y: 20 },
    ]);
    router.removeRoute(wall);
    const points = router.route({
      start: { x: 0, y: 0 },
      startDir: 0,
      end: { x: 100, y: 0 },
      endDir: 0,
      soft: [],
    }) as Point[];
    expect(router.routeCost(points, []).total).toBe(100);
  });

  it('searches correctly across the wraparound of the shared search stamps', () => {
    // Every router shares one set of A* arrays; an entry belongs to the current search when it
    // holds its stamp. Past 0xffffffff the stamps start again at 1, so the arrays must be cleared
    // first: entries left by the searches of stamps 1, 2, ... would otherwise look seen and closed.
    const pick = random(15);
    const obstacles: Box[] = Array.from({ length: 12 }, () => ({
      x: pick(500) - 150,
      y: pick(500) - 150,
      width: 20 + pick(60),
      height: 20 + pick(60),
    }));
    const free = (p: Point): boolean =>
      obstacles.every(
        (b) => !(p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height),
      );
    const requests: Array<{ start: Point; startDir: Dir; end: Point; endDir: Dir }> = [];
    while (requests.length < 8) {
      const start = { x: pick(700) - 190, y: pick(700) - 190 };
      const end = { x: pick(700) - 190, y: pick(700) - 190 };
      if (free(start) && free(end))
        requests.push({ start, startDir: pick(4) as Dir, end, endDir: pick(4) as Dir });
    }
    const searchAll = (): Array<Point[] | null> => {
      const router = new OrthogonalRouter(obstacles, [], bounds);
      return requests.map((r) => router.route({ ...r, soft: [] }));
    };
    // The searches from stamp 1 (the arrays grown to these grids first: growing them starts the
    // stamps again)...
    searchAll();
    searchStampForTests(0);
    const expected = searchAll();
    expect(expected.filter((p) => p !== null).length).toBeGreaterThanOrEqual(6);
    const after = searchStampForTests();
    expect(after).toBeGreaterThanOrEqual(requests.length);
    // ...and the same searches once the stamps run over the limit: from 1 again, in arrays that
    // still hold those searches' entries under the same stamps unless they are cleared.
    searchStampForTests(0xffffffff);
    const again = searchAll();
    expect(searchStampForTests()).toBe(after);
    expect(again).toEqual(expected);
  });

  it('returns null when the target is walled in', () => {
    const walls: Box[] = [
      { x: 80, y: -40, width: 10, height: 80 },
      { x: 110, y: -40, width: 10, height: 80 },
      { x: 80, y: -40, width: 40, height: 10 },
      { x: 80, y: 30, width: 40, height: 10 },
    ];
    const router = new OrthogonalRouter(walls, [], bounds);
    expect(
      router.route({
        start: { x: 0, y: 0 },
        startDir: 0,
        end: { x: 100, y: 0 },
        endDir: 0,
        soft: [],
      }),
    ).toBeNull();
  });

  describe('soft regions shared by all searches (SoftRegionSet)', () => {
    /** Deterministic pseudo-random integers (mulberry32). */
    const boxIn = (next: (below: number) => number, max: number): Box => ({
      x: next(500) - 150,
      y: next(500) - 150,
      width: 10 + next(max),
      height: 10 + next(max),
    });

    it('visits exactly the regions meeting an area, in the order they were added, minus the skipped ones', () => {
      const next = random(7);
      const set = new SoftRegionSet();
      const regions: SoftRegion[] = [];
      for (let k = 0; k < 60; k++) {
        const region = { box: boxIn(next, 300), costPerPx: 1 + next(4) };
        regions.push(region);
        expect(set.add(region)).toBe(k);
      }
      for (let q = 0; q < 40; q++) {
        const area = boxIn(next, 200);
        const skip = [next(60), next(60)];
        const seen: SoftRegion[] = [];
        set.forEachIn(area, skip, (r) => seen.push(r));
        const expected = regions.filter(
          (r, id) =>
            !skip.includes(id) &&
            r.box.x <= area.x + area.width &&
            area.x <= r.box.x + r.box.width &&
            r.box.y <= area.y + area.height &&
            area.y <= r.box.y + r.box.height,
        );
        expect(seen).toEqual(expected);
      }
    });

    it('routes and costs exactly as the same regions given as a list', () => {
      const next = random(11);
      let compared = 0;
      for (let trial = 0; trial < 12; trial++) {
        const obstacles = Array.from({ length: 6 }, () => boxIn(next, 60));
        const set = new SoftRegionSet();
        const all: SoftRegion[] = [];
        for (let k = 0; k < 30; k++) {
          const region = { box: boxIn(next, 250), costPerPx: [1.5, 4][next(2)] as number };
          all.push(region);
          set.add(region);
        }
        const skip = [next(30), next(30), next(30)];
        const list = all.filter((_, id) => !skip.includes(id));
        const clear = (p: Point): boolean =>
          obstacles.every(
            (o) => p.x < o.x || p.x > o.x + o.width || p.y < o.y || p.y > o.y + o.height,
          );
        const start = { x: next(400) - 100, y: next(400) - 100 };
        const end = { x: next(400) - 100, y: next(400) - 100 };
        if (!clear(start) || !clear(end)) continue;
        const request = { start, startDir: 0 as Dir, end, endDir: 1 as Dir };
        const listRouter = new OrthogonalRouter(obstacles, [], bounds);
        const setRouter = new OrthogonalRouter(obstacles, [], bounds);
        const byList = listRouter.route({ ...request, soft: list });
        const bySet = setRouter.route({ ...request, soft: { set, skip } });
        expect(bySet).toEqual(byList);
        if (!byList) continue;
        compared++;
        expect(setRouter.routeCost(byList, { set, skip })).toEqual(
          listRouter.routeCost(byList, list),
        );
        // The regions do cost something here, so the comparison is not between two zeros.
        expect(listRouter.routeCost(byList, list).total).toBeGreaterThanOrEqual(
          listRouter.routeCost(byList, []).total,
        );
      }
      expect(compared).toBeGreaterThanOrEqual(6);
    });
  });
});
