/**
 * An empty group (a warning, `empty-group`, not an error) is still drawn, wherever it is written:
 * every sample gets one inside each of its groups and one at the top level, and is laid out in
 * each placement and direction. The layered engine once failed with an internal error when the
 * empty group sat inside a group of a diagram it split into blocks (components.ts sent the empty
 * group to the first block, away from its parent).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layout } from '../../src/layout/index.js';
import type { Direction } from '../../src/model/diagram.js';
import { diagramOf } from './diagrams.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.flow'))
  .sort();

/** The sample with `Empty { }` written after the opening line of each group in turn, and last. */
function withEmptyGroups(text: string): Array<[string, string]> {
  const lines = text.split('\n');
  const variants: Array<[string, string]> = [['top level', `${text}\nEmpty { # Empty\n}\n`]];
  lines.forEach((line, i) => {
    const open = /^(\s*)([A-Za-z_][\w-]*)\s*\{/.exec(line);
    if (!open) return;
    const indent = `${open[1] ?? ''}  `;
    const copy = [...lines];
    copy.splice(i + 1, 0, `${indent}Empty { # Empty`, `${indent}}`);
    variants.push([`inside ${open[2] ?? ''}`, copy.join('\n')]);
  });
  return variants;
}

const cases = samples.flatMap((file) =>
  withEmptyGroups(readFileSync(join(samplesDir, file), 'utf8')).map(
    ([where, text]) => [file, where, text] as const,
  ),
);

describe('an empty group is laid out wherever it is written', () => {
  it('finds groups to put it in', () => {
    expect(cases.filter(([, where]) => where !== 'top level').length).toBeGreaterThan(10);
  });

  it.each(cases)('%s, an empty group %s', (_file, where, text) => {
    const diagram = diagramOf(text);
    const parentName = where.slice('inside '.length);
    const isIt = (id: string): boolean =>
      where === 'top level'
        ? id === 'Empty'
        : id === `${parentName}.Empty` || id.endsWith(`.${parentName}.Empty`);
    for (const placement of ['auto', 'layered', 'lanes'] as const)
      for (const direction of ['LR', 'TB'] as Direction[]) {
        const result = layout(diagram, { layout: placement, direction });
        const group = result.groups.find((g) => isIt(g.id));
        expect({ placement, direction, found: group !== undefined }).toEqual({
          placement,
          direction,
          found: true,
        });
        const parent = result.groups.find((g) => g.id === group?.parent);
        if (parent && group) {
          // Drawn inside its parent's box.
          expect(group.x).toBeGreaterThanOrEqual(parent.x);
          expect(group.y).toBeGreaterThanOrEqual(parent.y);
          expect(group.x + group.width).toBeLessThanOrEqual(parent.x + parent.width);
          expect(group.y + group.height).toBeLessThanOrEqual(parent.y + parent.height);
        }
      }
  });
});
