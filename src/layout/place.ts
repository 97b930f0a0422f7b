/**
 * Node placement with dagre, in two levels, the way dagre itself lays out a cluster that has its own
 * rank direction: each group's nodes are laid out as one graph (the group's box is that drawing plus
 * padding and the header band), then the groups and the top-level nodes are laid out as blocks, with
 * the edges between them. Handles are ranking hints at both levels (an edge from a node's bottom to
 * another's top wants the target below, in the same rank, not in the next column). Finally groups
 * stacked in one rank are slid along the flow so that nodes joined across groups line up.
 *
 * Why not one compound dagre graph: on this machine it threw ("Not possible to find intersection
 * inside of the rectangle") on clustered graphs and took 4–23 s at 1,000 nodes, and its cluster
 * ranking placed groups with no regard to the handles between them. Per-group graphs are small, so
 * network-simplex ranking stays cheap, and no compound graph is ever handed to dagre.
 */
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type { Direction } from '../model/diagram.js';
import type { Side } from '../syntax/ast.js';
import type { Box } from './types.js';
import { NORMALS, boxesOverlap, dot, type Vector } from './geometry.js';
import { GROUP_HEADER_HEIGHT, GROUP_PADDING } from './sizes.js';

export interface PlaceNode {
  id: string;
  group: string | null;
  width: number;
  height: number;
}

export interface PlaceGroup {
  id: string;
  nodeIds: string[];
  /** Smallest width that shows the title. */
  minWidth: number;
}

export interface PlaceEdge {
  from: string;
  to: string;
  fromHandle: Side | null;
  toHandle: Side | null;
}

export interface PlaceInput {
  direction: Direction;
  nodes: PlaceNode[];
  groups: PlaceGroup[];
  edges: PlaceEdge[];
  /** Space between ranks (columns in LR), px. */
  rankSep: number;
  /** Space between neighbours in a rank, px. */
  nodeSep: number;
}

export interface Placement {
  nodes: Map<string, Box>;
  /** Group boxes, header band included (at the top). */
  groups: Map<string, Box>;
}

export type Ranker = 'network-simplex' | 'tight-tree' | 'longest-path';

/** Unit vector of the flow (rank) axis, and of the cross (order) axis as dagre orders a rank. */
export function flowVector(direction: Direction): Vector {
  return direction === 'LR' ? { x: 1, y: 0 } : direction === 'RL' ? { x: -1, y: 0 } : direction === 'TB' ? { x: 0, y: 1 } : { x: 0, y: -1 };
}

export function crossVector(direction: Direction): Vector {
  return direction === 'LR' || direction === 'RL' ? { x: 0, y: 1 } : { x: 1, y: 0 };
}

/** How an edge's handles want its ends placed: +1 target after source along the axis, −1 before, 0 no wish. */
export function handlePull(edge: PlaceEdge, axis: Vector): number {
  let pull = 0;
  if (edge.fromHandle) pull += dot(NORMALS[edge.fromHandle], axis);
  if (edge.toHandle) pull -= dot(NORMALS[edge.toHandle], axis);
  return Math.sign(pull);
}

/** Rank hint for dagre: which way the dagre edge points and its minimum length. */
export interface RankHint {
  reversed: boolean;
  minlen: 0 | 1;
  /** Same rank: which end must come first in the order (cross) axis. */
  orderFirst: 'source' | 'target' | null;
}

export function rankHint(edge: PlaceEdge, direction: Direction): RankHint {
  if (!edge.fromHandle && !edge.toHandle) return { reversed: false, minlen: 1, orderFirst: null };
  const flowPull = handlePull(edge, flowVector(direction));
  if (flowPull > 0) return { reversed: false, minlen: 1, orderFirst: null };
  if (flowPull < 0) return { reversed: true, minlen: 1, orderFirst: null };
  const crossPull = handlePull(edge, crossVector(direction));
  // Perpendicular to the flow: same rank is ideal. An edge pointing "up" (against the order axis) is
  // given to dagre reversed, so the upper node ranks no later than the lower one.
  if (crossPull > 0) return { reversed: false, minlen: 0, orderFirst: 'source' };
  if (crossPull < 0) return { reversed: true, minlen: 0, orderFirst: 'target' };
  return { reversed: false, minlen: 0, orderFirst: null };
}

