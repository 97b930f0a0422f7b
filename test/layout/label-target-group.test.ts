/**
 * The label half way along an edge into a group (src/layout/layered/graph.ts `dummyCluster`) lies
 * in the target's group when that group has a node in the label's layer. Outside it, the label
 * stood beyond the group's nodes, beside its box, and the edge ran past the box to enter it from
 * the far side (the held-out set's storage diagram 11: three labelled edges from the management
 * group ran under the guest group and rose into their targets from below).
 */
import { layout } from '../../src/layout/index.js';
import type { Box, Layout } from '../../src/layout/types.js';
import type { Direction } from '../../src/model/diagram.js';
import { diagramOf } from './diagrams.js';

const draw = (text: string, direction: Direction): Layout =>
  layout(diagramOf(text), { direction, layout: 'layered' });

// A chain of three steps in one group; guest's first nodes are in the chain's second rank, its
// later ones in the third: the edges from the first step to them are four ranks long (labels),
// so their labels lie in the rank of the guest's first nodes.
const storage = [
  'mgmt {',
  '  cpo: rectangle label:"control-plane-operator"',
  '  cso: rectangle label:"cluster-storage-operator"',
  '  ebs: rectangle label:"aws-ebs-csi-driver-operator"',
  '}',
  'guest {',
  '  storage: rectangle label:"Storage CR"',
  '  operator: rectangle label:"ClusterOperator CR"',
  '  infra: rectangle label:"Infrastructure CR"',
  '  driver: rectangle label:"ClusterCSIDriver CR"',
  '  proxy: rectangle label:"Proxy CR"',
  '}',
  'mgmt.cpo -> mgmt.cso [label="create"]',
  'mgmt.cso -> mgmt.ebs [label="create"]',
  'mgmt.cso -> guest.storage [label="sync"]',
  'mgmt.cso -> guest.operator [label="write"]',
  'mgmt.cso -> guest.infra [label="read"]',
  'mgmt.cso -> guest.driver [label="create + read status"]',
  'mgmt.ebs -> guest.driver [label="sync"]',
  'mgmt.ebs -> guest.infra [label="read"]',
  'mgmt.ebs -> guest.proxy [label="read"]',
].join('\n');

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function group(drawn: Layout, id: string): Box {
  const box = drawn.groups.find((g) => g.id === id);
  if (!box) throw new Error(`no group ${id}`);
  return box;
}

describe('a label half way into a group with a node in its layer', () => {
  it.each(['LR', 'TB'] as const)('lies inside the target group, %s', (direction) => {
    const drawn = draw(storage, direction);
    const guest = group(drawn, 'guest');
    const long = drawn.edges.filter(
      (e) => e.from === 'mgmt.cso' && (e.to === 'guest.infra' || e.to === 'guest.driver'),
    );
    expect(long).toHaveLength(2);
    for (const edge of long) {
      expect(edge.labelBox).not.toBeNull();
      expect(inside(edge.labelBox as Box, guest)).toBe(true);
    }
  });

  it.each(['LR', 'TB'] as const)(
    'its edge does not run past the group to enter it from the far side, %s',
    (direction) => {
      const drawn = draw(storage, direction);
      const guest = group(drawn, 'guest');
      const mgmt = group(drawn, 'mgmt');
      // Across the flow: the side of the guest box that faces the management box, and the far one.
      const across = direction === 'LR' ? 'y' : 'x';
      const size = direction === 'LR' ? 'height' : 'width';
      const guestFirst = guest[across] > mgmt[across];
      const far = guestFirst ? guest[across] + guest[size] : guest[across];
      for (const edge of drawn.edges.filter(
        (e) => e.from.startsWith('mgmt.') && e.to.startsWith('guest.'),
      ))
        for (const p of edge.points)
          expect(guestFirst ? p[across] <= far : p[across] >= far).toBe(true);
    },
  );
});
