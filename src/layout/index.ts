/**
 * The layout stage: `layout(diagram, options)` turns a resolved diagram into boxes, routes and label
 * positions in SVG coordinates. Steps: size nodes from their measured labels; place them as
 * swimlanes with global columns (place.ts; handles become column constraints); choose sides and
 * ports; route every edge orthogonally around the nodes; place edge labels on their routes;
 * translate onto the canvas.
 */
import type { Diagram, DiagramEdge, Direction, LayoutKind, Shape } from '../model/diagram.js';
import { DEFAULT_DIRECTION } from '../model/placement.js';
import { groupEnds } from '../model/group-ends.js';
import { attachPoint, shapeModule, type ShapeGeometry } from '../shapes/index.js';
import { tooLongForPage } from './page.js';
import {
  areaPerNodeOf,
  growingScore,
  lanesCandidate,
  nodeSizeOf,
  scoreParts,
  searchBound,
} from './score.js';
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
  LANES_FIT,
  sizeEdgeLabel,
  sizeNode,
  wrapWidths,
  type LabelSize,
  type NodeSize,
} from './sizes.js';
import { place, PlacementError, flowVector, type PlaceEdge, type Placement } from './place.js';
import {
  routeBetweenPorts,
  routeEdges,
  smoothRoute,
  type PortedEdge,
  type RoutedEdge,
} from './routing.js';
import { layoutLayered, type LayeredResult } from './layered/index.js';
import { SIDE_ORDER, unionBox } from './geometry.js';
import { laneLines, rowChannels, rowMargins, type WrapMode } from './lanes-wrap.js';
import type { LayeredInput } from './layered/input.js';
import { LayeredMemo } from './layered/memo.js';
import {
  frameOf,
  headerSide,
  internalSide,
  internalSize,
  realBox,
  realPoint,
  realSide,
  type Frame,
} from './layered/frame.js';
import { placeLabels, type LabelPlacement, type LabelRequest } from './labels.js';
import { maxOf } from '../util/arrays.js';
import { splineBounds } from '../util/spline.js';
import { formatLimit, MAX_LAYOUT_EDGES, MAX_LAYOUT_NODES } from '../limits.js';

export class LayoutError extends Error {
  override readonly name = 'LayoutError';
}

/** The layered layout could not cut an edge to a group at the group's border (layout() falls back). */
class GroupCutError extends Error {
  override readonly name = 'GroupCutError';
}

/** Blank space around the drawing, px. */
export const CANVAS_MARGIN = 24;
const NODE_SEP = 44;
const MIN_RANK_SEP = 56;

/** The automatic choice draws diagrams up to this many nodes layered (the corpus's largest: 52). */
const LAYERED_AUTO_MAX_NODES = 200;

export function layout(diagram: Diagram, options: LayoutOptions = {}): Layout {
  return layoutCounted(diagram, options).layout;
}

/** layout(), and what its automatic choice drew (ChoiceWork). */
export function layoutCounted(
  diagram: Diagram,
  options: LayoutOptions = {},
): { layout: Layout; work: ChoiceWork } {
  const work: ChoiceWork = { layeredDrawn: 0, layeredFinished: 0, wrapsDrawn: 0 };
  return { layout: layoutWith(diagram, options, work), work };
}

function layoutWith(diagram: Diagram, options: LayoutOptions, work: ChoiceWork): Layout {
  for (const [count, limit, what] of [
    [diagram.nodes.length, MAX_LAYOUT_NODES, 'nodes'],
    [diagram.edges.length, MAX_LAYOUT_EDGES, 'edges'],
  ] as const)
    if (count > limit)
      throw new LayoutError(
        `this diagram has ${formatLimit(count)} ${what}, more than the ${formatLimit(limit)} flowc lays out (docs/limits.md): split it into several diagrams (lint, DOT and Mermaid output have no such limit)`,
      );
  const direction: Direction = options.direction ?? diagram.direction ?? DEFAULT_DIRECTION;
  const edgeStyle: EdgeStyle = options.edges ?? 'ortho';
  const kind = options.layout ?? diagram.layout ?? 'auto';
  // Edges that end on a group box the layered engine cannot draw (see groupAnchors): the lanes do.
  const toGroups = groupAnchors(diagram) === null;
  // Above this size the automatic choice keeps the swimlanes: the layered engine's router for the
  // edges its channels cannot draw is not yet fast enough there (docs/layout.md).
  // A hub is the exception: the lanes stack its fan in one column and route every edge of it
  // against all the earlier ones (1,000 edges at one node: 50 s against the layered engine's 4 s).
  const large =
    kind === 'auto' && diagram.nodes.length > LAYERED_AUTO_MAX_NODES && !hasHub(diagram);
  if (toGroups || large) return layoutLanes(diagram, direction, edgeStyle);
  if (kind === 'lanes') {
    const lanes = layoutLanes(diagram, direction, edgeStyle);
    return preferWrapped(lanes, wrappedLanes(diagram, direction, edgeStyle, lanes, work));
  }
  try {
    return chooseLayout(diagram, direction, edgeStyle, kind === 'auto', work);
  } catch (error) {
    // An edge to a group whose route does not reach outside the group (a node against its border).
    if (error instanceof GroupCutError) return layoutLanes(diagram, direction, edgeStyle);
    throw error;
  }
}

