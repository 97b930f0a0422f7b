import { improveLaneOrder, orderLanes } from '../../src/layout/place.js';
import { layout } from '../../src/layout/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramOf } from './diagrams.js';
import { layoutViolations } from '../support/geometry.js';
import { random } from '../support/random.js';

/** Deterministic pseudo-random integers (mulberry32). */

interface TestLane {
  groupId: string | null;
  declared: number;
  minWidth: number;
  nodes: number[];
}

/**
 * The lane order as first written (each step recounting every unplaced lane against every other:
 * O(L³)), kept as the reference the running sums must reproduce exactly.
 */
function referenceOrder(
  lanes: readonly TestLane[],
  laneOf: readonly number[],
  wishes: ReadonlyArray<[number, number]>,
  leaning: ReadonlyArray<[number, number]>,
  forward: ReadonlyArray<[number, number]>,
  rank: readonly number[],
): number[] {
  const n = lanes.length;
  const matrix = (): Int32Array[] => Array.from({ length: n }, () => new Int32Array(n));
  const above = matrix();
  const leans = matrix();
  const joined = matrix();
  const add = (m: Int32Array[], a: number, b: number): void => {
    (m[a] as Int32Array)[b] = ((m[a] as Int32Array)[b] as number) + 1;
  };
  for (const [a, b] of leaning) {
    const [la, lb] = [laneOf[a] as number, laneOf[b] as number];
    if (la !== lb) add(leans, la, lb);
  }
  for (const [a, b] of wishes) {
    const [la, lb] = [laneOf[a] as number, laneOf[b] as number];
    if (la === lb) continue;
    add(above, la, lb);
    add(joined, la, lb);
    add(joined, lb, la);
  }
  for (const [a, b] of forward) {
    const [la, lb] = [laneOf[a] as number, laneOf[b] as number];
    if (la === lb) continue;
    add(joined, la, lb);
    add(joined, lb, la);
  }
  const at = (m: Int32Array[], a: number, b: number): number => (m[a] as Int32Array)[b] as number;
  const firstRank = lanes.map((lane) =>
    lane.nodes.length === 0 ? Infinity : Math.min(...lane.nodes.map((v) => rank[v] as number)),
  );
  const placed: number[] = [];
  const done = new Set<number>();
  while (placed.length < n) {
    let best = -1;
    let bestScore: number[] = [];
    for (let l = 0; l < n; l++) {
      if (done.has(l)) continue;
      let unmet = 0;
      let unmetLeans = 0;
      for (let o = 0; o < n; o++) {
        if (done.has(o) || o === l) continue;
        unmet += at(above, o, l);
        unmetLeans += at(leans, o, l) - at(leans, l, o);
      }
      const toPlaced = placed.reduce((sum, p) => sum + at(joined, l, p), 0);
      const last = placed[placed.length - 1];
      const toLast = last === undefined ? 0 : at(joined, l, last);
      const score = [
        unmet,
        Math.max(0, unmetLeans),
        -toLast,
        -toPlaced,
        firstRank[l] as number,
        (lanes[l] as TestLane).declared,
      ];
      const less = (): boolean => {
        for (let k = 0; k < score.length; k++)
          if (score[k] !== bestScore[k]) return (score[k] as number) < (bestScore[k] as number);
        return false;
      };
      if (best < 0 || less()) {
        best = l;
        bestScore = score;
      }
    }
    done.add(best);
    placed.push(best);
  }
  return improveLaneOrder(placed, above, leans, joined);
}

describe('lane order', () => {
  it('is the same as the O(L³) reference on random lanes and edges', () => {
    const next = random(3);
    let differentFromDeclared = 0;
    for (let trial = 0; trial < 40; trial++) {
      const laneCount = 2 + next(30);
      const nodeCount = laneCount + next(4 * laneCount);
      const laneOf = Array.from({ length: nodeCount }, (_, v) =>
        v < laneCount ? v : next(laneCount),
      );
      const lanes: TestLane[] = Array.from({ length: laneCount }, (_, l) => ({
        groupId: `g${l}`,
        declared: l + 1,
        minWidth: 0,
        nodes: laneOf.flatMap((lane, v) => (lane === l ? [v] : [])),
      }));
      const rank = Array.from({ length: nodeCount }, () => next(8));
      const pairs = (count: number): Array<[number, number]> =>
        Array.from({ length: count }, () => [next(nodeCount), next(nodeCount)]);
      const wishes = pairs(next(2 * laneCount));
      const leaning = pairs(next(laneCount));
      const forward = pairs(next(3 * laneCount));
      const expected = referenceOrder(lanes, laneOf, wishes, leaning, forward, rank);
      const order = orderLanes(lanes, laneOf, wishes, leaning, forward, rank);
      expect(order).toEqual(expected);
      if (order.some((l, k) => l !== k)) differentFromDeclared++;
    }
    // The cases are not all trivial (declaration order).
    expect(differentFromDeclared).toBeGreaterThan(30);
  });
});

