/**
 * The defects of issue #10 a person sees side by side with Graphviz, checked over finished layouts
 * (test/support/picture.ts): every sample in LR and TB, the adversarial cases (loops, two-way pairs),
 * and the team's corpus of real flowcharts when it is here (`FLOWC_SHARED` or ../shared next to
 * the repository; skipped with a printed reason when absent).
 *
 * A check with defects left has a ceiling measured when it was written (so a regression fails);
 * the corpus has none left of the kinds the acceptance counts (edges over foreign groups).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layout } from '../../src/layout/index.js';
import type { Layout } from '../../src/layout/types.js';
import type { Direction } from '../../src/model/diagram.js';
import {
  PICTURE_CHECKS,
  borderHugs,
  closeParallels,
  decisionBranches,
  foreignGroupCrossings,
  headerCrossings,
  selfLoops,
  labelsByNodes,
  twoWayPairs,
  headsTogether,
} from '../support/picture.js';
import { adversarialFlows, diagramOf } from './diagrams.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
const sharedDir =
  process.env.FLOWC_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
const corpusDir = join(sharedDir, 'corpus', 'diagrams');

type Case = [name: string, text: string, direction: Direction];

const samples: Case[] = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.flow'))
  .sort()
  .flatMap((f) =>
    (['LR', 'TB'] as const).map((d): Case => [
      `${f.slice(0, -5)} ${d}`,
      readFileSync(join(samplesDir, f), 'utf8'),
      d,
    ]),
  );

const TWO_WAY = [
  'Api { # API',
  '  call: rectangle label:"Call service"',
  '  retry: diamond label:"Retry?"',
  '}',
  'Svc { # Service',
  '  handle: rectangle label:"Handle request"',
  '  store: rectangle label:"Store"',
  '}',
  'Api.call -> Svc.handle [label="request"]',
  'Svc.handle -> Api.call [label="response"]',
  'Svc.handle -> Svc.store [label="write"]',
  'Svc.store -> Svc.handle [label="ack"]',
  'Api.call -> Api.retry',
  'Api.retry -> Api.call [label="yes"]',
  'Api.retry -> Svc.store [label="no"]',
  'Api.call -> Api.call [label="poll"]',
].join('\n');

const adversarial: Case[] = [...adversarialFlows(), ['two-way pairs', TWO_WAY] as [string, string]]
  .filter(([name]) => !name.includes('single node'))
  .flatMap(([name, text]) => (['LR', 'TB'] as const).map((d): Case => [`${name} ${d}`, text, d]));

function corpusCases(): Case[] {
  if (!existsSync(corpusDir)) return [];
  const rows = readFileSync(join(corpusDir, 'provenance.tsv'), 'utf8').trim().split('\n');
  const head = (rows[0] ?? '').split('\t');
  const id = head.indexOf('id');
  const dir = head.indexOf('direction');
  const directions = new Map(
    rows.slice(1).map((row) => {
      const cells = row.split('\t');
      return [cells[id] ?? '', cells[dir] ?? 'TB'] as const;
    }),
  );
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.flow'))
    .sort()
    .map((f): Case => {
      const d = directions.get(f.slice(0, -5)) ?? 'TB';
      return [
        `corpus ${f.slice(0, -5)}`,
        readFileSync(join(corpusDir, f), 'utf8'),
        (d === 'TD' ? 'TB' : d) as Direction,
      ];
    });
}
const corpus = corpusCases();

/** Every defect of every check over a set of cases, by check. */
function defects(cases: Case[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const check of Object.keys(PICTURE_CHECKS)) out[check] = [];
  for (const [name, text, direction] of cases) {
    const drawn = layout(diagramOf(text), { direction });
    for (const [check, fn] of Object.entries(PICTURE_CHECKS))
      for (const found of fn(drawn)) out[check]!.push(`${name} [${drawn.layout}]: ${found}`);
  }
  return out;
}

