/**
 * Swimlanes wrapped into rows: when the aligned lanes are far longer along the flow than across
 * it (an LR process of 17 steps is 4.6 times wider than tall), the columns are cut into a few
 * consecutive segments and the segments are stacked across the flow, each with a band (and its
 * header) for every lane that has nodes in it, so each row reads on its own, like a line of text wrapping to the next
 * line (or a wide swimlane diagram printed on several pages). The edges a cut severs run through
 * the channel left between two rows; the general router (routing.ts) draws them there.
 *
 * Everything here is in place.ts's abstract frame ("along" the flow, "across" it): the rows are
 * the same lanes, shifted back along the flow to start at the first column and down across it.
 * Cuts go only between columns (an edge whose handles put both ends in one column is never cut),
 * where the fewest edges cross (each edge cut costs as much as a quarter of a row's ideal length
 * in imbalance), the rows kept within a quarter of equal length.
 */
import type { Direction } from '../model/diagram.js';
import type { Geometry } from './place.js';
import type { Box } from './types.js';
import { BORDER_CLEARANCE } from './routing.js';

/** Rows are about this many times longer along the flow than deep across it. */
const ROW_TARGET_ASPECT = 1.5;
/** At most this many rows. */
const MAX_ROWS = 6;
/**
 * Cost of one edge cut, as a share of a row's ideal length (layered/wrap.ts charges 0.08; here an
 * edge cut must run through the lanes and the channel, and 0.08 let balance win over it: saga LR
 * wrapped with 10 crossings at 0.08, 4 at 0.25).
 */
const CUT_EDGE_COST = 0.25;
/** A row may be this much longer than the ideal (total length / rows). */
const ROW_SLACK = 1.25;
/**
 * The channel between two rows: room for the routes the cut severs, one track each, 12 px clear
 * of both rows' borders, and a label on one of them (labels.ts keeps them off the next row's
 * header band).
 */
const CHANNEL_MIN = 64;
const CHANNEL_PER_EDGE = 14;
const CHANNEL_MARGIN = 44;
/** Between a title tab and the first node of a later row, px. */
const TITLE_CLEARANCE = 24;
/** Extra room inside every row's lanes at both ends, px. */
const END_ROOM = 24;

/** Where the columns are cut: row k holds columns starts[k] … starts[k + 1] - 1. */
export interface RowPlan {
  /** First column of each row (the first is 0). */
  starts: number[];
  /** Per cut (between row k and k + 1), how many edges it severs. */
  severed: number[];
}

/** Along-the-flow extent of every column: the first and last px its nodes cover. */
export function columnExtents(
  geometry: Geometry,
  rank: readonly number[],
  along: readonly number[],
): { first: number[]; last: number[] } {
  const columns = rank.length === 0 ? 0 : Math.max(...rank) + 1;
  const first = new Array<number>(columns).fill(Infinity);
  const last = new Array<number>(columns).fill(-Infinity);
  rank.forEach((c, v) => {
    const centre = geometry.centreAlong[v] as number;
    const half = (along[v] as number) / 2;
    first[c] = Math.min(first[c] as number, centre - half);
    last[c] = Math.max(last[c] as number, centre + half);
  });
  return { first, last };
}

/**
 * The rows for an aligned swimlane drawing (null when it has fewer than two columns): as many as
 * bring the drawing nearest to ROW_TARGET_ASPECT (at least two), the cuts chosen by
 * `chooseCuts`. `links` are the edges as node index pairs (self-loops left out).
 */
