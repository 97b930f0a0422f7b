/**
 * Orthogonal edge routing: A* over a sparse grid (the lines through the obstacle borders, the ports,
 * and the channels between obstacles) with a cost for each bend, for crossing an earlier route, and
 * for running through "soft" regions (other groups, group header bands). Nodes, grown by a margin,
 * are hard obstacles. Each search only builds the grid around its two ends, widened on failure, so
 * the cost per edge depends on its neighbourhood, not on the size of the diagram.
 */
import type { Box, Point } from './types.js';
import { BoxIndex } from './box-index.js';
import { inflate, simplifyPolyline, spanningBox } from './geometry.js';
import { MinHeap } from '../util/heap.js';

/** Travel directions: 0 = +x (right), 1 = +y (down), 2 = −x (left), 3 = −y (up). */
export type Dir = 0 | 1 | 2 | 3;

export interface SoftRegion {
  box: Box;
  /** Extra cost per pixel of route inside the box. */
  costPerPx: number;
  /** Only segments running this way pay (a strip along a border: running along it, not across). */
  along?: 'horizontal' | 'vertical';
  /**
   * Charged for the length of every grid segment inside it, even where its borders are no grid
   * lines (a small room that should not add lines of its own to every search; a region without
   * it charges the segments between grid lines on or inside its borders).
   */
  loose?: true;
}

/** Whether a segment running one way pays a region's cost. */
function pays(region: SoftRegion, horizontal: boolean): boolean {
  return region.along === undefined || (region.along === 'horizontal') === horizontal;
}

/**
 * Soft regions shared by many searches (each group and its header band, for every edge of a
 * diagram), indexed once so that a search or a costing visits only the regions near it. A request
 * names the set and the few regions it ignores (the edge's own groups) instead of holding a list
 * of its own: with one list per edge, 4,400 edges and 840 groups held 7.4 million region objects.
 */
export class SoftRegionSet {
  private readonly index = new BoxIndex(192);
  private readonly regions: SoftRegion[] = [];

  /** Adds a region; returns its id (ids count up from 0 in the order regions are added). */
  add(region: SoftRegion): number {
    this.regions.push(region);
    return this.index.add(region.box);
  }

  /** Calls `visit` for each region whose closed box meets `area`, in id order, except ids in `skip`. */
  forEachIn(area: Box, skip: readonly number[], visit: (region: SoftRegion) => void): void {
    for (const id of this.index.query(area))
      if (!skip.includes(id)) visit(this.regions[id] as SoftRegion);
  }
}

/** A request's soft regions: its own list, or a shared set minus the ids in `skip`. */
export type SoftCosts =
  | readonly SoftRegion[]
  | { set: SoftRegionSet; skip: readonly number[]; extra?: readonly SoftRegion[] };

/** Calls `visit` for each of the regions whose closed box meets `area`, in their order. */
function forEachSoft(soft: SoftCosts, area: Box, visit: (region: SoftRegion) => void): void {
  if ('set' in soft) {
    soft.set.forEachIn(area, soft.skip, visit);
    for (const region of soft.extra ?? []) if (overlaps(region.box, area)) visit(region);
  } else for (const region of soft) if (overlaps(region.box, area)) visit(region);
}

export interface RouteRequest {
  /** Where the search starts (the end of the source's stub) and the direction it is travelling. */
  start: Point;
  startDir: Dir;
  /** Where the search ends (the start of the target's stub) and the direction it must arrive in. */
  end: Point;
  endDir: Dir;
  soft: SoftCosts;
  /**
   * Whether an earlier route (by id) is of this one's trunk: it may share its line (a common
   * source or target). With `besideLines`, the routes not of it get grid lines that far either
   * side of their segments, px: without them the grid offers a route running by another only the
   * other's own line (obstacles' borders and guides lie elsewhere), and sharing it at
   * `sharingCostPerPx` beats a bend, so unrelated routes ran on one line.
   */
  trunk?: (route: number) => boolean;
  besideLines?: number;
}

/** A finished route's cost against the other routes (OrthogonalRouter.routeCost). */
export interface RouteCost {
  total: number;
  interaction: number;
  crossings: number;
  /** The part of `interaction` due to routes with ids from `seenBefore` on (added after the route was searched). */
  unseen: number;
}

export interface RouterOptions {
  bendCost: number;
  crossingCost: number;
  /** Extra cost per pixel of running along an earlier route: a parallel free line is preferred. */
  sharingCostPerPx: number;
  /** Room around the two ends in which the first search looks, px. */
  searchPadding: number;
  /** Grid size above which the search weights its heuristic (default WEIGHTED_GRID_LIMIT). */
  weightedGridLimit?: number;
}

/** What a router's searches did, summed over its searches (tests count work with it). */
export interface RouterStats {
  /** A* searches run (a route() call runs one per window it tries). */
  searches: number;
  /** Grid cells (lines × lines) of those searches. */
  cells: number;
  /** States the searches expanded (closed). */
  expansions: number;
  /** Searches whose grid had an axis thinned (AXIS_LINE_LIMIT). */
  thinned: number;
  /** Earlier route segments marked on the searches' grids. */
  marked: number;
  /** Thinned searches in a crowd of earlier segments (CROWD_SEGMENTS_PER_GRID_SEGMENT): none marked. */
  crowded: number;
}

export function emptyRouterStats(): RouterStats {
  return { searches: 0, cells: 0, expansions: 0, thinned: 0, marked: 0, crowded: 0 };
}

