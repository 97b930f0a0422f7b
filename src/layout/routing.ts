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
  center,
  dot,
  inflate,
  segmentCrossesBox,
  simplifyPolyline,
  unionBox,
  type Vector,
} from './geometry.js';
import { BoxIndex } from './box-index.js';
import {
  DEFAULT_ROUTER_OPTIONS,
  OrthogonalRouter,
  type RouterOptions,
  SoftRegionSet,
  type Dir,
  type RouteRequest,
  type SoftRegion,
} from './route.js';
import { assignPorts, chooseSides, type PortRequest } from './sides.js';

/** Clearance kept between routes and nodes, and the length of the perpendicular stub at each port. */
export const NODE_MARGIN = 12;
const OTHER_GROUP_COST_PER_PX = 1.5;
const HEADER_COST_PER_PX = 4;
/**
 * In the layered layout's fallback routes, a px inside a group that holds neither end: a pass
 * through a closed cluster reads as the edge belonging to it, so it costs more than the detours
 * and crossings of going around (a bend 36, a crossing 28).
 */
const FOREIGN_GROUP_COST_PER_PX = 30;

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
  flow: Vector;
  style: EdgeStyle;
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
  const c = center(box);
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
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    if (edge.fromHandle) takeSide(edge.from, edge.fromKind, edge.fromHandle, 'out');
    if (edge.toHandle) takeSide(edge.to, edge.toKind, edge.toHandle, 'in');
  }
  const none: ReadonlySet<Side> = new Set();
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
        {
          source: pointSides.get(`in:${edge.from}`) ?? none,
          target: pointSides.get(`out:${edge.to}`) ?? none,
        },
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
    const fromAt = center(box(edge.from));
    const toAt = center(box(edge.to));
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
  const router = new OrthogonalRouter(
    nodeBoxes.map((b) => inflate(b, NODE_MARGIN)),
    [...groupBoxes.map(([, g]) => inflate(g, 10)), ...(input.guides ?? [])],
    bounds,
    input.continued ? WRAPPED_ROUTER_OPTIONS : DEFAULT_ROUTER_OPTIONS,
  );
  const soft = softRegions(groupBoxes, input.headerHeight);
  for (const box of input.detours ?? []) soft.set.add({ box, costPerPx: DETOUR_COST_PER_PX });
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
      soft: { set: soft.set, skip: ownGroupRegions(edge, input.groupOf, soft.groupRegion) },
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
    const points = withStubs(k, path ?? [s, { x: s.x, y: t.y }, t]);
    routes[k] = points;
    const routeId = router.addRoute(points);
    if (routedFreely) searches[k] = { request, routeId, gridSize: router.lastGridSize };
  }
  rerouteAgainstAll(router, order, searches, routes, withStubs);
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
): void {
  for (const { k } of order) {
    const search = searches[k];
    if (!search || search.gridSize > REROUTE_GRID_LIMIT) continue;
    router.removeRoute(search.routeId);
    const current = router.routeCost(routes[k] as Point[], search.request.soft, search.routeId);
    const path = current.unseen > 0 ? router.route(search.request) : null;
    const candidate = path ? withStubs(k, path) : null;
    const cost = candidate ? router.routeCost(candidate, search.request.soft) : null;
    if (
      candidate &&
      cost &&
      cost.total < current.total - 1e-6 &&
      cost.crossings <= current.crossings
    ) {
      routes[k] = candidate;
      search.routeId = router.addRoute(candidate);
    } else {
      router.restoreRoute(search.routeId);
    }
  }
}

/**
 * What a route pays for running through a group other than its ends' own and through any group's
 * header band: each group's box, then its header band, made once for all the edges. Returns the
 * set and, per group id, the ids of its box regions (an edge skips its own groups' boxes; a
 * wrapped lane has one box per row).
 */
function softRegions(
  groups: ReadonlyArray<[string, Box]>,
  headerHeight: number,
): { set: SoftRegionSet; groupRegion: Map<string, number[]> } {
  const set = new SoftRegionSet();
  const groupRegion = new Map<string, number[]>();
  for (const [id, box] of groups) {
    const region = set.add({ box, costPerPx: OTHER_GROUP_COST_PER_PX });
    groupRegion.set(id, [...(groupRegion.get(id) ?? []), region]);
    set.add({
      box: { x: box.x, y: box.y, width: box.width, height: headerHeight },
      costPerPx: HEADER_COST_PER_PX,
    });
  }
  return { set, groupRegion };
}

