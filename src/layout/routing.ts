/**
 * Edge routing for the whole diagram: sides and ports, one orthogonal search per edge (shortest edges
 * first, each later search paying to cross or share the earlier routes, so parallel routes take
 * separate grid lines), a rip-up-and-reroute pass against all the routes, then the conversion to the
 * requested edge style.
 */
import type { DiagramEdge } from '../model/diagram.js';
import { attachPoint, groupBox, type ShapeGeometry } from '../shapes/index.js';
import type { Side } from '../syntax/ast.js';
import type { Box, EdgeStyle, Point } from './types.js';
import {
  NORMALS,
  centre,
  dot,
  inflate,
  isHorizontalSide,
  opposite,
  samePoint,
  segmentCrossesBox,
  simplifyPolyline,
  spanningBox,
  unionBox,
  type Vector,
} from './geometry.js';
import { BoxIndex } from './box-index.js';
import {
  addRouterStats,
  DEFAULT_ROUTER_OPTIONS,
  OrthogonalRouter,
  type RouterOptions,
  type RouterStats,
  SoftRegionSet,
  type Dir,
  type RouteRequest,
  type SoftRegion,
} from './route.js';
import { assignPorts, chooseSides, placeOpenEnds, sidePoint, type PortRequest } from './sides.js';
import { branchLabelRoom } from './labels.js';

/** Clearance kept between routes and nodes, and the length of the perpendicular stub at each port. */
export const NODE_MARGIN = 12;
const OTHER_GROUP_COST_PER_PX = 1.5;
/** Routes keep at least this far from a group's border they run along, px. */
export const BORDER_CLEARANCE = 12;
/** A px of route closer than `BORDER_CLEARANCE` to a group's border (along it: a bend is 36). */
const BORDER_COST_PER_PX = 1.5;
const HEADER_COST_PER_PX = 4;
/**
 * In the layered layout's fallback routes, a px inside a group that holds neither end: a pass
 * through a closed cluster reads as the edge belonging to it, so it costs more than the detours
 * and crossings of going around (a bend 36, a crossing 28).
 */
const FOREIGN_GROUP_COST_PER_PX = 30;
/**
 * A px of another route inside a decision branch's label room (labels.ts branchLabelRoom): a route
 * crossing it costs more than the few px around the label's end (a label 18 px high: 72).
 */
const LABEL_ROOM_COST_PER_PX = 4;

/**
 * A route that runs on the line of an earlier route sharing neither end with it (route.ts
 * sharedApart) is searched again with grid lines this far beside those routes (RouteRequest
 * besideLines), and the new route kept when it shares less and crosses at most one more route
 * (besideOthers): the grid offered only the other's line, and sharing it (0.4 a px) was cheaper
 * than a bend (36).
 */
const BESIDE_LINES = 10;
/**
 * In that search, a px run along an unrelated route closer than TRACK_GAP (on its line included): a
 * run of 20 px (40) costs more than the crossing (28) it hides where the two part to either side
 * (on the line at 0.4 a px it cost 8; a grid line 4 px beside it cost nothing).
 */
const APART_COST_PER_PX = 2;

/**
 * Wrapped lanes: the routes between rows span the drawing, on grids past the weighted search's
 * limit (with the lines inside every band, lanes-wrap.ts laneLines), where the greedy search takes
 * the straight drop through the lanes of the next row instead of the channel and the row's start.
 * Searched exactly up to the size where soft costs are dropped anyway (only diagrams of at most 300
 * nodes are wrapped).
 */
const WRAPPED_ROUTER_OPTIONS: RouterOptions = {
  ...DEFAULT_ROUTER_OPTIONS,
  weightedGridLimit: 40000,
};

/**
 * A px in a wrapped drawing's margins a route should not run along (lanes-wrap.ts rowMargins), as
 * much as in a header band: at 1.5 (another group's) a route between rows still went down past
 * the next row's end and back along a lane (ab-testing LR), being 1,100 px shorter than the way
 * through the channel and in at the row's start.
 */
const DETOUR_COST_PER_PX = 4;

export interface RoutingInput {
  edges: readonly DiagramEdge[];
  nodes: ReadonlyMap<string, Box>;
  /** Each node's outline (its shape); an edge ending on a group uses the group box's outline. */
  outlines: ReadonlyMap<string, ShapeGeometry>;
  /** The group a node lies in, the group a group lies in; null (or absent) at the top level. */
  groupOf: ReadonlyMap<string, string | null>;
  groups: ReadonlyMap<string, Box>;
  /** Wrapped lanes: each group's band in the later rows (costs and grid lines as its first box). */
  continued?: ReadonlyMap<string, readonly Box[]>;
  /** Areas a route pays DETOUR_COST_PER_PX to run through (wrapped lanes' row margins). */
  detours?: readonly Box[];
  /** More boxes whose borders are grid lines (wrapped lanes: tracks in the channels between rows). */
  guides?: readonly Box[];
  headerHeight: number;
  /**
   * Decisions: nodes whose branches (the edges leaving them, when there are two or three) each
   * leave from their own side, not as one line out of one vertex that splits further on.
   */
  decisions?: ReadonlySet<string>;
  /** The size of an edge's label, if it has one (a decision branch's keeps its room, labels.ts). */
  labelSize?: (edge: DiagramEdge) => { width: number; height: number } | null;
  flow: Vector;
  style: EdgeStyle;
  /** When given, the routers' work (searches, grid cells, expansions) is added into it. */
  stats?: RouterStats;
}

export interface RoutedEdge {
  edge: DiagramEdge;
  fromSide: Side;
  toSide: Side;
  points: Point[];
}

function dirOf(v: Vector): Dir {
  return v.x > 0 ? 0 : v.y > 0 ? 1 : v.x < 0 ? 2 : 3;
}

function step(p: Point, v: Vector, by: number): Point {
  return { x: p.x + v.x * by, y: p.y + v.y * by };
}

/** The point of a box's side nearest to `p`. */
function nearestOnSide(b: Box, side: Side, p: Point): Point {
  const x = Math.min(b.x + b.width, Math.max(b.x, p.x));
  const y = Math.min(b.y + b.height, Math.max(b.y, p.y));
  switch (side) {
    case 'top':
      return { x, y: b.y };
    case 'bottom':
      return { x, y: b.y + b.height };
    case 'left':
      return { x: b.x, y };
    case 'right':
      return { x: b.x + b.width, y };
  }
}

/** The corner two adjacent sides share (where a loop between them should hug), else the centre. */
function loopCorner(box: Box, a: Side, b: Side): Point {
  const na = NORMALS[a];
  const nb = NORMALS[b];
  const c = centre(box);
  if (dot(na, nb) !== 0) return c;
  return { x: c.x + (na.x + nb.x) * (box.width / 2), y: c.y + (na.y + nb.y) * (box.height / 2) };
}