export function planRows(
  geometry: Geometry,
  rank: readonly number[],
  along: readonly number[],
  links: ReadonlyArray<readonly [number, number]>,
  laneOf: readonly number[] | null,
): RowPlan | null {
  const { first, last } = columnExtents(geometry, rank, along);
  const columns = first.length;
  if (columns < 2) return null;
  const severedAt = cutCounts(columns, rank, links);
  // Without lanes: the cut where the fewest edges cross (the 'columns' wrap).
  const tangledAt = laneOf
    ? severedAt.map((_, c) =>
        tangles(
          links
            .map(([a, b]) => [rank[a] as number, rank[b] as number].sort((x, y) => x - y))
            .filter(([u, l]) => (u as number) <= c && (l as number) > c) as Array<[number, number]>,
        ),
      )
    : [];
  const bands = laneOf ? bandCounter(rank, laneOf) : undefined;
  const total = (last[columns - 1] as number) - (first[0] as number);
  const frame = geometry.alongExtent - total;
  let best: RowPlan | null = null;
  let bestMiss = Infinity;
  for (let rows = 2; rows <= Math.min(MAX_ROWS, columns); rows++) {
    const plan = chooseCuts(first, last, severedAt, rows, bands, tangledAt);
    if (plan === null) continue;
    const length = maxRowLength(first, last, plan.starts) + frame;
    const depth =
      rows * geometry.acrossExtent + plan.severed.reduce((sum, n) => sum + channelWidth(n), 0);
    const miss = Math.abs(Math.log(length / Math.max(1, depth) / ROW_TARGET_ASPECT));
    if (miss < bestMiss) {
      best = plan;
      bestMiss = miss;
    }
  }
  return best;
}

/** The channel between two rows when the cut severs `severed` edges, px. */
export function channelWidth(severed: number): number {
  return Math.max(CHANNEL_MIN, CHANNEL_MARGIN + CHANNEL_PER_EDGE * severed);
}

/**
 * How many pairs of the edges a cut severs cross in the channel: `ends` are their columns (the
 * end in the earlier row first). A pair nested in the long drawing (one edge from before the
 * other's start to after its end) crosses once wrapped, since both rows start at the left: the
 * edge from the end of a row to the start of the next runs back across every edge that spans it.
 */
export function tangles(ends: ReadonlyArray<readonly [number, number]>): number {
  let count = 0;
  for (let i = 0; i < ends.length; i++)
    for (let j = i + 1; j < ends.length; j++) {
      const [u1, l1] = ends[i] as readonly [number, number];
      const [u2, l2] = ends[j] as readonly [number, number];
      if ((u1 - u2) * (l1 - l2) < 0) count++;
    }
  return count;
}

