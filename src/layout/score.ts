/**
 * How good a finished layout is, measured the way the corpus comparison measures pictures (the
 * lower the better): crossings between edges, edges over groups that hold neither end, the area
 * per node and the edge length relative to node size. The automatic layout choice (index.ts)
 * computes the swimlanes too for diagrams whose flow passes between groups, and keeps them only
 * when they score lower than the layered picture.
 */
import type { Diagram } from '../model/diagram.js';
import type { Box, Layout, Point } from './types.js';
import { pageExcess } from './page.js';

/** Above this many nodes the lanes are never tried: the layered layout alone keeps renders fast. */
const LANES_CANDIDATE_MAX_NODES = 300;

/**
 * The swimlanes are a candidate when there are at least two groups and the flow passes between
 * them (a group that is a whole separate part reads as a cluster anyway).
 */
export function lanesCandidate(diagram: Diagram): boolean {
  if (diagram.groups.length < 2 || diagram.nodes.length > LANES_CANDIDATE_MAX_NODES) return false;
  const groupOf = new Map(diagram.nodes.map((n) => [n.id, n.group] as const));
  return diagram.edges.some((edge) => {
    const a = groupOf.get(edge.from) ?? null;
    const b = groupOf.get(edge.to) ?? null;
    return a !== null && b !== null && a !== b;
  });
}

const FONT = 14;

/** The parts of the score, for the choice and for looking into it. */
export interface ScoreParts {
  crossings: number;
  /** Edges over a group that holds neither end; not counted for swimlanes (see below). */
  foreign: number;
  areaPerNode: number;
  edgeLength: number;
  aspect: number;
  /** Bends of the edges with written handles. */
  bends: number;
  total: number;
}

/**
 * A swimlane spans the whole drawing, so the flow from one actor to another crosses the lanes in
 * between: that is how the picture reads, not an edge through a closed box as over a cluster, so
 * it does not count against the lanes.
 */
export function scoreParts(layout: Layout, handled: readonly boolean[] = []): ScoreParts {
  const segments: Array<[number, Point, Point]> = [];
  layout.edges.forEach((edge, k) => {
    for (let i = 0; i + 1 < edge.points.length; i++)
      segments.push([k, edge.points[i] as Point, edge.points[i + 1] as Point]);
  });
  // Every pair of segments of different edges; pairs whose boxes lie apart cannot cross (the
  // automatic choice scores each candidate, and most pairs are far apart).
  const count = segments.length;
  const left = new Float64Array(count);
  const right = new Float64Array(count);
  const top = new Float64Array(count);
  const bottom = new Float64Array(count);
  segments.forEach(([, a, b], i) => {
    left[i] = Math.min(a.x, b.x);
    right[i] = Math.max(a.x, b.x);
    top[i] = Math.min(a.y, b.y);
    bottom[i] = Math.max(a.y, b.y);
  });
  let crossings = 0;
  for (let i = 0; i < count; i++) {
    const [ei, a, b] = segments[i] as [number, Point, Point];
    const l = left[i] as number;
    const r = right[i] as number;
    const t = top[i] as number;
    const btm = bottom[i] as number;
    for (let j = i + 1; j < count; j++) {
      if (
        (left[j] as number) > r ||
        (right[j] as number) < l ||
        (top[j] as number) > btm ||
        (bottom[j] as number) < t
      )
        continue;
      const [ej, c, d] = segments[j] as [number, Point, Point];
      if (ei !== ej && properCross(a, b, c, d)) crossings++;
    }
  }
  const groupOf = new Map(layout.nodes.map((n) => [n.id, n.group] as const));
  const parentOf = new Map(layout.groups.map((g) => [g.id, g.parent ?? null] as const));
  // An edge's own groups: those holding either end (an end on a group: that group), with the
  // groups around them.
  const ownGroups = (id: string, kind: Layout['edges'][number]['fromKind']): string[] => {
    const out: string[] = [];
    let g = kind === 'group' ? id : (groupOf.get(id) ?? null);
    for (; g !== null; g = parentOf.get(g) ?? null) out.push(g);
    return out;
  };
  let foreign = 0;
  if (layout.layout !== 'lanes')
    for (const edge of layout.edges) {
      const own = new Set([
        ...ownGroups(edge.from, edge.fromKind),
        ...ownGroups(edge.to, edge.toKind),
      ]);
      for (const group of layout.groups) {
        if (own.has(group.id)) continue;
        for (let i = 0; i + 1 < edge.points.length; i++) {
          if (crossesInterior(edge.points[i] as Point, edge.points[i + 1] as Point, group)) {
            foreign++;
            break;
          }
        }
      }
    }
  const areaPerNode = areaPerNodeOf(layout.width, layout.height, layout.nodes.length);
  const nodeSize = nodeSizeOf(layout.nodes);
  let length = 0;
  for (const edge of layout.edges)
    for (let i = 0; i + 1 < edge.points.length; i++) {
      const a = edge.points[i] as Point;
      const b = edge.points[i + 1] as Point;
      length += Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
    }
  const edgeLength = layout.edges.length > 0 ? length / layout.edges.length / nodeSize : 0;
  const aspect =
    Math.max(layout.width, layout.height) / Math.max(1, Math.min(layout.width, layout.height));
  // Bends of edges whose handles were written: the detours a placement makes to honour them.
  let bends = 0;
  layout.edges.forEach((edge, k) => {
    if (handled[k]) bends += Math.max(0, edge.points.length - 2);
  });
  const total =
    BEND_COST * bends +
    CROSSING_COST * crossings +
    FOREIGN_COST * foreign +
    areaPerNode / 20 +
    10 * edgeLength +
    ASPECT_COST * pageExcess(layout.width, layout.height);
  return { crossings, foreign, areaPerNode, edgeLength, aspect, bends, total };
}