export function routeEdges(input: RoutingInput): RoutedEdge[] {
  const { edges, nodes } = input;
  // An endpoint is a node or (an edge to a group) a group's box; ids of both are unique together.
  const box = (id: string): Box => (nodes.get(id) ?? input.groups.get(id)) as Box;
  const groupOutline = groupBox(input.headerHeight);
  const geometryOf = (id: string): ShapeGeometry => input.outlines.get(id) ?? groupOutline;
  // Loops with written handles first claim their sides; the others then avoid them.
  const loopsOn = new Map<string, Set<string>>();
  const claim = (edge: DiagramEdge, pair: [Side, Side]): void => {
    if (edge.from !== edge.to) return;
    const set = loopsOn.get(edge.from) ?? new Set<string>();
    set.add(`${pair[0]}:${pair[1]}`);
    loopsOn.set(edge.from, set);
  };
  // Sides of nodes whose ends meet at one point (a vertex, a curve: no port span) already used by
  // an end leaving (`out`) or arriving (`in`): a written handle first, then each side chosen. An end
  // the other way there would lie on the first one's line (an edge from a group drawn into a
  // decision's bottom, over its written bottom branch); ends the same way merge, as they may.
  const pointSides = new Map<string, Set<Side>>();
  const single = (id: string, kind: DiagramEdge['fromKind'], side: Side): boolean =>
    kind === 'node' && geometryOf(id).portSpan(box(id), side) === null;
  const takeSide = (id: string, kind: DiagramEdge['fromKind'], side: Side, way: string): void => {
    if (!single(id, kind, side)) return;
    const key = `${way}:${id}`;
    const set = pointSides.get(key) ?? new Set<Side>();
    set.add(side);
    pointSides.set(key, set);
  };
  // A decision's branches: the sides its other branches leave from (written, then each chosen).
  const branchCount = new Map<string, number>();
  for (const edge of edges)
    if (edge.fromKind === 'node' && edge.from !== edge.to && input.decisions?.has(edge.from))
      branchCount.set(edge.from, (branchCount.get(edge.from) ?? 0) + 1);
  const branching = (edge: DiagramEdge): boolean => {
    const count = branchCount.get(edge.from) ?? 0;
    return edge.fromKind === 'node' && edge.from !== edge.to && count >= 2 && count <= 3;
  };
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    if (edge.fromHandle) takeSide(edge.from, edge.fromKind, edge.fromHandle, 'out');
    if (edge.toHandle) takeSide(edge.to, edge.toKind, edge.toHandle, 'in');
  }
  const none: ReadonlySet<Side> = new Set();
  // Sides an end may not share: those of ends going the other way, and for a decision's branch
  // those of its other branches too.
  const takenFrom = (edge: DiagramEdge): ReadonlySet<Side> => {
    const against = pointSides.get(`in:${edge.from}`) ?? none;
    if (!branching(edge)) return against;
    const along = pointSides.get(`out:${edge.from}`);
    return along ? new Set([...against, ...along]) : against;
  };
  const sides: Array<[Side, Side]> = new Array(edges.length);
  for (const pass of [true, false]) {
    edges.forEach((edge, k) => {
      const written = edge.fromHandle !== null && edge.toHandle !== null;
      if (written !== pass) return;
      const pair = chooseSides(
        edge,
        box(edge.from),
        box(edge.to),
        input.flow,
        loopsOn.get(edge.from),
        { source: edge.fromKind === 'group', target: edge.toKind === 'group' },
        { source: takenFrom(edge), target: pointSides.get(`out:${edge.to}`) ?? none },
      );
      sides[k] = pair;
      claim(edge, pair);
      if (edge.from !== edge.to && !written) {
        if (!edge.fromHandle) takeSide(edge.from, edge.fromKind, pair[0], 'out');
        if (!edge.toHandle) takeSide(edge.to, edge.toKind, pair[1], 'in');
      }
    });
  }
  const requests: PortRequest[] = [];
  edges.forEach((edge, k) => {
    const [fromSide, toSide] = sides[k] as [Side, Side];
    const loop = edge.from === edge.to;
    const corner = loop ? loopCorner(box(edge.from), fromSide, toSide) : null;
    // A group's box may span the drawing: its end is aimed at the point of its side nearest to
    // the other end, not at its centre.
    const fromAt = centre(box(edge.from));
    const toAt = centre(box(edge.to));
    const source =
      edge.fromKind === 'group' ? nearestOnSide(box(edge.from), fromSide, toAt) : fromAt;
    const target = edge.toKind === 'group' ? nearestOnSide(box(edge.to), toSide, fromAt) : toAt;
    requests.push({
      key: `${k}:from`,
      nodeId: edge.from,
      side: fromSide,
      toward: corner ?? target,
    });
    requests.push({ key: `${k}:to`, nodeId: edge.to, side: toSide, toward: corner ?? source });
  });
  const ports = assignPorts(requests, box, geometryOf);
  const groupBoxes: Array<[string, Box]> = [...input.groups.entries()];
  for (const [id, boxes] of input.continued ?? []) for (const b of boxes) groupBoxes.push([id, b]);
  const everything = unionBox([...nodes.values(), ...groupBoxes.map(([, g]) => g)]);
  const bounds = inflate(everything, 80);
  const nodeBoxes = [...nodes.values()];
  // The room of each decision branch's label by its diamond (labels.ts branchLabelRoom).
  const rooms: Array<Box | null> = edges.map((edge, k) => {
    const size = branching(edge) ? (input.labelSize?.(edge) ?? null) : null;
    return size
      ? branchLabelRoom(ports.get(`${k}:from`) as Point, (sides[k] as [Side, Side])[0], size)
      : null;
  });
  const router = new OrthogonalRouter(
    nodeBoxes.map((b) => inflate(b, NODE_MARGIN)),
    [...borderGuides(groupBoxes.map(([, g]) => g)), ...(input.guides ?? [])],
    bounds,
    input.continued ? WRAPPED_ROUTER_OPTIONS : DEFAULT_ROUTER_OPTIONS,
  );
  const soft = softRegions(groupBoxes, OTHER_GROUP_COST_PER_PX, input.headerHeight);
  for (const box of input.detours ?? []) soft.set.add({ box, costPerPx: DETOUR_COST_PER_PX });
  // Per decision vertex (`id:side`), the rooms there: an edge ending at that vertex passes through
  // them anyway (a written handle may bring one in where a branch leaves).
  const roomsAt = new Map<string, number[]>();
  rooms.forEach((box, k) => {
    if (!box) return;
    const key = `${(edges[k] as DiagramEdge).from}:${(sides[k] as [Side, Side])[0]}`;
    const id = soft.set.add({ box, costPerPx: LABEL_ROOM_COST_PER_PX, loose: true });
    roomsAt.set(key, [...(roomsAt.get(key) ?? []), id]);
  });
  const ownRooms = (edge: DiagramEdge, [fromSide, toSide]: [Side, Side]): number[] => [
    ...(roomsAt.get(`${edge.from}:${fromSide}`) ?? []),
    ...(roomsAt.get(`${edge.to}:${toSide}`) ?? []),
  ];
  let tightRouter: OrthogonalRouter | null = null;
  const order = edges
    .map((_, k) => {
      const p = ports.get(`${k}:from`) as Point;
      const q = ports.get(`${k}:to`) as Point;
      return { k, length: Math.abs(p.x - q.x) + Math.abs(p.y - q.y) };
    })
    .sort((a, b) => a.length - b.length || a.k - b.k);
  const routes: Point[][] = new Array(edges.length);
  // Per edge: its search request and the id of its route in `router`; null when the router found no
  // way (tight clearance or the fallback), which the improvement pass leaves alone.
  const searches: Array<Search | null> = new Array(edges.length).fill(null);
  // The edge of each route id (a route searched again gets a new id), and which edges may share a
  // line as a trunk: a common source or a common target.
  const edgeOfRoute: number[] = [];
  const trunkOf = (k: number): ((route: number) => boolean) => {
    const edge = edges[k] as DiagramEdge;
    return (route) => {
      const other = edges[edgeOfRoute[route] as number] as DiagramEdge;
      return (
        (other.from === edge.from && other.fromKind === edge.fromKind) ||
        (other.to === edge.to && other.toKind === edge.toKind)
      );
    };
  };
  const withStubs = (k: number, path: readonly Point[]): Point[] =>
    simplifyPolyline([ports.get(`${k}:from`) as Point, ...path, ports.get(`${k}:to`) as Point]);
  for (const { k } of order) {
    const edge = edges[k] as DiagramEdge;
    const [fromSide, toSide] = sides[k] as [Side, Side];
    const p = ports.get(`${k}:from`) as Point;
    const q = ports.get(`${k}:to`) as Point;
    const out = NORMALS[fromSide];
    const into = { x: -NORMALS[toSide].x, y: -NORMALS[toSide].y };
    const s = step(p, out, NODE_MARGIN);
    const t = step(q, NORMALS[toSide], NODE_MARGIN);
    const request: RouteRequest = {
      start: s,
      startDir: dirOf(out),
      end: t,
      endDir: dirOf(into),
      soft: {
        set: soft.set,
        skip: [...skippedRegions(edge, input.groupOf, soft), ...ownRooms(edge, [fromSide, toSide])],
      },
      trunk: trunkOf(k),
    };
    let path = router.route(request);
    const routedFreely = path !== null;
    if (!path) {
      // Nodes packed tighter than the margin: search again with only a thin clearance.
      tightRouter ??= new OrthogonalRouter(
        nodeBoxes.map((b) => inflate(b, 2)),
        [],
        bounds,
      );
      path = tightRouter.route(request);
    }
    let points = withStubs(k, path ?? [s, { x: s.x, y: t.y }, t]);
    let searched = request;
    let gridSize = router.lastGridSize;
    let thinned = router.lastThinned;
    let shared = routedFreely ? router.sharedApart(points, request.trunk, TRACK_GAP) : 0;
    if (shared > 0) {
      // On an unrelated route's line: searched again with lines beside the earlier routes.
      const moved = besideOthers(router, request, points, shared, (path) => withStubs(k, path));
      if (moved) {
        points = moved.points;
        searched = moved.request;
        shared = moved.shared;
        gridSize = router.lastGridSize;
        thinned = router.lastThinned;
      }
    }
    routes[k] = points;
    const routeId = router.addRoute(points);
    edgeOfRoute[routeId] = k;
    // A route found on a thinned grid (a long edge through a crowd) is not searched again either.
    if (routedFreely && !thinned) searches[k] = { request: searched, routeId, gridSize, shared };
  }
  rerouteAgainstAll(router, order, searches, routes, withStubs, edgeOfRoute);
  if (input.stats) {
    addRouterStats(input.stats, router.stats);
    if (tightRouter) addRouterStats(input.stats, tightRouter.stats);
  }
  return edges.map((edge, k) => {
    const [fromSide, toSide] = sides[k] as [Side, Side];
    const points =
      input.style === 'ortho'
        ? (routes[k] as Point[])
        : pullString(routes[k] as Point[], nodeBoxes);
    return {
      edge,
      fromSide,
      toSide,
      points: ontoOutlines(points, edge, fromSide, toSide, box, geometryOf),
    };
  });
}

