/**
 * Issue #10's defects, each on a small diagram that had it (test/support/picture.ts has the
 * checks; test/layout/picture.test.ts counts them over the samples and the corpus).
 */
import { layout } from '../../src/layout/index.js';
import type { Direction, LayoutKind } from '../../src/model/diagram.js';
import {
  borderHugs,
  closeParallels,
  decisionBranches,
  headerCrossings,
  twoWayPairs,
} from '../support/picture.js';
import { adversarialFlows, diagramOf } from './diagrams.js';

const draw = (text: string, direction: Direction, kind: LayoutKind = 'layered') =>
  layout(diagramOf(text), { direction, layout: kind });

describe('two-way pairs are two routes', () => {
  // Ends meeting at one point of a side (a circle's, a diamond's, a hexagon's vertex; the middle
  // of a side too short to spread them) used to share their stub, the way back over the way there.
  it.each(['circle', 'diamond', 'hexagon', 'cylinder', 'terminator'])(
    'at a vertex of a %s, every side',
    (shape) => {
      const lines = [`s: ${shape} label:"${shape}"`];
      for (const side of ['top', 'right', 'bottom', 'left']) {
        lines.push(`p${side}: rectangle label:"${side}"`);
        lines.push(`s.handle(${side}) -> p${side} [label="out"]`);
        lines.push(`p${side} -> s.handle(${side}) [label="back"]`);
      }
      for (const direction of ['LR', 'TB'] as const) {
        const drawn = draw(lines.join('\n'), direction);
        expect(twoWayPairs(drawn)).toEqual([]);
        expect(closeParallels(drawn)).toEqual([]);
      }
    },
  );

  it('on a side too short to spread the ends (three edges there, one back)', () => {
    const text = [
      'a: rectangle label:"Client"',
      'b: rectangle label:"Server"',
      'a -> b [label="first"]',
      'a -> b [label="second"]',
      'a -> b',
      'b -> a [label="back"]',
    ].join('\n');
    for (const direction of ['LR', 'TB'] as const) {
      const drawn = draw(text, direction);
      expect(twoWayPairs(drawn)).toEqual([]);
      expect(closeParallels(drawn)).toEqual([]);
    }
  });
});

describe('decision branches leave from different vertices', () => {
  // Three branches where the one leading deepest is the leftmost: the other two both left from the
  // right vertex, their labels far along the shared line (corpus 18, "Health Status").
  it('three branches, the main one leftmost', () => {
    const text = [
      'check: rectangle label:"Docker health check"',
      'status: diamond label:"Health status"',
      'running: rectangle label:"Container running"',
      'metrics: rectangle label:"Collect metrics"',
      'dashboard: rectangle label:"Dashboard"',
      'unhealthy: rectangle label:"Container marked unhealthy"',
      'grace: rectangle label:"Grace period"',
      'check -> status',
      'status -> running [label="Healthy"]',
      'status -> unhealthy [label="Unhealthy"]',
      'status -> grace [label="Starting"]',
      'running -> metrics',
      'metrics -> dashboard',
    ].join('\n');
    for (const direction of ['LR', 'TB'] as const) {
      const drawn = draw(text, direction);
      expect(decisionBranches(drawn)).toEqual([]);
    }
  });
});

