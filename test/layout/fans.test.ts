/**
 * Fans in the layered placement (src/layout/layered/position.ts `fanWeights`): a node with many
 * edges to the next layer sits over the middle of them, a node with many edges from the previous
 * layer under the middle of them, even when a long edge or an edge on its other side pulls it aside.
 */
import { layout } from '../../src/layout/index.js';
import type { Layout } from '../../src/layout/types.js';
import type { Direction } from '../../src/model/diagram.js';
import { diagramOf } from './diagrams.js';

const draw = (text: string, direction: Direction): Layout =>
  layout(diagramOf(text), { direction, layout: 'layered' });

/** The centre of a node across the flow (x drawn TB, y drawn LR). */
function across(drawn: Layout, id: string): number {
  const node = drawn.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return drawn.direction === 'LR' || drawn.direction === 'RL'
    ? node.y + node.height / 2
    : node.x + node.width / 2;
}

const features = ['auth', 'vault', 'send', 'generators', 'exporters'];

// Corpus 04's shape without its groups: a sink ("core") fed by a row of five and by three long
// edges that all arrive from the row's right; the five's parent ("manager") also has one parent.
const crate = [
  'bindings: rectangle label:"Bindings (WASM & UniFFI)"',
  'manager: rectangle label:"Password Manager"',
  'secrets: rectangle label:"Secrets Manager"',
  'core: rectangle label:"Core"',
  ...features.map((f) => `${f}: rectangle label:"${f}"`),
  'bindings -> manager',
  'bindings -> secrets',
  'bindings -> core',
  ...features.map((f) => `manager -> ${f}`),
  'manager -> core',
  'secrets -> core',
  ...features.map((f) => `${f} -> core`),
].join('\n');

/**
 * Whether the node's box reaches over the middle of the row: some of it lies between the centres
 * of the row's second and second-last nodes (its ports spread along its side, so its centre is off
 * the middle by up to half the side).
 */
function amidRow(drawn: Layout, id: string, row: string[]): boolean {
  const xs = row.map((r) => across(drawn, r)).sort((a, b) => a - b);
  const node = drawn.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  const half =
    (drawn.direction === 'LR' || drawn.direction === 'RL' ? node.height : node.width) / 2;
  const x = across(drawn, id);
  return x + half >= (xs[1] as number) && x - half <= (xs[xs.length - 2] as number);
}

describe('fans sit balanced', () => {
  it.each(['TB', 'LR'] as const)(
    'a sink with five sources and three long edges from one side, %s',
    (direction) => {
      // Eight edges into its side, ports spread one per edge: it sits under their middle, which
      // is the row's fourth (the long edges pass the row on its right). It was under the long
      // edges, beyond the row's end: every run of the row went the same way, one track each.
      expect(amidRow(draw(crate, direction), 'core', features)).toBe(true);
    },
  );

  // Held before too (the source's own fan outweighs its one parent); kept as a guard.
  it.each(['TB', 'LR'] as const)('a source over its five targets, %s', (direction) => {
    expect(amidRow(draw(crate, direction), 'manager', features)).toBe(true);
  });

  it.each(['TB', 'LR'] as const)(
    'a source at the end of a wide row over the middle of its four targets, %s',
    (direction) => {
      // The source is the last of a row wider than its fan: with the fan under the source's
      // middle, the drawing is wider than the row; the width's pull used to slide the fan off to
      // the row's side, the source over its last target, every run of the fan going one way.
      const fan = ['f1', 'f2', 'f3', 'f4'];
      const text = [
        'top: rectangle label:"Start"',
        'root: rectangle label:"Graph build converts the settings"',
        'a: rectangle label:"createNodes builds the node objects from pipeline"',
        'b: rectangle label:"createEdges iterates through the pipelines"',
        'hub: rectangle label:"buildComponents topological sort"',
        ...fan.map((f, i) => `${f}: rectangle label:"Factory number ${i + 1}"`),
        ...fan.map((f, i) => `n${f}: rectangle label:"Next ${i + 1}"`),
        'top -> root',
        'root -> a',
        'root -> b',
        'root -> hub',
        ...fan.map((f) => `hub -> ${f}`),
        ...fan.map((f) => `${f} -> n${f}`),
      ].join('\n');
      const drawn = draw(text, direction);
      const xs = fan.map((f) => across(drawn, f)).sort((a, b) => a - b);
      const hub = across(drawn, 'hub');
      expect(hub).toBeGreaterThanOrEqual((xs[1] as number) - 1);
      expect(hub).toBeLessThanOrEqual((xs[2] as number) + 1);
    },
  );
});