/**
 * Routes run between ports on the bounding boxes; where a side is a vertex, a curve or a slant
 * the outline lies inside the box, so the end segments (perpendicular to the side) are extended
 * in along the same line to the outline as drawn.
 */
function ontoOutlines(
  points: Point[],
  edge: DiagramEdge,
  fromSide: Side,
  toSide: Side,
  box: (id: string) => Box,
  geometryOf: (id: string) => ShapeGeometry,
): Point[] {
  if (points.length < 2) return points;
  const along = (p: Point, side: Side): number => (side === 'top' || side === 'bottom' ? p.x : p.y);
  const out = points.slice();
  const first = out[0] as Point;
  const last = out[out.length - 1] as Point;
  out[0] = attachPoint(geometryOf(edge.from), box(edge.from), fromSide, along(first, fromSide));
  out[out.length - 1] = attachPoint(geometryOf(edge.to), box(edge.to), toSide, along(last, toSide));
  return out;
}

interface Search {
  request: RouteRequest;
  /** Id of the edge's current route in the router. */
  routeId: number;
  /** Grid lines² of the search that found the first route. */
  gridSize: number;
  /** Px of that route on the lines of unrelated routes drawn before it (route.ts sharedApart). */
  shared: number;
}

/**
 * A route on the line of unrelated routes (`shared` px of `points`, route.ts sharedApart) searched
 * again with grid lines BESIDE_LINES beside the others: the new route, its request and what it
 * still shares, when it shares less and crosses at most one more route; else null. The router must
 * not hold `points`' own route (not added yet, or removed).
 */
function besideOthers(
  router: OrthogonalRouter,
  request: RouteRequest,
  points: readonly Point[],
  shared: number,
  withStubs: (path: readonly Point[]) => Point[],
): { points: Point[]; request: RouteRequest; shared: number } | null {
  const trunk = request.trunk ?? ((): boolean => false);
  const area = inflate(
    {
      x: Math.min(request.start.x, request.end.x),
      y: Math.min(request.start.y, request.end.y),
      width: Math.abs(request.start.x - request.end.x),
      height: Math.abs(request.start.y - request.end.y),
    },
    4 * DEFAULT_ROUTER_OPTIONS.searchPadding,
  );
  const soft = request.soft;
  const strips = router.stripsApart(area, trunk, TRACK_GAP - 1, APART_COST_PER_PX);
  const apart: RouteRequest = {
    ...request,
    besideLines: BESIDE_LINES,
    soft:
      'set' in soft ? { ...soft, extra: [...(soft.extra ?? []), ...strips] } : [...soft, ...strips],
  };
  const again = router.route(apart);
  if (!again) return null;
  const moved = withStubs(again);
  const movedShared = router.sharedApart(moved, request.trunk, TRACK_GAP);
  // Routes that part to either side of a run on one line cross there, hidden: moved apart, the
  // crossing shows. Beside a line (a few px off it) nothing was hidden.
  const hidden = router.sharedApart(points, request.trunk) > 0 ? 1 : 0;
  if (
    movedShared < shared &&
    router.routeCost(moved, request.soft).crossings <=
      router.routeCost(points, request.soft).crossings + hidden
  )
    return { points: moved, request: apart, shared: movedShared };
  return null;
}

