/**
 * The layout stage: `layout(diagram, options)` turns a resolved diagram into boxes, routes and label
 * positions in SVG coordinates. Steps: size nodes from their measured labels; place them as
 * swimlanes with global columns (place.ts; handles become column constraints); choose sides and
 * ports; route every edge orthogonally around the nodes; place edge labels on their routes;
 * translate onto the canvas.
 */
import type { Diagram, DiagramEdge, Direction } from '../model/diagram.js';
import { groupEnds } from '../model/group-ends.js';
import { shapeModule, type ShapeGeometry } from '../shapes/index.js';
import type { Side } from '../syntax/ast.js';
import type {
  Box,
  EdgeStyle,
  Layout,
  LayoutEdge,
  LayoutGroup,
  LayoutNode,
  LayoutOptions,
  Point,
} from './types.js';
import {
  GROUP_HEADER_HEIGHT,
  groupTitleWidth,
  sizeEdgeLabel,
  sizeNode,
  type LabelSize,
  type NodeSize,
} from './sizes.js';
import { place, PlacementError, flowVector, type PlaceEdge, type Placement } from './place.js';
import { routeEdges, type RoutedEdge } from './routing.js';
import { placeLabels, type LabelPlacement } from './labels.js';

export class LayoutError extends Error {
  override readonly name = 'LayoutError';
}

/** Blank space around the drawing, px. */
export const CANVAS_MARGIN = 24;
const NODE_SEP = 44;
const MIN_RANK_SEP = 56;

export function layout(diagram: Diagram, options: LayoutOptions = {}): Layout {
  const direction: Direction = options.direction ?? diagram.direction ?? 'LR';
  const edgeStyle: EdgeStyle = options.edges ?? 'ortho';
  const sizes = new Map<string, NodeSize>();
  for (const node of diagram.nodes) sizes.set(node.id, sizeNode(node.shape, node.label));
  const labelSizes = new Map<number, LabelSize>();
  for (const edge of diagram.edges) {
    if (edge.label !== null && edge.label !== '')
      labelSizes.set(edge.index, sizeEdgeLabel(edge.label));
  }
  const groupIds = new Set(diagram.groups.map((g) => g.id));
  const known = (id: string, kind: DiagramEdge['fromKind']): boolean =>
    kind === 'group' ? groupIds.has(id) : sizes.has(id);
  for (const edge of diagram.edges) {
    if (!known(edge.from, edge.fromKind) || !known(edge.to, edge.toKind)) {
      throw new LayoutError(
        `edge ${edge.index + 1} (${edge.from} -> ${edge.to}) names a node or group that is not in the diagram`,
      );
    }
  }
  // Labels sit on the segments between ranks: leave room for the widest along the flow axis.
  const horizontalFlow = direction === 'LR' || direction === 'RL';
  const labelAlong = (index: number): number => {
    const size = labelSizes.get(index);
    return size ? (horizontalFlow ? size.width : size.height) : 0;
  };
  // Branches leaving sideways (across the flow) carry their labels through the gaps between neighbours.
  const widestAcross = Math.max(
    0,
    ...[...labelSizes.values()].map((s) => (horizontalFlow ? s.height : s.width)),
  );
  const nodeSep = Math.max(NODE_SEP, widestAcross + 28);
  // If some label finds no free spot on its route, lay out again with more room (twice at most).
  // If none is free of collisions, the attempt with the fewest wins (the tighter one on a tie).
  let attempt: Attempt | null = null;
  for (const spread of SPREADS) {
    const next = layOutOnce(
      diagram,
      direction,
      edgeStyle,
      sizes,
      labelSizes,
      labelAlong,
      spread,
      Math.round(nodeSep * spread),
    );
    if (!attempt || next.labels.collisions < attempt.labels.collisions) attempt = next;
    if (attempt.labels.collisions === 0) break;
  }
  const { placement, routed, labels } = attempt as Attempt;
  return assemble(
    diagram,
    direction,
    edgeStyle,
    sizes,
    placement,
    routed,
    labelSizes,
    labels.boxes,
  );
}

const SPREADS = [1, 1.6, 2.4];

interface Attempt {
  placement: Placement;
  routed: RoutedEdge[];
  labels: LabelPlacement;
}

function layOutOnce(
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  sizes: Map<string, NodeSize>,
  labelSizes: Map<number, LabelSize>,
  labelAlong: (edgeIndex: number) => number,
  spread: number,
  nodeSep: number,
): Attempt {
  let placement;
  try {
    placement = place({
      direction,
      rankSep: Math.round(MIN_RANK_SEP * spread),
      nodeSep,
      spread,
      nodes: diagram.nodes.map((n) => ({
        id: n.id,
        group: n.group,
        ...dims(sizes.get(n.id) as NodeSize),
      })),
      groups: diagram.groups.map((g) => ({
        id: g.id,
        parent: g.parent,
        nodeIds: g.nodeIds,
        minWidth: groupTitleWidth(g.title),
      })),
      edges: placementEdges(diagram, (e) =>
        // Labels sit on the segments between columns: room for the label and a little line each side.
        labelSizes.has(e.index) ? Math.round((labelAlong(e.index) + 40) * spread) : 0,
      ),
    });
  } catch (error) {
    if (error instanceof PlacementError)
      throw new LayoutError(`cannot lay out this diagram: ${error.message}`);
    throw error;
  }
  const outlines = new Map<string, ShapeGeometry>(
    diagram.nodes.map((n) => [n.id, shapeModule(n.shape)] as const),
  );
  const groupOf = new Map<string, string | null>([
    ...diagram.nodes.map((n) => [n.id, n.group] as const),
    ...diagram.groups.map((g) => [g.id, g.parent] as const),
  ]);
  const routed = routeEdges({
    edges: diagram.edges,
    nodes: placement.nodes,
    outlines,
    groupOf,
    groups: placement.groups,
    headerHeight: GROUP_HEADER_HEIGHT,
    flow: flowVector(direction),
    style: edgeStyle,
  });
  const headers = [...placement.groups.values()].map((box) => headerOf(box));
  const labels = placeLabels(
    routed.map((r) => ({ points: r.points, size: labelSizes.get(r.edge.index) ?? null })),
    [...placement.nodes.values()],
    headers,
  );
  return { placement, routed, labels };
}