/** Adds `from`'s counts into `into`. */
export function addRouterStats(into: RouterStats, from: RouterStats): void {
  into.searches += from.searches;
  into.cells += from.cells;
  into.expansions += from.expansions;
  into.thinned += from.thinned;
  into.marked += from.marked;
  into.crowded += from.crowded;
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = {
  bendCost: 36,
  crossingCost: 28,
  sharingCostPerPx: 0.4,
  searchPadding: 90,
};

/**
 * Lines on one axis of a search grid above which that axis is thinned (thinLines): a long edge
 * past a column of many boxes (a hub's fan: one node with 1,000 targets stacked in a lane) saw
 * every box's borders as lines, so each search grew with the edges routed before it and the
 * routing of a hub grew with the square of its edges. The samples' and the corpus' grids stay
 * below it (at most 151 lines on an axis, channel mid-lines included), so their routes are unchanged.
 */
export const AXIS_LINE_LIMIT = 160;

/** Lines a thinned axis keeps (thinLines). */
const THINNED_LINES = 64;

/** Of those, the lines kept on either side of each end of the search. */
const NEAR_END_LINES = 12;

/**
 * Earlier route segments in a thinned search's window, per segment of its grid, above which it
 * marks none of them (see markEarlierRoutes): a hub's fan of n edges put every earlier route in
 * each window, n² segments marked in all. Marking stays linear in the grid up to this many.
 */
const CROWD_SEGMENTS_PER_GRID_SEGMENT = 4;

/** Grid size (lines × lines) above which no channel mid-lines are added. */
const CHANNEL_GRID_LIMIT = 20000;

/** Grid size above which soft costs (groups, headers, earlier routes) are dropped. */
const GREEDY_GRID_LIMIT = 40000;

/**
 * Grid size above which the search weights its heuristic (see astar). The samples' grids stay below
 * it; between 12,000 and 40,000 lines² (long edges of big drawings) the weighted search cuts the
 * routing time of 1,000 nodes by about a third for ~2% more crossings.
 */
const WEIGHTED_GRID_LIMIT = 12000;
/**
 * Earlier routes are marked segment by segment unless that visits more than this many times the
 * grid's segments; then by running sums (markRunsSummed: same costs, rounded otherwise).
 */
const SUMMED_MARKING_FACTOR = 4;

interface Segment {
  a: Point;
  b: Point;
  /** The route (addRoute's id) the segment belongs to. */
  route: number;
}

/**
 * Grid lines are kept on whole pixels so routes are deterministic and exact: the values within
 * [lo, hi], rounded, sorted and without repeats. Sorted as a typed array (natively, no comparison
 * calls); where −0 and 0 both occur, the one met first is kept, as a stable sort would.
 */
function uniqueSortedWithin(values: readonly number[], lo: number, hi: number): number[] {
  if (lineScratch.length < values.length)
    lineScratch = new Float64Array(Math.max(values.length, 2 * lineScratch.length));
  const sorted = lineScratch;
  let n = 0;
  let zero = 0;
  let zeroSeen = false;
  for (const v of values) {
    if (!(v >= lo && v <= hi)) continue;
    const r = Math.round(v);
    if (r === 0 && !zeroSeen) {
      zero = r;
      zeroSeen = true;
    }
    sorted[n++] = r;
  }
  const kept = sorted.subarray(0, n).sort();
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = kept[k] as number;
    if (out.length === 0 || out[out.length - 1] !== v) out.push(v === 0 ? zero : v);
  }
  return out;
}

/** uniqueSortedWithin's sorting space, reused (two calls a search). */
let lineScratch = new Float64Array(256);

/** Index of the first value > target in a sorted array. */
function upperBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first value ≥ target in a sorted array. */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface SearchArrays {
  /** A state's cost so far; -Infinity once it is closed (expanded). */
  best: Float64Array;
  previous: Int32Array;
  seen: Uint32Array;
  /** Which entries belong to the current search (seen equal to it). */
  stamp: number;
}

/**
 * The search's working storage, shared by every router: a search runs to its end before another
 * starts, and a layout makes several routers (each candidate, each pass), which each allocated and
 * zeroed their own. Grown by doubling, never shrunk.
 */
const SEARCH: {
  arrays: SearchArrays;
  /** The A* queue. */
  heap: MinHeap;
  /** The heuristic's column (0) and row (1) parts. */
  heuristic: [Float64Array, Float64Array];
  /** Horizontal (0) and vertical (1) segment costs. */
  costs: [Float64Array, Float64Array];
} = {
  arrays: {
    best: new Float64Array(4096),
    previous: new Int32Array(4096),
    seen: new Uint32Array(4096),
    stamp: 0,
  },
  heap: new MinHeap(),
  heuristic: [new Float64Array(256), new Float64Array(256)],
  costs: [new Float64Array(1024), new Float64Array(1024)],
};

/**
 * For tests: the stamp of the last search (SEARCH.arrays.stamp), first set to `stamp` when given:
 * 0 clears the arrays as at the start; any other value only advances it (the arrays hold the
 * stamps of earlier searches, up to the current one), to drive it to 0xffffffff, where scratchFor
 * clears the arrays and starts again.
 */
export function searchStampForTests(stamp?: number): number {
  const scratch = SEARCH.arrays;
  if (stamp === 0) {
    scratch.seen.fill(0);
    scratch.stamp = 0;
  } else if (stamp !== undefined) {
    if (stamp < scratch.stamp || stamp > 0xffffffff)
      throw new RangeError(`stamp ${stamp} is behind ${scratch.stamp} or past 0xffffffff`);
    scratch.stamp = stamp;
  }
  return scratch.stamp;
}

export class OrthogonalRouter {
  private readonly obstacles: BoxIndex;
  private readonly routed: Segment[] = [];
  private readonly routedIndex = new BoxIndex(192);
  /** Per route id: false once removed (its segments stay in the index but are skipped). */
  private readonly live: boolean[] = [];

