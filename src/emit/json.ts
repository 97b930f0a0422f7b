/**
 * `--format json`: the laid-out diagram as data, in the contract's shape and SVG coordinates.
 * Objects are built field by field so the key order is fixed, and numbers are rounded to 2 decimals,
 * so the output is byte-identical for the same input.
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

function boxJson(box: Box) {
  return { x: r(box.x), y: r(box.y), width: r(box.width), height: r(box.height) };
}

function pointJson(point: Point) {
  return { x: r(point.x), y: r(point.y) };
}

function groupJson(group: LayoutGroup) {
  return { id: group.id, title: group.title, ...boxJson(group), header: boxJson(group.header) };
}

function nodeJson(node: LayoutNode) {
  return {
    id: node.id,
    group: node.group,
    shape: node.shape,
    label: node.label,
    ...boxJson(node),
    lines: node.lines,
  };
}

function edgeJson(edge: LayoutEdge) {
  return {
    from: edge.from,
    to: edge.to,
    fromHandle: edge.fromHandle,
    toHandle: edge.toHandle,
    label: edge.label,
    points: edge.points.map(pointJson),
    labelBox: edge.labelBox ? boxJson(edge.labelBox) : null,
  };
}
