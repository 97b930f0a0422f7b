/**
 * Picture quality the invariants do not cover: crossing budgets per sample (measured with
 * bench/quality.mjs when layout v2 landed, so a regression fails here), labels clear of other edges'
 * lines, and the CQRS swimlanes ordered and flowing as its handles ask.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layout } from '../../src/layout/index.js';
import type { Box, Layout, LayoutNode, Point } from '../../src/layout/types.js';
import { boxesOverlap, edgeCrossings } from '../support/geometry.js';
import { diagramOf } from './diagrams.js';

const sample = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../samples/${name}.flow`, import.meta.url)), 'utf8');

/**
 * Crossing ceilings, LR and TB, as measured with the rip-up-and-reroute pass (before it: 5/9, 9/23, 3/4,
 * 3/5, 5/11, 13/41, 9/17; layout v1 had 12/12, 40/29, 9/6, 14/6, 18/12, 42/40, 24/19).
 */
const CROSSING_BUDGET: Record<string, { LR: number; TB: number }> = {
  // Session 6 (#10, every sample within 3:1): lanes whose handles run across TB are drawn in the
  // flow the handles ask for (place.ts turnedFlow), and a lane drawing beyond 3:1 always gives
  // way to its wrap into rows: audit-logging LR 2 -> 6 crossings (3.25 -> 1.27; 4 with the router
  // before the decision-branch label rooms of the same session); TB budgets were
  // 8, 18, 3, 5, 10, 39, 16 (packed blocks or the layered picture). audit-logging LR 4 -> 5
  // (session 13): "Recorded" ran 20 px on the line of "Fail closed" and parted to its other side, a
  // crossing hidden in a shared run; searched apart from unrelated routes it shows (saga's two such
  // runs: 4 -> 5 in LR and TB, within their budgets).
  'ab-testing': { LR: 5, TB: 5 },
  'api-gateway': { LR: 9, TB: 7 },
  'audit-logging': { LR: 5, TB: 4 },
  cqrs: { LR: 3, TB: 3 },
  'event-sourcing': { LR: 5, TB: 5 },
  'saga-orchestration': { LR: 13, TB: 5 },
  'user-authentication': { LR: 7, TB: 7 },
};

/**
 * Every sample, LR and TB, at most 3 times longer one way than the other (#10). shapes LR (nested
 * groups, which neither wrap into rows nor pack as blocks) was 2790×928, 3.006, the one exception,
 * until session 11's node sizes: 2688×906, 2.97.
 */

describe('every sample within 3:1', () => {
  const names = readdirSync(fileURLToPath(new URL('../../samples/', import.meta.url)))
    .filter((f) => f.endsWith('.flow'))
    .map((f) => f.slice(0, -'.flow'.length));
  it('reads the seven samples and shapes', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });
  describe.each(names)('%s', (name) => {
    const diagram = diagramOf(sample(name));
    it.each(['LR', 'TB'] as const)('%s', (direction) => {
      const result = layout(diagram, { direction });
      const aspect = Math.max(result.width, result.height) / Math.min(result.width, result.height);
      expect(aspect).toBeLessThanOrEqual(3);
    });
  });
});

/**
 * Labels allowed on another edge's line: none, except where two ports 20 px apart leave a short
 * edge no room (saga TB: "Charge" between the two lines under "Request payment"), and where three
 * routes share the 56 px channel between App and Alerting (audit TB: "Fail closed"; the only other
 * spot, under "Reject action", would hide its arrowhead).
 */
const LABELS_ON_LINES: Record<string, number> = {
  'saga-orchestration TB': 1,
  'audit-logging TB': 1,
};

describe.each(Object.keys(CROSSING_BUDGET))('sample %s', (name) => {
  const diagram = diagramOf(sample(name));
  it.each(['LR', 'TB'] as const)(
    '%s: crossings within budget, labels off other lines and arrowheads',
    (direction) => {
      const result = layout(diagram, { direction });
      expect(edgeCrossings(result)).toBeLessThanOrEqual(
        (CROSSING_BUDGET[name] as { LR: number; TB: number })[direction],
      );
      expect(labelsOnOtherLines(result).length).toBeLessThanOrEqual(
        LABELS_ON_LINES[`${name} ${direction}`] ?? 0,
      );
      expect(labelsOnArrowheads(result)).toEqual([]);
    },
  );
});

describe('CQRS swimlanes (LR)', () => {
  const result = layout(diagramOf(sample('cqrs')));
  const group = (id: string): Box => result.groups.find((g) => g.id === id) as Box;
  const node = (id: string): LayoutNode => result.nodes.find((n) => n.id === id) as LayoutNode;

  it('orders the lanes as the handles ask: Client on top, Command and Query Side above Event Handler', () => {
    expect(group('Client').y).toBeLessThan(group('CommandSide').y);
    expect(group('Client').y).toBeLessThan(group('QuerySide').y);
    expect(group('CommandSide').y).toBeLessThan(group('EventHandler').y);
    expect(group('QuerySide').y).toBeLessThan(group('EventHandler').y);
  });

  it('lanes span the drawing, one under another, without overlapping', () => {
    const lanes = result.groups;
    for (const lane of lanes) expect(lane.width).toBe((lanes[0] as Box).width);
    for (const a of lanes)
      for (const b of lanes) if (a !== b) expect(boxesOverlap(a, b)).toBe(false);
  });

  it('flows left to right across lanes: the response comes after the command, End last', () => {
    expect(node('Client.n6').x).toBeGreaterThan(node('Client.n4').x);
    expect(node('Client.n6').x).toBeGreaterThan(node('CommandSide.n11').x);
    const end = node('Client.n7');
    for (const other of result.nodes)
      if (other.group === 'Client' && other !== end) expect(end.x).toBeGreaterThan(other.x);
  });

  it('draws handle-aligned edges between lanes as straight drops (Send command -> Validate command)', () => {
    const command = result.edges.find((e) => e.from === 'Client.n4' && e.to === 'CommandSide.n8');
    expect(command?.points).toHaveLength(2);
  });
});