  constructor(
    obstacleBoxes: readonly Box[],
    /** Extra coordinates worth having as grid lines (e.g. just outside group boxes). */
    private readonly guideBoxes: readonly Box[],
    /** The area routes may use. */
    private readonly bounds: Box,
    private readonly options: RouterOptions = DEFAULT_ROUTER_OPTIONS,
  ) {
    this.obstacles = new BoxIndex(192);
    obstacleBoxes.forEach((box) => this.obstacles.add(box));
  }

  /** Search arrays reused between searches (of every router: see SEARCH). */
  private scratchFor(stateCount: number): SearchArrays {
    const scratch = SEARCH.arrays;
    if (scratch.best.length < stateCount) {
      const size = Math.max(stateCount, scratch.best.length * 2);
      SEARCH.arrays = {
        best: new Float64Array(size),
        previous: new Int32Array(size),
        seen: new Uint32Array(size),
        stamp: 0,
      };
      return SEARCH.arrays;
    }
    if (scratch.stamp === 0xffffffff) {
      // Stamps would wrap round: every entry back to "not this search's".
      scratch.seen.fill(0);
      scratch.stamp = 0;
    }
    return scratch;
  }

  /** A reused array for the heuristic's column (0) or row (1) parts. */
  private heuristicBuffer(which: 0 | 1, size: number): Float64Array {
    return atLeast(SEARCH.heuristic, which, size);
  }

  /** A reused segment-cost array of at least `size` entries (callers overwrite the first `size`). */
  private costBuffer(which: 0 | 1, size: number): Float64Array {
    return atLeast(SEARCH.costs, which, size).subarray(0, size);
  }