/**
 * Defects left on the samples (LR and TB) and adversarial cases (issue #10 is not done while these
 * are above 0); docs/layout.md lists each count's history. Border: 48 -> 6 when the lanes' routes
 * began to pay for running within 12 px along a group border (routing.ts borderBands): left are
 * stubs between a node and its lane's border where nothing else fits (22-24 px each), and 'nested
 * groups' TB's route along the edge of its search window. Close parallels: in the lanes, ports 20
 * px apart put two stubs on one line. Title tabs: 4 -> 2 when a tab with no clear place took the
 * place the fewest routes cross (shapes TB's 'On failure': the routes passed 4 px before its
 * latest place), 2 -> 1 when the layered x coordinates began to make room for the title beside
 * the routes crossing its band ('top-level nodes' TB): left is saga-orchestration TB's
 * lanes route. Decision branches: ab-testing LR's "No"
 * of "Sample ratio mismatch?" lies 85 px from it (a lane has a band only in the rows holding its
 * nodes); 5 -> 6 with the border strips: ab-testing TB's way back from "Investigate" runs 12 px
 * outside the Analysis lane, 30 px from "Significant at 95%?"'s vertex, too close for its "Yes".
 * 6 -> 0 (session 6): a branch label is searched for along its route's start as long as the reach
 * and the label plus half the diamond (a route turning at a side vertex runs beside the slant: saga
 * LR/TB, ab-testing LR); the lanes' branches without handles leave from different vertices (shapes
 * LR); the lanes' router keeps other routes out of a branch label's room by its diamond (ab-testing
 * TB). Border 6 -> 5 with the latter (event-sourcing TB's "As of date" stub).
 * Session 6, when the LR-handled samples' TB lanes began to be drawn turned (place.ts turnedFlow:
 * their LR pictures): title tabs 1 -> 0, border runs 5 -> 3, close parallels 19 -> 14. Border
 * runs: the route of 'nested groups' TB along the edge of its search window is searched again in
 * the wider one (route.ts route): 3 -> 2.
 * Border runs 2 -> 0 (session 7): a lane keeps 24 px (a stub and the clearance) between a node and
 * its border where a written handle's route turns inside the lane (place.ts borderRoom:
 * user-authentication's "Retry" into the bottom of a node 18 px from the border, LR and TB).
 * Labels by a node (session 7): 155 -> 1 (and 62 -> 0 on the corpus) when labels.ts began to ask
 * its box index for the nodes within the label's clearance, not only those its box meets (branch
 * labels sat 0.5-2 px from their diamond's vertex). Left: 'two-way pairs' LR's lanes self-loop
 * "poll" reaches 12 px out of its node's corner, too little for an 18 px label to keep 6 px.
 * Heads together (session 12): 2 -> 0 when the layered ports began to spread the ends of every
 * shape's straight side part (its port span), not only a rectangle's: shapes LR and TB's two
 * "no" edges ended on one point of "Failure report" (a document).
 * Close parallels 14 -> 1 (session 13; 5 were left since session 12's ports): a lanes route on or
 * within 10 px of an unrelated route's line is searched again paying 2 a px along every other route
 * closer than that (routing.ts besideOthers, route.ts stripsApart): audit-logging LR "Recorded" /
 * "Fail closed" and saga-orchestration LR and TB "No" / "Approved" had 20 px on one line, 'nested
 * groups' TB 10 px. Left: 'nested groups' LR's edges from groups Inner -> Other and Mid -> Side.
 */
const SAMPLE_CEILING: Record<string, number> = {
  'foreign group': 0,
  'title tab': 0,
  'group border': 0,
  'close parallels': 1,
  'two-way pair': 0,
  'decision branches': 0,
  'self-loop': 0,
  'label by a node': 1,
  'heads together': 0,
};

/**
 * The same on the corpus (28 real flowcharts). Border runs 6 -> 0 and close parallels 2 -> 0 when
 * the layered layout's fallback routes began to pay for running along a border or beside a route
 * drawn before (routing.ts routeBetweenPorts: diagrams 16 and 20's ways back); title tabs 2 -> 0
 * (the band's slide, then room made for the title between two routes: 04, 24). Heads together
 * (session 12, written then): 20 LR's way back from "Address Concerns" ends on the point where
 * "Auto-Deploy" ends on "Dev Environment" (its route, not the side's ports, puts it there).
 * Heads together 1 -> 0 (session 13, the check now counting a head where another edge leaves, and
 * each side's ends of both kinds for its trunk allowance): the general router's open ends (a cut
 * edge's, an end that took another side) are placed among their side's ends (routing.ts placeEnds).
 */