/** Dagre's network-simplex ranking grows fast with size; tight-tree keeps big graphs quick. */
export function rankerFor(nodeCount: number): Ranker {
  return nodeCount <= 200 ? 'network-simplex' : 'tight-tree';
}

export class PlacementError extends Error {}

/** One box to place and the links (edges, with handles) between boxes. */
interface Item {
  key: string;
  width: number;
  height: number;
}

interface Link {
  from: string;
  to: string;
  fromHandle: Side | null;
  toHandle: Side | null;
  /** Edge position, for stable dagre edge names. */
  index: number;
}

interface Spacing {
  direction: Direction;
  rankSep: number;
  nodeSep: number;
}

/**
 * Items that handles want in one rank, stacked across the flow (e.g. a decision with the branch that
 * leaves its bottom for the top of the next step, in LR). Dagre cannot lay out same-rank edges, so a
 * column goes to dagre as one box; the box is symmetric about its main member (the one with the most
 * links along the flow), so that member stays in line with its neighbours.
 */
interface Column {
  key: string;
  /** Members in cross-axis order, with their offsets from the column's centre. */
  members: Array<{ key: string; along: number; across: number }>;
  width: number;
  height: number;
}

interface ColumnOptions {
  /** Line members up on their start along the flow (blocks), rather than on their centres (nodes). */
  alignStart: boolean;
}

function buildColumns(items: readonly Item[], links: readonly Link[], spacing: Spacing, options: ColumnOptions): Column[] {
  const parent = new Map(items.map((item) => [item.key, item.key] as const));
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(key, root);
    return root;
  };
  const firstBelow: Array<[string, string]> = [];
  const flowDegree = new Map<string, number>();
  for (const link of links) {
    if (link.from === link.to) continue;
    const hint = rankHint(link, spacing.direction);
    if (hint.minlen === 1) {
      flowDegree.set(link.from, (flowDegree.get(link.from) ?? 0) + 1);
      flowDegree.set(link.to, (flowDegree.get(link.to) ?? 0) + 1);
      continue;
    }
    const a = find(link.from);
    const b = find(link.to);
    if (a !== b) parent.set(b, a);
    if (hint.orderFirst === 'source') firstBelow.push([link.from, link.to]);
    else if (hint.orderFirst === 'target') firstBelow.push([link.to, link.from]);
  }
  const byRoot = new Map<string, Item[]>();
  for (const item of items) {
    const root = find(item.key);
    const list = byRoot.get(root);
    if (list) list.push(item);
    else byRoot.set(root, [item]);
  }
  const horizontalFlow = spacing.direction === 'LR' || spacing.direction === 'RL';
  const flowStartSign = spacing.direction === 'LR' || spacing.direction === 'TB' ? -1 : 1;
  const columns: Column[] = [];
  for (const members of byRoot.values()) {
    const ordered = crossOrder(members, firstBelow);
    const sizeAcross = (item: Item): number => (horizontalFlow ? item.height : item.width);
    const sizeAlong = (item: Item): number => (horizontalFlow ? item.width : item.height);
    const thickness = Math.max(...ordered.map(sizeAlong));
    let cursor = 0;
    const placed = ordered.map((item) => {
      const across = cursor + sizeAcross(item) / 2;
      cursor += sizeAcross(item) + spacing.nodeSep;
      const along = options.alignStart ? flowStartSign * (thickness - sizeAlong(item)) / 2 : 0;
      return { item, along, across };
    });
    // The main member: most links along the flow; the first in cross order on a tie.
    let main = placed[0] as (typeof placed)[number];
    for (const entry of placed) if ((flowDegree.get(entry.item.key) ?? 0) > (flowDegree.get(main.item.key) ?? 0)) main = entry;
    const mainAcross = main.across;
    const start = 0;
    const end = cursor - spacing.nodeSep;
    const half = Math.max(mainAcross - start, end - mainAcross);
    columns.push({
      key: (ordered[0] as Item).key,
      members: placed.map((entry) => ({ key: entry.item.key, along: entry.along, across: entry.across - mainAcross })),
      width: horizontalFlow ? thickness : 2 * half,
      height: horizontalFlow ? 2 * half : thickness,
    });
  }
  return columns;
}