/**
 * A hub: a node with at least this many edge ends, and at least a tenth of all the edges (the end
 * circle of a generated 3,000-node diagram has 90 of 4,140 edges: the lanes draw that in 6.5 s of
 * CPU, the layered engine in 27 s; a hub of 1,000 edges: lanes 25 s, layered 2.6 s).
 */
const HUB_MIN_EDGES = 64;

export function hasHub(diagram: Diagram): boolean {
  const ends = new Map<string, number>();
  let most = 0;
  for (const edge of diagram.edges)
    for (const id of [edge.from, edge.to]) {
      const count = (ends.get(id) ?? 0) + 1;
      ends.set(id, count);
      if (count > most) most = count;
    }
  return most >= HUB_MIN_EDGES && 10 * most >= diagram.edges.length;
}

/**
 * The layered picture (and, when it was wrapped or is too long, its variants), or the swimlanes
 * where the flow passes between groups and they measure better (score.ts). The extra candidates
 * are computed only for diagrams small enough to draw twice.
 *
 * The swimlanes are drawn first: their score is the bar. A layered candidate is drawn by the
 * engine, then finished (finishLayered: the routes its channels cannot draw, labels) only when a
 * lower bound on its score (layeredLowerBound) does not already exceed the best score so far:
 * a candidate that cannot win is not finished. CQRS LR: the layered draft's bound 130.8 against
 * the lanes' 119.6.
 *
 * With the automatic choice the layered candidates are first drawn as drafts: the ordering's
 * sweeps cut short and its search over whole-group moves skipped (layered/order.ts; together most
 * of a small layout's time). A draft that differs from the full drawing is completed only while it
 * can still win: when its score, less what the full ordering can at best save (score.ts
 * searchBound), is below the best score so far; the full ordering goes on from the draft's sweeps
 * (layered/memo.ts). A completed candidate keeps whichever of its draft and full drawing scores
 * lower.
 */
function chooseLayout(
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  lanesToo: boolean,
  work: ChoiceWork,
): Layout {
  const handled = diagram.edges.map((e) => e.fromHandle !== null || e.toHandle !== null);
  let lanes: Candidate | null = null;
  if (lanesToo && lanesCandidate(diagram)) {
    const plain = layoutLanes(diagram, direction, edgeStyle);
    const layout = preferWrapped(plain, wrappedLanes(diagram, direction, edgeStyle, plain, work));
    const score = scoreParts(layout, handled).total;
    lanes = { layout, score, bound: score, complete: null };
  }
  // Edges to groups: finishing may find one that cannot be cut at its group's border, and then
  // layout() draws lanes whatever the scores; so every candidate is finished.
  const stages = !diagram.edges.some((e) => e.fromKind === 'group' || e.toKind === 'group');
  const memo = new LayeredMemo();
  const draw = (options: LayeredOptions): LayeredDraw => {
    work.layeredDrawn++;
    return drawLayered(diagram, direction, { ...options, memo });
  };
  /** The engine's drawing finished, or null when its lower bound exceeds `best`. */
  const finish = (draw: LayeredDraw, best: number): Layout | null => {
    if (stages && layeredLowerBound(diagram, draw, edgeStyle, handled) > best) return null;
    work.layeredFinished++;
    return finishLayered(diagram, direction, edgeStyle, draw);
  };
  const candidates: Candidate[] = [];
  let best = lanes?.score ?? Infinity;
  const layered = (options: LayeredOptions): { drawn: LayeredDraw; layout: Layout | null } => {
    const drawn = draw({ ...options, draft: lanesToo });
    const layout = finish(drawn, best);
    if (layout === null) return { drawn, layout };
    const parts = scoreParts(layout, handled);
    candidates.push({
      layout,
      score: parts.total,
      bound: searchBound(parts),
      complete: drawn.draft
        ? (cutoff) => {
            const changed = memo.changed;
            const full = draw(options);
            // Every part ended in its draft's order: the drawing is the draft's.
            return memo.changed === changed ? null : finish(full, cutoff);
          }
        : null,
    });
    best = Math.min(best, parts.total);
    return { drawn, layout };
  };
  const first = layered({ blocks: false });
  // Too long to read and not wrapped (groups span the flow): groups as blocks on shelves. A first
  // drawing that was not finished is judged by what the engine drew of it.
  const firstSize = first.layout ?? drawnSize(first.drawn);
  if (tooLongForPage(firstSize.width, firstSize.height) && diagram.groups.length > 1)
    layered({ blocks: true });
  // Wrapped: the long drawing too, when small enough to draw twice (wrapping cuts edges, which
  // then run back around the rows: on a dense flow that costs more than the length saves).
  if (first.drawn.result.wrapped === true && diagram.nodes.length <= CANDIDATES_MAX_NODES)
    layered({ blocks: false, wrap: false });
  if (lanes) candidates.push(lanes);
  let bestScore = Math.min(...candidates.map((c) => c.score));
  const byBound = [...candidates].sort((a, b) => a.bound - b.bound);
  for (const candidate of byBound) {
    if (candidate.complete === null || candidate.bound >= bestScore) continue;
    const full = candidate.complete(bestScore);
    if (full === null) continue;
    const score = scoreParts(full, handled).total;
    if (score < candidate.score) {
      candidate.layout = full;
      candidate.score = score;
      bestScore = Math.min(bestScore, score);
    }
  }
  // The first of the lowest scores, in the order the candidates were drawn.
  let chosen = candidates[0] as Candidate;
  for (const candidate of candidates) if (candidate.score < chosen.score) chosen = candidate;
  return chosen.layout;
}