  /** Remembers a finished route so later searches avoid crossing and sharing it; returns its id. */
  addRoute(points: readonly Point[]): number {
    const route = this.live.length;
    this.live.push(true);
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k] as Point;
      const b = points[k + 1] as Point;
      this.routed.push({ a, b, route });
      this.routedIndex.add(spanningBox(a, b));
    }
    return route;
  }

  /** Forgets a route: later searches and costings no longer see it. */
  removeRoute(route: number): void {
    this.live[route] = false;
  }

  /** Takes a removed route back, under its old id (it counts as seen by the searches that saw it). */
  restoreRoute(route: number): void {
    this.live[route] = true;
  }

  /**
   * What a finished route costs against the routes remembered now, in the search's terms: length,
   * bends, soft regions, crossings (half when it only touches the other route's line) and sharing.
   * `interaction` is the crossing and sharing part alone (0: no other route is in its way), `crossings`
   * the number of other routes' segments it properly crosses (a touch, which the cost counts half, is
   * not a crossing in the drawing).
   */
  routeCost(points: readonly Point[], soft: SoftCosts, seenBefore = Infinity): RouteCost {
    const { bendCost, crossingCost, sharingCostPerPx } = this.options;
    let total = Math.max(0, points.length - 2) * bendCost;
    let interaction = 0;
    let crossings = 0;
    let unseen = 0;
    for (let k = 0; k + 1 < points.length; k++) {
      const { horizontal, at, lo, hi } = axisSegment(points[k] as Point, points[k + 1] as Point);
      total += hi - lo;
      const span = horizontal
        ? { x: lo, y: at, width: hi - lo, height: 0 }
        : { x: at, y: lo, width: 0, height: hi - lo };
      // A region the segment's span does not meet adds exactly 0: only those it meets are visited.
      forEachSoft(soft, span, (region) => {
        if (pays(region, horizontal))
          total += region.costPerPx * insideLength(region.box, horizontal, at, lo, hi);
      });
      for (const id of this.routedIndex.query(span)) {
        const other = this.routed[id] as Segment;
        if (!this.live[other.route]) continue;
        const before = interaction;
        const {
          horizontal: otherHorizontal,
          at: oAt,
          lo: oLo,
          hi: oHi,
        } = axisSegment(other.a, other.b);
        if (otherHorizontal === horizontal) {
          if (oAt === at)
            interaction += sharingCostPerPx * Math.max(0, Math.min(hi, oHi) - Math.max(lo, oLo));
        } else if (at > oLo && at < oHi && oAt >= lo && oAt <= hi) {
          const proper = oAt > lo && oAt < hi;
          if (proper) crossings++;
          interaction += proper ? crossingCost : crossingCost / 2;
        }
        if (other.route >= seenBefore) unseen += interaction - before;
      }
    }
    return { total: total + interaction, interaction, crossings, unseen };
  }

  /**
   * How many px of a route lie on the lines of remembered routes not of `trunk` (all of them when
   * it is absent), or beside any remembered route closer than `closerThan` px (routes of its trunk
   * share a line, not run a few px apart): runs that read as one line with another edge.
   */
  sharedApart(
    points: readonly Point[],
    trunk?: (route: number) => boolean,
    closerThan = 1,
  ): number {
    let shared = 0;
    const near = closerThan - 1;
    for (let k = 0; k + 1 < points.length; k++) {
      const { horizontal, at, lo, hi } = axisSegment(points[k] as Point, points[k + 1] as Point);
      const span = horizontal
        ? { x: lo, y: at - near, width: hi - lo, height: 2 * near }
        : { x: at - near, y: lo, width: 2 * near, height: hi - lo };
      for (const id of this.routedIndex.query(span)) {
        const other = this.routed[id] as Segment;
        if (!this.live[other.route]) continue;
        const o = axisSegment(other.a, other.b);
        const apart = Math.abs(o.at - at);
        if (apart === 0 && trunk?.(other.route)) continue;
        if (o.horizontal === horizontal && apart < closerThan)
          shared += Math.max(0, Math.min(hi, o.hi) - Math.max(lo, o.lo));
      }
    }
    return shared;
  }

  /**
   * Strips `gap` px either side of the segments of remembered routes within `area`, each costing
   * `costPerPx` a px run along it, on the line included unless the route is of `trunk`: soft
   * regions for a search that should keep off other routes' lines but may join its trunk's.
   */
  stripsApart(
    area: Box,
    trunk: (route: number) => boolean,
    gap: number,
    costPerPx: number,
  ): SoftRegion[] {
    const out: SoftRegion[] = [];
    for (const id of this.routedIndex.query(area)) {
      const { a, b, route } = this.routed[id] as Segment;
      if (!this.live[route]) continue;
      const { horizontal, at, lo, hi } = axisSegment(a, b);
      if (hi === lo) continue;
      const along = horizontal ? ('horizontal' as const) : ('vertical' as const);
      // A search pays for the grid segments strictly inside a box: a trunk's line lies on the
      // border of its two half strips.
      const halves: Array<[number, number]> = trunk(route)
        ? [
            [at - gap, gap],
            [at, gap],
          ]
        : [[at - gap, 2 * gap]];
      for (const [from, size] of halves)
        out.push({
          box: horizontal
            ? { x: lo, y: from, width: hi - lo, height: size }
            : { x: from, y: lo, width: size, height: hi - lo },
          costPerPx,
          along,
        });
    }
    return out;
  }

  /** Grid lines² of the search that found the last route (what a search like it again would cost). */
  lastGridSize = 0;

  /**
   * Whether that search thinned its grid (AXIS_LINE_LIMIT): its route is a long one's through a
   * crowd, found on a sample of the lines; searching it again would cost as much for little.
   */
  lastThinned = false;

  /** The work of every search so far. */
  readonly stats: RouterStats = emptyRouterStats();

  /** The cheapest route from start to end as its bend points (start and end included), or null. */
  route(request: RouteRequest): Point[] | null {
    const span = {
      x: Math.min(request.start.x, request.end.x),
      y: Math.min(request.start.y, request.end.y),
      width: Math.abs(request.start.x - request.end.x),
      height: Math.abs(request.start.y - request.end.y),
    };
    const padding = this.options.searchPadding;
    const narrow = clip(inflate(span, padding), this.bounds);
    const found = this.search(request, narrow);
    if (found && !alongEdge(found, narrow, this.bounds)) return found;
    // Nothing in the narrow window, or a route along its edge (the way it wanted lies further
    // out): searched again in the wider window; of two routes the cheaper is kept.
    const state = { size: this.lastGridSize, thinned: this.lastThinned };
    const wider = this.search(request, clip(inflate(span, padding * 4), this.bounds));
    if (found === null) return wider ?? this.search(request, this.bounds);
    if (
      wider &&
      this.routeCost(wider, request.soft).total < this.routeCost(found, request.soft).total
    )
      return wider;
    this.lastGridSize = state.size;
    this.lastThinned = state.thinned;
    return found;
  }

  private search(request: RouteRequest, region: Box): Point[] | null {
    const { start, end } = request;
    const obstacleIds = this.obstacles.query(region);
    const obstacles = obstacleIds.map((id) => this.obstacles.box(id));
    const guides = this.guideBoxes.filter((g) => overlaps(g, region));
    const baseX = [region.x, region.x + region.width, start.x, end.x];
    const baseY = [region.y, region.y + region.height, start.y, end.y];
    for (const o of obstacles) {
      baseX.push(o.x, o.x + o.width);
      baseY.push(o.y, o.y + o.height);
    }
    for (const g of guides) {
      baseX.push(g.x, g.x + g.width);
      baseY.push(g.y, g.y + g.height);
    }
    // Lines beside the earlier routes not of its trunk (RouteRequest.besideLines), so a route can
    // run apart from them, and the lines of its trunk's routes, so it can join them.
    const { trunk, besideLines: beside } = request;
    if (beside !== undefined && trunk !== undefined)
      for (const id of this.routedIndex.query(region)) {
        const { a, b, route } = this.routed[id] as Segment;
        if (!this.live[route]) continue;
        const vertical = a.x === b.x;
        if (trunk(route)) {
          if (vertical) baseX.push(a.x);
          else baseY.push(a.y);
        } else if (vertical) baseX.push(a.x - beside, a.x + beside);
        else baseY.push(a.y - beside, a.y + beside);
      }
    let xs = uniqueSortedWithin(baseX, region.x, region.x + region.width);
    let ys = uniqueSortedWithin(baseY, region.y, region.y + region.height);
    // Past AXIS_LINE_LIMIT an axis keeps the lines near the two ends and a sample of the others
    // (no channel mid-lines there); boxes and regions then mark every grid segment they overlap
    // (markOverlapping), not only the segments between their own borders, which may be gone.
    const thinX = xs.length > AXIS_LINE_LIMIT;
    const thinY = ys.length > AXIS_LINE_LIMIT;
    const thinned = thinX || thinY;
    this.lastThinned = thinned;
    if (thinX) xs = thinLines(xs, start.x, end.x);
    if (thinY) ys = thinLines(ys, start.y, end.y);
    if (thinned) this.stats.thinned++;
    // Channel mid-lines make routes run down the middle of gaps; on huge grids they cost too much.
    if (xs.length * ys.length <= CHANNEL_GRID_LIMIT) {
      if (!thinX) xs = withChannels(xs);
      if (!thinY) ys = withChannels(ys);
    }
    const nx = xs.length;
    const ny = ys.length;
    this.lastGridSize = nx * ny;
    const si = lowerBound(xs, start.x);
    const sj = lowerBound(ys, start.y);
    const ei = lowerBound(xs, end.x);
    const ej = lowerBound(ys, end.y);
    // Segment costs: Infinity when blocked. h[j*(nx-1)+i] is (i,j)→(i+1,j); v[j*nx+i] is (i,j)→(i,j+1).
    const hCost = this.costBuffer(0, Math.max(0, (nx - 1) * ny));
    const vCost = this.costBuffer(1, Math.max(0, nx * (ny - 1)));
    for (let j = 0; j < ny; j++)
      for (let i = 0; i + 1 < nx; i++)
        hCost[j * (nx - 1) + i] = (xs[i + 1] as number) - (xs[i] as number);
    for (let j = 0; j + 1 < ny; j++)
      for (let i = 0; i < nx; i++) vCost[j * nx + i] = (ys[j + 1] as number) - (ys[j] as number);
    const markInside = (
      box: Box,
      apply: (isH: boolean, index: number, length: number) => void,
    ): void => {
      // Segments whose interior lies strictly inside the box.
      const i0 = lowerBound(xs, box.x);
      const i1 = lowerBound(xs, box.x + box.width + 0.5) - 1; // last index with xs ≤ right
      const j0 = lowerBound(ys, box.y);
      const j1 = lowerBound(ys, box.y + box.height + 0.5) - 1;
      // Horizontal segments on rows strictly inside, between columns within [left, right].
      for (let j = j0; j <= j1; j++) {
        const y = ys[j] as number;
        if (y <= box.y || y >= box.y + box.height) continue;
        for (let i = i0; i < i1; i++)
          apply(true, j * (nx - 1) + i, (xs[i + 1] as number) - (xs[i] as number));
      }
      for (let i = i0; i <= i1; i++) {
        const x = xs[i] as number;
        if (x <= box.x || x >= box.x + box.width) continue;
        for (let j = j0; j < j1; j++)
          apply(false, j * nx + i, (ys[j + 1] as number) - (ys[j] as number));
      }
    };
    const markOverlapping = (
      box: Box,
      apply: (isH: boolean, index: number, length: number) => void,
    ): void => {
      // Segments whose interior meets the box's interior by more than half a pixel (grid lines
      // are whole pixels, boxes need not be), with the length inside.
      const left = box.x;
      const right = box.x + box.width;
      const top = box.y;
      const bottom = box.y + box.height;
      const i0 = Math.max(0, upperBound(xs, left) - 1); // last column ≤ left
      const i1 = Math.min(nx - 1, lowerBound(xs, right)); // first column ≥ right
      const j0 = Math.max(0, upperBound(ys, top) - 1);
      const j1 = Math.min(ny - 1, lowerBound(ys, bottom));
      for (let j = j0; j <= j1; j++) {
        const y = ys[j] as number;
        if (y <= top || y >= bottom) continue;
        for (let i = i0; i < i1; i++) {
          const inside = Math.min(xs[i + 1] as number, right) - Math.max(xs[i] as number, left);
          if (inside > 0.5) apply(true, j * (nx - 1) + i, inside);
        }
      }
      for (let i = i0; i <= i1; i++) {
        const x = xs[i] as number;
        if (x <= left || x >= right) continue;
        for (let j = j0; j < j1; j++) {
          const inside = Math.min(ys[j + 1] as number, bottom) - Math.max(ys[j] as number, top);
          if (inside > 0.5) apply(false, j * nx + i, inside);
        }
      }
    };
    const mark = thinned ? markOverlapping : markInside;
    const block = (isH: boolean, index: number): void => {
      if (isH) hCost[index] = Infinity;
      else vCost[index] = Infinity;
    };
    for (const o of obstacles) mark(o, block);
    // On huge grids only the obstacles count: soft costs would make the search explore widely.
    const huge = nx * ny > GREEDY_GRID_LIMIT;
    if (!huge)
      forEachSoft(request.soft, region, (soft) => {
        (soft.loose ? markOverlapping : mark)(soft.box, (isH, index, length) => {
          if (!pays(soft, isH)) return;
          if (isH) hCost[index] = (hCost[index] as number) + soft.costPerPx * length;
          else vCost[index] = (vCost[index] as number) + soft.costPerPx * length;
        });
      });
    if (!huge) this.markEarlierRoutes(region, xs, ys, hCost, vCost, thinned);
    return this.astar(request, xs, ys, si, sj, ei, ej, hCost, vCost);
  }

  /** Adds crossing and sharing costs for the routes already drawn. */
  private markEarlierRoutes(
    region: Box,
    xs: number[],
    ys: number[],
    hCost: Float64Array,
    vCost: Float64Array,
    thinned: boolean,
  ): void {
    // A thinned search in a crowd of earlier routes (the 1,000th edge of a hub's fan has all the
    // others in its window) marks none of them, as on huge grids: only the obstacles count.
    const limit = thinned
      ? CROWD_SEGMENTS_PER_GRID_SEGMENT * (hCost.length + vCost.length)
      : Infinity;
    const ids = this.routedIndex.queryAtMost(region, limit);
    if (ids === null) {
      this.stats.crowded++;
      return;
    }
    const segments: Array<{ a: Point; b: Point }> = [];
    for (const id of ids) {
      const segment = this.routed[id] as Segment;
      if (this.live[segment.route]) segments.push(segment);
    }
    this.stats.marked += segments.length;
    markSegments(segments, xs, ys, hCost, vCost, this.options);
  }

  private astar(
    request: RouteRequest,
    xs: number[],
    ys: number[],
    si: number,
    sj: number,
    ei: number,
    ej: number,
    hCost: Float64Array,
    vCost: Float64Array,
  ): Point[] | null {
    const nx = xs.length;
    const ny = ys.length;
    const { bendCost } = this.options;
    const stateCount = nx * ny * 4;
    const scratch = this.scratchFor(stateCount);
    const best = scratch.best;
    const previous = scratch.previous;
    const seen = scratch.seen;
    const stamp = ++scratch.stamp;
    const heap = SEARCH.heap;
    heap.clear();
    const ex = xs[ei] as number;
    const ey = ys[ej] as number;
    // On big grids the search is made greedier (weighted A*): a slightly longer route found fast.
    const weight = nx * ny > (this.options.weightedGridLimit ?? WEIGHTED_GRID_LIMIT) ? 2 : 1;
    // The heuristic weight·(|x − ex| + |y − ey|) per column and row: lines are whole pixels, so the
    // two parts add up to exactly the same number.
    const hx = this.heuristicBuffer(0, nx);
    const hy = this.heuristicBuffer(1, ny);
    for (let i = 0; i < nx; i++) hx[i] = weight * Math.abs((xs[i] as number) - ex);
    for (let j = 0; j < ny; j++) hy[j] = weight * Math.abs((ys[j] as number) - ey);
    const hStride = nx - 1;
    const { startDir, endDir } = request;
    const startState = (sj * nx + si) * 4 + startDir;
    best[startState] = 0;
    previous[startState] = -1;
    seen[startState] = stamp;
    heap.push(startState, (hx[si] as number) + (hy[sj] as number));
    let goalState = -1;
    let goalCost = Infinity;
    let expansions = 0;
    // The goal is a virtual state (index stateCount) reached from the goal cell, so that a final
    // bend is paid for before the search stops. A state is closed once expanded: its best cost is
    // set to -Infinity, which no new cost improves on (every state in the queue was seen by this
    // search, so its best is this search's), and a queued copy of it is then passed over.
    const goal = stateCount;
    const endCell = ej * nx + ei;
    while (heap.size > 0) {
      const state = heap.pop();
      if (state === goal) break;
      const g = best[state] as number;
      if (g === -Infinity) continue;
      best[state] = -Infinity;
      expansions++;
      const dir = state & 3;
      const cell = state >> 2;
      if (cell === endCell && state !== startState) {
        if ((dir + 2) % 4 !== endDir) {
          const total = g + (dir === endDir ? 0 : bendCost);
          if (total < goalCost) {
            goalCost = total;
            goalState = state;
            heap.push(goal, total);
          }
        }
        continue;
      }
      const i = cell % nx;
      const j = (cell - i) / nx;
      const back = (dir + 2) & 3;
      // The four moves in the order 0 (+x), 1 (+y), 2 (−x), 3 (−y), as before.
      for (let nd = 0; nd < 4; nd++) {
        if (nd === back) continue;
        let step: number;
        let ni = i;
        let nj = j;
        if (nd === 0) {
          if (i + 1 >= nx) continue;
          ni = i + 1;
          step = hCost[j * hStride + i] as number;
        } else if (nd === 1) {
          if (j + 1 >= ny) continue;
          nj = j + 1;
          step = vCost[cell] as number;
        } else if (nd === 2) {
          if (i === 0) continue;
          ni = i - 1;
          step = hCost[j * hStride + ni] as number;
        } else {
          if (j === 0) continue;
          nj = j - 1;
          step = vCost[cell - nx] as number;
        }
        if (step === Infinity) continue;
        const cost = g + step + (nd === dir ? 0 : bendCost);
        const next = (nj * nx + ni) * 4 + nd;
        // Also passes over a closed state (its best is -Infinity).
        if (seen[next] === stamp && cost >= (best[next] as number)) continue;
        best[next] = cost;
        seen[next] = stamp;
        previous[next] = state;
        heap.push(next, cost + ((hx[ni] as number) + (hy[nj] as number)));
      }
    }
    this.stats.searches++;
    this.stats.cells += nx * ny;
    this.stats.expansions += expansions;
    if (goalState < 0) return null;
    const cells: Point[] = [];
    for (let s = goalState; s >= 0; s = previous[s] as number) {
      const cell = s >> 2;
      const i = cell % nx;
      cells.push({ x: xs[i] as number, y: ys[(cell - i) / nx] as number });
    }
    return simplifyPolyline(cells.reverse());
  }
}

