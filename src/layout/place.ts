/**
 * Node placement as swimlanes with global, aligned columns (the BPMN picture). Everything is computed
 * in an abstract left-to-right frame ("along" = the flow axis, "across" = the order axis) and turned
 * into the real direction at the end.
 *
 * 1. Handles become constraints: an edge whose handles point along the flow puts its target at least
 *    one column after its source (against the flow: before); one that points across the flow (bottom →
 *    top in LR) puts both ends in the SAME column, the target below the source. Edges without handles
 *    are forward constraints.
 * 2. Conflicts are broken deterministically: forward cycles by a depth-first search in declaration
 *    order (the edge that closes a cycle stops constraining); same-column wishes are merged in
 *    declaration order unless a forward path already separates the two columns (forward wins). A
 *    dropped wish is still drawn with its handles; it is only routed around.
 * 3. Columns: the whole graph is ranked at once, the same-column classes contracted to one node:
 *    by dagre's network-simplex ranking (column-rank.ts, the same ranks on flat arrays) up to
 *    RANKED_BY_SIMPLEX_MAX classes; above
 *    that (network-simplex takes seconds at 1,000 nodes) by longest path, then every class moves
 *    to the median of where its neighbours want it (within what its constraints allow) until
 *    nothing moves, which shortens edges the way network-simplex does.
 * 4. Lanes: each group is a band spanning the drawing, ordered so that "A above B" wishes between
 *    lanes hold (then by how many edges join a lane to the lanes above it, then declaration order);
 *    top-level nodes share one unboxed band. Inside a lane, nodes of one column stack in sub-rows,
 *    and a node keeps the row of its predecessor in the lane so chains stay straight.
 * 5. Column x positions are shared by all lanes, so an edge between lanes in one column is a straight
 *    drop. When the swimlanes would be more than 4 times longer than wide (and over 3,000 px) with
 *    lanes spanning on average less than a third of the columns (a staircase of groups: generated
 *    1,000-node drawings), or more than 4 times wider across the flow than along it, each lane
 *    becomes a compact block with its own columns and the blocks are packed in reading order on
 *    shelves; but when a single lane is longer across than the drawing is along (handles written
 *    for LR drawn TB, or the other way round), the caller is told to draw the lanes in the flow
 *    the handles ask for instead (`Placement.turn`, turnedFlow).
 * 6. Nested groups (a group inside a group) are drawn as boxes inside their parent's box: each group
 *    holding nodes of its own is a lane, the lanes of a group's subtree are kept together (the
 *    group's own lane first, then its subgroups in lane order), and each box is its children's
 *    band plus its own header and padding. Nested diagrams are always drawn as swimlanes.
 */
import type { Direction } from '../model/diagram.js';
import type { Side } from '../syntax/ast.js';
import type { Box } from './types.js';
import { unionBox } from './geometry.js';
import { GROUP_HEADER_HEIGHT, GROUP_PADDING } from './sizes.js';
import { RANKED_BY_SIMPLEX_MAX, rankClasses } from './column-rank.js';
import {
  MinQueue,
  constraintOf,
  crossVector,
  handlePull,
  resolveHandleConstraints,
} from './constraints.js';
import { maxOf, minOf } from '../util/arrays.js';
import {
  assignToRows,
  columnRows,
  planRows,
  stackRows,
  type RowAssignment,
  type RowPlan,
  type WrapMode,
} from './lanes-wrap.js';
import { BORDER_CLEARANCE, NODE_MARGIN } from './routing.js';

export { flowVector } from './constraints.js';

export interface PlaceNode {
  id: string;
  group: string | null;
  width: number;
  height: number;
}

export interface PlaceGroup {
  id: string;
  /** The enclosing group; null or absent at the top level. */
  parent?: string | null;
  /** The group's own nodes (not those of its subgroups). */
  nodeIds: string[];
  /** Smallest width that shows the title. */
  minWidth: number;
}

export interface PlaceEdge {
  from: string;
  to: string;
  fromHandle: Side | null;
  toHandle: Side | null;
  /** Room the edge's label needs along the flow when it sits between two columns, px. */
  labelRoom?: number;
}

export interface PlaceInput {
  direction: Direction;
  nodes: PlaceNode[];
  groups: PlaceGroup[];
  edges: PlaceEdge[];
  /** Smallest space between columns (ranks), px; a gap holding a label is widened to its labelRoom. */
  rankSep: number;
  /** Space between neighbours in a column, px. */
  nodeSep: number;
  /**
   * How much the spacing was multiplied for a retry (index.ts widens it when a label finds no room);
   * the choice between swimlanes and packed blocks is made at spread 1 so a retry keeps the picture.
   */
  spread?: number;
  /**
   * Wrap aligned swimlanes into rows (lanes-wrap.ts): two or more, as many as bring the drawing
   * nearest 3:2. Ignored for nested groups and packed blocks. 'bands': cut where the rows hold
   * few bands and the cut edges do not cross, then nodes moved between rows (assignToRows);
   * 'columns': cut where the fewest edges cross, every column in one row.
   */
  wrap?: WrapMode | false;
  /**
   * Answer `Placement.turn` when the swimlanes would be far wider across the flow than along it
   * (handles written for the other flow): set by the caller's first attempt only, so a turned
   * drawing is never turned back.
   */
  turn?: boolean;
}

export interface Placement {
  nodes: Map<string, Box>;
  /** Group boxes, header band included (at the top); wrapped lanes: the band in the first row. */
  groups: Map<string, Box>;
  /**
   * Wrapped lanes: each group's bands after its first, in row order (a group has a band only in
   * the rows that hold its nodes; absent when not wrapped).
   */
  continued?: Map<string, Box[]>;
  /** Wrapped lanes: each row's box (the union of its bands), in row order (absent when not wrapped). */
  rows?: Box[];
  /**
   * Wrapped by bands: whether the wrap by columns would put every node in the same row and column
   * (then it is the same drawing, and index.ts draws it only once).
   */
  columnsAlike?: boolean;
  /**
   * With PlaceInput.turn, when the handles run across the requested flow (`turnedFlow`): the flow
   * to draw the lanes in instead (the caller lays the diagram out again in it; this placement is
   * then only the unfinished aligned lanes).
   */
  turn?: Direction;
}

export class PlacementError extends Error {}

/** Gap between lanes (routes between lanes run in it), px. */
const LANE_GAP = 28;
const EMPTY_LANE_ACROSS = 40;
const EMPTY_LANE_ALONG = 120;
/** Swimlanes wider than this many times their height (and than BLOCKS_MIN_ALONG) become packed blocks... */
const MAX_LANE_ASPECT = 4;
/**
 * ...when stretched along the flow, only if the lanes are mostly empty: each spans on average less
 * than this share of the columns (a staircase of groups, generated drawings: 0.06-0.22). Packing
 * cannot shorten lanes that span most of the drawing; it only breaks their alignment
 * (user-authentication LR, lanes spanning 0.42: aligned 4620x898 with 9 crossings and 24 bends,
 * packed 1397x1010 with 10 crossings, 42 bends and routes running back across the whole drawing).
 */
const MAX_PACKED_LANE_SPAN = 1 / 3;
const BLOCKS_MIN_ALONG = 3000;

