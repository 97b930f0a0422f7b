/**
 * The two placements and the choice between them (src/layout/index.ts, score.ts): the file's
 * `layout` line and the option are obeyed, the automatic choice keeps swimlanes for actors (CQRS)
 * and draws phases as compact clusters, and the layered engine keeps every invariant on the
 * samples, whose handles are written for lanes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layeredBoundAndLayout, layout, layoutCounted } from '../../src/layout/index.js';
import { growingScore, scoreParts, searchBound } from '../../src/layout/score.js';
import type { Diagram } from '../../src/model/diagram.js';
import { generateFlow } from '../../bench/generate.mjs';
import { resolve } from '../../src/model/index.js';
import { parse } from '../../src/syntax/index.js';
import { edgeCrossings, layoutViolations } from '../support/geometry.js';
import { diagramOf } from './diagrams.js';

const sample = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../samples/${name}.flow`, import.meta.url)), 'utf8');

/** Three phases one after another, no handles: the picture dot draws, not three empty lanes. */
const PHASES = `direction TB
Build { # Build
  checkout: rectangle label:"Check out"
  compile: rectangle label:"Compile"
  checkout -> compile
}
Test { # Test
  unit: rectangle label:"Unit tests"
  e2e: rectangle label:"End-to-end tests"
}
Deploy { # Deploy
  stage: rectangle label:"Staging"
  prod: rectangle label:"Production"
  stage -> prod
}
Build.compile -> Test.unit
Build.compile -> Test.e2e
Test.unit -> Deploy.stage
Test.e2e -> Deploy.stage
`;

describe('the automatic choice', () => {
  it('draws sequential phases as clusters in layers, without crossings', () => {
    const result = layout(diagramOf(PHASES));
    expect(result.layout).toBe('layered');
    expect(edgeCrossings(result)).toBe(0);
    // Clusters, not lanes: each box as wide as its own nodes need, not the drawing's width.
    expect(new Set(result.groups.map((g) => g.width)).size).toBe(3);
    const box = (id: string) => result.groups.find((g) => g.id === id)!;
    expect(box('Build').y + box('Build').height).toBeLessThanOrEqual(box('Test').y);
    expect(box('Test').y + box('Test').height).toBeLessThanOrEqual(box('Deploy').y);
  });

  it('keeps the swimlanes for the CQRS actors, whose handles place the lanes', () => {
    expect(layout(diagramOf(sample('cqrs'))).layout).toBe('lanes');
  });

  it('draws a diagram without groups layered', () => {
    const result = layout(diagramOf('a: rectangle label:"A"\nb: rectangle label:"B"\na -> b\n'));
    expect(result.layout).toBe('layered');
  });
});

describe('the layout setting and option', () => {
  it('reads `layout lanes` and `layout layered` from the file', () => {
    expect(layout(diagramOf(`layout lanes\n${PHASES}`)).layout).toBe('lanes');
    expect(layout(diagramOf(`layout layered\n${sample('cqrs')}`)).layout).toBe('layered');
  });

  it('lets the option override the file', () => {
    expect(layout(diagramOf(`layout lanes\n${PHASES}`), { layout: 'layered' }).layout).toBe(
      'layered',
    );
    expect(layout(diagramOf(PHASES), { layout: 'lanes' }).layout).toBe('lanes');
  });

  it('draws edges to and from a group layered, ending them on the group box', () => {
    const text = `${PHASES}Build.compile -> Deploy\nTest -> Deploy.prod [label="done"]\n`;
    const diagram = diagramOf(text);
    const drawn = layout(diagram, { layout: 'layered' });
    expect(drawn.layout).toBe('layered');
    expect(layoutViolations(diagram, drawn)).toEqual([]);
    const box = (id: string) => drawn.groups.find((g) => g.id === id)!;
    const onBorder = (p: { x: number; y: number }, g: ReturnType<typeof box>): boolean =>
      ((p.x === g.x || p.x === g.x + g.width) && p.y >= g.y && p.y <= g.y + g.height) ||
      ((p.y === g.y || p.y === g.y + g.height) && p.x >= g.x && p.x <= g.x + g.width);
    const into = drawn.edges.find((e) => e.toKind === 'group')!;
    expect(onBorder(into.points[into.points.length - 1]!, box('Deploy'))).toBe(true);
    const out = drawn.edges.find((e) => e.fromKind === 'group')!;
    expect(onBorder(out.points[0]!, box('Test'))).toBe(true);
    // The route stops at the border: nothing of it inside the group it ends on.
    expect(into.points.slice(0, -1).every((p) => p.y < box('Deploy').y)).toBe(true);
  });

  it('draws with the swimlanes an edge to a group its other end lies in, or with a handle on the group', () => {
    for (const extra of ['Build.checkout -> Build\n', 'Build.compile -> Deploy.handle(left)\n'])
      expect(layout(diagramOf(`${PHASES}${extra}`), { layout: 'layered' }).layout).toBe('lanes');
  });

  it('reports an unknown layout with a did-you-mean', () => {
    const { diagnostics } = resolve(parse('layout lane\na: circle label:"A"\n'));
    expect(diagnostics.map((d) => [d.ruleId, d.message])).toContainEqual([
      'unknown-setting',
      "unknown layout 'lane': did you mean 'lanes'?",
    ]);
  });
});

describe.each([
  'ab-testing',
  'api-gateway',
  'audit-logging',
  'cqrs',
  'event-sourcing',
  'saga-orchestration',
  'user-authentication',
])('layered %s', (name) => {
  const diagram = diagramOf(sample(name));
  it.each(['LR', 'TB'] as const)('%s: every invariant holds, handles included', (direction) => {
    const result = layout(diagram, { direction, layout: 'layered' });
    expect(result.layout).toBe('layered');
    expect(layoutViolations(diagram, result)).toEqual([]);
  });
});

