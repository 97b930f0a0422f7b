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
import { generateFlow } from '../../bench/generate.mjs';
import { diagramOf } from './diagrams.js';

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