/**
 * Adds the crossing and sharing costs of earlier route segments (axis-parallel) to a search grid's
 * cost arrays (h[j*(nx-1)+i] is (i,j)→(i+1,j); v[j*nx+i] is (i,j)→(i,j+1)). `summed`: by running
 * sums (true), segment by segment (false), or chosen by the work (default).
 */
export function markSegments(
  segments: ReadonlyArray<{ a: Point; b: Point }>,
  xs: readonly number[],
  ys: readonly number[],
  hCost: Float64Array,
  vCost: Float64Array,
  costs: { crossingCost: number; sharingCostPerPx: number },
  summed?: boolean,
): void {
  const nx = xs.length;
  const { crossingCost, sharingCostPerPx } = costs;
  // A vertical segment is crossed by horizontal moves and shared by vertical ones; a horizontal one
  // the other way round. h[j*(nx-1)+i] and v[j*nx+i] give the strides of either axis.
  const vertical: RunArrays = {
    crossingCost,
    sharingCostPerPx,
    cross: hCost,
    crossRun: nx - 1,
    crossFixed: 1,
    share: vCost,
    shareRun: nx,
    shareFixed: 1,
  };
  const horizontal: RunArrays = {
    crossingCost,
    sharingCostPerPx,
    cross: vCost,
    crossRun: 1,
    crossFixed: nx,
    share: hCost,
    shareRun: 1,
    shareFixed: nx - 1,
  };
  if (summed === undefined) {
    // Grid segments the marking visits one by one: each earlier segment, along its length.
    let work = 0;
    for (const { a, b } of segments) {
      const runLines = a.x === b.x ? ys : xs;
      const lo = a.x === b.x ? Math.min(a.y, b.y) : Math.min(a.x, b.x);
      const hi = a.x === b.x ? Math.max(a.y, b.y) : Math.max(a.x, b.x);
      work += upperBound(runLines, hi) - lowerBound(runLines, lo);
    }
    // Many long routes over one grid (a hub's fan of edges along one column: each search saw
    // every earlier route along its whole length, cubic in the fan's size): counted per grid
    // segment by running sums, linear in the grid and the routes. Only then, so that the sums'
    // other rounding never changes a route where the direct marking is cheap.
    summed = work > SUMMED_MARKING_FACTOR * (hCost.length + vCost.length);
  }
  if (summed) {
    markRunsSummed(segments, xs, ys, vertical, horizontal);
    return;
  }
  for (const { a, b } of segments) {
    if (a.x === b.x) markRun(xs, a.x, ys, Math.min(a.y, b.y), Math.max(a.y, b.y), vertical);
    else markRun(ys, a.y, xs, Math.min(a.x, b.x), Math.max(a.x, b.x), horizontal);
  }
}