describe('decision branches: each from its own vertex, each label by its diamond', () => {
  /** No decision-branch defect in either engine, LR and TB. */
  const expectBranchesClean = (text: string): void => {
    for (const direction of ['LR', 'TB'] as const)
      for (const kind of ['lanes', 'layered'] as const)
        expect(decisionBranches(draw(text, direction, kind))).toEqual([]);
  };

  // The swimlanes' router let two branches without handles leave from one vertex (ends going the
  // same way merge there) and split further on (shapes LR: "Tests green?" and "Approved?").
  it('swimlanes: two branches without handles', () => {
    const text = [
      'Build { # Build',
      '  compile: rectangle label:"Compile"',
      '  green: diamond label:"Green?"',
      '  compile -> green',
      '}',
      'Release { # Release',
      '  notes: rectangle label:"Write notes"',
      '  ship: rectangle label:"Ship"',
      '  notes -> ship',
      '}',
      'Failure { # Failure',
      '  report: rectangle label:"Report"',
      '}',
      'Build.green -> Release.notes [label="yes"]',
      'Build.green -> Failure.report [label="no"]',
    ].join('\n');
    expectBranchesClean(text);
  });

  // A branch out of a side vertex that turns at once runs beside the diamond's slant: on a tall
  // (two-line) diamond its label clears the diamond's box only past the length searched for it,
  // which was the label's own, and it went to the middle of the route (55 px; saga LR 47, saga TB
  // 151, ab-testing LR 85).
  it('a branch that turns beside a tall diamond', () => {
    const text = [
      'Desk { # Front desk',
      '  start: circle label:"Start"',
      '  take: rectangle label:"Take the order"',
      '  paid: diamond label:"Was the whole payment captured in full and on time?"',
      '  start.handle(right) -> take.handle(left)',
      '  take.handle(right) -> paid.handle(left)',
      '}',
      'Kitchen { # Kitchen',
      '  cancel: rectangle label:"Cancel order"',
      '  refund: rectangle label:"Refund"',
      '  done: circle label:"End"',
      '  cancel.handle(right) -> refund.handle(left)',
      '  refund.handle(right) -> done.handle(left)',
      '}',
      'Desk.paid.handle(bottom) -> Kitchen.done.handle(top) [label="Yes"]',
      'Desk.paid.handle(right) -> Kitchen.cancel.handle(top) [label="No"]',
    ].join('\n');
    expectBranchesClean(text);
  });

  // The swimlanes: a way back passing 12 px outside a lane ran across the "Yes" branch 32 px from
  // its vertex, leaving its label no place within reach (422 px away; ab-testing TB, of which this
  // is what is left when every line whose removal keeps the defect is removed). The router keeps
  // other routes out of a branch label's room by its diamond (labels.ts branchLabelRoom).
  it('swimlanes: a way back across a branch by its vertex', () => {
    const text = [
      'Setup { # Experiment Setup',
      '  start: circle label:"Start"',
      '  hypothesis: rectangle label:"State hypothesis and primary metric"',
      '  sampleSize: rectangle label:"Compute required sample size"',
      '  configure: rectangle label:"Configure versions A and B"',
      '  configure.handle(bottom) -> Assignment.visit.handle(top) [label="Launch"]',
      '}',
      'Assignment { # User Assignment',
      '  visit: rectangle label:"User visits page"',
      '}',
      'Metrics { # Metrics Collection',
      '  exposure: rectangle label:"Log exposure event"',
      '  conversions: rectangle label:"Track conversions and guardrails"',
      '  enough: diamond label:"Sample size reached?"',
      '  exposure.handle(right) -> conversions.handle(left)',
      '  conversions.handle(right) -> enough.handle(left)',
      '  enough.handle(top) -> Assignment.visit.handle(bottom) [label="No, keep collecting"]',
      '  enough.handle(bottom) -> Analysis.srm.handle(top) [label="Yes"]',
      '}',
      'Analysis { # Statistical Analysis',
      '  srm: diamond label:"Sample ratio mismatch?"',
      '  investigate: rectangle label:"Investigate assignment bug"',
      '  lift: rectangle label:"Compute lift and confidence interval"',
      '  significant: diamond label:"Significant at 95%?"',
      '  srm.handle(right) -> lift.handle(left) [label="No"]',
      '  srm.handle(bottom) -> investigate.handle(top) [label="Yes"]',
      '  investigate.handle(top) -> Setup.configure.handle(bottom) [label="Fix and relaunch"]',
      '  lift.handle(right) -> significant.handle(left)',
      '  significant.handle(right) -> Decision.winner.handle(left) [label="Yes"]',
      '  significant.handle(bottom) -> Decision.keepA.handle(top) [label="No"]',
      '}',
      'Decision { # Rollout Decision',
      '  winner: diamond label:"Which version won?"',
      '  stable: diamond label:"Metrics stable?"',
      '  keepA: rectangle label:"Keep version A, remove B"',
      '  report: rectangle label:"Document results"',
      '  end: circle label:"End"',
      '  stable.handle(right) -> report.handle(left) [label="Yes"]',
      '  keepA.handle(right) -> report.handle(bottom)',
      '  report.handle(right) -> end.handle(left)',
      '}',
    ].join('\n');
    expectBranchesClean(text);
  });
});

describe('routes keep 12 px from the group borders they run along', () => {
  // In the swimlanes the routes took the grid lines 10 px outside a lane (in the 28 px gap between
  // two lanes) or 6 px inside it (a node's margin), and ran along the border there for hundreds of
  // px: the router now pays for each px along a border closer than 12 px (routing.ts borderBands).
  it("swimlanes: a decision's way back and a notification to the first lane", () => {
    const text = [
      'Client { # Client',
      '  ask: rectangle label:"Ask"',
      '  got: rectangle label:"Got answer"',
      '}',
      'Server { # Server',
      '  handle: rectangle label:"Handle"',
      '  check: diamond label:"Valid?"',
      '  reply: rectangle label:"Reply"',
      '}',
      'Store { # Store',
      '  save: rectangle label:"Save"',
      '  sync: rectangle label:"Sync"',
      '  index: rectangle label:"Index"',
      '}',
      'Client.ask -> Server.handle',
      'Server.handle -> Server.check',
      'Server.check -> Store.save [label="yes"]',
      'Server.check -> Client.got [label="no"]',
      'Store.save -> Store.sync',
      'Store.sync -> Store.index',
      'Store.index -> Client.got [label="notify"]',
      'Store.sync -> Server.reply',
      'Server.reply -> Client.got',
    ].join('\n');
    for (const direction of ['LR', 'TB'] as const) {
      const drawn = draw(text, direction, 'lanes');
      expect(drawn.layout).toBe('lanes');
      expect(borderHugs(drawn)).toEqual([]);
    }
  });
});

