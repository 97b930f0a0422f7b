/**
 * An edge leaving a group in the layered placement leaves it at once (src/layout/layered/graph.ts
 * `dummyCluster`): the dummies and the label of an edge from a group to a group beside it lie
 * outside the source's box, so that box is only as deep as its own nodes need. Kept inside the
 * source group down to the layer where that group ended, they made it as deep as all of them
 * (the held-out set's storage diagrams: a management group holding the labels of eight edges to
 * the guest group, the guest group pushed out beside all of them).
 */
import { layout } from '../../src/layout/index.js';
import type { Box, Layout } from '../../src/layout/types.js';
import type { Direction } from '../../src/model/diagram.js';
import { diagramOf } from './diagrams.js';

const draw = (text: string, direction: Direction): Layout =>
  layout(diagramOf(text), { direction, layout: 'layered' });

const targets = ['sync', 'write', 'read', 'watch'];

// A chain of three steps in one group; its first step has four labelled edges to a second group.
const storage = [
  'mgmt {',
  '  operator: rectangle label:"control-plane-operator"',
  '  csi: rectangle label:"cluster-csi-snapshot-controller-operator"',
  '  controller: rectangle label:"csi-snapshot-controller"',
  '}',
  'guest {',
  ...targets.map((t) => `  ${t}: rectangle label:"${t} target CR"`),
  '}',
  'mgmt.operator -> mgmt.csi [label="create"]',
  'mgmt.csi -> mgmt.controller [label="create"]',
  ...targets.map((t) => `mgmt.operator -> guest.${t} [label="${t}"]`),
].join('\n');

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function group(drawn: Layout, id: string): Box {
  const box = drawn.groups.find((g) => g.id === id);
  if (!box) throw new Error(`no group ${id}`);
  return box;
}

describe('edges leave their group at once', () => {
  it.each(['LR', 'TB'] as const)(
    'the labels of edges to another group lie outside the source group, %s',
    (direction) => {
      const drawn = draw(storage, direction);
      const mgmt = group(drawn, 'mgmt');
      const labels = drawn.edges
        .filter((e) => e.to.startsWith('guest.'))
        .map((e) => e.labelBox)
        .filter((box): box is Box => box !== null);
      expect(labels).toHaveLength(targets.length);
      for (const label of labels) expect(overlaps(label, mgmt)).toBe(false);
    },
  );

  it.each(['LR', 'TB'] as const)(
    'the source group is only as deep across the flow as its own nodes, %s',
    (direction) => {
      const drawn = draw(storage, direction);
      const mgmt = group(drawn, 'mgmt');
      const members = drawn.nodes.filter((n) => n.id.startsWith('mgmt.'));
      const across = (b: Box): number => (direction === 'LR' ? b.height : b.width);
      const widest = Math.max(...members.map(across));
      // Its widest node, padding on both sides (14 px each) and, drawn LR, the title band above
      // (30 px): no room for the labels of the edges leaving it (before: 220 px LR, 306 px TB).
      const room = 2 * 14 + (direction === 'LR' ? 30 : 0) + 10;
      expect(across(mgmt)).toBeLessThan(widest + room);
    },
  );
});
