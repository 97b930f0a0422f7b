/**
 * `--format json`: the laid-out diagram as data, in the contract's shape and SVG coordinates.
 * Objects are built field by field so the key order is fixed, and numbers are rounded to 2 decimals,
 * so the output is byte-identical for the same input. Beyond the contract's fields: each group's
 * `parent` and `depth` (and, when the swimlanes are wrapped into rows, `continued`: the group's
 * band in each later row, box and header), each node's `style` (its resolved look, colours as lower-case hex), `link`
 * and `tooltip`, each edge's `fromKind`/`toKind` ('node', or 'group' for an edge to a group's box)
 * and `style`.
 */
import type { Box, Layout, LayoutEdge, LayoutGroup, LayoutNode, Point } from '../layout/types.js';
import { roundNumber as r } from './text.js';

export function emitJson(layout: Layout): string {
  const document = {
    version: layout.version,
    width: r(layout.width),
    height: r(layout.height),
    direction: layout.direction,
    edgeStyle: layout.edgeStyle,
    groups: layout.groups.map(groupJson),
    nodes: layout.nodes.map(nodeJson),
    edges: layout.edges.map(edgeJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A look with its keys in a fixed order, absent ones left out. */
function lookJson<T extends object>(look: T, keys: ReadonlyArray<keyof T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (look[key] !== undefined) out[key] = look[key];
  return out;
}

function boxJson(box: Box) {
  return { x: r(box.x), y: r(box.y), width: r(box.width), height: r(box.height) };
}

function pointJson(point: Point) {
  return { x: r(point.x), y: r(point.y) };
}

function groupJson(group: LayoutGroup) {
  return {
    id: group.id,
    title: group.title,
    parent: group.parent,
    depth: group.depth,
    ...boxJson(group),
    header: boxJson(group.header),
    ...(group.continued
      ? {
          continued: group.continued.map((part) => ({
            ...boxJson(part),
            header: boxJson(part.header),
          })),
        }
      : {}),
  };
}

function nodeJson(node: LayoutNode) {
  return {
    id: node.id,
    group: node.group,
    shape: node.shape,
    label: node.label,
    ...boxJson(node),
    lines: node.lines,
    style: lookJson(node.style, ['fill', 'stroke', 'text', 'line']),
    link: node.link,
    tooltip: node.tooltip,
  };
}

function edgeJson(edge: LayoutEdge) {
  return {
    from: edge.from,
    to: edge.to,
    fromKind: edge.fromKind,
    toKind: edge.toKind,
    fromHandle: edge.fromHandle,
    toHandle: edge.toHandle,
    label: edge.label,
    points: edge.points.map(pointJson),
    labelBox: edge.labelBox ? boxJson(edge.labelBox) : null,
    style: lookJson(edge.style, ['line', 'color', 'text']),
  };
}
