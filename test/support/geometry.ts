/**
 * Geometric predicates for layout tests, and `layoutViolations`, which checks every invariant the
 * layout promises and returns one readable sentence per violation (so a failing test says exactly
 * which edge or node is wrong, and an empty list means the picture is sound).
 */
import type { Diagram } from '../../src/model/diagram.js';
import type { Side } from '../../src/syntax/ast.js';
import type { Box, Layout, LayoutGroup, LayoutNode, Point } from '../../src/layout/types.js';
import { GROUP_RADIUS, WAY_OFFSET, shapeModule } from '../../src/shapes/index.js';
import { distanceToOutline, elementOutline } from './outline.js';
import { splinePieces } from '../../src/util/spline.js';
import { distanceToPolyline, drawnPolyline } from './curves.js';

const EPSILON = 0.01;

/**
 * Every box of every group, each as a group of its own (same id, title, parent): a wrapped lane
 * (`continued`) is one box per row, each with its header.
 */
export function groupParts(layout: Layout): LayoutGroup[] {
  return layout.groups.flatMap((g) => [
    g,
    ...(g.continued ?? []).map((part) => ({ ...g, ...part, continued: undefined })),
  ]);
}

/** Interiors intersect (shared borders do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width - EPSILON &&
    b.x < a.x + a.width - EPSILON &&
    a.y < b.y + b.height - EPSILON &&
    b.y < a.y + a.height - EPSILON
  );
}

export function boxContains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x - EPSILON &&
    inner.y >= outer.y - EPSILON &&
    inner.x + inner.width <= outer.x + outer.width + EPSILON &&
    inner.y + inner.height <= outer.y + outer.height + EPSILON
  );
}

export function pointInside(p: Point, box: Box): boolean {
  return (
    p.x > box.x + EPSILON &&
    p.x < box.x + box.width - EPSILON &&
    p.y > box.y + EPSILON &&
    p.y < box.y + box.height - EPSILON
  );
}

/** True when segment ab passes through the interior of the box (touching its border does not count). */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, a.x - box.x],
    [dx, box.x + box.width - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.height - a.y],
  ] as Array<[number, number]>) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 >= t1) return false;
  }
  const t = (t0 + t1) / 2;
  return pointInside({ x: a.x + dx * t, y: a.y + dy * t }, box);
}