/**
 * The costs, and where the grid segments of one axis sit in their cost arrays: index = run × runStride
 * + fixed × fixedStride, `fixed` indexing the grid lines across the route segment, `run` the lines along it.
 */
interface RunArrays {
  crossingCost: number;
  sharingCostPerPx: number;
  cross: Float64Array;
  crossRun: number;
  crossFixed: number;
  share: Float64Array;
  shareRun: number;
  shareFixed: number;
}

/**
 * Costs of one earlier route segment lying on `fixedLines` value `at` from `lo` to `hi` along
 * `runLines`: moves across it pay the crossing cost (split between the two grid segments meeting on
 * it when it lies on a grid line), moves along it on the same line pay the sharing cost.
 */
function markRun(
  fixedLines: readonly number[],
  at: number,
  runLines: readonly number[],
  lo: number,
  hi: number,
  c: RunArrays,
): void {
  const fixedCount = fixedLines.length;
  const runCount = runLines.length;
  const f = lowerBound(fixedLines, at);
  const onLine = fixedLines[f] === at;
  for (let r = lowerBound(runLines, lo); r < runCount && (runLines[r] as number) <= hi; r++) {
    const v = runLines[r] as number;
    const crossAt = r * c.crossRun + f * c.crossFixed;
    if (v > lo && v < hi) {
      if (onLine) {
        if (f > 0)
          c.cross[crossAt - c.crossFixed] =
            (c.cross[crossAt - c.crossFixed] as number) + c.crossingCost / 2;
        if (f + 1 < fixedCount)
          c.cross[crossAt] = (c.cross[crossAt] as number) + c.crossingCost / 2;
      } else if (f > 0 && f < fixedCount) {
        c.cross[crossAt - c.crossFixed] =
          (c.cross[crossAt - c.crossFixed] as number) + c.crossingCost;
      }
    }
    if (onLine && r + 1 < runCount && (runLines[r + 1] as number) <= hi) {
      const shareAt = r * c.shareRun + f * c.shareFixed;
      c.share[shareAt] =
        (c.share[shareAt] as number) + c.sharingCostPerPx * ((runLines[r + 1] as number) - v);
    }
  }
}

