/**
 * How tightly the layered layout frames its groups (src/layout/layered/position.ts, vertical.ts):
 * nodes and labels keep dot's cluster margin (8 px) from the borders and from the title band (LR,
 * RL: 14 px on the side the flow leaves by), edges running inside along a border keep more than
 * 12 px (issue #10), sibling groups 12 px apart.
 */
import { layout } from '../../src/layout/index.js';
import type { Box, Layout, LayoutGroup } from '../../src/layout/types.js';
import type { Direction } from '../../src/model/diagram.js';
import { borderHugs } from '../support/picture.js';
import { diagramOf } from './diagrams.js';

const draw = (text: string, direction: Direction): Layout =>
  layout(diagramOf(text), { direction, layout: 'layered' });

function group(drawn: Layout, id: string): LayoutGroup {
  const g = drawn.groups.find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
}

/** The box around a group's nodes. */
function content(drawn: Layout, id: string): Box {
  const nodes = drawn.nodes.filter((n) => n.id.startsWith(`${id}.`));
  const x = Math.min(...nodes.map((n) => n.x));
  const y = Math.min(...nodes.map((n) => n.y));
  const right = Math.max(...nodes.map((n) => n.x + n.width));
  const bottom = Math.max(...nodes.map((n) => n.y + n.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** Room between a group's border and its nodes on each side; on top, under the title band. */
function frame(drawn: Layout, id: string): Record<'top' | 'right' | 'bottom' | 'left', number> {
  const g = group(drawn, id);
  const c = content(drawn, id);
  return {
    top: c.y - (g.header.y + g.header.height),
    left: c.x - g.x,
    right: g.x + g.width - (c.x + c.width),
    bottom: g.y + g.height - (c.y + c.height),
  };
}

// Two nodes in a group between an outside source and sink.
const PAIR = [
  'src: rectangle label:"Source"',
  'g { # Pair',
  '  a: rectangle label:"First step"',
  '  b: rectangle label:"Second"',
  '}',
  'sink: rectangle label:"Sink"',
  'src -> g.a',
  'g.a -> g.b',
  'g.b -> sink',
].join('\n');

describe('group frames in the layered layout', () => {
  it.each(['TB', 'LR'] as const)(
    '%s: a two-node group is 8 px from its nodes (title band included)',
    (direction) => {
      const drawn = draw(PAIR, direction);
      const room = frame(drawn, 'g');
      // Across the flow the narrower node is centred: only the wider one touches the padding.
      const across = direction === 'TB' ? ['left', 'right'] : ['top', 'bottom'];
      expect(Math.min(room[across[0] as 'left'], room[across[1] as 'left'])).toBe(8);
      // Along the flow: 8 under the band (TB) and at the bottom; in LR 8 on the left, 14 on the
      // right (the side the flow leaves by, vertical.ts).
      if (direction === 'TB') {
        expect(room.top).toBe(8);
        expect(room.bottom).toBe(8);
      } else {
        expect(room.top).toBe(8); // under the band, across the flow
        expect(room.left).toBe(8);
        expect(room.right).toBe(14);
      }
    },
  );

  it('an edge passing inside a group beside a node keeps more than 12 px from its border', () => {
    // g.a -> g.c passes g.b inside the group, on the side of the border.
    const text = [
      'g { # Steps',
      '  a: rectangle label:"Start"',
      '  b: rectangle label:"A rather long middle step"',
      '  c: rectangle label:"End"',
      '}',
      'g.a -> g.b',
      'g.b -> g.c',
      'g.a -> g.c',
    ].join('\n');
    for (const direction of ['TB', 'LR'] as const) {
      const drawn = draw(text, direction);
      expect(borderHugs(drawn)).toEqual([]);
      const g = group(drawn, 'g');
      const inner = drawn.edges.find((e) => e.from === 'g.a' && e.to === 'g.c');
      if (!inner) throw new Error('no edge g.a -> g.c');
      // Its run beside g.b: the segment parallel to the flow farthest across from the nodes.
      const lines = inner.points.slice(1, -2).map((p, i) => [p, inner.points[i + 2]!] as const);
      let checked = 0;
      for (const [p, q] of lines) {
        const parallel = direction === 'TB' ? p.x === q.x : p.y === q.y;
        if (!parallel) continue;
        checked++;
        const at = direction === 'TB' ? p.x : p.y;
        const lo = direction === 'TB' ? g.x : g.y;
        const hi = direction === 'TB' ? g.x + g.width : g.y + g.height;
        expect(Math.min(at - lo, hi - at)).toBeGreaterThan(12);
      }
      expect(checked).toBeGreaterThan(0);
    }
  });

  it('sibling groups side by side are 12 px apart', () => {
    const text = [
      'top: rectangle label:"Top"',
      'left { # Left',
      '  a: rectangle label:"Alpha"',
      '}',
      'right { # Right',
      '  b: rectangle label:"Beta"',
      '}',
      'top -> left.a',
      'top -> right.b',
    ].join('\n');
    const drawn = draw(text, 'TB');
    const l = group(drawn, 'left');
    const r = group(drawn, 'right');
    const [first, second] = l.x < r.x ? [l, r] : [r, l];
    expect(second.x - (first.x + first.width)).toBe(12);
  });
});