/**
 * Room reserved for a lane's header band: the band, plus a clearance so that a route running above
 * the lane's first row (12 px off the nodes) still leaves its label clear of the band.
 */
const HEADER_ROOM = GROUP_HEADER_HEIGHT + 14;

interface Lane {
  /** Group id, or null for the band of top-level nodes. */
  groupId: string | null;
  declared: number;
  minWidth: number;
  nodes: number[];
}

interface Frame {
  horizontal: boolean;
  /** +1 when the flow runs towards growing x (LR) or y (TB). */
  sign: 1 | -1;
  /** Along-axis room reserved for the header band before the first column (TB) or after the last (BT), clearance included. */
  headerBefore: number;
  headerAfter: number;
  /** Across-axis room for the header band (LR, RL: the band is at the lane's top). */
  headerAcross: number;
}

function frameOf(direction: Direction): Frame {
  const horizontal = direction === 'LR' || direction === 'RL';
  return {
    horizontal,
    sign: direction === 'LR' || direction === 'TB' ? 1 : -1,
    headerBefore: direction === 'TB' ? HEADER_ROOM : 0,
    headerAfter: direction === 'BT' ? HEADER_ROOM : 0,
    headerAcross: horizontal ? HEADER_ROOM : 0,
  };
}

export function place(input: PlaceInput): Placement {
  const frame = frameOf(input.direction);
  const count = input.nodes.length;
  const indexOf = new Map(input.nodes.map((n, k) => [n.id, k] as const));
  const along = input.nodes.map((n) => (frame.horizontal ? n.width : n.height));
  const across = input.nodes.map((n) => (frame.horizontal ? n.height : n.width));

  const forward: Array<[number, number]> = [];
  /** Per forward constraint: does it come from written handles (1) or from an edge without any (0)? */
  const written: number[] = [];
  const columnWishes: Array<[number, number]> = [];
  /** The edge's source → target of each wish, in the same order. */
  const wishEdges: Array<[number, number]> = [];
  const labelled: Array<[number, number]> = [];
  /** Forward edges whose handles put the target above the source (right -> bottom in LR), source first. */
  const rising: Array<[number, number]> = [];
  /** Forward edges whose handles also point across the flow (right -> top in LR): [upper end, lower end]. */
  const leaning: Array<[number, number]> = [];
  for (const edge of input.edges) {
    const from = indexOf.get(edge.from);
    const to = indexOf.get(edge.to);
    if (from === undefined || to === undefined)
      throw new PlacementError(`edge ${edge.from} -> ${edge.to} names an unknown node`);
    if (from === to) continue;
    const c = constraintOf(edge, from, to, input.direction);
    if (c.kind === 'forward') {
      forward.push([c.before, c.after]);
      written.push(edge.fromHandle || edge.toHandle ? 1 : 0);
      if (edge.labelRoom) labelled.push([c.before, edge.labelRoom]);
      const crossPull = handlePull(edge, crossVector(input.direction));
      if (c.before === from && crossPull < 0) rising.push([from, to]);
      if (crossPull !== 0) leaning.push(crossPull > 0 ? [from, to] : [to, from]);
    } else {
      columnWishes.push([c.above, c.below]);
      wishEdges.push([from, to]);
    }
  }
  const classes = resolveHandleConstraints(count, forward, written, columnWishes, wishEdges);
  const keptForward = classes.forward;
  const aboveOrder = classes.aboveOrder;
  const ranked = rankNodes(classes.root, keptForward);

  const lanes = buildLanes(input, indexOf);
  const laneOf = new Array<number>(count).fill(0);
  lanes.forEach((lane, l) => lane.nodes.forEach((v) => (laneOf[v] = l)));
  const laneOrder = orderLanes(lanes, laneOf, columnWishes, leaning, forward, ranked.rank);
  const nested = input.groups.some((g) => g.parent !== null && g.parent !== undefined);

  const rows = assignRows(lanes, laneOf, ranked.rank, ranked.key, aboveOrder, keptForward, rising);
  const room = borderRoom(input, indexOf, frame, laneOf, laneOrder);
  const sizes: Sizes = { along, across, rank: ranked.rank, row: rows, room };
  // A forward edge's label sits in the gap after its source's column: only that gap is widened.
  const columnCount = count === 0 ? 0 : maxOf(ranked.rank) + 1;
  const gaps = new Array<number>(columnCount).fill(input.rankSep);
  for (const [v, room] of labelled)
    gaps[ranked.rank[v] as number] = Math.max(gaps[ranked.rank[v] as number] as number, room);
  const spacing = { rankSep: input.rankSep, nodeSep: input.nodeSep, gaps };
  // The choice between swimlanes and blocks is made at spread 1, so the wider retries of the label
  // placement (index.ts) never switch a diagram from one picture to the other.
  const spread = input.spread ?? 1;
  if (nested) {
    const geometry = nestedSwimlanes(input.groups, lanes, laneOrder, sizes, frame, spacing);
    return toPlacement(input, geometry, frame);
  }
  const nominal = swimlanes(lanes, laneOrder, sizes, frame, {
    rankSep: spacing.rankSep / spread,
    nodeSep: spacing.nodeSep / spread,
    gaps: gaps.map((gap) => gap / spread),
  });
  const stretched = (long: number, short: number): boolean =>
    long > MAX_LANE_ASPECT * short && long > BLOCKS_MIN_ALONG;
  const staircase = meanLaneSpan(lanes, ranked.rank, columnCount) < MAX_PACKED_LANE_SPAN;
  const blocks =
    lanes.length > 1 &&
    ((staircase && stretched(nominal.alongExtent, nominal.acrossExtent)) ||
      stretched(nominal.acrossExtent, nominal.alongExtent));
  // Leaning edges say which lane should lie next under which in the aligned picture; blocks are
  // read in order instead, and there they cost crossings (api-gateway TB 23 -> 25).
  if (!blocks && input.wrap) {
    // The rows and cuts are chosen at spread 1 too, so a retry keeps them.
    const links = edgeLinks(input.edges, indexOf);
    const byBands = input.wrap === 'bands';
    const plan = planRows(nominal, ranked.rank, along, links, byBands ? laneOf : null);
    if (plan) {
      const assigned = byBands
        ? assignToRows(plan.starts, ranked.rank, laneOf, rows, links)
        : columnRows(plan.starts, ranked.rank, links);
      const geometry = wrappedSwimlanes(lanes, laneOrder, sizes, frame, spacing, plan, assigned);
      // The wrap by columns alone: does it put any node in another row or column?
      const other = byBands ? planRows(nominal, ranked.rank, along, links, null) : null;
      const alike =
        other !== null &&
        other.starts.join() === plan.starts.join() &&
        sameRows(columnRows(other.starts, ranked.rank, links), assigned);
      return {
        ...toPlacement(input, geometry, frame),
        ...(byBands ? { columnsAlike: alike } : {}),
      };
    }
  }
  // Turned only when a single lane is longer across the flow than the whole drawing along it: its
  // nodes stack across (the handles), not merely many lanes side by side (24 copies of CQRS).
  const widestLane = maxOf(nominal.lanes.map((l) => l.across1 - l.across0));
  if (
    input.turn &&
    lanes.length > 1 &&
    stretched(nominal.acrossExtent, nominal.alongExtent) &&
    widestLane > nominal.alongExtent
  )
    return {
      ...toPlacement(input, nominal, frame),
      turn: turnedFlow(input.edges, frame.horizontal),
    };
  const geometry = blocks
    ? packedBlocks(
        lanes,
        orderLanes(lanes, laneOf, columnWishes, [], forward, ranked.rank),
        laneComponents(lanes.length, laneOf, [...forward, ...columnWishes]),
        sizes,
        frame,
        spacing,
      )
    : swimlanes(lanes, laneOrder, sizes, frame, spacing);
  return toPlacement(input, geometry, frame);
}