/**
 * markRun for many segments at once, with the same costs: per grid segment, how many earlier
 * segments cross it (whole or half) and share it, as differences along each grid line summed once.
 * O(segments × log(grid) + grid) instead of O(Σ segment lengths in grid lines).
 */
function markRunsSummed(
  segments: ReadonlyArray<{ a: Point; b: Point }>,
  xs: readonly number[],
  ys: readonly number[],
  vertical: RunArrays,
  horizontal: RunArrays,
): void {
  for (const isVertical of [true, false]) {
    const fixedLines = isVertical ? xs : ys;
    const runLines = isVertical ? ys : xs;
    const c = isVertical ? vertical : horizontal;
    const fixedCount = fixedLines.length;
    const runCount = runLines.length;
    const stride = runCount + 1;
    // Differences along the run lines, per fixed line: half and whole crossings, sharings.
    const half = new Int32Array(fixedCount * stride);
    const whole = new Int32Array(fixedCount * stride);
    const shared = new Int32Array(fixedCount * stride);
    const addRange = (counts: Int32Array, f: number, from: number, to: number): void => {
      if (from > to) return;
      counts[f * stride + from] = (counts[f * stride + from] as number) + 1;
      counts[f * stride + to + 1] = (counts[f * stride + to + 1] as number) - 1;
    };
    for (const { a, b } of segments) {
      if ((a.x === b.x) !== isVertical) continue;
      const at = isVertical ? a.x : a.y;
      const lo = isVertical ? Math.min(a.y, b.y) : Math.min(a.x, b.x);
      const hi = isVertical ? Math.max(a.y, b.y) : Math.max(a.x, b.x);
      const f = lowerBound(fixedLines, at);
      const onLine = fixedLines[f] === at;
      const first = lowerBound(runLines, lo);
      const last = upperBound(runLines, hi) - 1; // last run line ≤ hi
      // Crossed where lo < v < hi.
      const crossFrom = runLines[first] === lo ? first + 1 : first;
      const crossTo = runLines[last] === hi ? last - 1 : last;
      if (onLine) {
        if (f > 0) addRange(half, f - 1, crossFrom, crossTo);
        if (f + 1 < fixedCount) addRange(half, f, crossFrom, crossTo);
        addRange(shared, f, first, last - 1);
      } else if (f > 0 && f < fixedCount) addRange(whole, f - 1, crossFrom, crossTo);
    }
    for (let f = 0; f < fixedCount; f++) {
      let h = 0;
      let w = 0;
      let sh = 0;
      for (let r = 0; r < runCount; r++) {
        const k = f * stride + r;
        h += half[k] as number;
        w += whole[k] as number;
        sh += shared[k] as number;
        if (h !== 0 || w !== 0) {
          const crossAt = r * c.crossRun + f * c.crossFixed;
          c.cross[crossAt] =
            (c.cross[crossAt] as number) + h * (c.crossingCost / 2) + w * c.crossingCost;
        }
        if (sh !== 0) {
          const shareAt = r * c.shareRun + f * c.shareFixed;
          c.share[shareAt] =
            (c.share[shareAt] as number) +
            sh * c.sharingCostPerPx * ((runLines[r + 1] as number) - (runLines[r] as number));
        }
      }
    }
  }
}