/**
 * Edges whose first search ran on a bigger grid (lines²) are not searched again: on the samples every
 * search stays under 2,600, and on 1,000 generated nodes searching the long edges above the limit
 * too would more than double the pass's time for 13 fewer crossings out of 2,237.
 */
const REROUTE_GRID_LIMIT = 4000;

/**
 * Rip-up and reroute: the first pass routed each edge against the earlier routes only, so it could
 * not avoid the edges routed after it. Now each edge, in the same order, is taken out and searched
 * again against ALL the other routes as they are now; the new route is kept only if it costs less
 * than the old one against those same routes and crosses no more of them (a bus of routes sharing
 * a line, split into separate lines, would cost less but cross), so the pass never makes a route
 * worse. An edge is searched again only if its route meets (crosses, touches or shares) a route it
 * did not see when it was searched, one routed after it or changed since: against the routes it
 * saw it already was the cheapest. One round: a second one changed nothing on the samples and 1 of
 * 2,237 crossings on 1,000 generated nodes, for a third more routing time.
 */
function rerouteAgainstAll(
  router: OrthogonalRouter,
  order: ReadonlyArray<{ k: number }>,
  searches: ReadonlyArray<Search | null>,
  routes: Point[][],
  withStubs: (k: number, path: readonly Point[]) => Point[],
  edgeOfRoute: number[],
): void {
  for (const { k } of order) {
    const search = searches[k];
    if (!search) continue;
    router.removeRoute(search.routeId);
    const current = router.routeCost(routes[k] as Point[], search.request.soft, search.routeId);
    const path =
      current.unseen > 0 && search.gridSize <= REROUTE_GRID_LIMIT
        ? router.route(search.request)
        : null;
    const candidate = path ? withStubs(k, path) : null;
    const cost = candidate ? router.routeCost(candidate, search.request.soft) : null;
    const cheaper =
      candidate !== null &&
      cost !== null &&
      cost.total < current.total - 1e-6 &&
      cost.crossings <= current.crossings;
    // What the candidate shares (its own route, of its trunk, never counts).
    let shared = cheaper ? router.sharedApart(candidate, search.request.trunk, TRACK_GAP) : 0;
    if (
      cheaper &&
      shared <= router.sharedApart(routes[k] as Point[], search.request.trunk, TRACK_GAP)
    ) {
      routes[k] = candidate as Point[];
      search.routeId = router.addRoute(candidate as Point[]);
      edgeOfRoute[search.routeId] = k;
    } else {
      router.restoreRoute(search.routeId);
      // Its route as searched: no route drawn or changed since meets it (unseen 0), so it shares
      // what it shared then with the routes it saw, less any of them moved away since: nothing
      // when it shared nothing then.
      shared =
        current.unseen === 0 && search.shared === 0
          ? 0
          : router.sharedApart(routes[k] as Point[], search.request.trunk, TRACK_GAP);
    }
    // Still on an unrelated route's line (one drawn after it, which its search did not see):
    // searched again with lines beside the others, kept when it shares less and crosses at most
    // one more.
    if (shared === 0) continue;
    router.removeRoute(search.routeId);
    const moved = besideOthers(router, search.request, routes[k] as Point[], shared, (path) =>
      withStubs(k, path),
    );
    if (moved) {
      routes[k] = moved.points;
      search.routeId = router.addRoute(moved.points);
      edgeOfRoute[search.routeId] = k;
    } else router.restoreRoute(search.routeId);
  }
}

/**
 * What a route pays for running through a group other than its ends' own (`groupCostPerPx` a px),
 * through a group's header band (when `headerHeight` is given: the swimlanes' bands; the layered
 * layout passes its title bands on their own), and along any group's border closer than
 * `BORDER_CLEARANCE`: each group's box, its header band and its border strips, made once for all
 * the edges. Returns the set and, per group id, the ids of its box regions and of its strips (an
 * edge skips its own groups' boxes, and the strips of a group it ends on; a wrapped lane has one
 * box per row).
 */
function softRegions(
  groups: ReadonlyArray<[string, Box]>,
  groupCostPerPx: number,
  headerHeight: number | null,
): GroupRegions {
  const set = new SoftRegionSet();
  const groupRegion = new Map<string, number[]>();
  const bandRegions = new Map<string, number[]>();
  const append = (map: Map<string, number[]>, id: string, ...ids: number[]): void => {
    map.set(id, [...(map.get(id) ?? []), ...ids]);
  };
  for (const [id, box] of groups) {
    append(groupRegion, id, set.add({ box, costPerPx: groupCostPerPx }));
    if (headerHeight !== null)
      set.add({
        box: { x: box.x, y: box.y, width: box.width, height: headerHeight },
        costPerPx: HEADER_COST_PER_PX,
      });
    append(
      bandRegions,
      id,
      ...borderBands(box).map(([band, along]) =>
        set.add({ box: band, costPerPx: BORDER_COST_PER_PX, along }),
      ),
    );
  }
  return { set, groupRegion, bandRegions };
}

/** The shared soft regions of a diagram's groups, and per group id the ids of its own regions. */
interface GroupRegions {
  set: SoftRegionSet;
  /** The group's box (one per row of a wrapped lane). */
  groupRegion: Map<string, number[]>;
  /** The strips along its borders (`borderBands`). */
  bandRegions: Map<string, number[]>;
}

/**
 * The strips closer than `BORDER_CLEARANCE` to a group's border, inside and outside, each with the
 * way a route pays for (along the border: a route running there reads as part of the box; crossing
 * the border is free).
 */
function borderBands(box: Box): Array<[Box, 'horizontal' | 'vertical']> {
  const c = BORDER_CLEARANCE;
  // Plain {x, y, width, height} literals (spread copies made slow objects of another shape).
  const left = box.x - c;
  const top = box.y - c;
  const wide = box.width + 2 * c;
  const tall = box.height + 2 * c;
  return [
    [{ x: left, y: box.y - c, width: wide, height: 2 * c }, 'horizontal'],
    [{ x: left, y: box.y + box.height - c, width: wide, height: 2 * c }, 'horizontal'],
    [{ x: box.x - c, y: top, width: 2 * c, height: tall }, 'vertical'],
    [{ x: box.x + box.width - c, y: top, width: 2 * c, height: tall }, 'vertical'],
  ];
}

/**
 * Grid lines worth having around groups: `BORDER_CLEARANCE` outside each border, where a route runs
 * along a group without hugging it.
 */
function borderGuides(groups: readonly Box[]): Box[] {
  return groups.map((g) => inflate(g, BORDER_CLEARANCE));
}

/**
 * Ids of the regions a route may cross for free: the boxes of the groups that hold its ends and of
 * the groups around those; and the border strips of a group it ends on (it arrives through that
 * border).
 */
