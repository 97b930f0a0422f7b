/**
 * Swimlanes wrapped into rows (src/layout/lanes-wrap.ts): the cut choice, and the geometry of the
 * wrapped samples — rows that do not overlap, a lane's band (with its header and title) in every
 * row that holds its nodes and in no other (no empty band), the routes between rows through the channel and clear of the rows' borders, the samples
 * within 3:1.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layout, layoutCounted } from '../../src/layout/index.js';
import { assignToRows, chooseCuts, channelWidth, tangles } from '../../src/layout/lanes-wrap.js';
import type { Box, Layout, Point } from '../../src/layout/types.js';
import { emitSvg } from '../../src/emit/svg.js';
import { emitJson } from '../../src/emit/json.js';
import { boxContains, boxesOverlap, edgeCrossings, layoutViolations } from '../support/geometry.js';
import { diagramOf } from './diagrams.js';

const sample = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../samples/${name}.flow`, import.meta.url)), 'utf8');

/** Every band of every group: its box in the first row it has nodes in, then the later ones. */
function bands(result: Layout): Array<{ id: string; box: Box }> {
  return result.groups.flatMap((g) =>
    [g as Box, ...(g.continued ?? [])].map((box) => ({ id: g.id, box })),
  );
}

/**
 * The rows of a wrapped LR layout: the bands grouped top to bottom, a gap of a channel (not the
 * gap between two lanes) starting a new row; per row, the union of its bands.
 */
function rowGroups(result: Layout): Array<Array<{ id: string; box: Box }>> {
  const sorted = bands(result).sort((a, b) => a.box.y - b.box.y);
  const out: Array<Array<{ id: string; box: Box }>> = [];
  let bottom = -Infinity;
  for (const band of sorted) {
    if (band.box.y - bottom >= channelWidth(0) || out.length === 0) out.push([]);
    (out[out.length - 1] as Array<{ id: string; box: Box }>).push(band);
    bottom = Math.max(bottom, band.box.y + band.box.height);
  }
  return out;
}

function rows(result: Layout): Box[] {
  return rowGroups(result).map((row) => {
    const boxes = row.map((b) => b.box);
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    return {
      x,
      y,
      width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
      height: Math.max(...boxes.map((b) => b.y + b.height)) - y,
    };
  });
}

const aspect = (r: Layout): number => Math.max(r.width, r.height) / Math.min(r.width, r.height);

/**
 * The LR samples the wrap draws (their lanes were 3.06–4.61 times wider than tall), with the
 * crossings of the long drawing (test/layout/quality.test.ts's budgets), which the wrap must not
 * exceed. audit-logging LR (3.25) is wrapped too, though its wrap crosses 6 edges against 2 (below).
 */
const WRAPPED_LR: Record<string, number> = {
  'ab-testing': 5,
  'api-gateway': 9,
  'saga-orchestration': 13,
  'user-authentication': 7,
};

