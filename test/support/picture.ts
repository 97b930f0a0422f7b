/**
 * Checks of picture quality over a finished layout (the `--format json` shape), each returning one
 * readable sentence per defect (an empty list: the picture has none of it). They are the defects
 * of issue #10 a person sees side by side with Graphviz: edges over groups they do not belong to,
 * routes riding along group borders or through title tabs, lines so close they read as one, two-way
 * pairs drawn on top of each other, decision branches leaving from one vertex with their labels far
 * away, and self-loops hidden under their label.
 */
import type {
  Box,
  Layout,
  LayoutEdge,
  LayoutGroup,
  LayoutNode,
  Point,
} from '../../src/layout/types.js';
import { BORDER_CLEARANCE, PARALLEL_GAP } from '../../src/layout/routing.js';
import { LABEL_NODE_GAP } from '../../src/layout/labels.js';
import { groupTitleWidth } from '../../src/layout/sizes.js';
import { groupParts } from './geometry.js';
import { EDGE_FONT_SIZE, NODE_FONT_SIZE } from '../../src/style.js';
import { shapeModule } from '../../src/shapes/index.js';
import type { Side } from '../../src/syntax/ast.js';

/** Routes keep at least this far from a group's border they run along, px (the router's own). */
export { BORDER_CLEARANCE };
/** Parallel segments of different edges keep at least this far apart, px (the router's own). */
export { PARALLEL_GAP };
/** A decision's branch label lies within this distance of its diamond (about 2 font sizes), px. */
export const BRANCH_LABEL_REACH = 2 * NODE_FONT_SIZE;

interface Segment {
  edge: number;
  a: Point;
  b: Point;
}

function segments(layout: Layout): Segment[] {
  const out: Segment[] = [];
  layout.edges.forEach((edge, k) => {
    for (let i = 0; i + 1 < edge.points.length; i++)
      out.push({ edge: k, a: edge.points[i] as Point, b: edge.points[i + 1] as Point });
  });
  return out;
}

const horizontal = (s: Segment): boolean => s.a.y === s.b.y && s.a.x !== s.b.x;
const vertical = (s: Segment): boolean => s.a.x === s.b.x && s.a.y !== s.b.y;

function name(layout: Layout, k: number): string {
  const edge = layout.edges[k] as LayoutEdge;
  return `edge ${k + 1} (${edge.from} -> ${edge.to}${edge.label ? ` "${edge.label}"` : ''})`;
}

/** The groups holding a node or group, innermost first (a group holds itself). */
function ownGroups(layout: Layout, id: string, kind: LayoutEdge['fromKind']): Set<string> {
  const parent = new Map(layout.groups.map((g) => [g.id, g.parent] as const));
  const out = new Set<string>();
  let g: string | null =
    kind === 'group' ? id : (layout.nodes.find((n) => n.id === id)?.group ?? null);
  while (g !== null) {
    out.add(g);
    g = parent.get(g) ?? null;
  }
  return out;
}

/** Interior of the box shrunk by `inset` on every side. */
function crossesInterior(a: Point, b: Point, box: Box, inset: number): boolean {
  const x0 = box.x + inset;
  const y0 = box.y + inset;
  const x1 = box.x + box.width - inset;
  const y1 = box.y + box.height - inset;
  if (a.x === b.x)
    return a.x > x0 && a.x < x1 && Math.max(a.y, b.y) > y0 && Math.min(a.y, b.y) < y1;
  if (a.y === b.y)
    return a.y > y0 && a.y < y1 && Math.max(a.x, b.x) > x0 && Math.min(a.x, b.x) < x1;
  // A slanted segment (spline/straight styles): sampled.
  for (let t = 0.05; t < 1; t += 0.05) {
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    if (x > x0 && x < x1 && y > y0 && y < y1) return true;
  }
  return false;
}

/**
 * Edges across a group that holds neither end (swimlanes excepted: a lane spans the drawing, so
 * the flow between two actors crosses the lanes between them by design).
 */
export function foreignGroupCrossings(layout: Layout): string[] {
  if (layout.layout === 'lanes') return [];
  const out: string[] = [];
  layout.edges.forEach((edge, k) => {
    const own = new Set([
      ...ownGroups(layout, edge.from, edge.fromKind),
      ...ownGroups(layout, edge.to, edge.toKind),
    ]);
    for (const group of layout.groups) {
      if (own.has(group.id)) continue;
      const hit = segments({ ...layout, edges: [edge] }).some((s) =>
        crossesInterior(s.a, s.b, group, 2),
      );
      if (hit) out.push(`${name(layout, k)} crosses group ${group.id}, which holds neither end`);
    }
  });
  return out;
}