function skippedRegions(
  edge: DiagramEdge,
  groupOf: ReadonlyMap<string, string | null>,
  soft: GroupRegions,
): number[] {
  const skip: number[] = [];
  for (const end of [edge.from, edge.to])
    for (let g = groupOf.get(end); g !== null && g !== undefined; g = groupOf.get(g))
      for (const region of soft.groupRegion.get(g) ?? [])
        if (!skip.includes(region)) skip.push(region);
  if (edge.fromKind === 'group') skip.push(...(soft.bandRegions.get(edge.from) ?? []));
  if (edge.toKind === 'group') skip.push(...(soft.bandRegions.get(edge.to) ?? []));
  return skip;
}

/**
 * Straight and spline styles: keep the perpendicular stubs at both ends and replace the orthogonal
 * middle by the fewest straight segments that still clear every node (greedy string pulling).
 */
export function smoothRoute(points: Point[], obstacles: readonly Box[]): Point[] {
  return pullString(points, obstacles);
}

function pullString(points: Point[], obstacles: readonly Box[]): Point[] {
  if (points.length <= 3) return points;
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const stubStart = stubPoint(first, points[1] as Point, obstacles);
  const stubEnd = stubPoint(last, points[points.length - 2] as Point, obstacles);
  const middle = [stubStart, ...points.slice(1, -1), stubEnd].filter(
    (p, i, all) => i === 0 || p.x !== all[i - 1]?.x || p.y !== all[i - 1]?.y,
  );
  const clearance = obstacles.map((b) => inflate(b, 4));
  const clear = (a: Point, b: Point): boolean =>
    clearance.every((box) => !segmentCrossesBox(a, b, box));
  const pulled: Point[] = [middle[0] as Point];
  let at = 0;
  while (at < middle.length - 1) {
    let next = middle.length - 1;
    while (next > at + 1 && !clear(middle[at] as Point, middle[next] as Point)) next--;
    pulled.push(middle[next] as Point);
    at = next;
  }
  return [first, ...pulled, last].filter(
    (p, i, all) => i === 0 || p.x !== all[i - 1]?.x || p.y !== all[i - 1]?.y,
  );
}

/**
 * The point NODE_MARGIN away from `end` towards `next` (on the perpendicular first segment); from an
 * end inside its node's box (on a slant or a curve beside a vertex), NODE_MARGIN beyond the box.
 */
function stubPoint(end: Point, next: Point, boxes: readonly Box[]): Point {
  const length = Math.abs(next.x - end.x) + Math.abs(next.y - end.y);
  const dx = Math.sign(next.x - end.x);
  const dy = Math.sign(next.y - end.y);
  let inside = 0;
  for (const b of boxes) {
    if (end.x <= b.x || end.x >= b.x + b.width || end.y <= b.y || end.y >= b.y + b.height) continue;
    const exit =
      dx > 0
        ? b.x + b.width - end.x
        : dx < 0
          ? end.x - b.x
          : dy > 0
            ? b.y + b.height - end.y
            : end.y - b.y;
    inside = Math.max(inside, exit);
  }
  const by = Math.min(NODE_MARGIN + inside, length);
  return { x: end.x + dx * by, y: end.y + dy * by };
}

/** One edge for routeBetweenPorts: its sides and ports as the layered engine gave them. */
export interface PortedEdge {
  edge: DiagramEdge;
  from: Point;
  fromSide: Side;
  to: Point;
  toSide: Side;
  /**
   * Ends whose place along their side is open: a cut edge's ends (layered/index.ts
   * LayeredEdgeResult.cut), given at their side's middle. They are placed among the side's other
   * ends once the routes show where each comes from (`placeEnds`).
   */
  open?: { from: boolean; to: boolean };
}

/** A route of routeBetweenPorts and the sides it leaves and enters by. */
export interface PortedRoute {
  points: Point[];
  fromSide: Side;
  toSide: Side;
}

/**
 * The other sides an end may take when its own has no route (no written handle, on a node): the
 * two sides across it first, the one facing `other` before the other, then the opposite side.
 */
function otherSides(box: Box, side: Side, other: Point): Side[] {
  const c = centre(box);
  const toward = { x: other.x - c.x, y: other.y - c.y };
  const across: Side[] = isHorizontalSide(side) ? ['left', 'right'] : ['top', 'bottom'];
  across.sort((a, b) => dot(NORMALS[b], toward) - dot(NORMALS[a], toward));
  return [...across, opposite(side)];
}

/**
 * Routes edges whose sides and ports the layered layout gave (the few it cannot draw in its
 * channels), around every node, avoiding the routes already drawn, foreign groups and title bands.
 * Returns one polyline per edge, from its source port to its target port, with its sides. An end
 * with no route from its side (its stub would end on a node packed against that side: a wrapped
 * flow's edge back to a node whose predecessor lies one channel before it) takes another side of
 * its node, unless a handle or a group end fixes it: the search ends on the other sides, nearest to
 * the other end first, and only when none has a route does the edge get the last resort, an
 * L-shaped line that sees no node.
 *
 * An end that took another side, and an open end (`PortedEdge.open`), lies at its side's middle in
 * that first routing, where the side's other ends may lie too (three ways back into the bottom of
 * corpus 06 LR's "Enter Credentials", two heads in one; corpus 20 LR's way back onto the point where
 * "Auto-Deploy" ends). Such ends are then placed among the side's ends in the order of their routes
 * (`placeEnds`) and every edge is routed again from its new ports.
 */
export function routeBetweenPorts(
  edges: readonly PortedEdge[],
  nodes: ReadonlyMap<string, Box>,
  groupOf: ReadonlyMap<string, string | null>,
  groups: ReadonlyMap<string, Box>,
  headers: readonly Box[],
  drawn: ReadonlyArray<readonly Point[]>,
  geometryOf: (id: string) => ShapeGeometry,
): PortedRoute[] {
  const first = routeFromPorts(edges, nodes, groupOf, groups, headers, drawn);
  const placed = placeEnds(edges, first, nodes, drawn, geometryOf);
  return placed ? routeFromPorts(placed, nodes, groupOf, groups, headers, drawn) : first;
}