/** What the automatic choice drew (layoutCounted): the tests count it, never time it. */
export interface ChoiceWork {
  /** Layered drawings the engine made (drafts, their completions, blocks, unwrapped). */
  layeredDrawn: number;
  /**
   * Those of them finished and scored; the rest could not win (their lower bound exceeded the
   * best score so far) or were completions that ended in their draft's order.
   */
  layeredFinished: number;
  /** Swimlane drawings wrapped into rows (wrappedLanes: one, or two when the wraps differ). */
  wrapsDrawn: number;
}

/** A picture the automatic choice compares. */
interface Candidate {
  layout: Layout;
  score: number;
  /** The lowest score completing the draft could reach (its score when it is not a draft). */
  bound: number;
  /**
   * Draws the full picture of a draft (null when this is already the full one); null from it when
   * that picture's lower bound exceeds the cutoff.
   */
  complete: ((cutoff: number) => Layout | null) | null;
}

interface LayeredOptions {
  blocks: boolean;
  wrap?: boolean;
  /** A draft, its ordering cut short (LayeredInput.draft). */
  draft?: boolean;
  memo?: LayeredMemo;
}

/**
 * The swimlanes wrapped into rows (lanes-wrap.ts), computed only when the lanes drawing is too long
 * for a page (page.ts) and the diagram small enough to draw twice; null otherwise, and for what the wrap
 * does not handle: nested groups, edges ending on a group box (which row's band would they meet?).
 * The wrap by bands, and the one by columns alone when its rows differ (the bands' estimate of the
 * crossings between rows can be wrong), drawn too and taken when it crosses fewer edges. Until
 * session 9 the second was drawn every time: the samples' lanes took 1.05–1.11× as long.
 */
function wrappedLanes(
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  lanes: Layout,
  work: ChoiceWork,
): Layout | null {
  if (!tooLongForPage(lanes.width, lanes.height) || diagram.nodes.length > CANDIDATES_MAX_NODES)
    return null;
  if (diagram.groups.some((g) => g.parent !== null)) return null;
  if (diagram.edges.some((e) => e.fromKind === 'group' || e.toKind === 'group')) return null;
  const report: WrapReport = { columnsAlike: false };
  work.wrapsDrawn++;
  const bands = layoutLanes(diagram, direction, edgeStyle, 'bands', report);
  if (report.columnsAlike) return bands;
  work.wrapsDrawn++;
  const columns = layoutLanes(diagram, direction, edgeStyle, 'columns');
  if (bands === null || columns === null) return bands ?? columns;
  const a = scoreParts(bands);
  const b = scoreParts(columns);
  return b.crossings < a.crossings ? columns : bands;
}

/** What drawing a wrap found: whether the wrap by columns would be the same (Placement.columnsAlike). */
interface WrapReport {
  columnsAlike: boolean;
}

/**
 * The swimlanes too long for a page (page.ts) give way to their wrap into rows whenever the
 * wrap fits one: the wrap is the drawing that fits a page. Until session 6 a wrap that
 * cost crossings (the routes it severs must cross the lanes between the rows) was not taken, and
 * audit-logging LR stayed 3.25 times wider than tall (2 crossings; wrapped 1.27, 4 crossings).
 */
function preferWrapped(lanes: Layout, wrapped: Layout | null): Layout {
  return wrapped === null || tooLongForPage(wrapped.width, wrapped.height) ? lanes : wrapped;
}

/**
 * The layered drawing of a diagram, finished, and the lower bound the automatic choice reads from
 * the engine's drawing before finishing it (layeredLowerBound): tests hold one against the other.
 * `bound: false`: finished without reading the bound first (NaN for it), as no choice does.
 */
export function layeredBoundAndLayout(
  diagram: Diagram,
  options: { direction: Direction; edgeStyle?: EdgeStyle; draft?: boolean; bound?: boolean },
): { bound: number; layout: Layout } {
  const edgeStyle = options.edgeStyle ?? 'ortho';
  const handled = diagram.edges.map((e) => e.fromHandle !== null || e.toHandle !== null);
  const draw = drawLayered(diagram, options.direction, {
    blocks: false,
    ...(options.draft ? { draft: true } : {}),
  });
  return {
    bound: options.bound === false ? NaN : layeredLowerBound(diagram, draw, edgeStyle, handled),
    layout: finishLayered(diagram, options.direction, edgeStyle, draw),
  };
}

/** The size (width, height) of what the engine drew (its node, group and title boxes) with the canvas margins. */
function drawnSize(draw: LayeredDraw): { width: number; height: number } {
  const box = unionBox([...draw.nodes.values(), ...draw.groups.values(), ...draw.headers.values()]);
  return { width: box.width + 2 * CANVAS_MARGIN, height: box.height + 2 * CANVAS_MARGIN };
}

/**
 * The swimlane layout (place.ts) with the general router (routing.ts); `wrap`: the lanes wrapped
 * into rows (lanes-wrap.ts), null when they cannot be (fewer than two columns).
 */
function layoutLanes(diagram: Diagram, direction: Direction, edgeStyle: EdgeStyle): Layout;
function layoutLanes(
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  wrap: WrapMode,
  report?: WrapReport,
): Layout | null;
function layoutLanes(
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  wrap: WrapMode | false = false,
  report?: WrapReport,
): Layout | null {
  return drawLanes(diagram, direction, edgeStyle, wrap, true, report);
}

