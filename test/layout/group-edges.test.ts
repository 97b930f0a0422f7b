/**
 * Edges to and from group boxes in the layered layout (src/layout/index.ts groupAnchors and
 * cutAtBorder, layered/vertical.ts, layered/wrap.ts): samples/shapes, whose `Prepare -> compile`
 * leaves a nested group towards a node just past its border, is drawn layered in LR and TB (not
 * as swimlanes after a failed cut), every edge to a group ends on that group's border with a
 * visible piece outside it, a long LR flow is wrapped between layers (not broken into blocks of
 * groups), and a decision's branches leave it from different points.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layout } from '../../src/layout/index.js';
import type { Box, Layout, Point } from '../../src/layout/types.js';
import { layoutViolations } from '../support/geometry.js';
import { diagramOf } from './diagrams.js';

const shapes = readFileSync(
  fileURLToPath(new URL('../../samples/shapes.flow', import.meta.url)),
  'utf8',
);

const groupBox = (drawn: Layout, id: string): Box => {
  const g = drawn.groups.find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
};

const onBorder = (p: Point, g: Box): boolean =>
  ((p.x === g.x || p.x === g.x + g.width) && p.y >= g.y && p.y <= g.y + g.height) ||
  ((p.y === g.y || p.y === g.y + g.height) && p.x >= g.x && p.x <= g.x + g.width);

const strictlyInside = (p: Point, g: Box): boolean =>
  p.x > g.x && p.x < g.x + g.width && p.y > g.y && p.y < g.y + g.height;

const length = (a: Point, b: Point): number => Math.abs(a.x - b.x) + Math.abs(a.y - b.y);

describe.each(['LR', 'TB'] as const)('samples/shapes %s', (direction) => {
  const diagram = diagramOf(shapes);
  const drawings = (['auto', 'layered'] as const).map(
    (kind) => [kind, layout(diagram, { direction, layout: kind })] as const,
  );

  it.each(drawings)('%s: drawn layered, its groups as clusters', (_, drawn) => {
    expect(drawn.layout).toBe('layered');
    expect(layoutViolations(diagram, drawn)).toEqual([]);
    // Not bands across the whole drawing: the three-node Source group is far narrower than it.
    const source = groupBox(drawn, 'Source');
    expect(direction === 'LR' ? source.width : source.height).toBeLessThan(
      (direction === 'LR' ? drawn.width : drawn.height) / 2,
    );
  });

  it.each(drawings)(
    '%s: every edge to a group ends on its border, with at least 12 px outside it',
    (_, drawn) => {
      const grouped = drawn.edges.filter((e) => e.fromKind === 'group' || e.toKind === 'group');
      expect(grouped.length).toBe(2);
      for (const edge of grouped) {
        const points = edge.points;
        // The end on the group, and the piece of the route next to it.
        const [end, next, box] =
          edge.toKind === 'group'
            ? [points[points.length - 1]!, points[points.length - 2]!, groupBox(drawn, edge.to)]
            : [points[0]!, points[1]!, groupBox(drawn, edge.from)];
        expect(onBorder(end, box)).toBe(true);
        expect(length(end, next)).toBeGreaterThanOrEqual(12);
        expect(points.some((p) => strictlyInside(p, box))).toBe(false);
      }
    },
  );

  it.each(drawings)("%s: a decision's two branches leave it from different points", (_, drawn) => {
    expect(drawn.layout).toBe('layered');
    for (const id of ['Build.green', 'Release.ok']) {
      const starts = drawn.edges.filter((e) => e.from === id).map((e) => e.points[0]!);
      expect(starts.length).toBe(2);
      expect(starts[0]).not.toEqual(starts[1]);
    }
  });
});

describe.each(['TB', 'LR'] as const)('%s: edges to groups next to a node', (direction) => {
  // G's exit node b and c are neighbours along the flow, c and H's entry node d too.
  const text = [
    'G { # Group',
    '  a: rectangle label:"First"',
    '  b: rectangle label:"Second"',
    '  a -> b',
    '}',
    'c: rectangle label:"After"',
    'H { # Other',
    '  d: rectangle label:"Third"',
    '}',
    'G -> c',
    'c -> H',
  ].join('\n');

  it('are drawn layered, from (to) the group border with 12 px outside it', () => {
    const diagram = diagramOf(text);
    const drawn = layout(diagram, { direction, layout: 'layered' });
    expect(drawn.layout).toBe('layered');
    expect(layoutViolations(diagram, drawn)).toEqual([]);
    const out = drawn.edges.find((e) => e.from === 'G')!;
    const into = drawn.edges.find((e) => e.to === 'H')!;
    expect(onBorder(out.points[0]!, groupBox(drawn, 'G'))).toBe(true);
    expect(onBorder(into.points[into.points.length - 1]!, groupBox(drawn, 'H'))).toBe(true);
    expect(length(out.points[0]!, out.points[1]!)).toBeGreaterThanOrEqual(12);
    const n = into.points.length;
    expect(length(into.points[n - 1]!, into.points[n - 2]!)).toBeGreaterThanOrEqual(12);
  });
});

describe('wrapping a long layered LR flow', () => {
  it('cuts between layers before a layer of edge labels (shapes LR: Source and Build in one row)', () => {
    const drawn = layout(diagramOf(shapes), { direction: 'LR', layout: 'layered' });
    const source = groupBox(drawn, 'Source');
    const build = groupBox(drawn, 'Build');
    const release = groupBox(drawn, 'Release');
    // One row: Build beside Source along the flow, overlapping it across.
    expect(build.x).toBeGreaterThan(source.x + source.width);
    expect(build.y).toBeLessThan(source.y + source.height);
    expect(source.y).toBeLessThan(build.y + build.height);
    // The next row below it.
    expect(release.y).toBeGreaterThan(build.y + build.height);
  });
});