/**
 * THINNED_LINES of an axis' sorted lines (all of them when there are no more than that): both outer ones (the window's borders), the
 * NEAR_END_LINES lines on either side of each end (where a route leaves and arrives it turns round
 * its neighbours), and evenly spaced ones of the rest (where a long route may cross over).
 */
export function thinLines(lines: readonly number[], from: number, to: number): number[] {
  const count = lines.length;
  if (count <= THINNED_LINES) return [...lines];
  const kept = new Uint8Array(count);
  kept[0] = 1;
  kept[count - 1] = 1;
  for (const end of [from, to]) {
    const at = lowerBound(lines, end);
    for (
      let k = Math.max(0, at - NEAR_END_LINES);
      k <= Math.min(count - 1, at + NEAR_END_LINES);
      k++
    )
      kept[k] = 1;
  }
  let taken = 0;
  for (let k = 0; k < count; k++) taken += kept[k] as number;
  const rest = count - taken;
  const room = THINNED_LINES - taken;
  if (room > 0 && rest > 0) {
    // The r-th of the rest is kept when ⌊r·room/rest⌋ steps up: `room` of them, evenly spread.
    let r = 0;
    for (let k = 0; k < count; k++) {
      if (kept[k]) continue;
      if (Math.floor(((r + 1) * room) / rest) > Math.floor((r * room) / rest)) kept[k] = 1;
      r++;
    }
  }
  const out: number[] = [];
  for (let k = 0; k < count; k++) if (kept[k]) out.push(lines[k] as number);
  return out;
}

/** Adds a line in the middle of every wide gap, so routes can run down the middle of a channel. */
function withChannels(lines: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < lines.length; k++) {
    const v = lines[k] as number;
    out.push(v);
    const next = lines[k + 1];
    if (next !== undefined && next - v >= 24) out.push(Math.round((v + next) / 2));
  }
  return out;
}

/** An axis-aligned segment as its line (`at`: y when horizontal, x when vertical) and its extent on it. */
function axisSegment(
  a: Point,
  b: Point,
): { horizontal: boolean; at: number; lo: number; hi: number } {
  const horizontal = a.y === b.y;
  return horizontal
    ? { horizontal, at: a.y, lo: Math.min(a.x, b.x), hi: Math.max(a.x, b.x) }
    : { horizontal, at: a.x, lo: Math.min(a.y, b.y), hi: Math.max(a.y, b.y) };
}

/** Length of an axis-aligned segment (on line `at`, from `lo` to `hi`) strictly inside the box, as the search charges it. */
function insideLength(box: Box, horizontal: boolean, at: number, lo: number, hi: number): number {
  const [acrossLo, acrossHi, alongLo, alongHi] = horizontal
    ? [box.y, box.y + box.height, box.x, box.x + box.width]
    : [box.x, box.x + box.width, box.y, box.y + box.height];
  if (at <= acrossLo || at >= acrossHi) return 0;
  return Math.max(0, Math.min(hi, alongHi) - Math.max(lo, alongLo));
}

function clip(box: Box, bounds: Box): Box {
  const x0 = Math.max(box.x, bounds.x);
  const y0 = Math.max(box.y, bounds.y);
  const x1 = Math.min(box.x + box.width, bounds.x + bounds.width);
  const y1 = Math.min(box.y + box.height, bounds.y + bounds.height);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

function overlaps(a: Box, b: Box): boolean {
  return (
    a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height
  );
}

/** Whether a route has a segment on an edge of the search window that is not the drawing's edge. */
function alongEdge(points: readonly Point[], region: Box, bounds: Box): boolean {
  const left = region.x;
  const right = region.x + region.width;
  const top = region.y;
  const bottom = region.y + region.height;
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k] as Point;
    const b = points[k + 1] as Point;
    if (a.x === b.x && a.y !== b.y) {
      if ((a.x === left && left > bounds.x) || (a.x === right && right < bounds.x + bounds.width))
        return true;
    } else if (a.y === b.y && a.x !== b.x) {
      if ((a.y === top && top > bounds.y) || (a.y === bottom && bottom < bounds.y + bounds.height))
        return true;
    }
  }
  return false;
}

/** `buffers[which]`, first replaced by one at least `size` long (doubling) when it is shorter. */
function atLeast(buffers: [Float64Array, Float64Array], which: 0 | 1, size: number): Float64Array {
  const buffer = buffers[which];
  if (buffer.length >= size) return buffer;
  return (buffers[which] = new Float64Array(Math.max(size, buffer.length * 2)));
}