describe('packed blocks', () => {
  it('keeps each connected part of a diagram together in reading order', () => {
    // 24 copies of the CQRS sample, groups renamed: four groups each, a staircase, so the lanes
    // are packed as blocks; the copies are not connected to one another.
    const cqrs = readFileSync(join(process.cwd(), 'samples', 'cqrs.flow'), 'utf8');
    const groupNames = [...cqrs.matchAll(/^(\w+)\s*\{/gm)].map((m) => m[1] as string);
    expect(groupNames.length).toBeGreaterThanOrEqual(3);
    const copies = Array.from({ length: 24 }, (_, k) =>
      cqrs.replace(new RegExp(`\\b(${groupNames.join('|')})\\b`, 'g'), `$1_${k}`),
    );
    const result = layout(diagramOf(copies.join('\n')));
    const boxes = result.groups.map((g) => ({ copy: Number(g.id.split('_').pop()), ...g }));
    expect(boxes).toHaveLength(24 * groupNames.length);
    // Reading order: shelves by their top (blocks of one shelf share it), then along the shelf.
    boxes.sort((a, b) => a.y - b.y || a.x - b.x);
    const tops = new Set(boxes.map((b) => b.y));
    expect(tops.size).toBeGreaterThan(1); // packed on several shelves, not one row of lanes
    expect(tops.size).toBeLessThan(boxes.length / 2);
    const copiesInOrder = boxes.map((b) => b.copy);
    const changes = copiesInOrder.filter((c, k) => k > 0 && c !== copiesInOrder[k - 1]).length;
    expect(changes).toBe(23);
  });
});

describe('an edge into a decision drawn in the swimlanes', () => {
  // The README's language example with an edge from the Checks group: it used to arrive at the
  // decision's bottom vertex, on top of the written bottom branch leaving there ("Read").
  const text = [
    'Client { # Client Application',
    '  n1: terminator label:"Start"',
    '  n2: parallelogram label:"User input"',
    '  n3: diamond label:"Read or write?"',
    '  Checks { # Checks',
    '    n4: subroutine label:"Validate"',
    '  }',
    '  n1.handle(right) -> n2.handle(left)',
    '  n2 -> Checks',
    '  Checks -> n3',
    '  n3.handle(bottom) -> QuerySide.n16.handle(top) [label="Read"]',
    '  n3 -> store [label="Write"]',
    '}',
    'QuerySide { # Query Side',
    '  n16: cylinder label:"Read model"',
    '}',
    'store: cylinder label:"Write store"',
    'done: terminator label:"Done"',
    'QuerySide.n16 -> done',
    'store -> done',
  ].join('\n');

  it('does not arrive at the vertex the written branch leaves from; edges into one node still merge', () => {
    const drawn = layout(diagramOf(text), { layout: 'lanes', direction: 'LR' });
    const edge = (from: string, to: string) =>
      drawn.edges.find((e) => e.from === from && e.to === to)!;
    const read = edge('Client.n3', 'QuerySide.n16');
    const checks = edge('Client.Checks', 'Client.n3');
    expect(read.fromHandle).toBe('bottom');
    expect(checks.toHandle).not.toBe('bottom');
    const end = checks.points[checks.points.length - 1]!;
    expect(end).not.toEqual(read.points[0]);
    // The edges into Done are not kept off a side by the rule (it is for ends going the other
    // way): each arrives on a side facing its source, with at most two bends (the two may merge at
    // Done's left end, as they did with the boxes before session 11, or not).
    for (const from of ['store', 'QuerySide.n16']) {
      const into = edge(from, 'done');
      expect([from, into.toHandle]).not.toEqual([from, 'right']);
      expect([from, into.points.length - 2 <= 2]).toEqual([from, true]);
    }
  });
});

describe('lanes whose handles run across the requested flow (place.ts turnedFlow)', () => {
  // A lane of 14 steps chained right -> left, drawn TB: its nodes stack across the flow, so the
  // lanes would be far wider than long (as packed blocks: one block 14 nodes wide).
  const flow = (out: 'right' | 'left', into: 'left' | 'right'): string =>
    [
      'A { # Orchestrator',
      ...Array.from({ length: 14 }, (_, k) => `  a${k}: rectangle label:"Orchestrator step ${k}"`),
      ...Array.from(
        { length: 13 },
        (_, k) => `  a${k}.handle(${out}) -> a${k + 1}.handle(${into})`,
      ),
      '}',
      'B { # Service',
      '  b0: rectangle label:"Service step"',
      '  b1: rectangle label:"Service reply"',
      `  b0.handle(${out}) -> b1.handle(${into})`,
      '}',
      'A.a3.handle(bottom) -> B.b0.handle(top)',
      'B.b1.handle(top) -> A.a9.handle(bottom)',
    ].join('\n');

  it.each([
    ['right', 'left', 'LR'],
    ['left', 'right', 'RL'],
  ] as const)(
    'draws handles %s -> %s asked for TB as %s lanes within 3:1, handles honoured, the drop between lanes straight',
    (out, into, turned) => {
      const diagram = diagramOf(flow(out, into));
      for (const kind of ['lanes', 'auto'] as const) {
        const result = layout(diagram, { direction: 'TB', layout: kind });
        expect(result.layout).toBe('lanes');
        expect(result.direction).toBe(turned);
        expect(
          Math.max(result.width, result.height) / Math.min(result.width, result.height),
        ).toBeLessThanOrEqual(3);
        expect(layoutViolations(diagram, result)).toEqual([]);
        expect(result.edges.find((e) => e.from === 'A.a3' && e.to === 'B.b0')?.points).toHaveLength(
          2,
        );
      }
    },
  );

  it('keeps the requested flow when the handles do not stack a lane across it', () => {
    const diagram = diagramOf(flow('right', 'left'));
    expect(layout(diagram, { direction: 'LR', layout: 'lanes' }).direction).toBe('LR');
  });
});