const CORPUS_CEILING: Record<string, number> = {
  'foreign group': 0,
  'title tab': 0,
  'group border': 0,
  'close parallels': 0,
  'two-way pair': 0,
  'decision branches': 0,
  'self-loop': 0,
  'label by a node': 0,
  'heads together': 0,
};

describe('picture checks over the samples (LR, TB) and the adversarial cases', () => {
  const found = defects([...samples, ...adversarial]);
  it.each(Object.keys(SAMPLE_CEILING))('%s: no more defects than measured', (check) => {
    const list = found[check] as string[];
    if (list.length > (SAMPLE_CEILING[check] as number)) expect(list).toEqual([]);
    expect(list.length).toBeLessThanOrEqual(SAMPLE_CEILING[check] as number);
  });
});

(corpus.length > 0 ? describe : describe.skip)('picture checks over the corpus', () => {
  const found = corpus.length > 0 ? defects(corpus) : {};
  it.each(Object.keys(CORPUS_CEILING))('%s: no more defects than measured', (check) => {
    const list = found[check] as string[];
    if (list.length > (CORPUS_CEILING[check] as number)) expect(list).toEqual([]);
    expect(list.length).toBeLessThanOrEqual(CORPUS_CEILING[check] as number);
  });
});
if (corpus.length === 0)
  console.log(`test/layout/picture: ${corpusDir} is not here: the corpus is not checked`);

test('the checks see what they are written for (the cases have two-way pairs, loops, branches)', () => {
  const drawn = [...samples, ...adversarial].map(([, text, direction]) =>
    layout(diagramOf(text), { direction }),
  );
  const count = (pred: (l: Layout) => number): number => drawn.reduce((s, l) => s + pred(l), 0);
  expect(
    count(
      (l) =>
        l.edges.filter((e) =>
          l.edges.some((f) => f.from === e.to && f.to === e.from && e.from !== e.to),
        ).length,
    ),
  ).toBeGreaterThan(4);
  expect(count((l) => l.edges.filter((e) => e.from === e.to && e.labelBox).length)).toBeGreaterThan(
    2,
  );
  expect(count((l) => l.nodes.filter((n) => n.shape === 'diamond').length)).toBeGreaterThan(20);
});

// Each check on a hand-made layout that has exactly its defect, and on one without it.
const base = (): Layout => ({
  version: 1,
  layout: 'layered',
  width: 600,
  height: 400,
  direction: 'TB',
  edgeStyle: 'ortho',
  groups: [],
  nodes: [],
  edges: [],
});
const node = (
  id: string,
  x: number,
  y: number,
  shape: 'rectangle' | 'diamond' = 'rectangle',
  group: string | null = null,
) =>
  ({
    id,
    group,
    shape,
    label: id,
    lines: [id],
    style: {},
    link: null,
    tooltip: null,
    x,
    y,
    width: 80,
    height: 40,
  }) as unknown as Layout['nodes'][number];
const edge = (
  from: string,
  to: string,
  points: Array<[number, number]>,
  label: string | null = null,
  labelBox: Layout['edges'][number]['labelBox'] = null,
) =>
  ({
    from,
    to,
    fromKind: 'node',
    toKind: 'node',
    fromHandle: 'bottom',
    toHandle: 'top',
    label,
    points: points.map(([x, y]) => ({ x, y })),
    labelBox,
    labelLines: label ? [label] : [],
    style: {},
  }) as unknown as Layout['edges'][number];
const group = (id: string, x: number, y: number, width: number, height: number) => ({
  id,
  title: id,
  parent: null,
  depth: 0,
  x,
  y,
  width,
  height,
  header: { x, y, width: 60, height: 24 },
});