/** routeBetweenPorts' routing from the ports as given (an end without a route takes another side). */
function routeFromPorts(
  edges: readonly PortedEdge[],
  nodes: ReadonlyMap<string, Box>,
  groupOf: ReadonlyMap<string, string | null>,
  groups: ReadonlyMap<string, Box>,
  headers: readonly Box[],
  drawn: ReadonlyArray<readonly Point[]>,
): PortedRoute[] {
  if (edges.length === 0) return [];
  const nodeBoxes = [...nodes.values()];
  const groupBoxes = [...groups.entries()];
  const everything = unionBox([
    ...nodeBoxes,
    ...groups.values(),
    ...drawn.flat().map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 })),
  ]);
  const bounds = inflate(everything, 80);
  const router = new OrthogonalRouter(
    nodeBoxes.map((b) => inflate(b, NODE_MARGIN)),
    borderGuides(groupBoxes.map(([, g]) => g)),
    bounds,
  );
  for (const route of drawn) router.addRoute(route);
  // What a route pays for, made once: the groups (for the edges neither of whose ends they hold),
  // the title bands, the strips along the groups' borders, and the strips beside the routes drawn.
  const regions = softRegions(groupBoxes, FOREIGN_GROUP_COST_PER_PX, null);
  const soft = regions.set;
  for (const box of headers) soft.add({ box, costPerPx: HEADER_COST_PER_PX });
  const besideRoute = (route: readonly Point[]): void => {
    for (const strip of routeStrips(route)) soft.add(strip);
  };
  for (const route of drawn) besideRoute(route);
  // The obstacles of both routers, to see whether a stub end lies inside one.
  const margins = new BoxIndex(192);
  const touching = new BoxIndex(192);
  for (const box of nodeBoxes) {
    margins.add(inflate(box, NODE_MARGIN));
    touching.add(inflate(box, 2));
  }
  const blocked = (index: BoxIndex, p: Point): boolean =>
    index.query({ x: p.x, y: p.y, width: 0, height: 0 }).some((id) => {
      const box = index.box(id);
      return p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
    });
  let tight: OrthogonalRouter | null = null;
  /** The path between two stub ends, or null. */
  /**
   * The points from an end outwards before its route's search, and the way the search leaves the
   * last: a stub of NODE_MARGIN; where that ends on a node and `box` (the end's node) is given, half
   * of it into the gap and then along the gap out past the node, NODE_MARGIN beyond its corner
   * (towards `other` first), so the search starts clear of every node's margin (a route searched
   * from inside the gap ran along the row 2 px from its nodes); else the half stub alone.
   */
  const stubOf = (
    p: Point,
    v: Vector,
    short: boolean,
    box: Box | undefined,
    other: Point,
  ): { points: Point[]; way: Vector } => {
    const full = step(p, v, NODE_MARGIN);
    if (!short || !blocked(touching, full)) return { points: [full], way: v };
    const half = step(p, v, NODE_MARGIN / 2);
    if (!box) return { points: [half], way: v };
    const across: Vector[] = [
      { x: v.y, y: v.x },
      { x: -v.y, y: -v.x },
    ];
    across.sort(
      (a, b) =>
        dot(b, { x: other.x - p.x, y: other.y - p.y }) -
        dot(a, { x: other.x - p.x, y: other.y - p.y }),
    );
    for (const a of across) {
      // From the half stub to NODE_MARGIN past the box's extent that way.
      const reach =
        a.x > 0
          ? box.x + box.width - half.x
          : a.x < 0
            ? half.x - box.x
            : a.y > 0
              ? box.y + box.height - half.y
              : half.y - box.y;
      const out = step(half, a, reach + NODE_MARGIN);
      const slide = spanningBox(half, out);
      const clear =
        !blocked(margins, out) &&
        touching.query(slide).every((id) => !segmentCrossesBox(half, out, touching.box(id)));
      if (clear) return { points: [half, out], way: a };
    }
    return { points: [half], way: v };
  };
  /** The path between the ends' stubs (their points included), or null. */
  const search = (
    skip: number[],
    from: Point,
    fromSide: Side,
    to: Point,
    toSide: Side,
    short = false,
    boxes: { from?: Box; to?: Box } = {},
  ): Point[] | null => {
    const source = stubOf(from, NORMALS[fromSide], short, boxes.from, to);
    const target = stubOf(to, NORMALS[toSide], short, boxes.to, from);
    const s = source.points[source.points.length - 1] as Point;
    const t = target.points[target.points.length - 1] as Point;
    if (blocked(touching, s) || blocked(touching, t)) return null;
    const request: RouteRequest = {
      start: s,
      startDir: dirOf(source.way),
      end: t,
      endDir: dirOf({ x: -target.way.x, y: -target.way.y }),
      soft: { set: soft, skip },
    };
    // A stub end inside another node's margin (the layered layout packs nodes closer than two
    // margins) has no route there: every window up to the whole drawing would be searched in vain.
    let path = blocked(margins, s) || blocked(margins, t) ? null : router.route(request);
    if (!path) {
      tight ??= new OrthogonalRouter(
        nodeBoxes.map((b) => inflate(b, 2)),
        [],
        bounds,
      );
      path = tight.route(request);
    }
    if (!path) return null;
    return [...source.points.slice(0, -1), ...path, ...target.points.slice(0, -1).reverse()];
  };
  return edges.map((e) => {
    const skip = skippedRegions(e.edge, groupOf, regions);
    let route: PortedRoute | null = null;
    const path = search(skip, e.from, e.fromSide, e.to, e.toSide);
    if (path) route = { points: [e.from, ...path, e.to], fromSide: e.fromSide, toSide: e.toSide };
    // Other sides for the ends no handle or group fixes, in order of preference.
    const box = (id: string): Box | undefined =>
      id === e.edge.from && id === e.edge.to ? undefined : nodes.get(id);
    const fromBox = e.edge.fromKind === 'node' && !e.edge.fromHandle ? box(e.edge.from) : undefined;
    const toBox = e.edge.toKind === 'node' && !e.edge.toHandle ? box(e.edge.to) : undefined;
    const froms: Array<[Side, Point]> = [[e.fromSide, e.from]];
    const tos: Array<[Side, Point]> = [[e.toSide, e.to]];
    const tries: Array<[number, number]> = [];
    if (!route) {
      if (fromBox)
        for (const side of otherSides(fromBox, e.fromSide, e.to))
          froms.push([side, sidePoint(fromBox, side)]);
      if (toBox)
        for (const side of otherSides(toBox, e.toSide, e.from))
          tos.push([side, sidePoint(toBox, side)]);
      for (let i = 0; i < froms.length; i++)
        for (let j = 0; j < tos.length; j++) if (i + j > 0) tries.push([i, j]);
      tries.sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
    }
    if (!route) {
      for (const [i, j] of tries) {
        const [fromSide, from] = froms[i] as [Side, Point];
        const [toSide, to] = tos[j] as [Side, Point];
        const found = search(skip, from, fromSide, to, toSide);
        if (!found) continue;
        route = { points: [from, ...found, to], fromSide, toSide };
        break;
      }
    }
    if (!route) {
      // Squeezed into the gap before the node in front of a side: the written sides, or for an
      // end no handle fixes another side where it needs no squeeze.
      const own = (id: string, kind: DiagramEdge['fromKind']): Box | undefined =>
        kind === 'node' ? nodes.get(id) : undefined;
      const boxes = { from: own(e.edge.from, e.edge.fromKind), to: own(e.edge.to, e.edge.toKind) };
      // Squeezed: fewest ends squeezed first (a stub that ends on a node), then the written sides.
      const squeezed = ([i, j]: [number, number]): number => {
        const [fromSide, from] = froms[i] as [Side, Point];
        const [toSide, to] = tos[j] as [Side, Point];
        return (
          Number(blocked(touching, step(from, NORMALS[fromSide], NODE_MARGIN))) +
          Number(blocked(touching, step(to, NORMALS[toSide], NODE_MARGIN)))
        );
      };
      const squeezeTries = [[0, 0] as [number, number], ...tries]
        .map((pair) => ({ pair, count: squeezed(pair) }))
        .filter(({ count }) => count > 0)
        .sort((a, b) => a.count - b.count)
        .map(({ pair }) => pair);
      for (const [i, j] of squeezeTries) {
        const [fromSide, from] = froms[i] as [Side, Point];
        const [toSide, to] = tos[j] as [Side, Point];
        const found = search(skip, from, fromSide, to, toSide, true, boxes);
        if (!found) continue;
        route = { points: [from, ...found, to], fromSide, toSide };
        break;
      }
    }
    if (!route) {
      const s = step(e.from, NORMALS[e.fromSide], NODE_MARGIN);
      const t = step(e.to, NORMALS[e.toSide], NODE_MARGIN);
      route = {
        points: [e.from, s, { x: s.x, y: t.y }, t, e.to],
        fromSide: e.fromSide,
        toSide: e.toSide,
      };
    }
    route.points = simplifyPolyline(route.points);
    router.addRoute(route.points);
    besideRoute(route.points);
    return route;
  });
}