/**
 * Ids of the box regions a route may cross for free: the groups that hold its ends, and the groups
 * around those.
 */
function ownGroupRegions(
  edge: DiagramEdge,
  groupOf: ReadonlyMap<string, string | null>,
  groupRegion: ReadonlyMap<string, readonly number[]>,
): number[] {
  const skip: number[] = [];
  for (const end of [edge.from, edge.to])
    for (let g = groupOf.get(end); g !== null && g !== undefined; g = groupOf.get(g))
      for (const region of groupRegion.get(g) ?? []) if (!skip.includes(region)) skip.push(region);
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
  const stubStart = stubPoint(first, points[1] as Point);
  const stubEnd = stubPoint(last, points[points.length - 2] as Point);
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

/** The point NODE_MARGIN away from `end` towards `next` (on the perpendicular first segment). */
function stubPoint(end: Point, next: Point): Point {
  const length = Math.abs(next.x - end.x) + Math.abs(next.y - end.y);
  const by = Math.min(NODE_MARGIN, length);
  return { x: end.x + Math.sign(next.x - end.x) * by, y: end.y + Math.sign(next.y - end.y) * by };
}

/** One edge for routeBetweenPorts: its ports are fixed already. */
export interface PortedEdge {
  edge: DiagramEdge;
  from: Point;
  fromSide: Side;
  to: Point;
  toSide: Side;
}

/**
 * Routes edges whose sides and ports are already fixed (the layered layout hands over the few it
 * cannot draw in its channels), around every node, avoiding the routes already drawn, foreign
 * groups and title bands. Returns one polyline per edge, from its source port to its target port.
 */
export function routeBetweenPorts(
  edges: readonly PortedEdge[],
  nodes: ReadonlyMap<string, Box>,
  groupOf: ReadonlyMap<string, string | null>,
  groups: ReadonlyMap<string, Box>,
  headers: readonly Box[],
  drawn: ReadonlyArray<readonly Point[]>,
): Point[][] {
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
    groupBoxes.map(([, g]) => inflate(g, 10)),
    bounds,
  );
  for (const route of drawn) router.addRoute(route);
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
  return edges.map((e) => {
    const out = NORMALS[e.fromSide];
    const into = { x: -NORMALS[e.toSide].x, y: -NORMALS[e.toSide].y };
    const s = step(e.from, out, NODE_MARGIN);
    const t = step(e.to, NORMALS[e.toSide], NODE_MARGIN);
    // The groups holding either end, and the groups around those (groupOf maps a group to its parent).
    const own = new Set<string>();
    for (const end of [e.edge.from, e.edge.to])
      for (let g = groupOf.get(end) ?? null; g !== null && !own.has(g); g = groupOf.get(g) ?? null)
        own.add(g);
    const soft: SoftRegion[] = [];
    for (const [id, box] of groupBoxes)
      if (!own.has(id)) soft.push({ box, costPerPx: FOREIGN_GROUP_COST_PER_PX });
    for (const box of headers) soft.push({ box, costPerPx: HEADER_COST_PER_PX });
    const request: RouteRequest = {
      start: s,
      startDir: dirOf(out),
      end: t,
      endDir: dirOf(into),
      soft,
    };
    // A stub end inside another node's margin (the layered layout packs nodes closer than two
    // margins) has no route there: every window up to the whole drawing would be searched in vain.
    let path = blocked(margins, s) || blocked(margins, t) ? null : router.route(request);
    if (!path && !blocked(touching, s) && !blocked(touching, t)) {
      tight ??= new OrthogonalRouter(
        nodeBoxes.map((b) => inflate(b, 2)),
        [],
        bounds,
      );
      path = tight.route(request);
    }
    const points = simplifyPolyline([e.from, ...(path ?? [s, { x: s.x, y: t.y }, t]), e.to]);
    router.addRoute(points);
    return points;
  });
}