/**
 * The automatic choice scores the layered candidates as drafts (no search over whole-group moves)
 * and completes only those that can still win (score.ts searchBound). Whatever it skips, its
 * picture must score no worse than the full layered drawing and the swimlanes, each forced.
 */
describe('the staged automatic choice', () => {
  const score = (diagram: Diagram, options: Parameters<typeof layout>[1]): number => {
    const handled = diagram.edges.map((e) => e.fromHandle !== null || e.toHandle !== null);
    return scoreParts(layout(diagram, options), handled).total;
  };
  const cases: Array<[string, Diagram, 'LR' | 'TB' | undefined]> = [];
  for (const name of ['ab-testing', 'api-gateway', 'audit-logging', 'cqrs', 'event-sourcing'])
    for (const direction of ['LR', 'TB'] as const)
      cases.push([`${name} ${direction}`, diagramOf(sample(name)), direction]);
  // Generated CQRS-sized files (the batch benchmark's), among them drafts that lose and win.
  for (const seed of [77, 127, 131, 150, 183, 184])
    cases.push([
      `generated ${seed}`,
      diagramOf(generateFlow({ nodes: 19, groups: 4, seed })),
      undefined,
    ]);
  it.each(cases)(
    '%s: no worse than the full layered drawing or the lanes',
    (_, diagram, direction) => {
      const options = direction ? { direction } : {};
      const auto = score(diagram, options);
      expect(auto).toBeLessThanOrEqual(score(diagram, { ...options, layout: 'layered' }) + 1e-9);
      expect(auto).toBeLessThanOrEqual(score(diagram, { ...options, layout: 'lanes' }) + 1e-9);
    },
  );
});

/**
 * A layered candidate is finished only when a lower bound on its score, read from the engine's
 * drawing (index.ts layeredLowerBound), does not already exceed the best score so far. The bound
 * must never exceed what the finished drawing scores without crossings and foreign groups (the
 * terms a completion may still remove), or the choice would skip a candidate that could win.
 */
describe('the lower bound that skips finishing a layered candidate', () => {
  const cases: Array<[string, Diagram, 'LR' | 'TB']> = [];
  for (const name of ['ab-testing', 'cqrs', 'event-sourcing', 'saga-orchestration', 'api-gateway'])
    for (const direction of ['LR', 'TB'] as const)
      cases.push([`${name} ${direction}`, diagramOf(sample(name)), direction]);
  for (const seed of [3, 77, 127, 150])
    cases.push([
      `generated ${seed}`,
      diagramOf(generateFlow({ nodes: 19, groups: 4, seed })),
      'LR',
    ]);
  it.each(cases)(
    '%s: at most the finished drawing scores, and not trivial',
    (_, diagram, direction) => {
      const handled = diagram.edges.map((e) => e.fromHandle !== null || e.toHandle !== null);
      for (const draft of [false, true])
        for (const edgeStyle of ['ortho', 'spline', 'straight'] as const) {
          const { bound, layout: drawn } = layeredBoundAndLayout(diagram, {
            direction,
            edgeStyle,
            draft,
          });
          const parts = scoreParts(drawn, handled);
          expect(bound).toBeLessThanOrEqual(
            growingScore(parts.bends, parts.areaPerNode, parts.edgeLength) + 1e-9,
          );
          expect(bound).toBeLessThanOrEqual(searchBound(parts) + 1e-9);
          // Area and length alone are well above zero on any of these.
          expect(bound).toBeGreaterThan(0.5 * (parts.areaPerNode / 20));
        }
    },
  );

  // The bound puts the routes the channels drew onto the outlines, and finishing takes them from
  // it (LayeredDraw.onOutlines) instead of doing it again: the same drawing as finishing alone,
  // where routes are also drawn around the channels' and cut at group borders.
  it.each([
    ...cases,
    ['shapes LR', diagramOf(sample('shapes')), 'LR'] as const,
    ['shapes TB', diagramOf(sample('shapes')), 'TB'] as const,
    ['user-authentication TB', diagramOf(sample('user-authentication')), 'TB'] as const,
    ['audit-logging LR', diagramOf(sample('audit-logging')), 'LR'] as const,
  ])('%s: finished after the bound, the drawing finished alone', (_, diagram, direction) => {
    for (const edgeStyle of ['ortho', 'spline'] as const) {
      const after = layeredBoundAndLayout(diagram, { direction, edgeStyle });
      const alone = layeredBoundAndLayout(diagram, { direction, edgeStyle, bound: false });
      expect(Number.isNaN(alone.bound)).toBe(true);
      expect(after.layout).toEqual(alone.layout);
    }
  });

  it('CQRS LR: the layered draft is drawn but not finished (its bound 130.8 against the lanes 119.6)', () => {
    const { layout: chosen, work } = layoutCounted(diagramOf(sample('cqrs')), { direction: 'LR' });
    expect(chosen.layout).toBe('lanes');
    expect(work.layeredDrawn).toBe(1);
    expect(work.layeredFinished).toBe(0);
  });

  it('generated CQRS-sized files: some layered drawings are not finished, the choice unchanged', () => {
    let drawn = 0;
    let finished = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { work } = layoutCounted(diagramOf(generateFlow({ nodes: 19, groups: 4, seed })));
      drawn += work.layeredDrawn;
      finished += work.layeredFinished;
    }
    expect(finished).toBeLessThan(drawn);
    expect(finished).toBeGreaterThan(0);
  });
});