/** layoutLanes; `turn`: the lanes may be drawn in the flow their handles ask for (place.ts turnedFlow). */
function drawLanes(
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  wrap: WrapMode | false,
  turn: boolean,
  report?: WrapReport,
): Layout | null {
  const sizes = new Map<string, NodeSize>();
  for (const node of diagram.nodes)
    sizes.set(node.id, sizeNode(node.shape, node.label, undefined, LANES_FIT));
  const labelSizes = new Map<number, LabelSize>();
  for (const edge of diagram.edges) {
    if (edge.label !== null && edge.label !== '')
      labelSizes.set(edge.index, sizeEdgeLabel(edge.label, undefined, LANES_FIT));
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
    maxOf([...labelSizes.values()].map((s) => (horizontalFlow ? s.height : s.width))),
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
      wrap,
      turn,
    );
    // Handles written for the other flow (place.ts turnedFlow): the lanes are drawn in it.
    if ('turn' in next) return drawLanes(diagram, next.turn, edgeStyle, wrap, false, report);
    if (wrap && !next.placement.rows) return null;
    if (!attempt || next.labels.collisions < attempt.labels.collisions) attempt = next;
    if (attempt.labels.collisions === 0) break;
  }
  const { placement, routed, labels } = attempt as Attempt;
  if (report) report.columnsAlike = placement.columnsAlike === true;
  const headers = new Map([...placement.groups].map(([id, box]) => [id, headerOf(box)] as const));
  return assemble(
    'lanes',
    diagram,
    direction,
    edgeStyle,
    sizes,
    { ...placement, headers, continued: placement.continued },
    routed,
    labelSizes,
    labels.boxes,
  );
}

/**
 * The layered engine's drawing of a diagram (layered/), in the diagram's direction: boxes, and the
 * routes its channels draw. What is left (the routes the channels cannot draw, ends cut at group
 * borders and put onto outlines, labels) is finishLayered's, so the automatic choice can skip it for
 * a candidate that cannot win (layeredLowerBound).
 */
interface LayeredDraw {
  frame: ReturnType<typeof frameOf>;
  sizes: Map<string, NodeSize>;
  labelSizes: Map<number, LabelSize>;
  result: LayeredResult;
  nodes: Map<string, Box>;
  groups: Map<string, Box>;
  headers: Map<string, Box>;
  /** A draft that the full ordering may change (LayeredInput.draft). */
  draft: boolean;
  /**
   * Per edge between two nodes whose route the channels drew: that route with its ends on the
   * outlines, as finishLayered draws it (layeredLowerBound makes it, finishLayered takes it).
   */
  onOutlines: Array<Point[] | undefined>;
}

function drawLayered(diagram: Diagram, direction: Direction, options: LayeredOptions): LayeredDraw {
  const { blocks } = options;
  const frame = frameOf(direction);
  const wraps = wrapWidths(frame.transposed);
  const sizes = new Map<string, NodeSize>();
  for (const node of diagram.nodes)
    sizes.set(node.id, sizeNode(node.shape, node.label, wraps.node(node.shape)));
  const labelSizes = new Map<number, LabelSize>();
  for (const edge of diagram.edges) {
    if (edge.label !== null && edge.label !== '')
      labelSizes.set(edge.index, sizeEdgeLabel(edge.label, wraps.edge));
  }
  const nodeIndex = new Map(diagram.nodes.map((n, k) => [n.id, k] as const));
  // An edge ending on a group is laid out to a node inside it, then cut at the group's border.
  const anchors = groupAnchors(diagram);
  if (anchors === null)
    throw new LayoutError('an edge to a group that the layered layout cannot draw');
  const endNode = (edge: DiagramEdge, end: 'from' | 'to'): string =>
    (end === 'from' ? anchors[edge.index]?.from : anchors[edge.index]?.to) ?? edge[end];
  for (const edge of diagram.edges) {
    if (!nodeIndex.has(endNode(edge, 'from')) || !nodeIndex.has(endNode(edge, 'to'))) {
      throw new LayoutError(
        `edge ${edge.index + 1} (${edge.from} -> ${edge.to}) names a node that is not in the diagram`,
      );
    }
  }
  const clusterIndex = new Map(diagram.groups.map((g, k) => [g.id, k] as const));
  const input: LayeredInput = {
    nodes: diagram.nodes.map((node) => {
      const size = sizes.get(node.id) as NodeSize;
      return {
        id: node.id,
        ...internalSize(frame, size.width, size.height),
        shape: engineShape(node.shape),
        spans: internalSpans(frame, shapeModule(node.shape), size.width, size.height),
        cluster: node.group === null ? -1 : (clusterIndex.get(node.group) ?? -1),
      };
    }),
    clusters: diagram.groups.map((group) => {
      const parent = parentOf(group);
      return {
        id: group.id,
        parent: parent === null ? -1 : (clusterIndex.get(parent) ?? -1),
        headerThickness: GROUP_HEADER_HEIGHT,
        titleLength: groupTitleWidth(group.title),
      };
    }),
    edges: diagram.edges.map((edge) => {
      const label = labelSizes.get(edge.index);
      return {
        from: nodeIndex.get(endNode(edge, 'from')) as number,
        to: nodeIndex.get(endNode(edge, 'to')) as number,
        fromSide: edge.fromHandle ? internalSide(frame, edge.fromHandle) : null,
        toSide: edge.toHandle ? internalSide(frame, edge.toHandle) : null,
        label: label ? internalSize(frame, label.width, label.height) : null,
        ...(edge.fromKind === 'group' || edge.toKind === 'group'
          ? { groupEnd: true as const }
          : {}),
      };
    }),
    headerSide: headerSide(frame),
    spread: 1,
    blocks,
    ...(options.wrap === false ? { wrap: false } : {}),
    ...(options.draft ? { draft: true } : {}),
    ...(options.memo ? { memo: options.memo } : {}),
  };
  // Separate parts packed about 3:2 landscape in the real drawing. Handles across the flow keep
  // their ends in one rank, unless that makes the drawing more than 3 times wider across the flow
  // than along it (LR handles drawn TB): then those between groups, then all, only order ranks.
  const aspect = frame.transposed ? 1 / 1.5 : 1.5;
  // Wrapped flows: LR about 2:1 wide, TB about square.
  const alongTarget = frame.transposed ? 2 : 1;
  let result = layoutLayered(input, aspect, alongTarget);
  let draft = result.draft === true;
  for (const demote of ['between-groups', 'all'] as const) {
    if (acrossAspect(result) <= MAX_ACROSS_ASPECT) break;
    // Without the rows the handles asked for, the drawing's width matters more than straightness.
    const next = layoutLayered({ ...input, demote, widthWeight: 10 }, aspect, alongTarget);
    if (next.draft) draft = true;
    if (acrossAspect(next) < acrossAspect(result)) result = next;
  }
  const nodes = new Map<string, Box>();
  diagram.nodes.forEach((node, k) => nodes.set(node.id, realBox(frame, result.nodes[k] as Box)));
  const groups = new Map<string, Box>();
  const headers = new Map<string, Box>();
  diagram.groups.forEach((group, k) => {
    groups.set(group.id, realBox(frame, result.clusters[k] as Box));
    headers.set(group.id, realBox(frame, result.headers[k] as Box));
  });
  return { frame, sizes, labelSizes, result, nodes, groups, headers, draft, onOutlines: [] };
}

