/**
 * Edges the layered engine hands to the general router (routing.ts routeBetweenPorts): the edges a
 * wrap cuts back to an earlier row, the edges between blocks on shelves. Their ports sit on the
 * flow's sides, and a node's entry side can face its predecessor one 12 px channel away: the stub
 * there ends on that node, no search was made, and the edge was drawn as an L that sees no node,
 * along a whole row (generated 60 nodes seed 3 RL: Gateway.n25 -> Orders.n32 through three nodes of
 * Orders; corpus 06 LR: three edges back to "Enter Credentials" through the first row). An end
 * that no handle fixes now takes another side of its node; a written side squeezes its stub into
 * the gap.
 */
import { layout } from '../../src/layout/index.js';
import type { Layout } from '../../src/layout/types.js';
import type { Direction } from '../../src/model/diagram.js';
import type { EdgeStyle } from '../../src/layout/types.js';
import { layoutViolations } from '../support/geometry.js';
import { headsTogether } from '../support/picture.js';
import { generateFlow } from '../../bench/generate.mjs';
import { diagramOf } from './diagrams.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const directions: Direction[] = ['LR', 'TB', 'RL', 'BT'];
const styles: EdgeStyle[] = ['ortho', 'spline', 'straight'];
const every = directions.flatMap((d) => styles.map((s) => [d, s] as const));

/** Start, 40 steps in a chain (too long for a page: wrapped into rows), End; two edges back to step 2. */
const STEPS = 40;
function chain(back: string): string {
  const lines = ['s: circle label:"Start"'];
  for (let i = 1; i <= STEPS; i++) lines.push(`n${i}: rectangle label:"Step ${i}"`);
  lines.push('z: terminator label:"End"');
  let prev = 's';
  for (let i = 1; i <= STEPS; i++) {
    lines.push(`${prev} -> n${i}`);
    prev = `n${i}`;
  }
  lines.push(`${prev} -> z`, 'n12 -> n2 [label="Retry"]', back);
  return lines.join('\n');
}

/** The flow's entry side of a node in each direction. */
const ENTRY: Record<Direction, string> = { LR: 'left', TB: 'top', RL: 'right', BT: 'bottom' };

function drawn(text: string, direction: Direction, edges: EdgeStyle): Layout {
  return layout(diagramOf(text), { direction, edges, layout: 'layered' });
}

describe('an edge back to a node whose predecessor lies one channel before it', () => {
  it.each(every)('%s %s: a wrapped chain, no edge through a node', (direction, style) => {
    const text = chain('n20 -> n2');
    const laidOut = drawn(text, direction, style);
    expect(layoutViolations(diagramOf(text), laidOut)).toEqual([]);
  });

  it.each(every)('%s %s: the same with a written entry side, kept', (direction, style) => {
    const text = chain(`n20 -> n2.handle(${ENTRY[direction]})`);
    const laidOut = drawn(text, direction, style);
    expect(layoutViolations(diagramOf(text), laidOut)).toEqual([]);
    const back = laidOut.edges.find((e) => e.from === 'n20' && e.to === 'n2');
    expect(back?.toHandle).toBe(ENTRY[direction]);
  });

  it.each(directions)(
    '%s: the written entry side squeezed into the gap keeps half a margin from every node',
    (direction) => {
      // Its route was searched from inside the 12 px gap with only 2 px clearance, so it ran along
      // the first row 2 px from its nodes; now the stub turns along the gap and out past the node.
      const laidOut = drawn(chain(`n20 -> n2.handle(${ENTRY[direction]})`), direction, 'ortho');
      const back = laidOut.edges.find((e) => e.from === 'n20' && e.to === 'n2')!;
      let nearest = Infinity;
      back.points.slice(1).forEach((b, i) => {
        const a = back.points[i]!;
        for (const n of laidOut.nodes) {
          if (n.id === 'n20' || n.id === 'n2') continue;
          const dx = Math.max(0, n.x - Math.max(a.x, b.x), Math.min(a.x, b.x) - (n.x + n.width));
          const dy = Math.max(0, n.y - Math.max(a.y, b.y), Math.min(a.y, b.y) - (n.y + n.height));
          nearest = Math.min(nearest, Math.hypot(dx, dy));
        }
      });
      expect(nearest).toBeGreaterThanOrEqual(6);
    },
  );

  it('LR: the free ends enter step 2 from below, not through the first row', () => {
    const laidOut = drawn(chain('n20 -> n2'), 'LR', 'ortho');
    const step2 = laidOut.nodes.find((n) => n.id === 'n2')!;
    for (const from of ['n12', 'n20']) {
      const back = laidOut.edges.find((e) => e.from === from && e.to === 'n2')!;
      expect(back.toHandle).toBe('bottom');
      expect(back.points.at(-1)!.y).toBeCloseTo(step2.y + step2.height, 0);
    }
  });
});

