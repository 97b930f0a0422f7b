/**
 * Label ranks in the layered placement (src/layout/layered/graph.ts): the label of an edge that
 * spans a rank of nodes sits in that rank, beside the nodes, as dot's does; a rank of its own would
 * add a layer (the label's height and two channels) between two nodes joined by an edge without a
 * label. Extra 41's "No" back edges from a decision, corpus 34's and 36's long labelled edges.
 */
import { layout } from '../../src/layout/index.js';
import type { Box, Layout } from '../../src/layout/types.js';
import type { Direction } from '../../src/model/diagram.js';
import { diagramOf } from './diagrams.js';

const draw = (text: string, direction: Direction): Layout =>
  layout(diagramOf(text), { direction, layout: 'layered' });

const vertical = (d: Direction): boolean => d === 'TB' || d === 'BT';

function box(drawn: Layout, id: string): Box {
  const node = drawn.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

/** The empty room between two nodes along the flow (the later one's near side minus the earlier's far side). */
function gap(drawn: Layout, a: string, b: string): number {
  const p = box(drawn, a);
  const q = box(drawn, b);
  if (vertical(drawn.direction)) {
    const [hi, lo] = p.y < q.y ? [p, q] : [q, p];
    return lo.y - (hi.y + hi.height);
  }
  const [left, right] = p.x < q.x ? [p, q] : [q, p];
  return right.x - (left.x + left.width);
}

/** Distance from a point to the nearest segment of a polyline. */
function toRoute(x: number, y: number, points: ReadonlyArray<{ x: number; y: number }>): number {
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = dx * dx + dy * dy;
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len));
    best = Math.min(best, Math.hypot(a.x + t * dx - x, a.y + t * dy - y));
  }
  return best;
}

/** Every labelled edge's label centre lies within two font sizes (28 px) of its own route. */
function labelsByTheirEdges(drawn: Layout): void {
  for (const edge of drawn.edges) {
    if (!edge.labelBox) continue;
    const c = edge.labelBox;
    expect(toRoute(c.x + c.width / 2, c.y + c.height / 2, edge.points)).toBeLessThanOrEqual(28);
  }
}

const retry = [
  'start: rectangle label:"Start scheduler cycle"',
  'try: rectangle label:"Try gradients in order"',
  'score: rectangle label:"Score all nodes"',
  'ok: diamond label:"Any feasible placement?"',
  'done: rectangle label:"Commit best node"',
  'start -> try',
  'try -> score',
  'score -> ok',
  'ok -> try [label="No"]',
  'ok -> done [label="Yes"]',
].join('\n');

const skip = [
  'a: rectangle label:"Receive request"',
  'b: rectangle label:"Validate input"',
  'c: rectangle label:"Store record"',
  'd: rectangle label:"Reply to caller"',
  'a -> b',
  'b -> c',
  'c -> d',
  'a -> d [label="cached answer"]',
].join('\n');

describe('a long edge puts its label in a rank of nodes', () => {
  it.each(['TB', 'LR'] as const)(
    'a decision\'s "No" back edge adds no layer between the nodes it passes, %s',
    (direction) => {
      const drawn = draw(retry, direction);
      // score -> ok has no label: its gap is as small as try -> score's, not a label row larger.
      expect(gap(drawn, 'score', 'ok')).toBeLessThanOrEqual(gap(drawn, 'try', 'score') + 4);
      labelsByTheirEdges(drawn);
    },
  );

  it.each(['TB', 'LR'] as const)(
    'an edge skipping two nodes labels beside them, no label layer, %s',
    (direction) => {
      const drawn = draw(skip, direction);
      const gaps = [gap(drawn, 'a', 'b'), gap(drawn, 'b', 'c'), gap(drawn, 'c', 'd')];
      expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(4);
      labelsByTheirEdges(drawn);
    },
  );

  it('an edge over one rank keeps its label between its ends (a rank of its own)', () => {
    const drawn = draw(
      'a: rectangle label:"A"\nb: rectangle label:"B"\na -> b [label="go on"]',
      'TB',
    );
    const label = drawn.edges[0]!.labelBox!;
    expect(label.y).toBeGreaterThanOrEqual(box(drawn, 'a').y + box(drawn, 'a').height);
    expect(label.y + label.height).toBeLessThanOrEqual(box(drawn, 'b').y);
  });
});