/** The routes the engine's channels could not draw, group cuts, ends on outlines, labels. */
function finishLayered(
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  draw: LayeredDraw,
): Layout {
  const { frame, sizes, labelSizes, result, nodes, groups, headers } = draw;
  const routes: Array<Point[] | null> = result.edges.map((e) =>
    e.points ? e.points.map((p) => realPoint(frame, p)) : null,
  );
  const fallback: PortedEdge[] = [];
  const fallbackIndex: number[] = [];
  result.edges.forEach((e, k) => {
    if (e.points) return;
    fallback.push({
      edge: diagram.edges[k] as DiagramEdge,
      from: realPoint(frame, e.fromPort),
      fromSide: realSide(frame, e.fromSide),
      to: realPoint(frame, e.toPort),
      toSide: realSide(frame, e.toSide),
      ...(e.cut ? { open: { from: true, to: true } } : {}),
    });
    fallbackIndex.push(k);
  });
  // Nodes to their groups, and groups to their parents: a route's own groups enclose its ends.
  const groupOf = new Map<string, string | null>([
    ...diagram.nodes.map((n) => [n.id, n.group] as const),
    ...diagram.groups.map((g) => [g.id, g.parent] as const),
  ]);
  const sides = result.edges.map((e) => ({
    from: realSide(frame, e.fromSide),
    to: realSide(frame, e.toSide),
  }));
  const drawn = routes.filter((r): r is Point[] => r !== null);
  // A fallback route may leave or enter by another side than the engine's (routeBetweenPorts).
  const shapeOf = new Map(diagram.nodes.map((n) => [n.id, n.shape] as const));
  const outlines = new Map(diagram.nodes.map((n) => [n.id, shapeModule(n.shape)] as const));
  routeBetweenPorts(
    fallback,
    nodes,
    groupOf,
    groups,
    [...headers.values()],
    drawn,
    (id) => outlines.get(id) as ShapeGeometry,
  ).forEach((route, i) => {
    const k = fallbackIndex[i] as number;
    routes[k] = route.points;
    sides[k] = { from: route.fromSide, to: route.toSide };
  });
  // Ends on a group: the route to (from) the node inside is cut where it crosses the group's border.
  diagram.edges.forEach((edge, k) => {
    const side = sides[k] as { from: Side; to: Side };
    if (edge.toKind === 'group') {
      const cut = cutAtBorder(routes[k] as Point[], groups.get(edge.to) as Box);
      routes[k] = cut.points;
      side.to = cut.side;
    }
    if (edge.fromKind === 'group') {
      const cut = cutAtBorder([...(routes[k] as Point[])].reverse(), groups.get(edge.from) as Box);
      routes[k] = cut.points.reverse();
      side.from = cut.side;
    }
    if ((edge.fromKind === 'group' || edge.toKind === 'group') && (routes[k] as Point[]).length < 2)
      throw new GroupCutError(`edge ${edge.index + 1} does not leave its group`);
  });
  // The engine's ports lie on the bounding box; each route's ends go onto the outline as drawn
  // (the lower bound did so already for the routes the channels drew between two nodes).
  diagram.edges.forEach((edge, k) => {
    const known = draw.onOutlines[k];
    if (known) routes[k] = known;
    else
      endsOnOutlines(
        routes[k] as Point[],
        edge,
        sides[k] as { from: Side; to: Side },
        nodes,
        shapeOf,
      );
  });
  const routed: RoutedEdge[] = diagram.edges.map((edge, k) => {
    const points = routes[k] as Point[];
    const side = sides[k] as { from: Side; to: Side };
    return {
      edge,
      fromSide: side.from,
      toSide: side.to,
      points: edgeStyle === 'ortho' ? points : smoothRoute(points, [...nodes.values()]),
    };
  });
  // A label the engine placed on the part of a route cut away at a group's border is placed again.
  const fixed = result.edges.map((e, k) => {
    if (!e.label || !e.points || edgeStyle !== 'ortho') return null;
    const box = realBox(frame, e.label);
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    return onPolyline(centre, routes[k] as Point[]) ? box : null;
  });
  const labels = placeLabels(
    labelRequests(diagram, routed, labelSizes, nodes, edgeStyle),
    [...nodes.values()],
    [...headers.values()],
    fixed,
  );
  const drawing = assemble(
    'layered',
    diagram,
    direction,
    edgeStyle,
    sizes,
    { nodes, groups, headers },
    routed,
    labelSizes,
    labels.boxes,
  );
  return drawing;
}