/** Per possible cut after column c (c = 0 … columns - 2), how many edges join both sides. */
function cutCounts(
  columns: number,
  rank: readonly number[],
  links: ReadonlyArray<readonly [number, number]>,
): number[] {
  const counts = new Array<number>(columns).fill(0);
  for (const [a, b] of links) {
    const ra = rank[a] as number;
    const rb = rank[b] as number;
    for (let c = Math.min(ra, rb); c < Math.max(ra, rb); c++) counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}

function maxRowLength(first: readonly number[], last: readonly number[], starts: number[]): number {
  let longest = 0;
  starts.forEach((start, k) => {
    const end = (starts[k + 1] ?? first.length) - 1;
    longest = Math.max(longest, (last[end] as number) - (first[start] as number));
  });
  return longest;
}

/**
 * The `rows - 1` cuts of least cost: the sum over cuts of their severed edges (each worth
 * CUT_EDGE_COST of the ideal row length) plus how far the longest row exceeds the ideal, rows
 * longer than ROW_SLACK times the ideal excluded (unless a single column is that long). Exact, by
 * dynamic programming over (rows so far, last column), O(rows × columns²).
 */
export function chooseCuts(
  first: readonly number[],
  last: readonly number[],
  severedAt: readonly number[],
  rows: number,
  bands: (from: number, to: number) => number = () => 0,
  tangledAt: readonly number[] = [],
): RowPlan | null {
  const columns = first.length;
  if (rows < 2 || rows > columns) return null;
  const ideal = ((last[columns - 1] as number) - (first[0] as number)) / rows;
  const widest = Math.max(...first.map((f, c) => (last[c] as number) - f));
  const limit = Math.max(ROW_SLACK * ideal, widest);
  const rowLength = (a: number, b: number): number => (last[b] as number) - (first[a] as number);
  // cost[k][c]: rows 0 … k cover columns 0 … c, row k ending at c: [edges severed, longest row].
  type Cost = { edges: number; bands: number; longest: number; from: number };
  const table: Array<Array<Cost | null>> = [];
  for (let k = 0; k < rows; k++) {
    const line: Array<Cost | null> = new Array<Cost | null>(columns).fill(null);
    for (let c = k; c < columns; c++) {
      if (k === 0) {
        const length = rowLength(0, c);
        if (length <= limit) line[c] = { edges: 0, bands: bands(0, c), longest: length, from: -1 };
        continue;
      }
      let best: Cost | null = null;
      for (let p = k - 1; p < c; p++) {
        const before = table[k - 1]?.[p];
        if (!before) continue;
        const length = rowLength(p + 1, c);
        if (length > limit) continue;
        const next = {
          edges: before.edges + (severedAt[p] as number) + TANGLE_COST * (tangledAt[p] ?? 0),
          bands: before.bands + bands(p + 1, c),
          longest: Math.max(before.longest, length),
          from: p,
        };
        if (!best || costOf(next, ideal) < costOf(best, ideal)) best = next;
      }
      line[c] = best;
    }
    table.push(line);
  }
  if (!table[rows - 1]?.[columns - 1]) return null;
  const starts: number[] = [];
  const severed: number[] = [];
  for (let k = rows - 1, c = columns - 1; k > 0; k--) {
    const cell = table[k]?.[c] as Cost;
    starts.unshift(cell.from + 1);
    severed.unshift(severedAt[cell.from] as number);
    c = cell.from;
  }
  starts.unshift(0);
  return { starts, severed };
}

function costOf(cost: { edges: number; bands: number; longest: number }, ideal: number): number {
  return CUT_EDGE_COST * (cost.edges + cost.bands) + Math.max(0, cost.longest - ideal) / ideal;
}

/** How many lanes have nodes in the columns from … to (both included): the bands of such a row. */
function bandCounter(
  rank: readonly number[],
  laneOf: readonly number[],
): (from: number, to: number) => number {
  const columnsOf = new Map<number, number[]>();
  rank.forEach((c, v) => {
    const lane = laneOf[v] as number;
    const list = columnsOf.get(lane);
    if (list) list.push(c);
    else columnsOf.set(lane, [c]);
  });
  const lanes = [...columnsOf.values()];
  return (from, to) => {
    let cost = 0;
    for (const cs of lanes) cost += bandCost(cs.filter((c) => c >= from && c <= to).length);
    return cost;
  };
}

/**
 * The rows stacked across the flow: `rows[k]` is row k laid out as swimlanes of its own (every
 * lane, with only the row's nodes), `rowOf[v]` the row of node v. Each row below the rows before
 * it and their channels; every lane box repeated in every row (row after row, in the same order),
 * all rows as long as the longest. `titleLength`: the longest title tab along the flow (LR: the
 * tab lies at the top of the band where the row starts; 0 where it does not), which the rows after the first
 * keep clear: their first nodes stand after it, so a route rising from them into the lanes above
 * does not run through the titles (the first row's first column holds the flow's start anyway).
 */
export function stackRows(
  rows: readonly Geometry[],
  rowOf: readonly number[],
  severed: readonly number[],
  titleLength: number,
): Geometry {
  const offsets: number[] = [];
  let cursor = 0;
  rows.forEach((row, k) => {
    offsets.push(cursor);
    cursor += row.acrossExtent + channelWidth(severed[k] ?? 0);
  });
  const boxes = rows.flatMap((row) => row.lanes);
  // Room at both ends: the routes to the next row turn there, clear of the nodes and the border.
  const along0 = Math.min(0, ...boxes.map((b) => b.along0)) - END_ROOM;
  const indent = Math.max(0, along0 + titleLength + TITLE_CLEARANCE);
  const shift = (k: number): number => (k > 0 ? indent : 0);
  const centreAlong = rowOf.map(
    (k, v) => ((rows[k] as Geometry).centreAlong[v] as number) + shift(k),
  );
  const centreAcross = rowOf.map(
    (k, v) => ((rows[k] as Geometry).centreAcross[v] as number) + (offsets[k] as number),
  );
  const along1 = Math.max(
    along0 + titleLength,
    ...rows.flatMap((row, k) => row.lanes.map((b) => b.along1 + shift(k) + END_ROOM)),
  );
  const lanes = rows.flatMap((row, k) =>
    row.lanes.map((lane) => ({
      groupId: lane.groupId,
      along0,
      along1,
      across0: lane.across0 + (offsets[k] as number),
      across1: lane.across1 + (offsets[k] as number),
      row: k,
    })),
  );
  const last = rows.length - 1;
  return {
    centreAlong,
    centreAcross,
    lanes,
    alongExtent:
      boxes.length > 0
        ? along1 - along0
        : Math.max(...rows.map((r, k) => r.alongExtent + shift(k))),
    acrossExtent: (offsets[last] as number) + (rows[last] as Geometry).acrossExtent,
  };
}

/** How far beside a row its margins reach, px (beyond the routing bounds' 80 px). */
const MARGIN_REACH = 400;

/**
 * The areas of a wrapped drawing (real coordinates) a route between rows should not run along: the
 * 12 px just outside every row, and the margins beside every row but the first on the side where the flow ends, beside
 * every row but the last on the side where it starts. A route leaving a row for a later one goes
 * out at the row's end into the channel below it and comes in at the later row's start, as a line
 * of text wraps; running down past the end of the later row instead and back along it inside a
 * lane reads as a loop. `rows` are the rows' boxes in order (the union of each row's lanes).
 */
export function rowMargins(rows: readonly Box[], direction: Direction): Box[] {
  // Close around every row, where a route would read as the row's border (picture.ts: 12 px).
  const out: Box[] = rows.flatMap((row) => hugStrips(row));
  const horizontal = direction === 'LR' || direction === 'RL';
  const forward = direction === 'LR' || direction === 'TB';
  rows.forEach((row, k) => {
    const sides: Array<'start' | 'end'> = [];
    if (k > 0) sides.push('end');
    if (k < rows.length - 1) sides.push('start');
    for (const side of sides) {
      // The side's position along the real axis: before the row or after it.
      const before = (side === 'start') === forward;
      if (horizontal)
        out.push({
          x: before ? row.x - MARGIN_REACH : row.x + row.width,
          y: row.y,
          width: MARGIN_REACH,
          height: row.height,
        });
      else
        out.push({
          x: row.x,
          y: before ? row.y - MARGIN_REACH : row.y + row.height,
          width: row.width,
          height: MARGIN_REACH,
        });
    }
  });
  return out;
}

/**
 * Grid lines for the router of a wrapped drawing: 1 px inside every lane band and header band (all
 * rows). The router charges a soft region only on grid segments lying inside it, and its lines
 * near a group are 12 px outside the border: a route dropping through a lane between those lines
 * is charged nothing, so the route between rows took the straight drop through the lanes of the
 * next row rather than the channel and the row's start (ab-testing: cost 4,305 against 3,401 once
 * the lanes are charged). With these lines every lane it crosses is charged.
 */
export function laneLines(bands: readonly Box[], headerHeight: number): Box[] {
  return bands.flatMap((b) => [
    { x: b.x + 1, y: b.y + 1, width: b.width - 2, height: b.height - 2 },
    { x: b.x + 1, y: b.y + 1, width: b.width - 2, height: headerHeight - 2 },
  ]);
}

/** Routes keep at least this far outside a row's border, px (as from any group's border). */
const ROW_CLEARANCE = BORDER_CLEARANCE;

/** The four strips ROW_CLEARANCE wide just outside a row's box. */
function hugStrips(row: Box): Box[] {
  const c = ROW_CLEARANCE;
  return [
    { x: row.x - c, y: row.y - c, width: row.width + 2 * c, height: c },
    { x: row.x - c, y: row.y + row.height, width: row.width + 2 * c, height: c },
    { x: row.x - c, y: row.y, width: c, height: row.height },
    { x: row.x + row.width, y: row.y, width: c, height: row.height },
  ];
}

/** Routes in a channel keep at least this far from the rows on either side, px. */
const CHANNEL_CLEARANCE = 16;

/**
 * The channels between consecutive rows (real coordinates), each drawn in by CHANNEL_CLEARANCE
 * from both rows: the router takes their borders as grid lines, so the routes the cuts sever have
 * tracks clear of the rows' borders (its own lines there lie 12 px from a group).
 */
export function rowChannels(rows: readonly Box[], direction: Direction): Box[] {
  const horizontal = direction === 'LR' || direction === 'RL';
  const c = CHANNEL_CLEARANCE;
  const out: Box[] = [];
  for (let k = 0; k + 1 < rows.length; k++) {
    const a = rows[k] as Box;
    const b = rows[k + 1] as Box;
    // Along the flow the box reaches c beyond both rows' ends: tracks down the margins too.
    const from = horizontal ? Math.min(a.x, b.x) - c : Math.min(a.y, b.y) - c;
    const to = horizontal
      ? Math.max(a.x + a.width, b.x + b.width) + c
      : Math.max(a.y + a.height, b.y + b.height) + c;
    if (horizontal) {
      const top = a.y + a.height + c;
      const height = b.y - c - top;
      if (height > 0) out.push({ x: from, y: top, width: to - from, height });
    } else {
      const left = a.x + a.width + c;
      const width = b.x - c - left;
      if (width > 0) out.push({ x: left, y: from, width, height: to - from });
    }
  }
  return out;
}

/**
 * How lanes are wrapped into rows: 'bands' (planRows with the lanes' bands and the cut edges'
 * crossings, then assignToRows), or 'columns' (the cut where the fewest edges cross, columnRows).
 */
export type WrapMode = 'bands' | 'columns';

/** Every node in the row of its column (the cuts of `starts`). */
export function columnRows(
  starts: readonly number[],
  rank: readonly number[],
  links: ReadonlyArray<readonly [number, number]>,
): RowAssignment {
  const rowOf = rank.map((c) => {
    let k = 0;
    while (k + 1 < starts.length && c >= (starts[k + 1] as number)) k++;
    return k;
  });
  return { rowOf, column: rank.slice(), severed: severedBetween(starts.length, rowOf, links) };
}

/** Per cut (between row k and k + 1), how many edges cross it. */
function severedBetween(
  rows: number,
  rowOf: readonly number[],
  links: ReadonlyArray<readonly [number, number]>,
): number[] {
  const severed = new Array<number>(Math.max(0, rows - 1)).fill(0);
  for (const [a, b] of links) {
    const low = Math.min(rowOf[a] as number, rowOf[b] as number);
    const high = Math.max(rowOf[a] as number, rowOf[b] as number);
    for (let k = low; k < high; k++) severed[k] = (severed[k] as number) + 1;
  }
  return severed;
}

/** A band (a lane's part in one row) costs this share of an edge cut: a lane repeated in a row reads as one more lane. */
const BAND_COST = 0.5;
/** Two severed edges crossing in the channel cost this many edge cuts. */
const TANGLE_COST = 2;

/** A lane's band holding `nodes` nodes, in edge cuts: a band of one node costs twice a band. */
function bandCost(nodes: number): number {
  return nodes === 0 ? 0 : nodes === 1 ? 2 * BAND_COST : BAND_COST;
}

/** Which row each node is drawn in, and its column there (a column of the row's range). */
export interface RowAssignment {
  /** Row of every node. */
  rowOf: number[];
  /** Column of every node (its rank, or the rank it is moved to in another row). */
  column: number[];
  /** Per cut (between row k and k + 1), how many edges cross it. */
  severed: number[];
}

/**
 * The rows of the nodes, from the cut columns, then improved node by node: a lane's band in a row
 * (all its nodes there), or a single node of it, moves to the neighbouring row when that severs
 * fewer edges or removes a band without severing more (each band costs BAND_COST of an edge cut).
 * A lane whose one node in a row only leads on to the next row is drawn there instead of as a band
 * of its own (audit-logging: the dead-letter step alone in its lane's first row, joined by three
 * edges to the second). A moved band keeps its columns' order and moves to the row's nearest end
 * (the start of a later row, the end of an earlier one); a move is taken only when it fits the
 * row's columns, no node of the lane stands in its place, and every edge it joins within the row
 * keeps its direction (a forward edge stays forward, a column stays shared).
 * `laneOf`: each node's lane; `slot`: its sub-row in the lane (nodes of a lane and column differ in it).
 */
export function assignToRows(
  starts: readonly number[],
  rank: readonly number[],
  laneOf: readonly number[],
  slot: readonly number[],
  links: ReadonlyArray<readonly [number, number]>,
): RowAssignment {
  const count = rank.length;
  const columns = count === 0 ? 0 : Math.max(...rank) + 1;
  const rows = starts.length;
  const first = (k: number): number => starts[k] as number;
  const last = (k: number): number => (starts[k + 1] ?? columns) - 1;
  const { rowOf, column } = columnRows(starts, rank, links);
  const linksOf: number[][] = Array.from({ length: count }, () => []);
  links.forEach(([a, b], i) => {
    linksOf[a]?.push(i);
    linksOf[b]?.push(i);
  });
  const rowSize = new Array<number>(rows).fill(0);
  for (const k of rowOf) rowSize[k] = (rowSize[k] as number) + 1;
  const bandKey = (lane: number, k: number): number => lane * rows + k;
  const bandSize = new Map<number, number>();
  rowOf.forEach((k, v) => {
    const key = bandKey(laneOf[v] as number, k);
    bandSize.set(key, (bandSize.get(key) ?? 0) + 1);
  });
  const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);
  /** The pairs of edges crossing in the channels (tangles), over every cut. */
  const tangled = (): number => {
    let total = 0;
    for (let k = 0; k + 1 < rows; k++) {
      const ends: Array<[number, number]> = [];
      for (const [a, b] of links) {
        const [upper, lower] = (rowOf[a] as number) <= (rowOf[b] as number) ? [a, b] : [b, a];
        if ((rowOf[upper] as number) <= k && (rowOf[lower] as number) > k)
          ends.push([column[upper] as number, column[lower] as number]);
      }
      total += tangles(ends);
    }
    return total;
  };
  /** The move of `group` (one lane, one row) to row `to`: its columns and cost change, or null. */
  const tryMove = (group: number[], to: number): { columns: number[]; delta: number } | null => {
    const from = rowOf[group[0] as number] as number;
    if (to < 0 || to >= rows || group.length === (rowSize[from] as number)) return null;
    const inGroup = new Set(group);
    const lane = laneOf[group[0] as number] as number;
    const cols = group.map((v) => column[v] as number);
    // The shifts (in columns) that keep the group in the row and every edge it joins within the
    // row in its direction; the wished one puts the group by its neighbours there (the median of
    // their offsets), or at the row's near end when it has none there.
    let low = first(to) - Math.min(...cols);
    let high = last(to) - Math.max(...cols);
    const offsets: number[] = [];
    let delta = 0;
    for (let i = 0; i < group.length; i++) {
      const v = group[i] as number;
      for (const e of linksOf[v] as number[]) {
        const [a, b] = links[e] as readonly [number, number];
        const w = a === v ? b : a;
        if (inGroup.has(w)) continue;
        const rw = rowOf[w] as number;
        // Rows are read in order: an edge between rows keeps the way its columns run (an edge
        // within one column reads downwards).
        const ahead = sign((rank[b] as number) - (rank[a] as number));
        const across = a === v ? sign(rw - to) : sign(to - rw);
        if (across !== 0 && across !== (ahead === 0 ? 1 : ahead)) return null;
        delta += Math.abs(to - rw) - Math.abs(from - rw);
        if (rw !== to) continue;
        // Drawn within the row: w's column less v's, which the shift must keep of its sign.
        const gap = (column[w] as number) - (cols[i] as number);
        const keep = a === v ? ahead : -ahead;
        if (keep > 0) high = Math.min(high, gap - 1);
        else if (keep < 0) low = Math.max(low, gap + 1);
        else {
          low = Math.max(low, gap);
          high = Math.min(high, gap);
        }
        offsets.push(gap);
      }
    }
    if (low > high) return null;
    offsets.sort((x, y) => x - y);
    const wish =
      offsets.length > 0 ? (offsets[(offsets.length - 1) >> 1] as number) : to > from ? low : high;
    const taken = (shift: number): boolean => {
      for (let u = 0; u < count; u++)
        if (rowOf[u] === to && laneOf[u] === lane)
          for (let i = 0; i < group.length; i++)
            if (column[u] === (cols[i] as number) + shift && slot[u] === slot[group[i] as number])
              return true;
      return false;
    };
    // The free shift nearest the wish.
    const start = Math.min(high, Math.max(low, wish));
    let shift: number | null = null;
    for (let step = 0; shift === null && step <= high - low; step++)
      for (const d of [start - step, start + step])
        if (shift === null && d >= low && d <= high && !taken(d)) shift = d;
    if (shift === null) return null;
    const inFrom = bandSize.get(bandKey(lane, from)) ?? 0;
    const inTo = bandSize.get(bandKey(lane, to)) ?? 0;
    delta += bandCost(inFrom - group.length) - bandCost(inFrom);
    delta += bandCost(inTo + group.length) - bandCost(inTo);
    const by = shift;
    const moved = cols.map((c) => c + by);
    // The crossings in the channels, with the group moved and back.
    const before = tangled();
    group.forEach((v, i) => {
      rowOf[v] = to;
      column[v] = moved[i] as number;
    });
    delta += TANGLE_COST * (tangled() - before);
    group.forEach((v, i) => {
      rowOf[v] = from;
      column[v] = cols[i] as number;
    });
    return { columns: moved, delta };
  };
  for (let round = 0; round < count; round++) {
    let best: { group: number[]; to: number; columns: number[]; delta: number } | null = null;
    const bands = new Map<number, number[]>();
    rowOf.forEach((k, v) => {
      const key = bandKey(laneOf[v] as number, k);
      const band = bands.get(key);
      if (band) band.push(v);
      else bands.set(key, [v]);
    });
    const groups = [...bands.values()].flatMap((band) =>
      band.length > 1 ? [band, ...band.map((v) => [v])] : [band],
    );
    for (const group of groups)
      for (const to of [
        (rowOf[group[0] as number] as number) - 1,
        (rowOf[group[0] as number] as number) + 1,
      ]) {
        const move = tryMove(group, to);
        if (move && move.delta < -1e-9 && (!best || move.delta < best.delta))
          best = { group, to, ...move };
      }
    if (!best) break;
    const from = rowOf[best.group[0] as number] as number;
    const lane = laneOf[best.group[0] as number] as number;
    best.group.forEach((v, i) => {
      rowOf[v] = best.to;
      column[v] = best.columns[i] as number;
    });
    rowSize[from] = (rowSize[from] as number) - best.group.length;
    rowSize[best.to] = (rowSize[best.to] as number) + best.group.length;
    bandSize.set(bandKey(lane, from), (bandSize.get(bandKey(lane, from)) ?? 0) - best.group.length);
    bandSize.set(
      bandKey(lane, best.to),
      (bandSize.get(bandKey(lane, best.to)) ?? 0) + best.group.length,
    );
  }
  return { rowOf, column, severed: severedBetween(rows, rowOf, links) };
}
