/**
 * A label vertex between two nodes (src/layout/layered/position.ts `labelSides`) sits in line with
 * the end that has fewer hops on that side, so a labelled edge of a fan bends once, in the fan's
 * channel, and runs straight through its label into its target (held-out 13: "watched by" into
 * "DaemonSet Hook" bent four times, around its label placed half-way between the two ends, and
 * its second jog took a track of its own under the label row).
 */
import { layout } from '../../src/layout/index.js';
import type { Layout } from '../../src/layout/types.js';
import type { Direction } from '../../src/model/diagram.js';
import { diagramOf } from './diagrams.js';

const draw = (text: string, direction: Direction): Layout =>
  layout(diagramOf(text), { direction, layout: 'layered' });

/** Turns along a polyline (points where the direction changes). */
function bends(points: ReadonlyArray<{ x: number; y: number }>): number {
  let count = 0;
  for (let i = 1; i + 1 < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const c = points[i + 1]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (Math.abs(cross) > 1e-6) count++;
  }
  return count;
}

const fan = [
  'crd: rectangle label:"ClusterCSIDriver CR\\n(operator.openshift.io/v1)"',
  'asset: rectangle label:"Dynamic AssetFunc\\n(enriches CSIDriver manifest)"',
  'hook: rectangle label:"DaemonSet Hook\\n(sets container args)"',
  'crd -> asset [label="watched by"]',
  'crd -> hook [label="watched by"]',
].join('\n');

describe('a labelled edge of a fan runs straight through its label', () => {
  it.each(['TB', 'LR'] as const)(
    'two labelled edges from one node bend at most twice, %s',
    (direction) => {
      const drawn = draw(fan, direction);
      for (const edge of drawn.edges) expect(bends(edge.points)).toBeLessThanOrEqual(2);
    },
  );
});