export const OUTWARD: Readonly<Record<Side, Point>> = {
  top: { x: 0, y: -1 },
  right: { x: 1, y: 0 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
};

/** The outline as drawn: a node's shape (its SVG element, read back by test/support/outline.ts), or a group's box. */
export function drawnOutline(end: LayoutNode | LayoutGroup): Point[][] {
  if ('shape' in end) return elementOutline(shapeModule(end.shape).draw(end, false).body);
  return elementOutline({
    tag: 'rect',
    attributes: [
      ['x', end.x],
      ['y', end.y],
      ['width', end.width],
      ['height', end.height],
      ['rx', GROUP_RADIUS],
    ],
  });
}

/**
 * The point lies on that side of the node's outline as drawn (within half a pixel: routes are on
 * the half-pixel grid): on the outline, in the half of the box facing that side, and at the side's
 * middle where the shape has no straight part to spread ports along (a vertex, a curve, a slant).
 */
export function onSide(p: Point, end: LayoutNode | LayoutGroup, side: Side): boolean {
  const { x, y, width, height } = end;
  const near = (u: number, v: number): boolean => Math.abs(u - v) <= 0.5;
  if (distanceToOutline(p, drawnOutline(end)) > 0.6) return false;
  const cx = x + width / 2;
  const cy = y + height / 2;
  const facing =
    side === 'top'
      ? p.y <= cy && p.x > x && p.x < x + width
      : side === 'bottom'
        ? p.y >= cy && p.x > x && p.x < x + width
        : side === 'left'
          ? p.x <= cx && p.y > y && p.y < y + height
          : p.x >= cx && p.y > y && p.y < y + height;
  if (!facing) return false;
  if ('shape' in end && shapeModule(end.shape).portSpan(end, side) === null) {
    // The middle, or a leaving or arriving trunk beside it (shapes/types.ts portSpan).
    const along = side === 'top' || side === 'bottom' ? p.x - cx : p.y - cy;
    return [0, WAY_OFFSET, -WAY_OFFSET].some((at) => near(along, at));
  }
  return true;
}

/** Unit direction of a segment (zero vector for a zero-length one). */
export function direction(a: Point, b: Point): Point {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  return length === 0 ? { x: 0, y: 0 } : { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
}

export function sameDirection(u: Point, v: Point): boolean {
  return Math.abs(u.x - v.x) < 1e-6 && Math.abs(u.y - v.y) < 1e-6;
}

export function isAxisAligned(a: Point, b: Point): boolean {
  return a.x === b.x || a.y === b.y;
}

/** The point lies on segment ab (within half a pixel). */
export function pointOnSegment(p: Point, a: Point, b: Point): boolean {
  const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (length === 0) return Math.hypot(p.x - a.x, p.y - a.y) <= 0.5;
  if (Math.abs(cross) / length > 0.5) return false;
  const t = ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / (length * length);
  return t >= -0.01 && t <= 1.01;
}

function isHalfPixel(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v * 2 - Math.round(v * 2)) < 1e-9;
}

/** Every invariant of a layout of `diagram`, as a list of violations (empty when all hold). */
export function layoutViolations(diagram: Diagram, layout: Layout): string[] {
  const problems: string[] = [];
  const nodes = new Map(layout.nodes.map((n) => [n.id, n] as const));
  const canvas = { x: 0, y: 0, width: layout.width, height: layout.height };
  const boxes: Array<[string, Box]> = [
    ...layout.nodes.map((n) => [`node ${n.id}`, n] as [string, Box]),
    ...groupParts(layout).map((g) => [`group ${g.id}`, g] as [string, Box]),
  ];
  for (const [name, box] of boxes) {
    if (!boxContains(canvas, box)) problems.push(`${name} lies outside the canvas`);
    if (![box.x, box.y, box.width, box.height].every(isHalfPixel))
      problems.push(`${name} has unrounded coordinates`);
  }
  if (layout.nodes.length !== diagram.nodes.length)
    problems.push(`layout has ${layout.nodes.length} nodes, diagram ${diagram.nodes.length}`);
  for (let i = 0; i < layout.nodes.length; i++) {
    for (let j = i + 1; j < layout.nodes.length; j++) {
      const a = layout.nodes[i] as LayoutNode;
      const b = layout.nodes[j] as LayoutNode;
      if (boxesOverlap(a, b)) problems.push(`nodes ${a.id} and ${b.id} overlap`);
    }
  }
  // Nested groups: a group is inside its ancestors, so it and its nodes overlap them by design.
  const parentOf = new Map(layout.groups.map((g) => [g.id, g.parent] as const));
  const within = (inner: string | null, outer: string): boolean => {
    for (let g = inner; g !== null && g !== undefined; g = parentOf.get(g) ?? null)
      if (g === outer) return true;
    return false;
  };
  // A wrapped lane has one box per row: a node lies in one of its group's boxes, a subgroup's box
  // in one of its parent's, and boxes of unrelated groups never overlap.
  const parts = groupParts(layout);
  const partsOf = (id: string): LayoutGroup[] => parts.filter((p) => p.id === id);
  for (const group of layout.groups) {
    const own = partsOf(group.id);
    for (const part of own)
      if (!boxContains(part, part.header))
        problems.push(`group ${group.id}'s header is outside its box`);
    for (const node of layout.nodes) {
      if (within(node.group, group.id)) {
        if (!own.some((part) => boxContains(part, node)))
          problems.push(`group ${group.id} does not contain its node ${node.id}`);
        if (own.some((part) => boxesOverlap(node, part.header)))
          problems.push(`node ${node.id} overlaps group ${group.id}'s header`);
      } else if (own.some((part) => boxesOverlap(node, part))) {
        problems.push(`node ${node.id} overlaps group ${group.id}, which is not its group`);
      }
    }
    for (const other of layout.groups) {
      if (other.id === group.id) continue;
      const inner = partsOf(other.id);
      if (within(other.id, group.id)) {
        for (const box of inner) {
          if (!own.some((part) => boxContains(part, box)))
            problems.push(`group ${group.id} does not contain its subgroup ${other.id}`);
          if (own.some((part) => boxesOverlap(box, part.header)))
            problems.push(`group ${other.id} overlaps group ${group.id}'s header`);
        }
      } else if (
        other.id > group.id &&
        !within(group.id, other.id) &&
        own.some((a) => inner.some((b) => boxesOverlap(a, b)))
      )
        problems.push(`groups ${group.id} and ${other.id} overlap`);
    }
  }
  const groups = new Map(layout.groups.map((g) => [g.id, g] as const));
  layout.edges.forEach((edge, k) => {
    const name = `edge ${k} (${edge.from} -> ${edge.to})`;
    const written = diagram.edges[k];
    if (
      written &&
      ((written.fromHandle && written.fromHandle !== edge.fromHandle) ||
        (written.toHandle && written.toHandle !== edge.toHandle))
    ) {
      problems.push(`${name} does not use its written handles`);
    }
    const points = edge.points;
    const source = edge.fromKind === 'group' ? groups.get(edge.from) : nodes.get(edge.from);
    const target = edge.toKind === 'group' ? groups.get(edge.to) : nodes.get(edge.to);
    if (!source || !target || points.length < 2) {
      problems.push(`${name} has no route`);
      return;
    }
    for (const p of points) {
      if (!isHalfPixel(p.x) || !isHalfPixel(p.y)) problems.push(`${name} has an unrounded point`);
      if (p.x < 0 || p.y < 0 || p.x > layout.width || p.y > layout.height)
        problems.push(`${name} leaves the canvas`);
    }
    const first = points[0] as Point;
    const last = points[points.length - 1] as Point;
    if (!onSide(first, source, edge.fromHandle))
      problems.push(`${name} does not start on the ${edge.fromHandle} side of ${edge.from}`);
    if (!onSide(last, target, edge.toHandle))
      problems.push(`${name} does not end on the ${edge.toHandle} side of ${edge.to}`);
    if (!sameDirection(direction(first, points[1] as Point), OUTWARD[edge.fromHandle])) {
      problems.push(
        `${name} does not leave ${edge.from} perpendicular to its ${edge.fromHandle} side`,
      );
    }
    const inward = { x: -OUTWARD[edge.toHandle].x, y: -OUTWARD[edge.toHandle].y };
    if (!sameDirection(direction(points[points.length - 2] as Point, last), inward)) {
      problems.push(`${name} does not enter ${edge.to} perpendicular to its ${edge.toHandle} side`);
    }
    for (let s = 0; s + 1 < points.length; s++) {
      const a = points[s] as Point;
      const b = points[s + 1] as Point;
      if (layout.edgeStyle === 'ortho' && !isAxisAligned(a, b))
        problems.push(`${name} has a diagonal segment in ortho style`);
      for (const node of layout.nodes) {
        // The end segments start on the outline, which lies inside the box where the side is a
        // vertex, a curve or a slant: there they cross their own node's box, not its shape.
        if ((s === 0 && node === source) || (s + 2 === points.length && node === target)) continue;
        if (segmentCrossesBox(a, b, node)) problems.push(`${name} passes through node ${node.id}`);
      }
    }
    if ((edge.label === null || edge.label === '') !== (edge.labelBox === null))
      problems.push(`${name} has a label box iff it has a label: broken`);
    if (edge.labelBox) {
      const box = edge.labelBox;
      const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      // A spline's label is centred on the curve drawn through the route (within 1 px).
      const pieces = layout.edgeStyle === 'spline' ? splinePieces(points) : [];
      if (
        pieces.length > 0
          ? distanceToPolyline(c, drawnPolyline(pieces)) > 1
          : !points.some(
              (p, s) => s + 1 < points.length && pointOnSegment(c, p, points[s + 1] as Point),
            )
      )
        problems.push(`${name}'s label is not centred on its route`);
      if (!boxContains(canvas, box)) problems.push(`${name}'s label lies outside the canvas`);
      if (edge.labelLines.length === 0) problems.push(`${name}'s label has no lines`);
      for (const node of layout.nodes)
        if (boxesOverlap(box, node)) problems.push(`${name}'s label overlaps node ${node.id}`);
      for (const group of parts)
        if (boxesOverlap(box, group.header))
          problems.push(`${name}'s label overlaps group ${group.id}'s header`);
      layout.edges.forEach((other, o) => {
        if (o > k && other.labelBox && boxesOverlap(box, other.labelBox))
          problems.push(`${name}'s label overlaps edge ${o}'s label`);
      });
    }
  });
  return problems;
}

/** Proper crossings between the routes of different edges (segments whose interiors meet at one point). */
export function edgeCrossings(layout: Layout): number {
  const segments: Array<[number, Point, Point]> = [];
  layout.edges.forEach((edge, k) => {
    for (let s = 0; s + 1 < edge.points.length; s++)
      segments.push([k, edge.points[s] as Point, edge.points[s + 1] as Point]);
  });
  const crosses = (h1: Point, h2: Point, v1: Point, v2: Point): boolean =>
    v1.x > Math.min(h1.x, h2.x) &&
    v1.x < Math.max(h1.x, h2.x) &&
    h1.y > Math.min(v1.y, v2.y) &&
    h1.y < Math.max(v1.y, v2.y);
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    const [ei, a, b] = segments[i] as [number, Point, Point];
    for (let j = i + 1; j < segments.length; j++) {
      const [ej, c, d] = segments[j] as [number, Point, Point];
      if (ei === ej) continue;
      const aHorizontal = a.y === b.y && a.x !== b.x;
      const cVertical = c.x === d.x && c.y !== d.y;
      const aVertical = a.x === b.x && a.y !== b.y;
      const cHorizontal = c.y === d.y && c.x !== d.x;
      if (
        (aHorizontal && cVertical && crosses(a, b, c, d)) ||
        (aVertical && cHorizontal && crosses(c, d, a, b))
      )
        count++;
    }
  }
  return count;
}