describe('the checks themselves', () => {
  it('foreign group: an edge through a group holding neither end', () => {
    const l = {
      ...base(),
      groups: [group('G', 100, 100, 200, 100)],
      nodes: [node('a', 0, 0), node('b', 0, 300)],
    };
    l.edges = [
      edge('a', 'b', [
        [40, 40],
        [40, 60],
        [200, 60],
        [200, 260],
        [40, 260],
        [40, 300],
      ]),
    ];
    expect(foreignGroupCrossings(l)).toHaveLength(1);
    l.edges = [
      edge('a', 'b', [
        [40, 40],
        [40, 300],
      ]),
    ];
    expect(foreignGroupCrossings(l)).toEqual([]);
  });

  it('title tab and group border: through the tab, and 6 px along a border', () => {
    const l = {
      ...base(),
      groups: [group('G', 100, 100, 200, 100)],
      nodes: [node('a', 0, 0), node('b', 400, 300)],
    };
    l.edges = [
      edge('a', 'b', [
        [120, 40],
        [120, 150],
        [440, 150],
        [440, 300],
      ]),
    ];
    expect(headerCrossings(l)).toHaveLength(1);
    l.edges = [
      edge('a', 'b', [
        [40, 40],
        [40, 94],
        [440, 94],
        [440, 300],
      ]),
    ];
    expect(borderHugs(l)).toHaveLength(1);
    l.edges = [
      edge('a', 'b', [
        [40, 40],
        [40, 80],
        [440, 80],
        [440, 300],
      ]),
    ];
    expect([...headerCrossings(l), ...borderHugs(l)]).toEqual([]);
  });

  it('close parallels: 4 px apart; a shared trunk only from one source', () => {
    const l = {
      ...base(),
      nodes: [node('a', 0, 0), node('b', 0, 300), node('c', 200, 0), node('d', 200, 300)],
    };
    l.edges = [
      edge('a', 'b', [
        [40, 40],
        [40, 300],
      ]),
      edge('c', 'd', [
        [240, 40],
        [240, 100],
        [44, 100],
        [44, 200],
        [240, 200],
        [240, 300],
      ]),
    ];
    expect(closeParallels(l)).toHaveLength(1);
    l.edges = [
      edge('a', 'b', [
        [40, 40],
        [40, 300],
      ]),
      edge('a', 'd', [
        [40, 40],
        [40, 200],
        [240, 200],
        [240, 300],
      ]),
    ];
    expect(closeParallels(l)).toEqual([]);
  });

  it('heads together: a comb 4 px apart, two heads on one point of a long side; a trunk into a short one', () => {
    const l = {
      ...base(),
      nodes: [node('a', 0, 0), node('c', 400, 0), node('t', 200, 200), node('s', 0, 400)],
    };
    const into = (x: number): Layout['edges'] => [
      edge('a', 't', [
        [40, 40],
        [40, 100],
        [236, 100],
        [236, 200],
      ]),
      edge('c', 't', [
        [440, 40],
        [440, 100],
        [x, 100],
        [x, 200],
      ]),
    ];
    l.edges = into(240);
    expect(headsTogether(l)).toHaveLength(1);
    l.edges = into(236);
    expect(headsTogether(l)).toHaveLength(1);
    l.edges = into(266);
    expect(headsTogether(l)).toEqual([]);
    // Three ends into the 40 px left side of s (a 24 px span): one trunk, one head.
    l.edges = ['a', 'c', 't'].map((from, k) =>
      edge(from, 's', [
        [40 + 200 * k, 40],
        [40 + 200 * k, 300],
        [-30, 300],
        [-30, 420],
        [0, 420],
      ]),
    );
    expect(headsTogether(l)).toEqual([]);
  });

  it('heads together: a head where another edge leaves the side; two tails alone are a fan', () => {
    const l = { ...base(), nodes: [node('a', 0, 0), node('t', 200, 200), node('u', 400, 400)] };
    const back = (x: number): Layout['edges'][number] =>
      edge('a', 't', [
        [40, 40],
        [40, 100],
        [x, 100],
        [x, 200],
      ]);
    const leaving = (x: number): Layout['edges'][number] =>
      edge('t', 'u', [
        [x, 200],
        [x, 150],
        [440, 150],
        [440, 400],
      ]);
    // The tail runs out of the top of t where the head of a -> t comes in (a line through a head).
    l.edges = [back(240), leaving(240)];
    expect(headsTogether(l)).toHaveLength(1);
    l.edges = [back(236), leaving(240)];
    expect(headsTogether(l)).toHaveLength(1);
    l.edges = [back(230), leaving(250)];
    expect(headsTogether(l)).toEqual([]);
    // Two edges leaving one point: a fan, not two heads.
    l.edges = [leaving(240), { ...leaving(240), to: 'a' }];
    expect(headsTogether(l)).toEqual([]);
    // On a short side too (the 40 px left side of s, a 24 px span): a head there and a tail.
    l.nodes = [...l.nodes, node('s', 0, 400)];
    l.edges = [
      edge('a', 's', [
        [40, 40],
        [40, 100],
        [-30, 100],
        [-30, 420],
        [0, 420],
      ]),
      edge('s', 'u', [
        [0, 420],
        [-20, 420],
        [-20, 480],
        [440, 480],
        [440, 440],
      ]),
    ];
    expect(headsTogether(l)).toHaveLength(1);
  });

  it('two-way pair: the way back on top of the way there', () => {
    const l = { ...base(), nodes: [node('a', 0, 0), node('b', 0, 300)] };
    l.edges = [
      edge('a', 'b', [
        [40, 40],
        [40, 300],
      ]),
      edge('b', 'a', [
        [44, 300],
        [44, 40],
      ]),
    ];
    expect(twoWayPairs(l).length).toBeGreaterThan(0);
    l.edges = [
      edge('a', 'b', [
        [30, 40],
        [30, 300],
      ]),
      edge('b', 'a', [
        [50, 300],
        [50, 40],
      ]),
    ];
    expect(twoWayPairs(l)).toEqual([]);
  });

  it('decision branches: from one point, and a label far away', () => {
    const l = {
      ...base(),
      nodes: [node('d', 0, 0, 'diamond'), node('b', 0, 300), node('c', 200, 300)],
    };
    l.edges = [
      edge(
        'd',
        'b',
        [
          [40, 40],
          [40, 300],
        ],
        'yes',
        { x: 42, y: 250, width: 20, height: 16 },
      ),
      edge(
        'd',
        'c',
        [
          [40, 40],
          [40, 200],
          [240, 200],
          [240, 300],
        ],
        'no',
        { x: 42, y: 44, width: 20, height: 16 },
      ),
    ];
    expect(decisionBranches(l)).toHaveLength(2);
  });

  it('label by a node: a branch label 1 px beside its diamond', () => {
    const l = { ...base(), nodes: [node('d', 0, 0, 'diamond'), node('b', 200, 0)] };
    l.edges = [
      edge(
        'd',
        'b',
        [
          [80, 20],
          [200, 20],
        ],
        'yes',
        { x: 81, y: 11, width: 30, height: 18 },
      ),
    ];
    expect(labelsByNodes(l)).toHaveLength(1);
    l.edges[0]!.labelBox = { x: 90, y: 11, width: 30, height: 18 };
    expect(labelsByNodes(l)).toEqual([]);
  });

  it('self-loop: a hook under its label, the label on the node', () => {
    const l = { ...base(), nodes: [node('a', 100, 100)] };
    l.edges = [
      edge(
        'a',
        'a',
        [
          [180, 110],
          [184, 110],
          [184, 130],
          [180, 130],
        ],
        'again',
        { x: 150, y: 110, width: 40, height: 16 },
      ),
    ];
    expect(selfLoops(l)).toHaveLength(2);
    l.edges = [
      edge(
        'a',
        'a',
        [
          [180, 110],
          [200, 110],
          [200, 130],
          [180, 130],
        ],
        'again',
        { x: 204, y: 112, width: 40, height: 16 },
      ),
    ];
    expect(selfLoops(l)).toEqual([]);
  });
});