/**
 * The edges the placement reads: an edge to a group pulls the group's entry nodes after its source,
 * one from a group pushes its target after the group's exit nodes (model/group-ends.ts). A handle
 * on a group's side says where the edge meets the box, not where its nodes go, so it is not passed.
 */
function placementEdges(diagram: Diagram, labelRoom: (edge: DiagramEdge) => number): PlaceEdge[] {
  const withGroups = diagram.edges.some((e) => e.fromKind === 'group' || e.toKind === 'group');
  const ends = withGroups ? groupEnds(diagram) : null;
  const out: PlaceEdge[] = [];
  for (const e of diagram.edges) {
    const room = labelRoom(e);
    if (e.fromKind === 'node' && e.toKind === 'node') {
      out.push({
        from: e.from,
        to: e.to,
        fromHandle: e.fromHandle,
        toHandle: e.toHandle,
        labelRoom: room,
      });
      continue;
    }
    const sources = e.fromKind === 'group' ? (ends?.exits.get(e.from) ?? []) : [e.from];
    const targets = e.toKind === 'group' ? (ends?.entries.get(e.to) ?? []) : [e.to];
    for (const from of sources)
      for (const to of targets)
        out.push({
          from,
          to,
          fromHandle: e.fromKind === 'node' ? e.fromHandle : null,
          toHandle: e.toKind === 'node' ? e.toHandle : null,
          labelRoom: room,
        });
  }
  return out;
}

function dims(size: NodeSize): { width: number; height: number } {
  return { width: size.width, height: size.height };
}

function headerOf(group: Box): Box {
  return { x: group.x, y: group.y, width: group.width, height: GROUP_HEADER_HEIGHT };
}

/** Translates everything so the drawing starts at the margin, and builds the output records. */
function assemble(
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  sizes: Map<string, NodeSize>,
  placement: { nodes: Map<string, Box>; groups: Map<string, Box> },
  routed: RoutedEdge[],
  labelSizes: Map<number, LabelSize>,
  labelBoxes: Array<Box | null>,
): Layout {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const extend = (box: Box): void => {
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.width);
    maxY = Math.max(maxY, box.y + box.height);
  };
  placement.nodes.forEach(extend);
  placement.groups.forEach(extend);
  for (const r of routed) for (const p of r.points) extend({ x: p.x, y: p.y, width: 0, height: 0 });
  for (const box of labelBoxes) if (box) extend(box);
  if (!Number.isFinite(minX)) {
    minX = minY = 0;
    maxX = maxY = 0;
  }
  const dx = CANVAS_MARGIN - Math.floor(minX);
  const dy = CANVAS_MARGIN - Math.floor(minY);
  const move = (box: Box): Box => ({
    x: box.x + dx,
    y: box.y + dy,
    width: box.width,
    height: box.height,
  });
  const movePoint = (p: Point): Point => ({ x: p.x + dx, y: p.y + dy });
  const depthOf = new Map<string, number>();
  const groups: LayoutGroup[] = diagram.groups.map((group) => {
    const box = move(placement.groups.get(group.id) as Box);
    const depth = group.parent === null ? 0 : (depthOf.get(group.parent) ?? 0) + 1;
    depthOf.set(group.id, depth);
    return {
      id: group.id,
      title: group.title,
      parent: group.parent,
      depth,
      ...box,
      header: headerOf(box),
    };
  });
  const nodes: LayoutNode[] = diagram.nodes.map((node) => {
    const size = sizes.get(node.id) as NodeSize;
    return {
      id: node.id,
      group: node.group,
      shape: node.shape,
      label: node.label,
      lines: size.lines,
      style: node.style,
      link: node.link,
      tooltip: node.tooltip,
      ...move(placement.nodes.get(node.id) as Box),
    };
  });
  const edges: LayoutEdge[] = routed.map((r, k) => {
    const labelBox = labelBoxes[k] ?? null;
    return {
      from: r.edge.from,
      to: r.edge.to,
      fromKind: r.edge.fromKind,
      toKind: r.edge.toKind,
      fromHandle: r.fromSide as Side,
      toHandle: r.toSide as Side,
      label: r.edge.label,
      points: r.points.map(movePoint),
      labelBox: labelBox ? move(labelBox) : null,
      labelLines: labelBox ? (labelSizes.get(r.edge.index) as LabelSize).lines : [],
      style: r.edge.style,
    };
  });
  return {
    version: 1,
    width: Math.ceil(maxX) + dx + CANVAS_MARGIN,
    height: Math.ceil(maxY) + dy + CANVAS_MARGIN,
    direction,
    edgeStyle,
    groups,
    nodes,
    edges,
  };
}
