/**
 * The geometry suite: every sample, generated diagrams and adversarial cases, in every direction and
 * edge style, must satisfy every invariant of test/support/geometry.ts, and lay out the same twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layout } from '../../src/layout/index.js';
import type { Direction } from '../../src/model/diagram.js';
import type { EdgeStyle } from '../../src/layout/types.js';
import { layoutViolations } from '../support/geometry.js';
import { generateFlow } from '../../bench/generate.mjs';
import { adversarialFlows, diagramOf } from './diagrams.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
const samples: Array<[string, string]> = readdirSync(samplesDir)
  .filter((name) => name.endsWith('.flow'))
  .sort()
  .map((name) => [`sample ${name}`, readFileSync(join(samplesDir, name), 'utf8')]);

const generated: Array<[string, string]> = (
  [
    [10, 0, 1],
    [30, 3, 2],
    [60, 4, 3],
    [120, 6, 4],
  ] as const
).map(([nodes, groups, seed]) => [
  `generated ${nodes} nodes, ${groups} groups, seed ${seed}`,
  generateFlow({ nodes, groups, seed }),
]);

const directions: Direction[] = ['LR', 'TB', 'RL', 'BT'];
const styles: EdgeStyle[] = ['ortho', 'spline', 'straight'];

describe.each([...samples, ...adversarialFlows(), ...generated])('%s', (_name, text) => {
  const diagram = diagramOf(text);
  it.each(directions.flatMap((direction) => styles.map((style) => [direction, style] as const)))(
    '%s %s: every invariant holds',
    (direction, style) => {
      const laidOut = layout(diagram, { direction, edges: style });
      expect(layoutViolations(diagram, laidOut)).toEqual([]);
      expect(layout(diagram, { direction, edges: style })).toEqual(laidOut);
    },
  );
});

test('the samples folder is not empty (the suite would silently test nothing)', () => {
  expect(samples.length).toBeGreaterThan(0);
});
