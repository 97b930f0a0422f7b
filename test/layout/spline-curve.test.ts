/**
 * The `spline` style's curve as drawn (the SVG's path data), and the labels of curved and straight
 * routes. The uniform Catmull–Rom curve through every route point looped and doubled back where a
 * 12 px stub met a long run (its handles, a sixth of the neighbours' span, reached past the stub):
 * over 192 drawings (12 generated diagrams, the samples and the corpus in four directions) 3,035
 * of 16,512 pieces turned back against their chord, curves strayed up to 972 px from their routes
 * and 202 ran into nodes. Labels were centred on the route's points, not on the curve drawn
 * through them (564 of 2,576 neither on the curve nor clear beside it), and a label beside a
 * slanted straight line had the line through its box (14). Now: no piece turns back or crosses
 * itself, no curve strays more than 12 px from its route or enters a node it does not attach to,
 * and every label is centred on the drawn line (within 1 px) or lies beside it, clear of it and
 * within 8 px.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layout } from '../../src/layout/index.js';
import { emitSvg } from '../../src/emit/svg.js';
import type { Direction } from '../../src/model/diagram.js';
import type { EdgeStyle } from '../../src/layout/types.js';
import { generateFlow } from '../../bench/generate.mjs';
import { curveFaults, labelOffsets } from '../support/curves.js';
import { diagramOf } from './diagrams.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
const sharedDir =
  process.env.FLOWC_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
const corpusDir = join(sharedDir, 'corpus', 'diagrams');

const generated: Array<[string, string]> = (
  [
    [30, 3, 1],
    [40, 3, 3],
    [60, 4, 3],
  ] as const
).map(([nodes, groups, seed]) => [
  `generated ${nodes}/${groups}/${seed}`,
  generateFlow({ nodes, groups, seed }),
]);
const samples: Array<[string, string]> = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.flow'))
  .sort()
  .map((f) => [`sample ${f}`, readFileSync(join(samplesDir, f), 'utf8')]);
// Corpus diagrams whose labels sat beside slanted lines with the line through them (when present).
const corpus: Array<[string, string]> = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((f) => /^(14|28|32|36|46)-/.test(f) && f.endsWith('.flow'))
      .sort()
      .map((f) => [`corpus ${f}`, readFileSync(join(corpusDir, f), 'utf8')])
  : [];
if (corpus.length === 0)
  console.log(`test/layout/spline-curve: ${corpusDir} is not here: corpus cases skipped`);

const directions: Direction[] = ['LR', 'TB', 'RL', 'BT'];

/** How far a curve may stray from the route it is drawn for, px (the curve keeps within 9). */
const STRAY = 12;
/** How far a label beside its line may lie from it, px (4 px gap, the spot on a half-pixel grid). */
const BESIDE = 8;

function drawn(text: string, direction: Direction, style: EdgeStyle) {
  const laidOut = layout(diagramOf(text), { direction, edges: style });
  return { laidOut, svg: emitSvg(laidOut) };
}

describe.each([...generated, ...samples])('%s with --edges spline', (_name, text) => {
  test.each(directions)(
    '%s: no piece loops or turns back, curves stay near their routes and out of nodes',
    (direction) => {
      const { laidOut, svg } = drawn(text, direction, 'spline');
      expect(curveFaults(laidOut, svg, STRAY)).toEqual([]);
    },
  );
});

describe.each([...generated, ...samples, ...corpus])('%s', (_name, text) => {
  test.each(
    directions.flatMap((d) => (['spline', 'straight'] as const).map((s) => [d, s] as const)),
  )(
    '%s --edges %s: every label is on the drawn line, or beside it and clear of it',
    (direction, style) => {
      const { laidOut, svg } = drawn(text, direction, style);
      const off = labelOffsets(laidOut, svg)
        .filter((o) => o.centre > 1 && !(o.box > 0.5 && o.box <= BESIDE))
        .map(
          (o) =>
            `edge ${o.edge} "${laidOut.edges[o.edge]!.label}": centre ${o.centre.toFixed(1)} px, box ${o.box.toFixed(1)} px from its line`,
        );
      expect(off).toEqual([]);
    },
  );
});