/** Whether two row assignments put every node in the same row and column. */
function sameRows(a: RowAssignment, b: RowAssignment): boolean {
  return a.rowOf.every((k, v) => k === b.rowOf[v] && a.column[v] === b.column[v]);
}

/**
 * The flow the written handles ask for when swimlanes in the requested flow would be more than
 * MAX_LANE_ASPECT times wider across it than along it: handles written for LR drawn TB (every
 * step inside a group leaves right and enters left, so a lane cannot run down the page), or the
 * other way round. The lanes are then drawn as that flow draws them, one band after another with
 * aligned columns, so an edge between lanes whose handles put its ends in one column is a straight
 * drop. Before, each lane became a packed block with its own columns: saga-orchestration TB
 * 3.28 times wider than tall with 38 crossings (LR: 1.34 and 4), event-sourcing TB 3.28 (LR 2.52).
 * The opposite of the requested flow's axis: LR (TB) unless more handles point the other way.
 */
function turnedFlow(edges: readonly PlaceEdge[], horizontal: boolean): Direction {
  const [forward, backward]: [Side, Side] = horizontal ? ['bottom', 'top'] : ['right', 'left'];
  let votes = 0;
  for (const edge of edges) {
    if (edge.fromHandle === forward || edge.toHandle === backward) votes++;
    if (edge.fromHandle === backward || edge.toHandle === forward) votes--;
  }
  if (horizontal) return votes >= 0 ? 'TB' : 'BT';
  return votes >= 0 ? 'LR' : 'RL';
}

/** The edges as node index pairs, self-loops left out. */
function edgeLinks(
  edges: readonly PlaceEdge[],
  indexOf: ReadonlyMap<string, number>,
): Array<[number, number]> {
  const links: Array<[number, number]> = [];
  for (const edge of edges) {
    const a = indexOf.get(edge.from) as number;
    const b = indexOf.get(edge.to) as number;
    if (a !== b) links.push([a, b]);
  }
  return links;
}

/** The share of the columns a lane spans (first to last column of its nodes), averaged over the non-empty lanes. */
function meanLaneSpan(
  lanes: readonly Lane[],
  rank: readonly number[],
  columnCount: number,
): number {
  let total = 0;
  let counted = 0;
  for (const lane of lanes) {
    if (lane.nodes.length === 0) continue;
    let first = Infinity;
    let last = -Infinity;
    for (const v of lane.nodes) {
      first = Math.min(first, rank[v] as number);
      last = Math.max(last, rank[v] as number);
    }
    total += (last - first + 1) / columnCount;
    counted++;
  }
  return counted === 0 ? 1 : total / counted;
}

export interface Ranked {
  /** Column of every node, 0-based and without empty columns. */
  rank: number[];
  /** Order key inside a column (smaller is nearer the top in LR). */
  key: number[];
}

/**
 * Columns for the classes (`root[v]` is v's class): dagre's network simplex up to
 * RANKED_BY_SIMPLEX_MAX classes, else longest path shortened by median sweeps (exported for tests).
 */
export function rankNodes(
  root: readonly number[],
  forward: ReadonlyArray<[number, number]>,
): Ranked {
  const count = root.length;
  if (count === 0) return { rank: [], key: [] };
  const classes = root.reduce((n, r, v) => n + (r === v ? 1 : 0), 0);
  // Network-simplex ranking where it is affordable; our linear-time pass beyond that.
  const bySimplex = classes <= RANKED_BY_SIMPLEX_MAX ? rankClasses(root, forward) : null;
  if (bySimplex)
    return { rank: compress(root.map((r) => bySimplex[r] as number)), key: root.slice() };
  const rank = shortenEdges(root, forward, longestPathRanks(count, root, forward));
  // Inside a column, classes keep declaration order (a class is keyed by its first node).
  return { rank: compress(rank), key: root.slice() };
}

/**
 * Moves every class to the rank that makes its edges shortest (the median of where its neighbours
 * want it, within the range its predecessors and successors allow), sweeping forwards and backwards
 * until nothing moves: coordinate descent on the total edge length, the quantity network-simplex
 * minimises, in a few near-linear sweeps: the ranking of graphs too big for dagre's network-simplex.
 */