describe('a lane keeps room for a stub and a turn between a node and its border', () => {
  // A node 18 px from its lane's border (the padding) with a written handle on that side whose
  // route turns inside the lane: the 12 px stub and the turn ran 6 px inside the border
  // (user-authentication's "Retry"). The lane now keeps 24 px there (place.ts borderRoom).
  it.each([
    ['LR', 'bottom', 'top'],
    ['TB', 'right', 'left'],
  ] as const)('%s: a way back into the %s of a node', (direction, back, out) => {
    const [along, towards] = direction === 'LR' ? ['right', 'left'] : ['bottom', 'top'];
    const text = [
      'Client { # Client',
      '  submit: rectangle label:"Submit username and password"',
      '  wait: rectangle label:"Wait"',
      '  error: rectangle label:"Show error"',
      `  submit.handle(${along}) -> wait.handle(${towards})`,
      `  wait.handle(${along}) -> error.handle(${towards})`,
      `  error.handle(${out}) -> submit.handle(${back}) [label="Retry"]`,
      '}',
      'Server { # Server',
      '  check: rectangle label:"Check"',
      '}',
      `Client.submit.handle(${back}) -> Server.check.handle(${out}) [label="Login"]`,
      `Server.check.handle(${out}) -> Client.error.handle(${back})`,
    ].join('\n');
    const drawn = draw(text, direction, 'lanes');
    expect(drawn.layout).toBe('lanes');
    expect(borderHugs(drawn)).toEqual([]);
  });
});

describe('a route the search window cut short', () => {
  // The router searches a window 90 px around an edge's ends first; a route found there that runs
  // along the window's edge wanted to go further out: 'nested groups' TB's way from "Another top
  // group" to "End" ran 877 px along the window's edge, 10 px below "Outer group". Such a route is
  // searched again in the wider window and the cheaper one kept (route.ts `route`).
  it('nested groups, TB, swimlanes', () => {
    const text = adversarialFlows().find(([name]) => name.startsWith('nested groups'))?.[1];
    expect(text).toBeDefined();
    const drawn = draw(text as string, 'TB', 'lanes');
    expect(borderHugs(drawn)).toEqual([]);
  });
});

describe("the layered layout's fallback routes keep off borders and other routes", () => {
  // A flow back from the last group to the first is drawn by the fallback router (routing.ts
  // routeBetweenPorts); its grid lines lay 10 px outside every group, so the way back ran along
  // three groups' borders 2-10 px from them and 6 px beside a channel route for 472 px. It now pays
  // for running along a border (as the lanes' routes do) and beside a route drawn before.
  const text = [
    'Dev { # Development',
    '  a: rectangle label:"Commit code"',
    '  b: rectangle label:"Open PR"',
    '  a -> b',
    '}',
    'CI { # Integration',
    '  c: rectangle label:"Run tests"',
    '  d: rectangle label:"Approve"',
    '  c -> d',
    '}',
    'Prod { # Production',
    '  e: rectangle label:"Release"',
    '  f: rectangle label:"Deploy"',
    '  e -> f',
    '}',
    'Mon { # Monitoring',
    '  g: rectangle label:"Watch"',
    '  h: rectangle label:"Hotfix"',
    '  g -> h',
    '}',
    'Dev.b -> CI.c',
    'CI.d -> Prod.e',
    'Prod.f -> Mon.g',
    'Mon.h -> Dev.a',
  ].join('\n');
  it.each(['TB', 'BT'] as const)(
    'routes into each group pass beside its title, %s',
    (direction) => {
      // They came in at the middle of the first node, under a title longer than half the box: the
      // title band could slide nowhere clear of them (layered/position.ts headerCrossings).
      expect(headerCrossings(draw(text, direction))).toEqual([]);
    },
  );
  it.each(['LR', 'TB'] as const)('a way back to the first group, %s', (direction) => {
    const drawn = draw(text, direction);
    expect(drawn.layout).toBe('layered');
    expect(borderHugs(drawn)).toEqual([]);
    // (A run side by side shorter than the clearance is where the way back turns off a stub.)
    const runs = closeParallels(drawn).filter((d) => Number(/run (\d+) px/.exec(d)?.[1]) > 12);
    expect(runs).toEqual([]);
  });
});