/** The drawing's area per node, in squared font sizes. */
export function areaPerNodeOf(width: number, height: number, nodeCount: number): number {
  return (width * height) / Math.max(1, nodeCount) / (FONT * FONT);
}

/** The mean node size (half of width plus height) that edge lengths are measured in. */
export function nodeSizeOf(nodes: readonly Box[]): number {
  return nodes.reduce((s, n) => s + (n.width + n.height) / 2, 0) / Math.max(1, nodes.length) || 1;
}

/**
 * The score's terms that only grow as a drawing is finished (more routes, labels, a larger canvas):
 * the bends of edges with written handles, the area per node and the edge length. Without the
 * crossings, edges over foreign groups (which the full ordering may remove: searchBound) and the
 * aspect (which a larger canvas may lower), it bounds searchBound from below when its arguments
 * bound the finished drawing's from below (index.ts layeredLowerBound).
 */
export function growingScore(bends: number, areaPerNode: number, edgeLength: number): number {
  return BEND_COST * bends + areaPerNode / 20 + 10 * edgeLength;
}

/**
 * The lowest score the full ordering (more sweeps, then the search over whole-group moves:
 * layered/order.ts) can bring a layered draft to: the search exists to take edges off foreign
 * groups, and the sweeps and the search remove crossings. Measured against completing every draft
 * (the batch benchmark's 1,000 generated files): charging half the crossings, 7 choices scored
 * worse than main's (86 points in all) against 11 better (249); the full crossing cost, 2 worse
 * (44) and the same 11 better. Samples LR/TB and corpus: the same layouts as main's either way.
 */
export function searchBound(parts: ScoreParts): number {
  return parts.total - FOREIGN_COST * parts.foreign - CROSSING_COST * parts.crossings;
}

const CROSSING_COST = 10;
const FOREIGN_COST = 50;

/**
 * Cost of a bend on an edge whose handles were written. Handles across the flow between groups
 * are what swimlanes are for; the layered picture honours them with detours (an edge leaving a
 * decision's bottom for a group drawn above it). Measured on the samples (bench/quality.mjs): 0
 * drew ab-testing, api-gateway and event-sourcing LR layered, with routes looping around groups;
 * 2 kept every LR sample in lanes but drew saga TB layered (19 crossings against 39, but a
 * tangle of turns against long straight lines); 4 keeps lanes there and in ab-testing TB, and
 * layered only for api-gateway TB and user-authentication TB. The corpus writes no handles: no
 * change there.
 */
const BEND_COST = 4;

/** Drawings too long for a page (page.ts) cost this much per unit of aspect above MAX_ASPECT (two crossings; measured on the corpus, 40 made wrapping win where it cut edges that then cross: 31 crossings against 19). */
const ASPECT_COST = 20;

function orient(p: Point, q: Point, r: Point): number {
  return Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
}

function properCross(a: Point, b: Point, c: Point, d: Point): boolean {
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

function crossesInterior(a: Point, b: Point, box: Box): boolean {
  const x0 = box.x + 2;
  const y0 = box.y + 2;
  const x1 = box.x + box.width - 2;
  const y1 = box.y + box.height - 2;
  if (a.x === b.x)
    return a.x > x0 && a.x < x1 && Math.max(a.y, b.y) > y0 && Math.min(a.y, b.y) < y1;
  if (a.y === b.y)
    return a.y > y0 && a.y < y1 && Math.max(a.x, b.x) > x0 && Math.min(a.x, b.x) < x1;
  return false;
}