describe.each(Object.keys(WRAPPED_LR))('%s LR, wrapped into rows', (name) => {
  const diagram = diagramOf(sample(name));
  const result = layout(diagram, { direction: 'LR' });
  const lanes = rows(result);

  it('is two rows, within 3:1, crossing no more edges than the long drawing', () => {
    expect(result.layout).toBe('lanes');
    expect(lanes.length).toBeGreaterThanOrEqual(2);
    expect(aspect(result)).toBeLessThanOrEqual(3);
    expect(edgeCrossings(result)).toBeLessThanOrEqual(WRAPPED_LR[name] as number);
  });

  it('keeps every invariant (handles honoured on their sides, nodes in their lane)', () => {
    expect(layoutViolations(diagram, result)).toEqual([]);
  });

  it('stacks the rows top to bottom with a channel between them', () => {
    for (let k = 0; k + 1 < lanes.length; k++) {
      const a = lanes[k] as Box;
      const b = lanes[k + 1] as Box;
      expect(boxesOverlap(a, b)).toBe(false);
      expect(b.y - (a.y + a.height)).toBeGreaterThanOrEqual(channelWidth(0));
    }
  });

  it('gives a lane a band, with its header and title, in each row that holds its nodes, and only there, in one lane order', () => {
    const nodesIn = (box: Box): number => result.nodes.filter((n) => boxContains(box, n)).length;
    const groupOf = new Map(diagram.nodes.map((n) => [n.id, n.group] as const));
    const perRow = rowGroups(result);
    for (const row of perRow) {
      // No empty band, no lane twice in a row.
      expect(row.filter((band) => nodesIn(band.box) === 0).map((band) => band.id)).toEqual([]);
      expect(new Set(row.map((band) => band.id)).size).toBe(row.length);
    }
    // A lane's nodes of a row all lie in its band of that row.
    for (const node of result.nodes) {
      const row = perRow.find((r) => r.some((band) => boxContains(band.box, node)));
      expect([node.id, row?.some((band) => band.id === groupOf.get(node.id))]).toEqual([
        node.id,
        true,
      ]);
    }
    // The lanes keep one order: two lanes in two rows lie the same way round in both.
    const orders = perRow.map((row) => row.map((band) => band.id));
    for (const a of orders)
      for (const b of orders) {
        const common = a.filter((id) => b.includes(id));
        expect(common).toEqual(b.filter((id) => a.includes(id)));
      }
    for (const group of result.groups)
      for (const part of group.continued ?? []) {
        expect(part.width).toBe(group.width);
        expect(part.header.height).toBe(group.header.height);
        expect(part.header.y).toBe(part.y);
        expect(boxContains(part, part.header)).toBe(true);
      }
    const svg = emitSvg(result);
    for (const group of result.groups) {
      const titles = svg.split(`>${group.title}<`).length - 1;
      expect(titles).toBe(1 + (group.continued?.length ?? 0));
    }
    const json = JSON.parse(emitJson(result)) as {
      groups: Array<{ id: string; continued?: unknown[] }>;
    };
    for (const group of json.groups)
      expect(group.continued?.length ?? 0).toBe(
        result.groups.find((g) => g.id === group.id)?.continued?.length ?? 0,
      );
    // Some lane is in more than one row (the wrap cut through it).
    expect(result.groups.some((g) => (g.continued?.length ?? 0) > 0)).toBe(true);
  });

  it('puts every node in exactly one row, and runs the routes along the channel clear of the rows', () => {
    const rowOf = (p: Box | Point): number =>
      lanes.findIndex((row) => boxContains(row, 'width' in p ? p : { ...p, width: 0, height: 0 }));
    const nodeRow = new Map(result.nodes.map((n) => [n.id, rowOf(n)] as const));
    for (const row of nodeRow.values()) expect(row).toBeGreaterThanOrEqual(0);
    let between = 0;
    for (const edge of result.edges) if (nodeRow.get(edge.from) !== nodeRow.get(edge.to)) between++;
    // Every horizontal run in the channel between two rows keeps at least 12 px from both rows
    // (runs inside a row, near a band's border, are picture.test.ts's group-border check).
    const close: string[] = [];
    for (const edge of result.edges)
      edge.points.forEach((p, i) => {
        const q = edge.points[i + 1];
        if (!q || p.y !== q.y || p.x === q.x) return;
        for (let k = 0; k + 1 < lanes.length; k++) {
          const top = (lanes[k] as Box).y + (lanes[k] as Box).height;
          const bottom = (lanes[k + 1] as Box).y;
          if (p.y > top && p.y < bottom && (p.y < top + 12 || p.y > bottom - 12))
            close.push(`${edge.from} -> ${edge.to} at y ${p.y} (rows end ${top}, start ${bottom})`);
        }
      });
    expect(close).toEqual([]);
    expect(between).toBeGreaterThan(0);
  });
});

describe('the cut between rows', () => {
  // Ten columns 100 px long, 50 px apart: [0,100], [150,250], … [1350,1450]; equal rows: 725 px.
  const first = Array.from({ length: 10 }, (_, k) => 150 * k);
  const last = first.map((f) => f + 100);

  it('goes where the fewest edges cross, though the rows are then a little unequal', () => {
    // The middle cut (after column 4) severs 3 edges, the one before it 1 (rows 550 and 850 px).
    const plan = chooseCuts(first, last, [5, 5, 5, 1, 3, 5, 5, 5, 5], 2);
    expect(plan).toEqual({ starts: [0, 4], severed: [1] });
  });

  it('keeps the middle when every cut severs as many edges', () => {
    expect(chooseCuts(first, last, new Array(9).fill(1), 2)).toEqual({
      starts: [0, 5],
      severed: [1],
    });
  });

  it('never makes a row longer than a quarter over equal, however few edges a cut severs', () => {
    // A cut after column 1 severs nothing, but leaves a second row of 1,150 px (limit 906).
    const plan = chooseCuts(first, last, [5, 0, 5, 5, 5, 5, 5, 5, 5], 2);
    expect(plan?.starts[1]).toBe(5);
  });

  it('cuts into three rows, and refuses more rows than columns', () => {
    expect(chooseCuts(first.slice(0, 6), last.slice(0, 6), [1, 1, 1, 1, 1], 3)?.starts).toEqual([
      0, 2, 4,
    ]);
    expect(chooseCuts(first.slice(0, 2), last.slice(0, 2), [1], 3)).toBeNull();
  });
});