/**
 * A lower bound on the score of the finished drawing without its crossings and edges over foreign
 * groups (score.ts growingScore, below searchBound), read from the engine's drawing before
 * finishLayered: a route the channels drew keeps its bends and length (its ends only move onto the
 * outlines), any other route is at least as long as the gap between its ends' boxes, and the canvas
 * is at least as large as the boxes and those routes plus its margins. The routes and labels still
 * to come only add; the aspect term is left out (a larger canvas may lower it).
 */
function layeredLowerBound(
  diagram: Diagram,
  draw: LayeredDraw,
  edgeStyle: EdgeStyle,
  handled: readonly boolean[],
): number {
  const { frame, result, nodes, groups, headers } = draw;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const extend = (x: number, y: number, width: number, height: number): void => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  };
  for (const boxes of [nodes, groups, headers])
    for (const box of boxes.values()) extend(box.x, box.y, box.width, box.height);
  const shapeOf = new Map(diagram.nodes.map((n) => [n.id, n.shape] as const));
  const boxOf = (id: string, kind: DiagramEdge['fromKind']): Box =>
    (kind === 'group' ? groups.get(id) : nodes.get(id)) as Box;
  let bends = 0;
  let length = 0;
  diagram.edges.forEach((edge, k) => {
    const drawn = result.edges[k];
    if (
      edgeStyle === 'ortho' &&
      drawn?.points &&
      edge.fromKind === 'node' &&
      edge.toKind === 'node'
    ) {
      // As finishLayered draws it.
      const points = drawn.points.map((p) => realPoint(frame, p));
      const sides = { from: realSide(frame, drawn.fromSide), to: realSide(frame, drawn.toSide) };
      endsOnOutlines(points, edge, sides, nodes, shapeOf);
      draw.onOutlines[k] = points;
      for (let i = 0; i < points.length; i++) {
        const p = points[i] as Point;
        extend(p.x, p.y, 0, 0);
        const next = points[i + 1];
        if (next) length += Math.abs(p.x - next.x) + Math.abs(p.y - next.y);
      }
      if (handled[k]) bends += Math.max(0, points.length - 2);
      return;
    }
    length += boxGap(boxOf(edge.from, edge.fromKind), boxOf(edge.to, edge.toKind));
  });
  if (!Number.isFinite(minX)) return 0;
  const width = maxX - minX + 2 * CANVAS_MARGIN;
  const height = maxY - minY + 2 * CANVAS_MARGIN;
  const edgeLength =
    diagram.edges.length > 0 ? length / diagram.edges.length / nodeSizeOf([...nodes.values()]) : 0;
  return growingScore(bends, areaPerNodeOf(width, height, diagram.nodes.length), edgeLength);
}

/** The shortest axis-parallel way from a point of one box to a point of the other. */
function boxGap(a: Box, b: Box): number {
  const dx = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const dy = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  return dx + dy;
}

/** A route's ends at nodes moved from the bounding box onto the node's outline (in place). */
function endsOnOutlines(
  points: Point[],
  edge: DiagramEdge,
  side: { from: Side; to: Side },
  nodes: Map<string, Box>,
  shapeOf: Map<string, Shape>,
): void {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < 2) return;
  const onOutline = (id: string, at: Side, p: Point): Point =>
    attachPoint(
      shapeModule(shapeOf.get(id) as Shape),
      nodes.get(id) as Box,
      at,
      at === 'top' || at === 'bottom' ? p.x : p.y,
    );
  if (edge.fromKind === 'node') points[0] = onOutline(edge.from, side.from, first);
  if (edge.toKind === 'node') points[points.length - 1] = onOutline(edge.to, side.to, last);
}

/**
 * The nodes the layered engine lays out an edge to a group with, per edge index: an edge into
 * group G goes to G's first entry node, one out of G from its first exit node (model/group-ends.ts),
 * and the route is then cut at G's border. Null when some edge to a group cannot be drawn so: the
 * group is empty, one end lies inside the other (`G.a -> G`, `G -> G.H`), or a handle is written
 * on the group's side (the cut meets the border where the route crosses it, not on a chosen side).
 */
