/**
 * Hand-built diagrams and layouts for the emitter tests, independent of the parser and the layout
 * engine: a small two-group flow with every shape, bends, labels and a top-level node, and a
 * generator that puts hostile text in every label, title and id.
 */
import type { Span } from '../../src/diagnostics.js';
import type { Layout, LayoutEdge, LayoutNode } from '../../src/layout/types.js';
import type {
  Diagram,
  DiagramEdge,
  DiagramGroup,
  DiagramNode,
  Shape,
} from '../../src/model/diagram.js';
import type { Side } from '../../src/syntax/ast.js';

const SPAN: Span = { line: 1, column: 1, endLine: 1, endColumn: 2 };

export const sampleDiagram: Diagram = {
  direction: null,
  groups: [
    group('Client', 'Client Application', ['Client.n1', 'Client.n2', 'Client.n3', 'Client.n7']),
    group('Command', 'Command Side', ['Command.n8', 'Command.n9']),
  ],
  nodes: [
    node('Client.n1', 'circle', 'Start'),
    node('Client.n2', 'rectangle', 'User initiates\naction'),
    node('Client.n3', 'diamond', 'Read or write?'),
    node('Client.n7', 'circle', 'End'),
    node('Command.n8', 'rectangle', 'Validate command'),
    node('Command.n9', 'rectangle', 'Persist to write store'),
    node('audit', 'rectangle', 'Audit log'),
  ],
  edges: [
    edge(0, 'Client.n1', 'Client.n2', 'right', 'left', null),
    edge(1, 'Client.n2', 'Client.n3', 'right', 'left', null),
    edge(2, 'Client.n3', 'Client.n7', 'right', 'left', 'Read'),
    edge(3, 'Client.n3', 'Command.n8', 'bottom', 'top', 'Write'),
    edge(4, 'Command.n8', 'Command.n9', null, null, 'Valid'),
    edge(5, 'Command.n9', 'audit', 'bottom', 'bottom', 'Audit'),
    edge(6, 'audit', 'Client.n7', 'top', 'bottom', 'Sync\nlater'),
  ],
  styles: [],
};

export const sampleLayout: Layout = {
  version: 1,
  width: 760,
  height: 400,
  direction: 'LR',
  edgeStyle: 'ortho',
  groups: [
    {
      id: 'Client',
      title: 'Client Application',
      x: 20,
      y: 20,
      width: 560,
      height: 170,
      header: { x: 20, y: 20, width: 560, height: 30 },
      parent: null,
      depth: 0,
    },
    {
      id: 'Command',
      title: 'Command Side',
      x: 20,
      y: 230,
      width: 560,
      height: 150,
      header: { x: 20, y: 230, width: 560, height: 30 },
      parent: null,
      depth: 0,
    },
  ],
  nodes: [
    layoutNode('Client.n1', 'Client', 'circle', 'Start', 40, 90, 56, 56),
    layoutNode('Client.n2', 'Client', 'rectangle', 'User initiates\naction', 136, 92, 140, 52),
    layoutNode('Client.n3', 'Client', 'diamond', 'Read or write?', 316, 78, 150, 80),
    layoutNode('Client.n7', 'Client', 'circle', 'End', 520, 90, 56, 56),
    layoutNode('Command.n8', 'Command', 'rectangle', 'Validate command', 300, 290, 160, 44),
    layoutNode('Command.n9', 'Command', 'rectangle', 'Persist to write store', 40, 290, 200, 44),
    layoutNode('audit', null, 'rectangle', 'Audit log', 620, 290, 110, 44),
  ],
  edges: [
    layoutEdge('Client.n1', 'Client.n2', 'right', 'left', null, [
      [96, 118],
      [136, 118],
    ]),
    layoutEdge('Client.n2', 'Client.n3', 'right', 'left', null, [
      [276, 118],
      [316, 118],
    ]),
    layoutEdge(
      'Client.n3',
      'Client.n7',
      'right',
      'left',
      'Read',
      [
        [466, 118],
        [520, 118],
      ],
      [474, 109, 38, 18],
    ),
    layoutEdge(
      'Client.n3',
      'Command.n8',
      'bottom',
      'top',
      'Write',
      [
        [391, 158],
        [391, 224],
        [380, 224],
        [380, 290],
      ],
      [371, 181, 40, 18],
    ),
    layoutEdge(
      'Command.n8',
      'Command.n9',
      'left',
      'right',
      'Valid',
      [
        [300, 312],
        [240, 312],
      ],
      [251, 303, 38, 18],
    ),
    layoutEdge(
      'Command.n9',
      'audit',
      'bottom',
      'bottom',
      'Audit',
      [
        [140, 334],
        [140, 360],
        [675, 360],
        [675, 334],
      ],
      [392, 351, 42, 18],
    ),
    layoutEdge(
      'audit',
      'Client.n7',
      'top',
      'bottom',
      'Sync\nlater',
      [
        [675, 290],
        [675, 205],
        [548, 205],
        [548, 146],
      ],
      [589, 189, 44, 32],
    ),
  ],
};

/** Labels that break naive emitters: markup, DOT/Mermaid syntax, entities, escapes, wide text, controls. */
export const HOSTILE_LABELS: readonly string[] = [
  '</text><script>alert(1)</script>',
  '"]; x [',
  '-->',
  'a | b || c',
  '{} [] ()',
  `"double" and 'single' quotes`,
  '&amp; & &lt; &#35;',
  'back\\slash \\n \\l \\N \\G \\\\ end\\',
  'emoji 😀🚀 done',
  '中文 日本語 한국어',
  'line one\nline two',
  'ctrl\u0001\u0007\u0008\u000B chars',
  '#quot; #35; %%{init: {"theme":"dark"}}%%',
  '<br/> <b>bold</b> <img src=x onerror=alert(1)>',
  '`markdown` **strong**',
  '  spaced   out  ',
  ']]> <![CDATA[ x',
  'end',
];