describe('the wraps drawn', () => {
  // Until session 9 the wrap cut by columns alone was drawn beside the one by bands every time,
  // and taken when it crossed fewer edges (api-gateway LR: 7 against 8). Now only when its rows
  // differ: api-gateway LR (cut after column 7 by bands, 6 by columns) and audit-logging LR (the
  // bands' cut is a column earlier, the dead-letter step moved). audit-logging 4 -> 5 (session 13):
  // "Recorded" ran 20 px on the line of "Fail closed" and parted from it to the other side, a
  // crossing hidden in a shared run; searched apart from unrelated routes (routing.ts besideOthers),
  // it crosses it in the open.
  it.each([
    ['ab-testing', 1, 5],
    ['api-gateway', 2, 7],
    ['audit-logging', 2, 5],
    ['saga-orchestration', 1, 5],
    ['user-authentication', 1, 7],
  ] as const)(
    '%s LR: %i wrap(s) drawn, crossing at most %i edges (the better of the two wraps)',
    (name, drawn, crossings) => {
      const { layout: result, work } = layoutCounted(diagramOf(sample(name)), {
        direction: 'LR',
        layout: 'lanes',
      });
      expect(work.wrapsDrawn).toBe(drawn);
      expect(result.groups.some((g) => (g.continued?.length ?? 0) > 0)).toBe(true);
      expect(edgeCrossings(result)).toBeLessThanOrEqual(crossings);
    },
  );

  it('draws no wrap for a drawing within 3:1 (CQRS LR)', () => {
    const { work } = layoutCounted(diagramOf(sample('cqrs')), { direction: 'LR', layout: 'lanes' });
    expect(work.wrapsDrawn).toBe(0);
  });
});

describe('what is not wrapped', () => {
  it('leaves a short drawing (CQRS LR, 2.6:1) and the layered pictures alone', () => {
    for (const name of ['cqrs', 'event-sourcing']) {
      const result = layout(diagramOf(sample(name)), { direction: 'LR' });
      for (const group of result.groups) expect(group.continued).toBeUndefined();
    }
  });

  it('wraps a drawing beyond 3:1 even when the wrap crosses more edges (audit-logging LR: 3.25, 2 crossings; wrapped 1.27, 6)', () => {
    const result = layout(diagramOf(sample('audit-logging')), { direction: 'LR' });
    expect(result.groups[0]?.continued).toHaveLength(1);
    expect(aspect(result)).toBeLessThanOrEqual(3);
    expect(edgeCrossings(result)).toBeLessThanOrEqual(6);
  });

  it.each(['LR', 'RL', 'TB', 'BT'] as const)(
    'wraps a long chain of lanes drawn with --layout lanes too (%s)',
    (direction) => {
      const steps = Array.from({ length: 24 }, (_, k) => k);
      const text = [
        'A { # Requester',
        ...steps.filter((k) => k % 2 === 0).map((k) => `  s${k}: rectangle label:"Step ${k}"`),
        '}',
        'B { # Approver',
        ...steps.filter((k) => k % 2 === 1).map((k) => `  s${k}: rectangle label:"Step ${k}"`),
        '}',
        ...steps
          .slice(1)
          .map((k) => `${k % 2 ? 'A' : 'B'}.s${k - 1} -> ${k % 2 ? 'B' : 'A'}.s${k}`),
      ].join('\n');
      const diagram = diagramOf(`${text}\n`);
      const result = layout(diagram, { direction, layout: 'lanes' });
      expect(result.groups[0]?.continued?.length).toBeGreaterThanOrEqual(1);
      expect(aspect(result)).toBeLessThanOrEqual(3);
      expect(layoutViolations(diagram, result)).toEqual([]);
    },
  );
});

describe('the wrap by bands (lanes-wrap.ts assignToRows, tangles)', () => {
  it('moves a lane whose one node in a row only leads on to the next row into that row', () => {
    // Lane 0: nodes 0, 1 (columns 0, 1), node 4 (column 3); lane 1: node 2 (column 1, below node 1)
    // and node 3 (column 3). Cut after column 1: lane 1 holds node 2 alone in the first row, and
    // node 2's edges both lead to the second row.
    const rank = [0, 1, 1, 3, 3];
    const laneOf = [0, 0, 1, 1, 0];
    const slot = [0, 0, 0, 0, 0];
    const links: Array<[number, number]> = [
      [0, 1],
      [1, 4],
      [1, 2],
      [2, 3],
      [3, 4],
    ];
    const { rowOf, severed } = assignToRows([0, 2], rank, laneOf, slot, links);
    expect(rowOf[2]).toBe(1);
    // Then node 1 follows (its edges to 2 and 4 lead there): only 0 -> 1 is severed.
    expect(rowOf).toEqual([0, 1, 1, 1, 1]);
    expect(severed).toEqual([1]);
  });

  it('counts nested cut edges as crossing once wrapped', () => {
    expect(
      tangles([
        [0, 5],
        [2, 3],
      ]),
    ).toBe(1);
    expect(
      tangles([
        [0, 3],
        [2, 5],
      ]),
    ).toBe(0);
  });

  it('draws audit-logging LR with no lane band of one node and fewer crossings than the long drawing wrapped by columns (6)', () => {
    const result = layout(diagramOf(sample('audit-logging')), { direction: 'LR' });
    expect(aspect(result)).toBeLessThanOrEqual(3);
    const single = bands(result).filter(
      ({ box }) => result.nodes.filter((n) => boxContains(box, n)).length === 1,
    );
    expect(single.map((b) => b.id)).toEqual([]);
    // 4 -> 5 (session 13): the crossing hidden in "Recorded"'s run on "Fail closed"'s line shows.
    expect(edgeCrossings(result)).toBeLessThanOrEqual(5);
  });
});
