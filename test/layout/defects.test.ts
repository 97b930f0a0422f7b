/**
 * Issue #10's defects, each on a small diagram that had it (test/support/picture.ts has the
 * checks; test/layout/picture.test.ts counts them over the samples and the corpus).
 */
import { layout } from '../../src/layout/index.js';
import type { LayoutKind } from '../../src/model/diagram.js';
import { closeParallels, twoWayPairs } from '../support/picture.js';
import { diagramOf } from './diagrams.js';

const draw = (text: string, direction: 'LR' | 'TB', kind: LayoutKind = 'layered') =>
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