/** Node and group ids that are reserved words or awkward characters in some target language. */
export const HOSTILE_IDS: readonly string[] = [
  'end',
  'graph',
  'subgraph',
  'style',
  'class',
  'o',
  'x',
  'Début',
  'step-2',
  'a_b',
  'a-b',
  '_x',
];

/** A diagram with one group whose title, node labels and edge labels are all hostile. */
export function hostileDiagram(labels: readonly string[] = HOSTILE_LABELS): Diagram {
  const groupId = 'end';
  const nodes = labels.map((label, i) =>
    node(`${groupId}.${HOSTILE_IDS[i % HOSTILE_IDS.length]}${i}`, shapeAt(i), label, groupId),
  );
  // Plus top-level nodes whose ids are the hostile ids themselves (and one that clashes once sanitised).
  const topLevel = HOSTILE_IDS.map((id) => node(id, 'rectangle', `node ${id}`));
  const all = [...nodes, ...topLevel];
  const edges = all
    .slice(1)
    .map((target, i) =>
      edge(
        i,
        all[i]!.id,
        target.id,
        i % 2 === 0 ? 'right' : null,
        i % 3 === 0 ? 'top' : null,
        labels[i % labels.length]!,
      ),
    );
  return {
    direction: 'TB',
    groups: [
      group(
        groupId,
        labels.join(' / '),
        nodes.map((n) => n.id),
      ),
    ],
    nodes: all,
    edges,
    styles: [],
  };
}

/** A layout of `hostileDiagram`: nodes on a grid, edges as simple orthogonal routes with label boxes. */
export function hostileLayout(diagram: Diagram = hostileDiagram()): Layout {
  const columns = 4;
  const nodes: LayoutNode[] = diagram.nodes.map((n, i) =>
    layoutNode(
      n.id,
      n.group,
      n.shape,
      n.label,
      40 + (i % columns) * 260,
      80 + Math.floor(i / columns) * 140,
      180,
      60,
    ),
  );
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = diagram.edges.map((e) => {
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    const start: [number, number] = [a.x + a.width, a.y + a.height / 2];
    const end: [number, number] = [b.x + b.width / 2, b.y];
    const midY = (start[1] + end[1]) / 2;
    return layoutEdge(
      e.from,
      e.to,
      'right',
      'top',
      e.label,
      [start, [start[0] + 20, start[1]], [start[0] + 20, midY], [end[0], midY], end],
      [(start[0] + end[0]) / 2 - 60, midY - 16, 120, 32],
    );
  });
  const rows = Math.ceil(nodes.length / columns);
  const groupNodes = nodes.filter((n) => n.group !== null);
  const groupBottom = Math.max(...groupNodes.map((n) => n.y + n.height)) + 20;
  return {
    version: 1,
    width: 40 + columns * 260,
    height: 80 + rows * 140,
    direction: 'TB',
    edgeStyle: 'ortho',
    groups: [
      {
        id: diagram.groups[0]!.id,
        title: diagram.groups[0]!.title,
        x: 20,
        y: 20,
        width: columns * 260,
        height: groupBottom - 20,
        header: { x: 20, y: 20, width: columns * 260, height: 30 },
        parent: null,
        depth: 0,
      },
    ],
    nodes,
    edges,
  };
}

function shapeAt(i: number): Shape {
  return (['rectangle', 'diamond', 'circle'] as const)[i % 3]!;
}

export function group(id: string, title: string, nodeIds: string[]): DiagramGroup {
  return { id, localId: id, parent: null, title, nodeIds, groupIds: [], span: SPAN };
}

function node(
  id: string,
  shape: Shape,
  label: string,
  group: string | null = id.includes('.') ? id.split('.')[0]! : null,
): DiagramNode {
  return {
    id,
    localId: id.slice(id.indexOf('.') + 1),
    group,
    shape,
    label,
    style: {},
    classes: [],
    link: null,
    tooltip: null,
    span: SPAN,
  };
}

/** An edge between two nodes (the span a placeholder). */
export function edge(
  index: number,
  from: string,
  to: string,
  fromHandle: Side | null,
  toHandle: Side | null,
  label: string | null,
): DiagramEdge {
  return {
    index,
    from,
    to,
    fromKind: 'node',
    toKind: 'node',
    fromHandle,
    toHandle,
    label,
    style: {},
    span: SPAN,
  };
}

function layoutNode(
  id: string,
  group: string | null,
  shape: Shape,
  label: string,
  x: number,
  y: number,
  width: number,
  height: number,
): LayoutNode {
  return {
    id,
    group,
    shape,
    label,
    lines: label.split('\n'),
    style: {},
    link: null,
    tooltip: null,
    x,
    y,
    width,
    height,
  };
}

function layoutEdge(
  from: string,
  to: string,
  fromHandle: Side,
  toHandle: Side,
  label: string | null,
  points: [number, number][],
  box?: [number, number, number, number],
): LayoutEdge {
  return {
    from,
    to,
    fromKind: 'node',
    toKind: 'node',
    fromHandle,
    toHandle,
    label,
    style: {},
    points: points.map(([x, y]) => ({ x, y })),
    labelBox:
      label !== null && box ? { x: box[0], y: box[1], width: box[2], height: box[3] } : null,
    labelLines: label === null ? [] : label.split('\n'),
  };
}
