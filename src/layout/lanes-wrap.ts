/**
 * Swimlanes wrapped into rows: when the aligned lanes are far longer along the flow than across
 * it (an LR process of 17 steps is 4.6 times wider than tall), the columns are cut into a few
 * consecutive segments and the segments are stacked across the flow, each repeating every lane
 * band with its header, so each row reads on its own, like a line of text wrapping to the next
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
): RowPlan | null {
  const { first, last } = columnExtents(geometry, rank, along);
  const columns = first.length;
  if (columns < 2) return null;
  const severedAt = cutCounts(columns, rank, links);
  const total = (last[columns - 1] as number) - (first[0] as number);
  const frame = geometry.alongExtent - total;
  let best: RowPlan | null = null;
  let bestMiss = Infinity;
  for (let rows = 2; rows <= Math.min(MAX_ROWS, columns); rows++) {
    const plan = chooseCuts(first, last, severedAt, rows);
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
): RowPlan | null {
  const columns = first.length;
  if (rows < 2 || rows > columns) return null;
  const ideal = ((last[columns - 1] as number) - (first[0] as number)) / rows;
  const widest = Math.max(...first.map((f, c) => (last[c] as number) - f));
  const limit = Math.max(ROW_SLACK * ideal, widest);
  const rowLength = (a: number, b: number): number => (last[b] as number) - (first[a] as number);
  // cost[k][c]: rows 0 … k cover columns 0 … c, row k ending at c: [edges severed, longest row].
  type Cost = { edges: number; longest: number; from: number };
  const table: Array<Array<Cost | null>> = [];
  for (let k = 0; k < rows; k++) {
    const line: Array<Cost | null> = new Array<Cost | null>(columns).fill(null);
    for (let c = k; c < columns; c++) {
      if (k === 0) {
        const length = rowLength(0, c);
        if (length <= limit) line[c] = { edges: 0, longest: length, from: -1 };
        continue;
      }
      let best: Cost | null = null;
      for (let p = k - 1; p < c; p++) {
        const before = table[k - 1]?.[p];
        if (!before) continue;
        const length = rowLength(p + 1, c);
        if (length > limit) continue;
        const next = {
          edges: before.edges + (severedAt[p] as number),
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

function costOf(cost: { edges: number; longest: number }, ideal: number): number {
  return CUT_EDGE_COST * cost.edges + Math.max(0, cost.longest - ideal) / ideal;
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
 * near a group are 10 px outside the border: a route dropping through a lane between those lines
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

/** Routes keep at least this far outside a row's border, px (the picture checks' clearance). */
const ROW_CLEARANCE = 12;

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
 * tracks clear of the rows' borders (its own lines there lie 10 px from a group).
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