describe('user-authentication (LR): a long process whose lanes span most of the drawing stays aligned', () => {
  const result = layout(diagramOf(sample('user-authentication')));

  it('keeps the swimlanes (every lane spans the drawing, in every row) rather than packed blocks', () => {
    for (const lane of result.groups) expect(lane.width).toBe((result.groups[0] as Box).width);
  });

  it('draws the handle-aligned edges between lanes as straight drops', () => {
    for (const [from, to] of [
      ['Client.submit', 'Credentials.lookup'],
      ['Credentials.userExists', 'Lockout.recordFailure'],
      ['Session.setCookie', 'Client.signedIn'],
    ]) {
      expect(result.edges.find((e) => e.from === from && e.to === to)?.points).toHaveLength(2);
    }
  });

  it('puts "Store token" (right -> End.bottom) under End, so its edge rises into End with one bend, and "Show error" -> End, cut by the wrap into rows, leaves its row at the end and drops into End', () => {
    const node = (id: string): LayoutNode => result.nodes.find((n) => n.id === id) as LayoutNode;
    expect(node('Client.signedIn').y).toBeGreaterThan(
      node('Client.end').y + node('Client.end').height,
    );
    expect(
      result.edges.find((e) => e.from === 'Client.signedIn' && e.to === 'Client.end')?.points,
    ).toHaveLength(3);
    // Unwrapped (4620×1002) it ran straight along the Browser lane; the lanes are now two rows.
    expect(result.groups[0]?.continued).toHaveLength(1);
    const route = result.edges.find(
      (e) => e.from === 'Client.showError' && e.to === 'Client.end',
    )?.points;
    expect(route).toHaveLength(4);
    const end = node('Client.end');
    expect(Math.max(...(route ?? []).map((p) => p.x))).toBeGreaterThan(end.x - 24);
  });
});

describe('api-gateway (LR): edges leaning across the flow order the lanes', () => {
  const result = layout(diagramOf(sample('api-gateway')));
  const group = (id: string): Box => result.groups.find((g) => g.id === id) as Box;

  it('puts Backends (whose services enter "Collect responses" from the top) above Aggregation', () => {
    expect(group('Backends').y).toBeLessThan(group('Aggregation').y);
  });

  it('drops each service into the top of "Collect responses" with one bend, no hook', () => {
    for (const service of ['users', 'orders', 'inventory']) {
      expect(
        result.edges.find((e) => e.from === `Backends.${service}` && e.to === 'Aggregation.collect')
          ?.points,
      ).toHaveLength(3);
    }
  });
});

/** Labels that cover the arrowhead (the last 9 px) of any route, their own included. */
function labelsOnArrowheads(result: Layout): string[] {
  const problems: string[] = [];
  result.edges.forEach((edge, k) => {
    const box = edge.labelBox;
    if (!box) return;
    result.edges.forEach((other, o) => {
      const tip = other.points[other.points.length - 1] as Point;
      const before = other.points[other.points.length - 2] as Point;
      const length = Math.abs(tip.x - before.x) + Math.abs(tip.y - before.y);
      const t = Math.min(1, 9 / length);
      const tail = { x: tip.x + (before.x - tip.x) * t, y: tip.y + (before.y - tip.y) * t };
      const head = {
        x: Math.min(tip.x, tail.x),
        y: Math.min(tip.y, tail.y),
        width: Math.abs(tip.x - tail.x),
        height: Math.abs(tip.y - tail.y),
      };
      if (
        head.x < box.x + box.width &&
        box.x < head.x + head.width &&
        head.y < box.y + box.height &&
        box.y < head.y + head.height
      ) {
        problems.push(`edge ${k}'s label covers edge ${o}'s arrowhead`);
      }
    });
  });
  return problems;
}

/** Labels that overlap a segment of another edge's route. */
function labelsOnOtherLines(result: Layout): string[] {
  const problems: string[] = [];
  result.edges.forEach((edge, k) => {
    const box = edge.labelBox;
    if (!box) return;
    result.edges.forEach((other, o) => {
      if (o === k) return;
      for (let s = 0; s + 1 < other.points.length; s++) {
        const a = other.points[s] as Point;
        const b = other.points[s + 1] as Point;
        const segment = {
          x: Math.min(a.x, b.x),
          y: Math.min(a.y, b.y),
          width: Math.abs(a.x - b.x),
          height: Math.abs(a.y - b.y),
        };
        const touches =
          segment.x < box.x + box.width &&
          box.x < segment.x + segment.width &&
          segment.y < box.y + box.height &&
          box.y < segment.y + segment.height;
        if (touches) problems.push(`edge ${k}'s label lies on edge ${o}`);
      }
    });
  });
  return problems;
}