function groupAnchors(diagram: Diagram): Array<{ from?: string; to?: string }> | null {
  const grouped = diagram.edges.filter((e) => e.fromKind === 'group' || e.toKind === 'group');
  const anchors: Array<{ from?: string; to?: string }> = diagram.edges.map(() => ({}));
  if (grouped.length === 0) return anchors;
  const ends = groupEnds(diagram);
  const parentOfGroup = new Map(diagram.groups.map((g) => [g.id, g.parent] as const));
  const groupOfNode = new Map(diagram.nodes.map((n) => [n.id, n.group] as const));
  // The groups an end lies in (a group lies in itself).
  const around = (id: string, kind: DiagramEdge['fromKind']): Set<string> => {
    const out = new Set<string>();
    let g = kind === 'group' ? id : (groupOfNode.get(id) ?? null);
    while (g !== null && g !== undefined) {
      out.add(g);
      g = parentOfGroup.get(g) ?? null;
    }
    return out;
  };
  for (const edge of grouped) {
    const anchor = anchors[edge.index] as { from?: string; to?: string };
    if (edge.fromKind === 'group') {
      if (edge.fromHandle !== null || around(edge.to, edge.toKind).has(edge.from)) return null;
      anchor.from = ends.exits.get(edge.from)?.[0];
      if (anchor.from === undefined) return null;
    }
    if (edge.toKind === 'group') {
      if (edge.toHandle !== null || around(edge.from, edge.fromKind).has(edge.to)) return null;
      anchor.to = ends.entries.get(edge.to)?.[0];
      if (anchor.to === undefined) return null;
    }
  }
  return anchors;
}

/**
 * The route cut where it first enters the box (it starts outside and ends inside), and the side of
 * the box it enters through. A route that never enters is kept whole (its last side kept).
 */
function cutAtBorder(points: Point[], box: Box): { points: Point[]; side: Side } {
  const inside = (p: Point): boolean =>
    p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as Point;
    const b = points[i + 1] as Point;
    if (inside(a)) break;
    if (!inside(b) && !segmentEntersBox(a, b, box)) continue;
    let side: Side;
    let at: Point;
    if (a.x === b.x) {
      side = b.y > a.y ? 'top' : 'bottom';
      at = { x: a.x, y: side === 'top' ? box.y : box.y + box.height };
    } else {
      side = b.x > a.x ? 'left' : 'right';
      at = { x: side === 'left' ? box.x : box.x + box.width, y: a.y };
    }
    return { points: simplifyPolylinePoints([...points.slice(0, i + 1), at]), side };
  }
  const last = points[points.length - 1] as Point;
  const before = points[points.length - 2] ?? last;
  const side: Side =
    before.x === last.x
      ? last.y > before.y
        ? 'top'
        : 'bottom'
      : last.x > before.x
        ? 'left'
        : 'right';
  return { points, side };
}

/** An axis-aligned segment that passes through the box's interior (both ends outside it). */
function segmentEntersBox(a: Point, b: Point, box: Box): boolean {
  if (a.x === b.x)
    return (
      a.x > box.x &&
      a.x < box.x + box.width &&
      Math.min(a.y, b.y) < box.y &&
      Math.max(a.y, b.y) > box.y + box.height
    );
  return (
    a.y > box.y &&
    a.y < box.y + box.height &&
    Math.min(a.x, b.x) < box.x &&
    Math.max(a.x, b.x) > box.x + box.width
  );
}

/** Drops zero-length steps (a cut exactly at a bend). */
function simplifyPolylinePoints(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last.x !== p.x || last.y !== p.y) out.push(p);
  }
  return out;
}

function onPolyline(p: Point, points: Point[]): boolean {
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as Point;
    const b = points[i + 1] as Point;
    const within = (v: number, x: number, y: number): boolean =>
      v >= Math.min(x, y) - 0.5 && v <= Math.max(x, y) + 0.5;
    if (a.x === b.x && Math.abs(p.x - a.x) <= 0.5 && within(p.y, a.y, b.y)) return true;
    if (a.y === b.y && Math.abs(p.y - a.y) <= 0.5 && within(p.x, a.x, b.x)) return true;
  }
  return false;
}

/**
 * What the layered engine needs of a shape: a diamond (its branches leave from different
 * vertices), a shape whose four sides are straight where edges meet them, so several ends spread
 * along a side ('rectangle'), or one whose ends meet at each side's middle ('circle': a vertex, a
 * curve or a slant somewhere, e.g. hexagon, parallelogram, cylinder).
 */
function engineShape(shape: Shape): Shape {
  if (shape === 'diamond' || shape === 'circle' || shape === 'rectangle') return shape;
  const probe = { x: 0, y: 0, width: 100, height: 60 };
  const module = shapeModule(shape);
  const straight = (['top', 'right', 'bottom', 'left'] as const).every(
    (side) => module.portSpan(probe, side) !== null,
  );
  return straight ? 'rectangle' : 'circle';
}

/**
 * A shape's port spans (real sides of a real width × height box) as the layered engine reads them:
 * per internal side, offsets from that side's middle along the internal axis (x on top/bottom, y
 * on left/right), so a document's left side in LR (internal top) spreads its ends above the wave.
 */