function shortenEdges(
  root: readonly number[],
  forward: ReadonlyArray<[number, number]>,
  start: number[],
): number[] {
  const count = root.length;
  const preds: number[][] = Array.from({ length: count }, () => []);
  const succs: number[][] = Array.from({ length: count }, () => []);
  for (const [a, b] of forward) {
    const u = root[a] as number;
    const w = root[b] as number;
    if (u === w) continue;
    (succs[u] as number[]).push(w);
    (preds[w] as number[]).push(u);
  }
  const rank = new Int32Array(count);
  for (let v = 0; v < count; v++) rank[v] = start[v] as number;
  const classes = [...new Set(root)].sort(
    (a, b) => (rank[a] as number) - (rank[b] as number) || a - b,
  );
  const wants: number[] = [];
  for (let sweep = 0; sweep < 12; sweep++) {
    let moved = false;
    const order = sweep % 2 === 0 ? classes : classes.slice().reverse();
    for (const v of order) {
      const p = preds[v] as number[];
      const q = succs[v] as number[];
      if (p.length + q.length === 0) continue;
      let low = -Infinity;
      let high = Infinity;
      wants.length = 0;
      for (const u of p) {
        low = Math.max(low, (rank[u] as number) + 1);
        wants.push((rank[u] as number) + 1);
      }
      for (const w of q) {
        high = Math.min(high, (rank[w] as number) - 1);
        wants.push((rank[w] as number) - 1);
      }
      wants.sort((a, b) => a - b);
      // Lower median: on an even split the earlier rank, which keeps drawings compact and stable.
      const median = wants[(wants.length - 1) >> 1] as number;
      const best = Math.min(high, Math.max(low, median));
      if (best !== rank[v]) {
        rank[v] = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return root.map((r) => rank[r] as number);
}

/** Longest-path ranks over the classes; sources move up next to their first successor. */
function longestPathRanks(
  count: number,
  root: readonly number[],
  forward: ReadonlyArray<[number, number]>,
): number[] {
  const succ: number[][] = Array.from({ length: count }, () => []);
  const indegree = new Int32Array(count);
  for (const [a, b] of forward) {
    const u = root[a] as number;
    const w = root[b] as number;
    if (u === w) continue;
    (succ[u] as number[]).push(w);
    indegree[w] = (indegree[w] as number) + 1;
  }
  const classRank = new Int32Array(count);
  const topo: number[] = [];
  const queue = new MinQueue();
  for (let v = 0; v < count; v++) if (root[v] === v && indegree[v] === 0) queue.push(v);
  while (queue.size > 0) {
    const u = queue.pop();
    topo.push(u);
    for (const w of succ[u] as number[]) {
      classRank[w] = Math.max(classRank[w] as number, (classRank[u] as number) + 1);
      indegree[w] = (indegree[w] as number) - 1;
      if (indegree[w] === 0) queue.push(w);
    }
  }
  const hasPred = new Uint8Array(count);
  for (const u of topo) for (const w of succ[u] as number[]) hasPred[w] = 1;
  for (let k = topo.length - 1; k >= 0; k--) {
    const u = topo[k] as number;
    if (hasPred[u] || (succ[u] as number[]).length === 0) continue;
    classRank[u] = minOf((succ[u] as number[]).map((w) => classRank[w] as number)) - 1;
  }
  return root.map((r) => classRank[r] as number);
}

/** Renumbers ranks 0, 1, 2, … keeping their order and dropping unused values. */
function compress(rank: number[]): number[] {
  const values = [...new Set(rank)].sort((a, b) => a - b);
  const map = new Map(values.map((v, k) => [v, k] as const));
  return rank.map((r) => map.get(r) as number);
}

/**
 * One lane per group that holds nodes of its own or nothing at all (an empty box), and one for the
 * top-level nodes. A group holding only groups has no lane: its box is drawn around theirs.
 */
function buildLanes(input: PlaceInput, indexOf: ReadonlyMap<string, number>): Lane[] {
  const parents = new Set(input.groups.map((g) => g.parent));
  const lanes: Lane[] = input.groups.flatMap((g, k) =>
    g.nodeIds.length === 0 && parents.has(g.id)
      ? []
      : [
          {
            groupId: g.id,
            declared: k + 1,
            minWidth: g.minWidth,
            nodes: g.nodeIds
              .map((id) => indexOf.get(id))
              .filter((v): v is number => v !== undefined),
          },
        ],
  );
  const free = input.nodes.flatMap((n, k) => (n.group === null ? [k] : []));
  if (free.length > 0) lanes.push({ groupId: null, declared: 0, minWidth: 0, nodes: free });
  return lanes;
}

/**
 * Lane order, top to bottom: a lane goes only after the lanes some "above" wish puts above it (the
 * lane with the fewest such wishes unmet when they conflict); then, softer, after the lanes that
 * forward edges leaning across the flow come down from (right -> top in LR: "User service" ->
 * "Collect responses" enters from above, so Backends goes above Aggregation and the edges drop
 * straight in instead of hooking over); among the ready ones, the lane most
 * joined to the lane just placed (then to all placed), then the one whose nodes start earliest, then
 * declaration order. Exported for the tests (an O(L³) reference).
 */
export function orderLanes(
  lanes: readonly Lane[],
  laneOf: readonly number[],
  wishes: ReadonlyArray<[number, number]>,
  leaning: ReadonlyArray<[number, number]>,
  forward: ReadonlyArray<[number, number]>,
  rank: readonly number[],
): number[] {
  const n = lanes.length;
  const above = Array.from({ length: n }, () => new Int32Array(n)); // above[a][b]: wishes "a above b"
  const leans = Array.from({ length: n }, () => new Int32Array(n)); // leans[a][b]: forward edges leaning from a down to b
  for (const [a, b] of leaning) {
    const la = laneOf[a] as number;
    const lb = laneOf[b] as number;
    if (la !== lb) (leans[la] as Int32Array)[lb] = ((leans[la] as Int32Array)[lb] as number) + 1;
  }
  const joined = Array.from({ length: n }, () => new Int32Array(n)); // joined[a][b]: edges between a and b, symmetric
  const join = (la: number, lb: number): void => {
    (joined[la] as Int32Array)[lb] = ((joined[la] as Int32Array)[lb] as number) + 1;
    (joined[lb] as Int32Array)[la] = ((joined[lb] as Int32Array)[la] as number) + 1;
  };
  for (const [a, b] of wishes) {
    const la = laneOf[a] as number;
    const lb = laneOf[b] as number;
    if (la === lb) continue;
    (above[la] as Int32Array)[lb] = ((above[la] as Int32Array)[lb] as number) + 1;
    join(la, lb);
  }
  for (const [a, b] of forward) {
    const la = laneOf[a] as number;
    const lb = laneOf[b] as number;
    if (la !== lb) join(la, lb);
  }
  const firstRank = lanes.map((lane) =>
    lane.nodes.length === 0 ? Infinity : minOf(lane.nodes.map((v) => rank[v] as number)),
  );
  // Per unplaced lane, kept as running sums over the lanes still unplaced (or placed), updated
  // when a lane is placed, so each step is O(L) instead of O(L²): 840 lanes took seconds.
  // unmet[l]: "o above l" wishes from unplaced lanes o; unmetLeans[l]: forward edges leaning from
  // unplaced lanes down to l minus those from l to them; toPlaced[l]: edges to placed lanes.
  const unmet = new Int32Array(n);
  const unmetLeans = new Int32Array(n);
  const toPlaced = new Int32Array(n);
  for (let l = 0; l < n; l++)
    for (let o = 0; o < n; o++) {
      if (o === l) continue;
      unmet[l] = (unmet[l] as number) + ((above[o] as Int32Array)[l] as number);
      unmetLeans[l] =
        (unmetLeans[l] as number) +
        ((leans[o] as Int32Array)[l] as number) -
        ((leans[l] as Int32Array)[o] as number);
    }
  const placed: number[] = [];
  const done = new Uint8Array(n);
  while (placed.length < n) {
    let best = -1;
    let bestScore: number[] = [];
    const last = placed[placed.length - 1];
    for (let l = 0; l < n; l++) {
      if (done[l]) continue;
      const toLast = last === undefined ? 0 : ((joined[l] as Int32Array)[last] as number);
      const score = [
        unmet[l] as number,
        Math.max(0, unmetLeans[l] as number),
        -toLast,
        -(toPlaced[l] as number),
        firstRank[l] as number,
        (lanes[l] as Lane).declared,
      ];
      if (best < 0 || lexLess(score, bestScore)) {
        best = l;
        bestScore = score;
      }
    }
    done[best] = 1;
    placed.push(best);
    const aboveBest = above[best] as Int32Array;
    const leansBest = leans[best] as Int32Array;
    for (let l = 0; l < n; l++) {
      if (done[l]) continue;
      unmet[l] = (unmet[l] as number) - (aboveBest[l] as number);
      unmetLeans[l] =
        (unmetLeans[l] as number) -
        ((leansBest[l] as number) - ((leans[l] as Int32Array)[best] as number));
      toPlaced[l] = (toPlaced[l] as number) + ((joined[l] as Int32Array)[best] as number);
    }
  }
  return improveLaneOrder(placed, above, leans, joined);
}

/**
 * Swaps neighbouring lanes while that shortens the edges between lanes (the sum of lane distances
 * they span) without breaking an "above" wish the order keeps. A few passes are enough.
 */
export function improveLaneOrder(
  order: number[],
  above: readonly Int32Array[],
  leans: readonly Int32Array[],
  joined: readonly Int32Array[],
): number[] {
  const n = order.length;
  const position = new Int32Array(n);
  order.forEach((l, k) => (position[l] = k));
  const linked = Array.from({ length: n }, (_, l) =>
    order.filter((o) => o !== l && ((joined[l] as Int32Array)[o] as number) > 0),
  );
  // Change of total span if lanes a (at k) and b (at k + 1) swap.
  const gain = (a: number, b: number): number => {
    let delta = 0;
    for (const o of linked[a] as number[]) {
      if (o === b) continue;
      const w = (joined[a] as Int32Array)[o] as number;
      delta +=
        w *
        (Math.abs((position[b] as number) - (position[o] as number)) -
          Math.abs((position[a] as number) - (position[o] as number)));
    }
    for (const o of linked[b] as number[]) {
      if (o === a) continue;
      const w = (joined[b] as Int32Array)[o] as number;
      delta +=
        w *
        (Math.abs((position[a] as number) - (position[o] as number)) -
          Math.abs((position[b] as number) - (position[o] as number)));
    }
    return delta;
  };
  for (let pass = 0; pass < 8; pass++) {
    let improved = false;
    for (let k = 0; k + 1 < n; k++) {
      const a = order[k] as number;
      const b = order[k + 1] as number;
      if (((above[a] as Int32Array)[b] as number) > 0) continue;
      if (((leans[a] as Int32Array)[b] as number) > ((leans[b] as Int32Array)[a] as number))
        continue;
      if (gain(a, b) >= 0) continue;
      order[k] = b;
      order[k + 1] = a;
      position[a] = k + 1;
      position[b] = k;
      improved = true;
    }
    if (!improved) break;
  }
  return order;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) {
    if ((a[k] as number) !== (b[k] as number)) return (a[k] as number) < (b[k] as number);
  }
  return false;
}

/**
 * Sub-row of every node in its lane. A column's nodes in a lane are stacked in cross order (the
 * "above" wishes, then declaration order); each takes the row of its lowest-row predecessor in the lane
 * when that is free, so a chain stays on one line. Unused rows are removed.
 */
function assignRows(
  lanes: readonly Lane[],
  laneOf: readonly number[],
  rank: readonly number[],
  key: readonly number[],
  aboveOrder: readonly number[],
  forward: ReadonlyArray<[number, number]>,
  rising: ReadonlyArray<[number, number]>,
): number[] {
  const count = rank.length;
  const preds: number[][] = Array.from({ length: count }, () => []);
  for (const [a, b] of forward) if (laneOf[a] === laneOf[b]) (preds[b] as number[]).push(a);
  // A node entering a later node of its lane from below (right -> bottom) and with no predecessor
  // there to line up with starts a sub-row under the lane's first one, so its edge rises into the
  // target instead of hooking round it, and the row it would have shared stays free for the
  // target's straight entries (user-authentication: "Store token" -> End, under "Show error" -> End).
  const risesInLane = new Uint8Array(count);
  for (const [a, b] of rising) if (laneOf[a] === laneOf[b]) risesInLane[a] = 1;
  const row = new Array<number>(count).fill(0);
  for (const lane of lanes) {
    const sorted = lane.nodes
      .slice()
      .sort(
        (a, b) =>
          (rank[a] as number) - (rank[b] as number) ||
          (key[a] as number) - (key[b] as number) ||
          (aboveOrder[a] as number) - (aboveOrder[b] as number) ||
          a - b,
      );
    let previousRank = -1;
    let previousRow = -1;
    for (const v of sorted) {
      if (rank[v] !== previousRank) {
        previousRank = rank[v] as number;
        previousRow = -1;
      }
      let wanted = 0;
      const placedPreds = (preds[v] as number[]).filter(
        (u) => (rank[u] as number) < (rank[v] as number),
      );
      if (placedPreds.length > 0) wanted = minOf(placedPreds.map((u) => row[u] as number));
      else if (risesInLane[v]) wanted = 1;
      row[v] = Math.max(previousRow + 1, wanted);
      previousRow = row[v] as number;
    }
    const used = [...new Set(lane.nodes.map((v) => row[v] as number))].sort((a, b) => a - b);
    const renumber = new Map(used.map((r, k) => [r, k] as const));
    for (const v of lane.nodes) row[v] = renumber.get(row[v] as number) as number;
  }
  return row;
}

interface Sizes {
  along: number[];
  across: number[];
  rank: number[];
  row: number[];
  /** Per node, the room its lane keeps between it and the lane's border before / after it, px. */
  room: { before: number[]; after: number[] };
}

/** Room between a node's side and its lane's border for a stub and a turn kept off the border, px. */
const TURN_ROOM = NODE_MARGIN + BORDER_CLEARANCE;

/**
 * Per node, the room its lane must keep across the flow before it (the top in LR, the left in TB)
 * and after it: `TURN_ROOM` on a side with a written handle whose route turns inside the lane (its
 * other end in the same lane, or in a lane on the other side), so that the stub and the turn keep
 * `BORDER_CLEARANCE` from the border (user-authentication's "Retry" into the bottom of a node 18 px
 * from its lane's border ran 6 px inside it). A route to a lane beyond that border crosses it
 * straight and needs no room.
 */
function borderRoom(
  input: PlaceInput,
  indexOf: ReadonlyMap<string, number>,
  frame: Frame,
  laneOf: readonly number[],
  laneOrder: readonly number[],
): { before: number[]; after: number[] } {
  const count = input.nodes.length;
  const before = new Array<number>(count).fill(0);
  const after = new Array<number>(count).fill(0);
  const position = new Array<number>(laneOrder.length).fill(0);
  laneOrder.forEach((l, k) => (position[l] = k));
  const [beforeSide, afterSide]: [Side, Side] = frame.horizontal
    ? ['top', 'bottom']
    : ['left', 'right'];
  const mark = (v: number, side: Side | null, other: number): void => {
    if (side !== beforeSide && side !== afterSide) return;
    const own = position[laneOf[v] as number] as number;
    const far = position[laneOf[other] as number] as number;
    if (side === beforeSide && far >= own) before[v] = TURN_ROOM;
    if (side === afterSide && far <= own) after[v] = TURN_ROOM;
  };
  for (const edge of input.edges) {
    const from = indexOf.get(edge.from);
    const to = indexOf.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    mark(from, edge.fromHandle, to);
    mark(to, edge.toHandle, from);
  }
  return { before, after };
}

interface Spacing {
  rankSep: number;
  nodeSep: number;
  /** Gap after each column (global ranks); rankSep where absent. */
  gaps?: readonly number[];
}

/**
 * Positions in the abstract frame: node centres, lane boxes (along and across intervals; wrapped
 * lanes list a group once per row, the first row first).
 */
export interface Geometry {
  centreAlong: number[];
  centreAcross: number[];
  lanes: Array<{
    groupId: string | null;
    along0: number;
    along1: number;
    across0: number;
    across1: number;
    /** Wrapped lanes: the row the band lies in. */
    row?: number;
  }>;
  alongExtent: number;
  acrossExtent: number;
}

/** Column starts for the given column widths and the gap after each column. */
function columnStarts(widths: readonly number[], gapAfter: (column: number) => number): number[] {
  const starts: number[] = [];
  let cursor = 0;
  widths.forEach((w, c) => {
    starts.push(cursor);
    cursor += w + gapAfter(c);
  });
  return starts;
}

/**
 * Global columns along the flow: each as wide as its widest node, `spacing.gaps[c]` (or rankSep)
 * after column c. Gives the content's length along and each node's centre along (the middle of
 * its column).
 */
function globalColumns(
  sizes: Sizes,
  spacing: Spacing,
): { contentAlong: number; centreAlong: number[] } {
  const count = sizes.rank.length;
  const columnCount = count === 0 ? 0 : maxOf(sizes.rank) + 1;
  const widths = new Array<number>(columnCount).fill(0);
  for (let v = 0; v < count; v++) {
    const c = sizes.rank[v] as number;
    widths[c] = Math.max(widths[c] as number, sizes.along[v] as number);
  }
  const starts = columnStarts(widths, (c) => spacing.gaps?.[c] ?? spacing.rankSep);
  const contentAlong =
    columnCount === 0
      ? EMPTY_LANE_ALONG
      : (starts[columnCount - 1] as number) + (widths[columnCount - 1] as number);
  const centreAlong = sizes.rank.map(
    (c) => (starts[c] as number) + Math.round((widths[c] as number) / 2),
  );
  return { contentAlong, centreAlong };
}

/** Across layout of one lane's rows: row starts relative to the lane's content start, and the content size. */
function laneRows(
  lane: Lane,
  sizes: Sizes,
  nodeSep: number,
): { starts: number[]; heights: number[]; size: number } {
  const heights: number[] = [];
  for (const v of lane.nodes) {
    const r = sizes.row[v] as number;
    heights[r] = Math.max(heights[r] ?? 0, sizes.across[v] as number);
  }
  const starts: number[] = [];
  let cursor = 0;
  for (let r = 0; r < heights.length; r++) {
    starts.push(cursor);
    cursor += (heights[r] ?? 0) + nodeSep;
  }
  return { starts, heights: heights.map((h) => h ?? 0), size: Math.max(0, cursor - nodeSep) };
}

/** Padding around a lane's nodes: a group lane has its padding; the top-level band has none. */
function padOf(lane: Lane): number {
  return lane.groupId === null ? 0 : GROUP_PADDING;
}

function swimlanes(
  lanes: readonly Lane[],
  order: readonly number[],
  sizes: Sizes,
  frame: Frame,
  spacing: Spacing,
): Geometry {
  const count = sizes.rank.length;
  const { contentAlong, centreAlong } = globalColumns(sizes, spacing);
  const hasGroups = lanes.some((l) => l.groupId !== null);
  const pad = hasGroups ? GROUP_PADDING : 0;
  let along0 = -pad - frame.headerBefore;
  let along1 = contentAlong + pad + frame.headerAfter;
  // Every lane spans the whole drawing: stretch it (symmetrically) to show the longest title.
  if (frame.horizontal) {
    const title = Math.max(0, ...lanes.map((l) => l.minWidth));
    if (along1 - along0 < title) {
      const extra = title - (along1 - along0);
      along0 -= Math.floor(extra / 2);
      along1 += Math.ceil(extra / 2);
    }
  }
  const centreAcross = new Array<number>(count).fill(0);
  const boxes: Geometry['lanes'] = [];
  let cursor = 0;
  for (const l of order) {
    const lane = lanes[l] as Lane;
    const rows = laneRows(lane, sizes, spacing.nodeSep);
    const isGroup = lane.groupId !== null;
    const headerAcross = isGroup ? frame.headerAcross : 0;
    const contentStart = cursor + headerAcross + padOf(lane);
    let size =
      headerAcross + 2 * padOf(lane) + (lane.nodes.length === 0 ? EMPTY_LANE_ACROSS : rows.size);
    if (!frame.horizontal && isGroup) size = Math.max(size, lane.minWidth);
    const extraAcross = Math.floor((size - headerAcross - 2 * padOf(lane) - rows.size) / 2);
    for (const v of lane.nodes) {
      const r = sizes.row[v] as number;
      centreAcross[v] =
        contentStart +
        Math.max(0, extraAcross) +
        (rows.starts[r] as number) +
        Math.round((rows.heights[r] as number) / 2);
    }
    // The room a node's handles need from the lane's borders (borderRoom), where the padding and
    // the row's height leave less: the lane grows by what is missing.
    let lackBefore = 0;
    let lackAfter = 0;
    if (isGroup)
      for (const v of lane.nodes) {
        const half = (sizes.across[v] as number) / 2;
        const centre = (centreAcross[v] as number) - cursor;
        lackBefore = Math.max(lackBefore, (sizes.room.before[v] as number) - (centre - half));
        lackAfter = Math.max(lackAfter, (sizes.room.after[v] as number) - (size - centre - half));
      }
    lackBefore = Math.ceil(lackBefore);
    lackAfter = Math.ceil(lackAfter);
    if (lackBefore > 0)
      for (const v of lane.nodes) centreAcross[v] = (centreAcross[v] as number) + lackBefore;
    size += lackBefore + lackAfter;
    if (isGroup)
      boxes.push({
        groupId: lane.groupId,
        along0,
        along1,
        across0: cursor,
        across1: cursor + size,
      });
    cursor += size + LANE_GAP;
  }
  return {
    centreAlong,
    centreAcross,
    lanes: boxes,
    alongExtent: along1 - along0,
    acrossExtent: Math.max(0, cursor - LANE_GAP),
  };
}

/**
 * The lanes wrapped into the planned rows (lanes-wrap.ts): each row laid out as swimlanes of its
 * own, every lane that has nodes in the row with only those (its own columns, the sub-rows it
 * uses), in the lanes' order, then the rows stacked with channels between them.
 */
function wrappedSwimlanes(
  lanes: readonly Lane[],
  order: readonly number[],
  sizes: Sizes,
  frame: Frame,
  spacing: Spacing,
  plan: RowPlan,
  assigned: RowAssignment,
): Geometry {
  const count = sizes.rank.length;
  const columnCount = count === 0 ? 0 : maxOf(sizes.rank) + 1;
  const rowOf = assigned.rowOf;
  const rows = plan.starts.map((start, k) => {
    const end = plan.starts[k + 1] ?? columnCount;
    const inRow = (v: number): boolean => rowOf[v] === k;
    const rowLanes = lanes.map((lane) => ({ ...lane, nodes: lane.nodes.filter(inRow) }));
    // Nodes of other rows stand in the row's first column with no length: they widen nothing.
    const rank = assigned.column.map((c, v) => (inRow(v) ? c - start : 0));
    const along = sizes.along.map((a, v) => (inRow(v) ? a : 0));
    // Each lane keeps the sub-rows its nodes in this row use, in order.
    const row = sizes.row.slice();
    for (const lane of rowLanes) {
      const used = [...new Set(lane.nodes.map((v) => sizes.row[v] as number))].sort(
        (a, b) => a - b,
      );
      for (const v of lane.nodes) row[v] = used.indexOf(sizes.row[v] as number);
    }
    const gaps = spacing.gaps?.slice(start, end);
    // A lane with no node in this row has no band in it (an empty band reads as a mistake); a lane
    // with no node anywhere keeps its one band in the first row.
    const kept = order.filter(
      (l) =>
        (rowLanes[l] as Lane).nodes.length > 0 ||
        (k === 0 && (lanes[l] as Lane).nodes.length === 0),
    );
    // A row of top-level nodes only keeps every band, so that each row has a box.
    const rowOrder = kept.some((l) => (lanes[l] as Lane).groupId !== null) ? kept : order;
    return swimlanes(
      rowLanes,
      rowOrder,
      { along, across: sizes.across, rank, row, room: sizes.room },
      frame,
      gaps ? { ...spacing, gaps } : spacing,
    );
  });
  // The title tabs lie where LR rows start; in RL that is where they end (no room needed there).
  const title =
    frame.horizontal && frame.sign > 0 ? Math.max(0, ...lanes.map((l) => l.minWidth)) : 0;
  return stackRows(rows, rowOf, assigned.severed, title);
}

/**
 * Per lane, a number naming its connected component: lanes are connected when an edge joins their
 * nodes (`links`: node index pairs). Numbers are the smallest lane index of each component.
 */
function laneComponents(
  laneCount: number,
  laneOf: readonly number[],
  links: ReadonlyArray<[number, number]>,
): number[] {
  const parent = Array.from({ length: laneCount }, (_, l) => l);
  const find = (l: number): number => {
    let root = l;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[l] !== root) {
      const next = parent[l] as number;
      parent[l] = root;
      l = next;
    }
    return root;
  };
  for (const [a, b] of links) {
    const ra = find(laneOf[a] as number);
    const rb = find(laneOf[b] as number);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  return parent.map((_, l) => find(l));
}

/**
 * Swimlanes with groups inside groups. Columns are global as in `swimlanes`. Across, a group's box
 * holds its header and padding, its own lane's rows, then its subgroups' boxes (each a gap from
 * the previous content); the subtrees stay in the order their first lane has in `order`. Along,
 * every level of nesting adds the padding (and, in TB/BT, the header room) around the level inside
 * it, so each box lies inside its parent's with room for the parent's header.
 */
function nestedSwimlanes(
  groups: readonly PlaceGroup[],
  lanes: readonly Lane[],
  order: readonly number[],
  sizes: Sizes,
  frame: Frame,
  spacing: Spacing,
): Geometry {
  const count = sizes.rank.length;
  const { contentAlong, centreAlong } = globalColumns(sizes, spacing);
  const centreAcross = new Array<number>(count).fill(0);

  const byId = new Map(groups.map((g) => [g.id, g] as const));
  const depth = new Map<string, number>();
  for (const g of groups) depth.set(g.id, g.parent ? (depth.get(g.parent) ?? 0) + 1 : 0);
  const maxDepth = Math.max(0, ...depth.values());
  const children = new Map<string | null, string[]>();
  for (const g of groups) {
    const parent = g.parent && byId.has(g.parent) ? g.parent : null;
    const list = children.get(parent);
    if (list) list.push(g.id);
    else children.set(parent, [g.id]);
  }
  // Where each subtree comes in the lane order: the first position of any lane inside it.
  const laneOfGroup = new Map<string, Lane>();
  const first = new Map<string | null, number>();
  order.forEach((l, position) => {
    const lane = lanes[l] as Lane;
    if (lane.groupId === null) return;
    laneOfGroup.set(lane.groupId, lane);
    for (let g: string | null | undefined = lane.groupId; g; g = byId.get(g)?.parent)
      if (!first.has(g)) first.set(g, position);
  });
  const byFirst = (ids: readonly string[]): string[] =>
    [...ids].sort((a, b) => (first.get(a) ?? Infinity) - (first.get(b) ?? Infinity));

  const pad = GROUP_PADDING;
  // Edges to a group often run between a box and its neighbour: the gap holds their labels, as
  // the space between the nodes of a column does.
  const gap = Math.max(LANE_GAP, spacing.nodeSep);
  // Along extent of the innermost level; level d adds (maxDepth - d) rings of padding and header.
  let along0 = -pad - frame.headerBefore;
  let along1 = contentAlong + pad + frame.headerAfter;
  const ring = (d: number): [number, number] => [
    (maxDepth - d) * (pad + frame.headerBefore),
    (maxDepth - d) * (pad + frame.headerAfter),
  ];
  if (frame.horizontal) {
    let extra = 0;
    for (const g of groups) {
      const [before, after] = ring(depth.get(g.id) ?? 0);
      extra = Math.max(extra, g.minWidth - (along1 - along0 + before + after));
    }
    along0 -= Math.floor(extra / 2);
    along1 += Math.ceil(extra / 2);
  }

  const boxes: Geometry['lanes'] = [];
  const placeRows = (lane: Lane, at: number, extra: number): number => {
    const rows = laneRows(lane, sizes, spacing.nodeSep);
    for (const v of lane.nodes) {
      const r = sizes.row[v] as number;
      centreAcross[v] =
        at + extra + (rows.starts[r] as number) + Math.round((rows.heights[r] as number) / 2);
    }
    return lane.nodes.length === 0 ? EMPTY_LANE_ACROSS : rows.size;
  };
  const placeGroup = (id: string, cursor: number): number => {
    const group = byId.get(id) as PlaceGroup;
    const d = depth.get(id) ?? 0;
    const start = cursor;
    let at = cursor + frame.headerAcross + pad;
    const own = laneOfGroup.get(id);
    const inner = byFirst(children.get(id) ?? []);
    let filled = false;
    if (own) {
      // A lane alone in a box too narrow for its title (TB) is centred in the widened box.
      const rowsSize = laneRows(own, sizes, spacing.nodeSep).size;
      const natural =
        frame.headerAcross + 2 * pad + (own.nodes.length === 0 ? EMPTY_LANE_ACROSS : rowsSize);
      const extra =
        !frame.horizontal && inner.length === 0
          ? Math.max(0, Math.floor((group.minWidth - natural) / 2))
          : 0;
      at += placeRows(own, at, extra);
      filled = true;
    }
    for (const child of inner) {
      if (filled) at += gap;
      at = placeGroup(child, at);
      filled = true;
    }
    if (!filled) at += EMPTY_LANE_ACROSS;
    let end = at + pad;
    if (!frame.horizontal) end = Math.max(end, start + group.minWidth);
    const [before, after] = ring(d);
    boxes.push({
      groupId: id,
      along0: along0 - before,
      along1: along1 + after,
      across0: start,
      across1: end,
    });
    return end;
  };

  // The top level: the band of top-level nodes and the top-level groups, in lane order.
  const freeLane = lanes.find((lane) => lane.groupId === null);
  const freePosition = freeLane ? order.indexOf(lanes.indexOf(freeLane)) : -1;
  const top: Array<string | null> = byFirst(children.get(null) ?? []);
  if (freeLane) {
    const at = top.findIndex((id) => (first.get(id) ?? Infinity) > freePosition);
    top.splice(at < 0 ? top.length : at, 0, null);
  }
  let cursor = 0;
  for (const id of top) {
    if (id === null) cursor += placeRows(freeLane as Lane, cursor, 0);
    else cursor = placeGroup(id, cursor);
    cursor += gap;
  }
  return {
    centreAlong,
    centreAcross,
    lanes: boxes,
    alongExtent: along1 - along0 + 2 * maxDepth * pad,
    acrossExtent: Math.max(0, cursor - gap),
  };
}

/**
 * Each lane as a compact block with its own columns (its nodes' global ranks, renumbered), the
 * blocks placed in reading order on shelves of about the length that makes the drawing roughly
 * 3:2: one connected part of the diagram after the other (in the order their first lanes come in
 * `order`), within one by first column, then lane order. Unconnected flows (a file of several
 * diagrams) are thus not interleaved: sorted by first column alone, 210 copies of the CQRS sample
 * put all 210 first lanes before all the second ones, and every edge between lanes ran across
 * the whole drawing.
 */
function packedBlocks(
  lanes: readonly Lane[],
  order: readonly number[],
  component: readonly number[],
  sizes: Sizes,
  frame: Frame,
  spacing: Spacing,
): Geometry {
  const count = sizes.rank.length;
  const centreAlong = new Array<number>(count).fill(0);
  const centreAcross = new Array<number>(count).fill(0);
  // A component's rank: where its first lane comes in `order`.
  const componentRank = new Map<number, number>();
  order.forEach((l, position) => {
    const c = component[l] as number;
    if (!componentRank.has(c)) componentRank.set(c, position);
  });
  interface Block {
    lane: Lane;
    component: number;
    alongSize: number;
    acrossSize: number;
    firstRank: number;
    position: number;
    localAlong: Map<number, number>;
    localAcross: Map<number, number>;
  }
  const blocks: Block[] = order.map((l, position) => {
    const lane = lanes[l] as Lane;
    const pad = padOf(lane);
    const isGroup = lane.groupId !== null;
    const ranks = [...new Set(lane.nodes.map((v) => sizes.rank[v] as number))].sort(
      (a, b) => a - b,
    );
    const local = new Map(ranks.map((r, k) => [r, k] as const));
    const widths = new Array<number>(ranks.length).fill(0);
    for (const v of lane.nodes) {
      const c = local.get(sizes.rank[v] as number) as number;
      widths[c] = Math.max(widths[c] as number, sizes.along[v] as number);
    }
    const starts = columnStarts(
      widths,
      (c) => spacing.gaps?.[ranks[c] as number] ?? spacing.rankSep,
    );
    const content =
      ranks.length === 0
        ? EMPTY_LANE_ALONG
        : (starts[ranks.length - 1] as number) + (widths[ranks.length - 1] as number);
    const headerBefore = isGroup ? frame.headerBefore : 0;
    const headerAfter = isGroup ? frame.headerAfter : 0;
    const headerAcross = isGroup ? frame.headerAcross : 0;
    let alongSize = content + 2 * pad + headerBefore + headerAfter;
    if (frame.horizontal && isGroup) alongSize = Math.max(alongSize, lane.minWidth);
    const rows = laneRows(lane, sizes, spacing.nodeSep);
    let acrossSize =
      headerAcross + 2 * pad + (lane.nodes.length === 0 ? EMPTY_LANE_ACROSS : rows.size);
    if (!frame.horizontal && isGroup) acrossSize = Math.max(acrossSize, lane.minWidth);
    const localAlong = new Map<number, number>();
    const localAcross = new Map<number, number>();
    for (const v of lane.nodes) {
      const c = local.get(sizes.rank[v] as number) as number;
      const r = sizes.row[v] as number;
      localAlong.set(
        v,
        headerBefore + pad + (starts[c] as number) + Math.round((widths[c] as number) / 2),
      );
      localAcross.set(
        v,
        headerAcross +
          pad +
          (rows.starts[r] as number) +
          Math.round((rows.heights[r] as number) / 2),
      );
    }
    return {
      lane,
      component: componentRank.get(component[l] as number) as number,
      alongSize,
      acrossSize,
      firstRank: ranks[0] ?? Infinity,
      position,
      localAlong,
      localAcross,
    };
  });
  blocks.sort(
    (a, b) => a.component - b.component || a.firstRank - b.firstRank || a.position - b.position,
  );
  const gapAlong = Math.max(spacing.rankSep, 2 * LANE_GAP);
  const gapAcross = 2 * LANE_GAP;
  const area = blocks.reduce(
    (sum, b) => sum + (b.alongSize + gapAlong) * (b.acrossSize + gapAcross),
    0,
  );
  // Along is x in LR/RL (want width ≈ 1.5 × height) and y in TB/BT (want height ≈ width / 1.5).
  const shelfLength = Math.max(
    maxOf(blocks.map((b) => b.alongSize)),
    Math.sqrt(area * (frame.horizontal ? 1.5 : 1 / 1.5)),
  );
  const boxes: Geometry['lanes'] = [];
  let shelfStart = 0;
  let shelfDepth = 0;
  let cursor = 0;
  let alongExtent = 0;
  for (const block of blocks) {
    if (cursor > 0 && cursor + block.alongSize > shelfLength) {
      shelfStart += shelfDepth + gapAcross;
      shelfDepth = 0;
      cursor = 0;
    }
    for (const v of block.lane.nodes) {
      centreAlong[v] = cursor + (block.localAlong.get(v) as number);
      centreAcross[v] = shelfStart + (block.localAcross.get(v) as number);
    }
    if (block.lane.groupId !== null) {
      boxes.push({
        groupId: block.lane.groupId,
        along0: cursor,
        along1: cursor + block.alongSize,
        across0: shelfStart,
        across1: shelfStart + block.acrossSize,
      });
    }
    alongExtent = Math.max(alongExtent, cursor + block.alongSize);
    cursor += block.alongSize + gapAlong;
    shelfDepth = Math.max(shelfDepth, block.acrossSize);
  }
  return {
    centreAlong,
    centreAcross,
    lanes: boxes,
    alongExtent,
    acrossExtent: shelfStart + shelfDepth,
  };
}

/** From the abstract frame to SVG coordinates in the real direction. */
function toPlacement(input: PlaceInput, geometry: Geometry, frame: Frame): Placement {
  const nodes = new Map<string, Box>();
  input.nodes.forEach((node, v) => {
    const a = frame.sign * (geometry.centreAlong[v] as number);
    const c = geometry.centreAcross[v] as number;
    const cx = frame.horizontal ? a : c;
    const cy = frame.horizontal ? c : a;
    nodes.set(node.id, {
      x: Math.round(cx - node.width / 2),
      y: Math.round(cy - node.height / 2),
      width: node.width,
      height: node.height,
    });
  });
  const groups = new Map<string, Box>();
  const continued = new Map<string, Box[]>();
  const rowBands: Box[][] = [];
  for (const lane of geometry.lanes) {
    const a0 = Math.min(frame.sign * lane.along0, frame.sign * lane.along1);
    const length = lane.along1 - lane.along0;
    const box = frame.horizontal
      ? { x: a0, y: lane.across0, width: length, height: lane.across1 - lane.across0 }
      : { x: lane.across0, y: a0, width: lane.across1 - lane.across0, height: length };
    const id = lane.groupId as string;
    if (!groups.has(id)) groups.set(id, box);
    else continued.set(id, [...(continued.get(id) ?? []), box]);
    if (lane.row !== undefined) (rowBands[lane.row] ??= []).push(box);
  }
  // Groups of the diagram that have no lane (none: every group gets one) would be missing here.
  for (const group of input.groups) {
    if (!groups.has(group.id)) throw new PlacementError(`group ${group.id} was not placed`);
  }
  if (rowBands.length > 0)
    return { nodes, groups, continued, rows: rowBands.map((bands) => unionBox(bands)) };
  return { nodes, groups };
}