describe('generated 60 nodes, 4 groups, seed 3, layered (blocks on shelves)', () => {
  const text = generateFlow({ nodes: 60, groups: 4, seed: 3 });
  const diagram = diagramOf(text);
  it.each(every)('%s %s: every invariant holds', (direction, style) => {
    const laidOut = layout(diagram, { direction, edges: style, layout: 'layered' });
    expect(layoutViolations(diagram, laidOut)).toEqual([]);
  });
});

/**
 * The general router's ends at a side's middle only because nothing placed them (a cut edge's, an
 * end that took another side) are placed among the side's ends, in the order of their routes
 * (routing.ts placeEnds): before, corpus 06 LR's three ways back into "Enter Credentials" took
 * the middle of its bottom together (one head for three edges), and corpus 20 LR's way back from
 * "Address Concerns" ended on the point where "Auto-Deploy" ends.
 */
describe('ends the general router places are spread over their side', () => {
  it('LR: the two ways back into step 2 end apart, the one from further on outside', () => {
    const laidOut = drawn(chain('n20 -> n2'), 'LR', 'ortho');
    expect(headsTogether(laidOut)).toEqual([]);
    const end = (from: string): number =>
      laidOut.edges.find((e) => e.from === from && e.to === 'n2')!.points.at(-1)!.x;
    expect(Math.abs(end('n12') - end('n20'))).toBeGreaterThanOrEqual(8);
  });

  const generated: Array<[number, number, number]> = [
    [60, 4, 3],
    [90, 3, 4],
    [90, 3, 5],
  ];
  const cases = generated.flatMap(([nodes, groups, seed]) =>
    directions.flatMap((d) =>
      (['ortho', 'spline'] as const).map((s) => [nodes, groups, seed, d, s] as const),
    ),
  );
  it.each(cases)(
    'generated %i nodes, %i groups, seed %i, %s %s: no heads together',
    (nodes, groups, seed, direction, style) => {
      const diagram = diagramOf(generateFlow({ nodes, groups, seed }));
      const laidOut = layout(diagram, { direction, edges: style, layout: 'layered' });
      expect(headsTogether(laidOut)).toEqual([]);
      expect(layoutViolations(diagram, laidOut)).toEqual([]);
    },
  );

  const corpusDir = join(
    process.env.FLOWC_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url)),
    'corpus',
    'diagrams',
  );
  const corpus = ['06-newytclone-authentication-flow-1', '20-kars-09-environment-promotion-0'];
  const present = corpus.every((id) => existsSync(join(corpusDir, `${id}.flow`)));
  (present ? it.each : it.skip.each)(
    corpus.flatMap((id) => (['LR', 'RL'] as const).map((d) => [id, d] as const)),
  )('corpus %s %s: no heads together', (id, direction) => {
    const diagram = diagramOf(readFileSync(join(corpusDir, `${id}.flow`), 'utf8'));
    const laidOut = layout(diagram, { direction });
    expect(headsTogether(laidOut)).toEqual([]);
    expect(layoutViolations(diagram, laidOut)).toEqual([]);
  });
});