/**
 * A group's title tab: its header band, as long as the title (a swimlane's band spans the lane;
 * crossing the band beside the title is how the lanes' flow reads, crossing the title is not).
 */
export function titleTab(group: LayoutGroup): Box {
  const h = group.header;
  const length = groupTitleWidth(group.title);
  return h.width >= h.height
    ? { ...h, width: Math.min(h.width, length) }
    : { ...h, height: Math.min(h.height, length) };
}

/** Segments through a group's title tab. */
export function headerCrossings(layout: Layout): string[] {
  const out: string[] = [];
  for (const s of segments(layout)) {
    for (const group of groupParts(layout)) {
      if (crossesInterior(s.a, s.b, titleTab(group), 0.5))
        out.push(`${name(layout, s.edge)} runs through the title tab of group ${group.id}`);
    }
  }
  return [...new Set(out)];
}

/**
 * Runs along a group's border closer than `BORDER_CLEARANCE` (inside or outside) for longer than
 * the clearance: a line there reads as part of the box. Crossing a border is fine, and so is the
 * stub of an edge that ends on the group's own border.
 */
export function borderHugs(layout: Layout): string[] {
  const out: string[] = [];
  for (const s of segments(layout)) {
    for (const group of groupParts(layout)) {
      const edge = layout.edges[s.edge] as LayoutEdge;
      if (
        (edge.fromKind === 'group' && edge.from === group.id) ||
        (edge.toKind === 'group' && edge.to === group.id)
      )
        continue;
      const lines: Array<[boolean, number, number, number]> = [
        // [along x?, fixed coordinate, start, end] of each border line
        [true, group.y, group.x, group.x + group.width],
        [true, group.y + group.height, group.x, group.x + group.width],
        [false, group.x, group.y, group.y + group.height],
        [false, group.x + group.width, group.y, group.y + group.height],
      ];
      for (const [alongX, at, lo, hi] of lines) {
        if (alongX ? !horizontal(s) : !vertical(s)) continue;
        const fixed = alongX ? s.a.y : s.a.x;
        const gap = Math.abs(fixed - at);
        if (gap >= BORDER_CLEARANCE) continue;
        const from = Math.max(lo, Math.min(alongX ? s.a.x : s.a.y, alongX ? s.b.x : s.b.y));
        const to = Math.min(hi, Math.max(alongX ? s.a.x : s.a.y, alongX ? s.b.x : s.b.y));
        if (to - from > BORDER_CLEARANCE)
          out.push(
            `${name(layout, s.edge)} runs ${Math.round(to - from)} px along a border of group ${group.id}, ${gap} px from it`,
          );
      }
    }
  }
  return [...new Set(out)];
}

/** Whether two edges may share a line on purpose: a trunk out of one source or into one target. */
function mayShareTrunk(e: LayoutEdge, f: LayoutEdge): boolean {
  return (
    (e.from === f.from && e.fromKind === f.fromKind) || (e.to === f.to && e.toKind === f.toKind)
  );
}

/**
 * Parallel segments of different edges that overlap along their length and lie closer than
 * `PARALLEL_GAP`: they read as one thick line. On one line (distance 0) they are a trunk, allowed
 * only for edges leaving one source or entering one target.
 */
export function closeParallels(layout: Layout): string[] {
  const out: string[] = [];
  const segs = segments(layout);
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as Segment;
    const sh = horizontal(s);
    if (!sh && !vertical(s)) continue;
    for (let j = i + 1; j < segs.length; j++) {
      const t = segs[j] as Segment;
      if (t.edge === s.edge) continue;
      if (sh ? !horizontal(t) : !vertical(t)) continue;
      const gap = sh ? Math.abs(s.a.y - t.a.y) : Math.abs(s.a.x - t.a.x);
      if (gap >= PARALLEL_GAP) continue;
      const [s0, s1] = sh ? [s.a.x, s.b.x] : [s.a.y, s.b.y];
      const [t0, t1] = sh ? [t.a.x, t.b.x] : [t.a.y, t.b.y];
      const overlap =
        Math.min(Math.max(s0, s1), Math.max(t0, t1)) - Math.max(Math.min(s0, s1), Math.min(t0, t1));
      if (overlap <= 1) continue;
      const e = layout.edges[s.edge] as LayoutEdge;
      const f = layout.edges[t.edge] as LayoutEdge;
      if (gap === 0 && mayShareTrunk(e, f)) continue;
      out.push(
        `${name(layout, s.edge)} and ${name(layout, t.edge)} run ${Math.round(overlap)} px side by side ${gap} px apart`,
      );
    }
  }
  return out;
}

function distanceBetweenBoxes(a: Box, b: Box): number {
  const dx = Math.max(0, a.x - (b.x + b.width), b.x - (a.x + a.width));
  const dy = Math.max(0, a.y - (b.y + b.height), b.y - (a.y + a.height));
  return Math.hypot(dx, dy);
}