/** One end on a node's side for `placeEnds`: its route read from the end outwards. */
interface SideEnd {
  /** Index into the edges, and which end; -1 for the end of a route drawn before. */
  edge: number;
  which: 'from' | 'to';
  /** The route from the end outwards. */
  out: readonly Point[];
  /** Whether its place is open. */
  open: boolean;
}

/**
 * Places the ends that lie at their side's middle only because nothing placed them: the open ends
 * (cut edges) and the ends that took another side. Per node side holding such an end, every end
 * there (those of the routes drawn before and of the other edges stay where they are) is put in
 * the order its route leaves the side (`routeOrder`), and the open ones get places between their
 * neighbours (sides.ts placeOpenEnds). Returns the edges with their new ports and sides, or null
 * when no end moves (a side with one open end keeps its middle).
 */
function placeEnds(
  edges: readonly PortedEdge[],
  routes: readonly PortedRoute[],
  nodes: ReadonlyMap<string, Box>,
  drawn: ReadonlyArray<readonly Point[]>,
  geometryOf: (id: string) => ShapeGeometry,
): PortedEdge[] | null {
  const bySide = new Map<string, SideEnd[]>();
  const keyOf = (id: string, side: Side): string => `${id}\u0000${side}`;
  const ends = (i: number): Array<['from' | 'to', string, Side, boolean, Point[]]> => {
    const e = edges[i] as PortedEdge;
    const r = routes[i] as PortedRoute;
    return [
      [
        'from',
        e.edge.from,
        r.fromSide,
        r.fromSide !== e.fromSide || e.open?.from === true,
        r.points,
      ],
      [
        'to',
        e.edge.to,
        r.toSide,
        r.toSide !== e.toSide || e.open?.to === true,
        [...r.points].reverse(),
      ],
    ];
  };
  edges.forEach((e, i) => {
    if (e.edge.from === e.edge.to) return;
    for (const [which, id, side, open, out] of ends(i)) {
      const kind = which === 'from' ? e.edge.fromKind : e.edge.toKind;
      if (!open || kind !== 'node' || !nodes.has(id)) continue;
      const key = keyOf(id, side);
      bySide.set(key, [...(bySide.get(key) ?? []), { edge: i, which, out, open: true }]);
    }
  });
  if (bySide.size === 0) return null;
  // The other ends on those sides: of the routes drawn before, and the fixed ends of these edges.
  // The sides by the line they lie on (rounded: the boxes and ports come from one transform).
  const lines = new Map<string, Array<{ box: Box; list: SideEnd[] }>>();
  for (const [key, list] of bySide) {
    const [id, side] = key.split('\u0000') as [string, Side];
    const box = nodes.get(id) as Box;
    const at = sidePoint(box, side);
    const line = isHorizontalSide(side) ? `h${Math.round(at.y)}` : `v${Math.round(at.x)}`;
    lines.set(line, [...(lines.get(line) ?? []), { box, list }]);
  }
  const addFixed = (out: readonly Point[], which: 'from' | 'to'): void => {
    const p = out[0] as Point;
    for (const { box, list } of lines.get(`h${Math.round(p.y)}`) ?? [])
      if (p.x >= box.x && p.x <= box.x + box.width)
        list.push({ edge: -1, which, out, open: false });
    for (const { box, list } of lines.get(`v${Math.round(p.x)}`) ?? [])
      if (p.y >= box.y && p.y <= box.y + box.height)
        list.push({ edge: -1, which, out, open: false });
  };
  for (const route of drawn) {
    if (route.length < 2) continue;
    addFixed(route, 'from');
    addFixed([...route].reverse(), 'to');
  }
  edges.forEach((e, i) => {
    if (e.edge.from === e.edge.to) return;
    for (const [which, , , open, out] of ends(i)) if (!open) addFixed(out, which);
  });
  let moved = false;
  const placed = edges.map((e) => ({ ...e }));
  for (const [key, list] of bySide) {
    const [id, side] = key.split('\u0000') as [string, Side];
    const box = nodes.get(id) as Box;
    const span = geometryOf(id).portSpan(box, side);
    if (!span || list.length < 2) continue;
    const middle = sidePoint(box, side);
    const horizontal = isHorizontalSide(side);
    const along = (p: Point): number => (horizontal ? p.x : p.y);
    // Every route from the side's middle: an end elsewhere first runs along the side to its place.
    const fromMiddle = (end: SideEnd): Point[] => {
      const p = end.out[0] as Point;
      return along(p) === along(middle) ? [...end.out] : [middle, ...end.out];
    };
    const normal = NORMALS[side];
    // Along the side, the way that lies to the left of a route leaving it.
    const left = { x: normal.y, y: -normal.x };
    const ascending = (horizontal ? left.x : left.y) > 0;
    // An open end tried PORT_GAP before or after another end: the order whose routes cross less,
    // then the way they part, then the edges' order.
    const placedAt = (end: SideEnd, at: number): Point[] => {
      const by = at - along(end.out[0] as Point);
      return movedStart(end.out, normal, horizontal ? { x: by, y: 0 } : { x: 0, y: by });
    };
    const crossingsIfBefore = (a: SideEnd, b: SideEnd): number => {
      const atA = along(a.out[0] as Point);
      const atB = along(b.out[0] as Point);
      if (!a.open && !b.open) return atA < atB ? 0 : 1;
      if (a.open && b.open)
        return routeCrossings(
          placedAt(a, along(middle) - PORT_GAP / 2),
          placedAt(b, along(middle) + PORT_GAP / 2),
        );
      return a.open
        ? routeCrossings(placedAt(a, atB - PORT_GAP), b.out)
        : routeCrossings(a.out, placedAt(b, atA + PORT_GAP));
    };
    const order = list
      .map((end, k) => ({ end, k, route: fromMiddle(end) }))
      .sort((a, b) => {
        const byCrossings = crossingsIfBefore(a.end, b.end) - crossingsIfBefore(b.end, a.end);
        if (byCrossings !== 0) return byCrossings;
        const byRoute = routeOrder(a.route, b.route, normal);
        if (byRoute !== 0) return ascending ? byRoute : -byRoute;
        return a.k - b.k;
      });
    const places = placeOpenEnds(
      order.map(({ end }) => ({
        at: end.open ? null : along(end.out[0] as Point),
        arriving: end.which === 'to',
      })),
      span,
      along(middle),
    );
    order.forEach(({ end }, k) => {
      if (!end.open) return;
      const at = places[k] as number;
      const point = horizontal ? { x: at, y: middle.y } : { x: middle.x, y: at };
      const edge = placed[end.edge] as PortedEdge;
      const was = end.which === 'from' ? edge.from : edge.to;
      if (was.x !== point.x || was.y !== point.y) moved = true;
      if (end.which === 'from') {
        edge.from = point;
        edge.fromSide = side;
      } else {
        edge.to = point;
        edge.toSide = side;
      }
    });
  }
  return moved ? placed : null;
}