/** Members ordered so that every "a above b" wish holds where possible (Kahn's order, ties by input order). */
function crossOrder(members: Item[], firstBelow: ReadonlyArray<[string, string]>): Item[] {
  if (members.length === 1) return members;
  const index = new Map(members.map((m, k) => [m.key, k] as const));
  const after = members.map(() => [] as number[]);
  const pending = members.map(() => 0);
  for (const [above, below] of firstBelow) {
    const a = index.get(above);
    const b = index.get(below);
    if (a === undefined || b === undefined || a === b) continue;
    (after[a] as number[]).push(b);
    pending[b] = (pending[b] as number) + 1;
  }
  const done = members.map(() => false);
  const out: Item[] = [];
  while (out.length < members.length) {
    // The first ready member in input order; if a cycle leaves none ready, the first not yet placed.
    let next = pending.findIndex((count, k) => count === 0 && !done[k]);
    if (next < 0) next = done.findIndex((d) => !d);
    done[next] = true;
    out.push(members[next] as Item);
    for (const b of after[next] as number[]) pending[b] = (pending[b] as number) - 1;
  }
  return out;
}

/** Centres of the items, from dagre; retries other rankers if it throws. */
function placeItems(
  items: readonly Item[],
  links: readonly Link[],
  spacing: Spacing,
  options: ColumnOptions,
): Map<string, { x: number; y: number }> {
  const columns = buildColumns(items, links, spacing, options);
  const first = rankerFor(columns.length);
  const rankers: Ranker[] = [first, ...(['tight-tree', 'longest-path'] as Ranker[]).filter((r) => r !== first)];
  const errors: string[] = [];
  for (const ranker of rankers) {
    try {
      return runDagre(columns, links, spacing, ranker);
    } catch (error) {
      errors.push(`${ranker}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new PlacementError(`dagre could not place the nodes (${errors.join('; ')})`);
}

function runDagre(columns: readonly Column[], links: readonly Link[], spacing: Spacing, ranker: Ranker): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({
    rankdir: spacing.direction,
    ranker,
    nodesep: spacing.nodeSep,
    ranksep: spacing.rankSep,
    edgesep: 20,
    marginx: 0,
    marginy: 0,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  const columnOf = new Map<string, string>();
  for (const column of columns) {
    graph.setNode(column.key, { width: column.width, height: column.height });
    for (const member of column.members) columnOf.set(member.key, column.key);
  }
  for (const link of links) {
    const from = columnOf.get(link.from) as string;
    const to = columnOf.get(link.to) as string;
    if (from === to) continue; // same column (or a loop): no rank relation to express
    const hint = rankHint(link, spacing.direction);
    const [v, w] = hint.reversed ? [to, from] : [from, to];
    graph.setEdge(v, w, { minlen: 1, weight: 1 }, String(link.index));
  }
  dagreLayout(graph);
  const horizontalFlow = spacing.direction === 'LR' || spacing.direction === 'RL';
  const centres = new Map<string, { x: number; y: number }>();
  for (const column of columns) {
    const laid = graph.node(column.key) as { x: number; y: number };
    if (!Number.isFinite(laid.x) || !Number.isFinite(laid.y)) throw new Error(`no position for ${column.key}`);
    for (const m of column.members) {
      centres.set(m.key, horizontalFlow ? { x: laid.x + m.along, y: laid.y + m.across } : { x: laid.x + m.across, y: laid.y + m.along });
    }
  }
  return centres;
}

/** A group (with its nodes) or a free node: what the top level places and moves as one block. */
interface Unit {
  key: string;
  box: Box;
  groupId: string | null;
  /** Node positions relative to the unit box's top-left corner. */
  members: Map<string, Box>;
}

const UNIT_GAP = 24;
const EMPTY_GROUP_HEIGHT = 40;

export function place(input: PlaceInput): Placement {
  const unitOf = new Map<string, string>();
  const units: Unit[] = [];
  const spacing: Spacing = { direction: input.direction, rankSep: input.rankSep, nodeSep: input.nodeSep };
  const nodeById = new Map(input.nodes.map((n) => [n.id, n] as const));
  for (const group of input.groups) {
    const key = `group:${group.id}`;
    for (const id of group.nodeIds) unitOf.set(id, key);
    units.push(layOutGroup(key, group, nodeById, input.edges, spacing));
  }
  for (const node of input.nodes) {
    if (node.group !== null) continue;
    const key = `node:${node.id}`;
    unitOf.set(node.id, key);
    units.push({
      key,
      box: { x: 0, y: 0, width: node.width, height: node.height },
      groupId: null,
      members: new Map([[node.id, { x: 0, y: 0, width: node.width, height: node.height }]]),
    });
  }
  const links: Link[] = [];
  input.edges.forEach((edge, index) => {
    const from = unitOf.get(edge.from);
    const to = unitOf.get(edge.to);
    if (from !== undefined && to !== undefined && from !== to) links.push({ ...edge, from, to, index });
  });
  const centres = placeItems(
    units.map((u) => ({ key: u.key, width: u.box.width, height: u.box.height })),
    links,
    { ...spacing, nodeSep: Math.max(spacing.nodeSep, UNIT_GAP + 16) },
    { alignStart: true },
  );
  for (const unit of units) {
    const c = centres.get(unit.key) as { x: number; y: number };
    unit.box = { ...unit.box, x: Math.round(c.x - unit.box.width / 2), y: Math.round(c.y - unit.box.height / 2) };
  }
  alignAcrossUnits(units, input, unitOf);
  separateUnits(units, crossVector(input.direction));
  const nodes = new Map<string, Box>();
  const groups = new Map<string, Box>();
  for (const unit of units) {
    if (unit.groupId !== null) groups.set(unit.groupId, unit.box);
    for (const [id, rel] of unit.members) nodes.set(id, { ...rel, x: unit.box.x + rel.x, y: unit.box.y + rel.y });
  }
  return { nodes, groups };
}

function layOutGroup(
  key: string,
  group: PlaceGroup,
  nodeById: ReadonlyMap<string, PlaceNode>,
  edges: readonly PlaceEdge[],
  spacing: Spacing,
): Unit {
  const members = new Map<string, Box>();
  if (group.nodeIds.length === 0) {
    const width = Math.max(group.minWidth, 120);
    return { key, box: { x: 0, y: 0, width, height: GROUP_HEADER_HEIGHT + EMPTY_GROUP_HEIGHT }, groupId: group.id, members };
  }
  const inGroup = new Set(group.nodeIds);
  const items = group.nodeIds.map((id) => {
    const node = nodeById.get(id) as PlaceNode;
    return { key: id, width: node.width, height: node.height };
  });
  const links: Link[] = [];
  edges.forEach((edge, index) => {
    if (inGroup.has(edge.from) && inGroup.has(edge.to)) links.push({ ...edge, index });
  });
  const centres = placeItems(items, links, spacing, { alignStart: false });
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const item of items) {
    const c = centres.get(item.key) as { x: number; y: number };
    const box = { x: Math.round(c.x - item.width / 2), y: Math.round(c.y - item.height / 2), width: item.width, height: item.height };
    members.set(item.key, box);
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.width);
    maxY = Math.max(maxY, box.y + box.height);
  }
  const contentWidth = maxX - minX;
  const width = Math.max(contentWidth + 2 * GROUP_PADDING, group.minWidth);
  const offsetX = Math.round((width - contentWidth) / 2) - minX;
  const offsetY = GROUP_HEADER_HEIGHT + GROUP_PADDING - minY;
  for (const [id, box] of members) members.set(id, { ...box, x: box.x + offsetX, y: box.y + offsetY });
  const height = maxY - minY + 2 * GROUP_PADDING + GROUP_HEADER_HEIGHT;
  return { key, box: { x: 0, y: 0, width, height }, groupId: group.id, members };
}

/**
 * Slides units along the flow axis so that edges leaving one unit sideways (across the flow, e.g.
 * bottom → top in LR) into another come out straight: each unit moves by the median offset of such
 * edges to units already settled, unless that would make it overlap another unit.
 */
function alignAcrossUnits(units: Unit[], input: PlaceInput, unitOf: ReadonlyMap<string, string>): void {
  const flow = flowVector(input.direction);
  const horizontalFlow = flow.y === 0;
  const byKey = new Map(units.map((u) => [u.key, u] as const));
  const along = (unit: Unit, nodeId: string): number => {
    const rel = unit.members.get(nodeId) as Box;
    return horizontalFlow ? unit.box.x + rel.x + rel.width / 2 : unit.box.y + rel.y + rel.height / 2;
  };
  const start = (unit: Unit): number => (horizontalFlow ? unit.box.x : unit.box.y);
  const end = (unit: Unit): number => (horizontalFlow ? unit.box.x + unit.box.width : unit.box.y + unit.box.height);
  const settled = new Set<string>();
  const order = units.slice().sort((a, b) => (horizontalFlow ? a.box.y - b.box.y || a.box.x - b.box.x : a.box.x - b.box.x || a.box.y - b.box.y));
  for (const unit of order) {
    const offsets: number[] = [];
    for (const edge of input.edges) {
      if (handlePull(edge, flow) !== 0 || (!edge.fromHandle && !edge.toHandle)) continue;
      const fromUnit = unitOf.get(edge.from);
      const toUnit = unitOf.get(edge.to);
      if (fromUnit === toUnit) continue;
      const [mine, theirs, theirUnit] =
        fromUnit === unit.key ? [edge.from, edge.to, toUnit] : toUnit === unit.key ? [edge.to, edge.from, fromUnit] : [null, null, undefined];
      if (mine === null || theirs === null || theirUnit === undefined || !settled.has(theirUnit)) continue;
      offsets.push(along(byKey.get(theirUnit) as Unit, theirs) - along(unit, mine));
    }
    if (offsets.length === 0 || settled.size === 0) {
      settled.add(unit.key);
      continue;
    }
    offsets.sort((a, b) => a - b);
    // Stay within the extent of the units already settled: lining up must not widen the drawing.
    const extentStart = Math.min(...[...settled].map((k) => start(byKey.get(k) as Unit)));
    const extentEnd = Math.max(...[...settled].map((k) => end(byKey.get(k) as Unit)));
    const wanted = offsets[Math.floor((offsets.length - 1) / 2)] as number;
    const low = extentStart - start(unit);
    const high = Math.max(low, extentEnd - end(unit));
    const shift = Math.round(Math.min(high, Math.max(low, wanted)));
    settled.add(unit.key);
    const moved = horizontalFlow ? { ...unit.box, x: unit.box.x + shift } : { ...unit.box, y: unit.box.y + shift };
    if (units.every((other) => other === unit || !boxesOverlap(moved, other.box, UNIT_GAP - 1))) unit.box = moved;
  }
}

/**
 * Removes any overlap left between units by moving units along the cross axis, in order, until each
 * clears every unit already settled. Dagre keeps blocks apart, so this is a safety net.
 */
function separateUnits(units: Unit[], cross: Vector): void {
  const key = (b: Box): number => (cross.y !== 0 ? b.y : b.x);
  const other = (b: Box): number => (cross.y !== 0 ? b.x : b.y);
  const order = units
    .map((unit, index) => ({ unit, index }))
    .sort((a, b) => key(a.unit.box) - key(b.unit.box) || other(a.unit.box) - other(b.unit.box) || a.index - b.index);
  const settled: Unit[] = [];
  for (const { unit } of order) {
    let moved = true;
    while (moved) {
      moved = false;
      for (const done of settled) {
        if (!boxesOverlap(unit.box, done.box, UNIT_GAP - 1)) continue;
        unit.box =
          cross.y !== 0
            ? { ...unit.box, y: done.box.y + done.box.height + UNIT_GAP }
            : { ...unit.box, x: done.box.x + done.box.width + UNIT_GAP };
        moved = true;
      }
    }
    settled.push(unit);
  }
}