function boxesMeet(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function pointToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function routeDistance(p: Point, points: Point[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i++)
    best = Math.min(best, pointToSegment(p, points[i] as Point, points[i + 1] as Point));
  return best;
}

/**
 * Two-way pairs (A -> B and B -> A): two separate routes (no segment of one within
 * `PARALLEL_GAP` of a parallel segment of the other), each label on its own route and clear of
 * the other's label (side by side, not stacked over one line).
 */
export function twoWayPairs(layout: Layout): string[] {
  const out: string[] = [];
  layout.edges.forEach((e, i) => {
    layout.edges.forEach((f, j) => {
      if (j <= i || e.from !== f.to || e.to !== f.from || e.from === e.to) return;
      const pair = closeParallels({ ...layout, edges: [e, f] });
      if (pair.length > 0)
        out.push(
          `${name(layout, i)} and its way back ${name(layout, j)} are not two separate routes`,
        );
      if (e.labelBox && f.labelBox) {
        if (boxesMeet(e.labelBox, f.labelBox))
          out.push(`the labels of ${name(layout, i)} and ${name(layout, j)} overlap`);
        const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
        if (
          routeDistance(centre(e.labelBox), f.points) < routeDistance(centre(e.labelBox), e.points)
        )
          out.push(`the label of ${name(layout, i)} sits on its way back's route`);
        if (
          routeDistance(centre(f.labelBox), e.points) < routeDistance(centre(f.labelBox), f.points)
        )
          out.push(`the label of ${name(layout, j)} sits on its way back's route`);
      }
    });
  });
  return out;
}

/**
 * Decision branches: the edges leaving a diamond start from different points (vertices) when it
 * has at most three of them (the fourth vertex is the way in), and each branch label lies within
 * `BRANCH_LABEL_REACH` of its diamond (when it has at most four branches).
 */
export function decisionBranches(layout: Layout): string[] {
  const out: string[] = [];
  for (const node of layout.nodes) {
    if (node.shape !== 'diamond') continue;
    const leaving = layout.edges
      .map((edge, k) => [edge, k] as const)
      .filter(([edge]) => edge.fromKind === 'node' && edge.from === node.id && edge.to !== node.id);
    if (leaving.length >= 2 && leaving.length <= 3) {
      const starts = new Set(leaving.map(([edge]) => `${edge.points[0]?.x},${edge.points[0]?.y}`));
      if (starts.size < leaving.length)
        out.push(
          `decision ${node.id}: ${leaving.length} branches leave from ${starts.size} point(s)`,
        );
    }
    // A diamond has four vertices: with more branches, some labels must wait their turn further out.
    if (leaving.length > 4) continue;
    for (const [edge, k] of leaving) {
      if (!edge.labelBox) continue;
      const gap = distanceBetweenBoxes(edge.labelBox, node);
      if (gap > BRANCH_LABEL_REACH)
        out.push(
          `${name(layout, k)}: its label lies ${Math.round(gap)} px from decision ${node.id}`,
        );
    }
  }
  return out;
}

/**
 * Self-loops: the loop reaches clearly outside its node (at least one label height), and its
 * label lies beside the node, not on it, within two font sizes of the loop's reach.
 */
export function selfLoops(layout: Layout): string[] {
  const out: string[] = [];
  layout.edges.forEach((edge, k) => {
    if (edge.fromKind !== 'node' || edge.from !== edge.to) return;
    const node = layout.nodes.find((n) => n.id === edge.from) as LayoutNode;
    let reach = 0;
    for (const p of edge.points) {
      const dx = Math.max(0, node.x - p.x, p.x - (node.x + node.width));
      const dy = Math.max(0, node.y - p.y, p.y - (node.y + node.height));
      reach = Math.max(reach, dx, dy);
    }
    if (reach < EDGE_FONT_SIZE)
      out.push(`${name(layout, k)}: the loop reaches only ${reach} px out of its node`);
    if (edge.labelBox) {
      if (boxesMeet(edge.labelBox, node))
        out.push(`${name(layout, k)}: the loop's label lies on its node`);
      const gap = distanceBetweenBoxes(edge.labelBox, node);
      if (gap > reach + 2 * EDGE_FONT_SIZE)
        out.push(`${name(layout, k)}: the loop's label lies ${Math.round(gap)} px from its node`);
    }
  });
  return out;
}

/**
 * Edge labels closer than `LABEL_NODE_GAP` to a node's box (the labels' own clearance): a label
 * touching a node (a branch label 1 px from its diamond's vertex) reads as part of it. Self-loops'
 * labels, placed beside their node on purpose, count too.
 */
export function labelsByNodes(layout: Layout): string[] {
  const out: string[] = [];
  layout.edges.forEach((edge, k) => {
    const box = edge.labelBox;
    if (!box) return;
    for (const node of layout.nodes) {
      const gap = distanceBetweenBoxes(box, node);
      if (gap < LABEL_NODE_GAP - 0.01)
        out.push(`${name(layout, k)}: its label lies ${gap} px from node ${node.id}`);
    }
  });
  return out;
}

/**
 * Arrowheads on one side of a node closer than `PARALLEL_GAP` to another end there, where the
 * side's straight part (the shape's port span) could hold all its ends that far apart: heads a few
 * px apart (a comb that reads as one thick head), two heads at one point from different ways
 * (drawn as one), a head at or beside the point where another edge leaves (a line with a head in
 * its middle). Ends meeting at a vertex or a curve are one trunk on purpose, and so are heads
 * arriving the same way along one last segment at one point on a side too short to give each of
 * its ends (arriving or leaving) twice `PARALLEL_GAP`; edges only leaving a side are a fan.
 */
export function headsTogether(layout: Layout): string[] {
  const out: string[] = [];
  interface End {
    edge: number;
    head: boolean;
    at: Point;
    /** The way the end's last (first) segment runs, into (out of) the node. */
    way: string;
  }
  const bySide = new Map<string, End[]>();
  const nodes = new Map(layout.nodes.map((n) => [n.id, n] as const));
  const way = (a: Point, b: Point): string => `${Math.sign(b.x - a.x)},${Math.sign(b.y - a.y)}`;
  layout.edges.forEach((e, k) => {
    if (e.from === e.to && e.fromKind === e.toKind) return;
    const ends: Array<[string, LayoutEdge['toKind'], boolean, Point, Point]> = [
      [e.to, e.toKind, true, e.points.at(-1) as Point, e.points.at(-2) as Point],
      [e.from, e.fromKind, false, e.points[0] as Point, e.points[1] as Point],
    ];
    for (const [id, kind, head, at, next] of ends) {
      const node = nodes.get(id);
      if (kind !== 'node' || !node) continue;
      const key = `${id}\u0000${sideAt(node, at)}`;
      const end: End = { edge: k, head, at, way: head ? way(next, at) : way(at, next) };
      bySide.set(key, [...(bySide.get(key) ?? []), end]);
    }
  });
  for (const [key, ends] of bySide) {
    if (ends.length < 2 || !ends.some((end) => end.head)) continue;
    const [id, side] = key.split('\u0000') as [string, Side];
    const node = nodes.get(id) as LayoutNode;
    const span = shapeModule(node.shape).portSpan(node, side);
    if (!span || span[1] - span[0] < (ends.length - 1) * PARALLEL_GAP) continue;
    const trunkAllowed = span[1] - span[0] < (ends.length - 1) * 2 * PARALLEL_GAP;
    ends.forEach((a, i) =>
      ends.slice(i + 1).forEach((b) => {
        if (!a.head && !b.head) return;
        const gap = Math.hypot(a.at.x - b.at.x, a.at.y - b.at.y);
        if (gap >= PARALLEL_GAP) return;
        if (gap === 0 && trunkAllowed && a.head === b.head && a.way === b.way) return;
        const [first, second] = a.edge < b.edge ? [a, b] : [b, a];
        const what = (end: End): string => (end.head ? 'ends' : 'starts');
        const gapText = `${Math.round(gap * 10) / 10} px`;
        out.push(
          first.head && second.head
            ? `${name(layout, first.edge)} and ${name(layout, second.edge)} end ${gapText} apart on ${side} of ${id}`
            : `${name(layout, first.edge)} ${what(first)} ${gapText} from where ${name(layout, second.edge)} ${what(second)} on ${side} of ${id}`,
        );
      }),
    );
  }
  return out;
}

/** The side of a node's box nearest to a point on (or just inside) its outline. */
function sideAt(box: Box, p: Point): Side {
  const d: Array<[Side, number]> = [
    ['top', Math.abs(p.y - box.y)],
    ['bottom', Math.abs(p.y - (box.y + box.height))],
    ['left', Math.abs(p.x - box.x)],
    ['right', Math.abs(p.x - (box.x + box.width))],
  ];
  return d.reduce((best, c) => (c[1] < best[1] ? c : best))[0];
}

/** Every check above, by name. */
export const PICTURE_CHECKS: Record<string, (layout: Layout) => string[]> = {
  'foreign group': foreignGroupCrossings,
  'title tab': headerCrossings,
  'group border': borderHugs,
  'close parallels': closeParallels,
  'two-way pair': twoWayPairs,
  'decision branches': decisionBranches,
  'self-loop': selfLoops,
  'label by a node': labelsByNodes,
  'heads together': headsTogether,
};