/**
 * How two routes leaving one point of a side (outwards along `normal`) lie: followed together from
 * that point until they part, the one that turns to the left of the other (seen along their way)
 * lies on that side of it at the start too, else they would cross. Positive when `a` parts to the
 * left of `b`, negative to the right, 0 when they never part.
 */
function routeOrder(a: readonly Point[], b: readonly Point[], normal: Vector): number {
  let heading: Vector = normal;
  let i = 0;
  let j = 0;
  let at = a[0] as Point;
  const direction = (route: readonly Point[], k: number): Vector | null => {
    const next = route[k + 1];
    if (!next) return null;
    return { x: Math.sign(next.x - at.x), y: Math.sign(next.y - at.y) };
  };
  for (let guard = 0; guard < a.length + b.length; guard++) {
    // Past the route points reached.
    while (i + 1 < a.length && samePoint(a[i + 1] as Point, at)) i++;
    while (j + 1 < b.length && samePoint(b[j + 1] as Point, at)) j++;
    const da = direction(a, i);
    const db = direction(b, j);
    if (!da || !db) return 0;
    if (da.x !== db.x || da.y !== db.y) {
      // Left of the heading: the cross product heading x way is negative (y down).
      const turn = (d: Vector): number => -(heading.x * d.y - heading.y * d.x);
      return Math.sign(turn(da) - turn(db));
    }
    // Together to the nearer of the two next points.
    const na = a[i + 1] as Point;
    const nb = b[j + 1] as Point;
    const reach = Math.min(
      Math.abs(na.x - at.x) + Math.abs(na.y - at.y),
      Math.abs(nb.x - at.x) + Math.abs(nb.y - at.y),
    );
    at = { x: at.x + da.x * reach, y: at.y + da.y * reach };
    heading = da;
  }
  return 0;
}

/** How far apart two ends are tried when placeEnds orders them by their routes' crossings, px. */
const PORT_GAP = 20;

/**
 * A route read from its end outwards, its end moved along the side by `by`: the run leaving the
 * side (outwards, with jogs of at most PORT_GAP along it, as a route makes round a neighbour's
 * stub) moves with it, up to where the route turns away along the side.
 */
function movedStart(out: readonly Point[], normal: Vector, by: Vector): Point[] {
  const depth = (p: Point): number =>
    dot({ x: p.x - (out[0] as Point).x, y: p.y - (out[0] as Point).y }, normal);
  let m = 0;
  while (m + 1 < out.length) {
    const p = out[m] as Point;
    const q = out[m + 1] as Point;
    if (depth(q) > depth(p)) m++;
    else if (
      depth(q) === depth(p) &&
      Math.abs(q.x - p.x) + Math.abs(q.y - p.y) <= PORT_GAP &&
      m + 2 < out.length &&
      depth(out[m + 2] as Point) > depth(q)
    )
      m++;
    else break;
  }
  const start = { x: (out[0] as Point).x + by.x, y: (out[0] as Point).y + by.y };
  const turn = out[m] as Point;
  const d = depth(turn);
  return [start, { x: start.x + normal.x * d, y: start.y + normal.y * d }, ...out.slice(m)];
}

/** Proper crossings between two orthogonal polylines (a horizontal piece through a vertical one). */
function routeCrossings(a: readonly Point[], b: readonly Point[]): number {
  let count = 0;
  for (let i = 0; i + 1 < a.length; i++)
    for (let j = 0; j + 1 < b.length; j++) {
      const p = a[i] as Point;
      const q = a[i + 1] as Point;
      const r = b[j] as Point;
      const t = b[j + 1] as Point;
      const cross = (h0: Point, h1: Point, v0: Point, v1: Point): boolean =>
        h0.y === h1.y &&
        v0.x === v1.x &&
        v0.x > Math.min(h0.x, h1.x) &&
        v0.x < Math.max(h0.x, h1.x) &&
        h0.y > Math.min(v0.y, v1.y) &&
        h0.y < Math.max(v0.y, v1.y);
      if (cross(p, q, r, t) || cross(r, t, p, q)) count++;
    }
  return count;
}

/** Parallel routes keep at least this far apart (closer they read as one thick line), px. */
export const PARALLEL_GAP = 8;
/**
 * The lanes' routes count as running beside an unrelated route closer than this (route.ts
 * sharedApart, the strips of besideOthers): the router's lines beside other routes (BESIDE_LINES),
 * a little more than PARALLEL_GAP, as bench/quality.mjs counts (10 px).
 */
const TRACK_GAP = BESIDE_LINES;
/** A px of route running closer than `PARALLEL_GAP` beside a route drawn before (as a border's). */
const BESIDE_ROUTE_COST_PER_PX = 1.5;

/**
 * The strips `PARALLEL_GAP` either side of each straight segment of a route, charged only along
 * it: a route laid there would read as one line with it (on the line itself the router's sharing
 * cost applies as well).
 */
function routeStrips(route: readonly Point[]): SoftRegion[] {
  const out: SoftRegion[] = [];
  const g = PARALLEL_GAP;
  for (let k = 0; k + 1 < route.length; k++) {
    const a = route[k] as Point;
    const b = route[k + 1] as Point;
    if (a.y === b.y && a.x !== b.x)
      out.push({
        box: { x: Math.min(a.x, b.x), y: a.y - g, width: Math.abs(a.x - b.x), height: 2 * g },
        costPerPx: BESIDE_ROUTE_COST_PER_PX,
        along: 'horizontal',
      });
    else if (a.x === b.x && a.y !== b.y)
      out.push({
        box: { x: a.x - g, y: Math.min(a.y, b.y), width: 2 * g, height: Math.abs(a.y - b.y) },
        costPerPx: BESIDE_ROUTE_COST_PER_PX,
        along: 'vertical',
      });
  }
  return out;
}