function internalSpans(
  frame: Frame,
  geometry: ShapeGeometry,
  width: number,
  height: number,
): Record<Side, readonly [number, number] | null> {
  const box = { x: 0, y: 0, width, height };
  const out = {} as Record<Side, readonly [number, number] | null>;
  for (const side of SIDE_ORDER) {
    const real = realSide(frame, side);
    const span = geometry.portSpan(box, real);
    if (!span) {
      out[side] = null;
      continue;
    }
    const acrossReal = real === 'top' || real === 'bottom';
    const middle = acrossReal ? width / 2 : height / 2;
    // The internal axis along this side, seen in the real frame: same way or reversed.
    const along = realPoint(
      frame,
      side === 'top' || side === 'bottom' ? { x: 1, y: 0 } : { x: 0, y: 1 },
    );
    const sign = acrossReal ? along.x : along.y;
    const a = (span[0] - middle) * sign;
    const b = (span[1] - middle) * sign;
    out[side] = [Math.min(a, b), Math.max(a, b)];
  }
  return out;
}

const MAX_ACROSS_ASPECT = 3;
/** Above this many nodes the layered drawing is computed once (no unwrapped candidate). */
const CANDIDATES_MAX_NODES = 300;

/** How many times wider the drawing is across the flow than along it (internal frame). */
function acrossAspect(result: LayeredResult): number {
  const box = unionBox([...result.nodes, ...result.clusters]);
  return box.width / Math.max(1, box.height);
}

/** A group's enclosing group: nested groups (issue #11) carry `parent`; flat models have none. */
function parentOf(group: Diagram['groups'][number]): string | null {
  return (group as { parent?: string | null }).parent ?? null;
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
  wrap: WrapMode | false,
  turn: boolean,
): Attempt | { turn: Direction } {
  let placement;
  try {
    placement = place({
      direction,
      wrap,
      turn,
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
  if (placement.turn !== undefined && placement.turn !== direction) return { turn: placement.turn };
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
    ...(placement.rows
      ? {
          continued: placement.continued ?? new Map<string, Box[]>(),
          detours: rowMargins(placement.rows, direction),
          guides: [
            ...rowChannels(placement.rows, direction),
            ...laneLines(
              [...placement.groups.values(), ...[...(placement.continued?.values() ?? [])].flat()],
              GROUP_HEADER_HEIGHT,
            ),
          ],
        }
      : {}),
    headerHeight: GROUP_HEADER_HEIGHT,
    decisions: new Set(diagram.nodes.filter((n) => n.shape === 'diamond').map((n) => n.id)),
    labelSize: (edge) => labelSizes.get(edge.index) ?? null,
    flow: flowVector(direction),
    style: edgeStyle,
  });
  const headers = [
    ...placement.groups.values(),
    ...[...(placement.continued?.values() ?? [])].flat(),
  ].map((box) => headerOf(box));
  const labels = placeLabels(
    labelRequests(diagram, routed, labelSizes, placement.nodes, edgeStyle),
    [...placement.nodes.values()],
    headers,
  );
  return { placement, routed, labels };
}

/** What labels.ts places: each edge's route and label size, and a decision branch's diamond. */
function labelRequests(
  diagram: Diagram,
  routed: RoutedEdge[],
  labelSizes: Map<number, LabelSize>,
  nodes: Map<string, Box>,
  edgeStyle: EdgeStyle,
): LabelRequest[] {
  const diamonds = new Set(diagram.nodes.filter((n) => n.shape === 'diamond').map((n) => n.id));
  return routed.map((r) => {
    const edge = r.edge;
    const branch = edge.fromKind === 'node' && diamonds.has(edge.from) && edge.to !== edge.from;
    return {
      points: r.points,
      size: labelSizes.get(edge.index) ?? null,
      near: branch ? (nodes.get(edge.from) ?? null) : null,
      curved: edgeStyle === 'spline',
    };
  });
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
  kind: LayoutKind,
  diagram: Diagram,
  direction: Direction,
  edgeStyle: EdgeStyle,
  sizes: Map<string, NodeSize>,
  placement: {
    nodes: Map<string, Box>;
    groups: Map<string, Box>;
    headers: Map<string, Box>;
    /** Wrapped lanes: each group's band in the later rows (its header at its top). */
    continued?: Map<string, Box[]> | undefined;
  },
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
  placement.headers.forEach(extend);
  placement.continued?.forEach((boxes) => boxes.forEach(extend));
  for (const r of routed) for (const p of r.points) extend({ x: p.x, y: p.y, width: 0, height: 0 });
  // A spline bulges past its route's points (src/util/spline.ts): the canvas holds the curve.
  if (edgeStyle === 'spline')
    for (const r of routed) {
      const b = splineBounds(r.points);
      if (Number.isFinite(b.minX))
        extend({ x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY });
    }
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
    const continued = placement.continued?.get(group.id);
    return {
      id: group.id,
      title: group.title,
      parent: group.parent,
      depth,
      ...box,
      header: move(placement.headers.get(group.id) as Box),
      ...(continued
        ? { continued: continued.map((part) => ({ ...move(part), header: move(headerOf(part)) })) }
        : {}),
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
    layout: kind,
    width: Math.ceil(maxX) + dx + CANVAS_MARGIN,
    height: Math.ceil(maxY) + dy + CANVAS_MARGIN,
    direction,
    edgeStyle,
    groups,
    nodes,
    edges,
  };
}
