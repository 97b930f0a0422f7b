/**
 * Which side of each box an edge uses, and where on that side it attaches. Written handles are
 * kept; a missing one is chosen by estimating the cleanest orthogonal route (fewest bends, shortest,
 * following the flow direction when it is a tie). Where a shape's side is straight (its port span,
 * src/shapes) the edges sharing it are spread along it, each as close as possible to where its
 * other end lies; where it is a vertex, a curve or a slant they attach at the side's midpoint.
 */
import { WAY_OFFSET, type ShapeGeometry } from '../shapes/index.js';
import type { Side } from '../syntax/ast.js';
import type { Box, Point } from './types.js';
import { NORMALS, SIDE_ORDER, dot, isHorizontalSide, opposite, type Vector } from './geometry.js';

export interface SideChoiceEdge {
  from: string;
  to: string;
  fromHandle: Side | null;
  toHandle: Side | null;
}

const BEND_ESTIMATE = 40;
/** Extra cost for a side other than the flow's natural exit/entry, so ties follow the flow. */
const OFF_FLOW_COST = 12;

export function sidePoint(box: Box, side: Side): Point {
  switch (side) {
    case 'top':
      return { x: box.x + box.width / 2, y: box.y };
    case 'bottom':
      return { x: box.x + box.width / 2, y: box.y + box.height };
    case 'left':
      return { x: box.x, y: box.y + box.height / 2 };
    case 'right':
      return { x: box.x + box.width, y: box.y + box.height / 2 };
  }
}

function sideFacing(vector: Vector): Side {
  if (Math.abs(vector.x) >= Math.abs(vector.y)) return vector.x >= 0 ? 'right' : 'left';
  return vector.y >= 0 ? 'bottom' : 'top';
}

/** Bends an orthogonal route needs from (s travelling a) to (t arriving travelling b), plus detour length. */
function routeEstimate(s: Point, a: Vector, t: Point, b: Vector): number {
  const d = { x: t.x - s.x, y: t.y - s.y };
  const alongA = dot(d, a);
  const alongB = dot(d, b);
  const length = Math.abs(d.x) + Math.abs(d.y);
  const same = dot(a, b);
  let bends: number;
  let detour = 0;
  if (same === 1) {
    const lateral = Math.abs(dot(d, { x: a.y, y: a.x }));
    bends = alongA > 0 ? (lateral < 1 ? 0 : 2) : 4;
    if (alongA <= 0) detour = 2 * -alongA + 40;
  } else if (same === -1) {
    bends = 2;
    detour = 2 * Math.max(0, -alongA) + 20;
  } else {
    bends = alongA > 0 && alongB > 0 ? 1 : 3;
    if (bends === 3) detour = 2 * Math.max(0, -alongA) + 2 * Math.max(0, -alongB);
  }
  return length + detour + bends * BEND_ESTIMATE;
}

const STUB = 16;
/** A side whose single attachment point another end already uses: the two would share a line, which reads worse than any detour (ten bends' worth). */
const TAKEN_VERTEX_COST = 10 * BEND_ESTIMATE;

/** The point of a side nearest to `toward` (a port of a long side, such as a group box's, goes there). */
function sidePointToward(box: Box, side: Side, toward: Point): Point {
  const p = sidePoint(box, side);
  return isHorizontalSide(side)
    ? { x: Math.min(box.x + box.width, Math.max(box.x, toward.x)), y: p.y }
    : { x: p.x, y: Math.min(box.y + box.height, Math.max(box.y, toward.y)) };
}

/**
 * Picks the side pair for one edge; `flow` is the direction's unit vector. An end whose box is a
 * group's (`spreads`) is judged from the point of each side nearest to the other end, not from the
 * side's middle: a group box may span the drawing.
 */
export function chooseSides(
  edge: SideChoiceEdge,
  source: Box,
  target: Box,
  flow: Vector,
  /** Side pairs (`from:to`) of the loops already on this node, so another loop goes elsewhere. */
  usedLoops: ReadonlySet<string> = new Set(),
  spreads: { source: boolean; target: boolean } = { source: false, target: false },
  /**
   * Sides of each end whose single point (a diamond's or circle's vertex) an end going the other
   * way already uses: the two would lie on one line, so they are avoided unless nothing else is.
   */
  taken: { source: ReadonlySet<Side>; target: ReadonlySet<Side> } = {
    source: new Set(),
    target: new Set(),
  },
): [Side, Side] {
  const forward = sideFacing(flow);
  const backward = opposite(forward);
  if (edge.from === edge.to) return loopSides(edge, forward, usedLoops);
  if (edge.fromHandle && edge.toHandle) return [edge.fromHandle, edge.toHandle];
  const fromOptions = edge.fromHandle ? [edge.fromHandle] : SIDE_ORDER;
  const toOptions = edge.toHandle ? [edge.toHandle] : SIDE_ORDER;
  let best: [Side, Side] = [fromOptions[0] as Side, toOptions[0] as Side];
  let bestCost = Infinity;
  // Natural sides first so that exact ties keep the flow's exit/entry.
  const ordered = (options: readonly Side[], natural: Side): Side[] =>
    [...options].sort((a, b) => Number(b === natural) - Number(a === natural));
  for (const fromSide of ordered(fromOptions, forward)) {
    for (const toSide of ordered(toOptions, backward)) {
      const a = NORMALS[fromSide];
      const b = { x: -NORMALS[toSide].x, y: -NORMALS[toSide].y };
      const p = spreads.source
        ? sidePointToward(source, fromSide, sidePoint(target, toSide))
        : sidePoint(source, fromSide);
      const q = spreads.target ? sidePointToward(target, toSide, p) : sidePoint(target, toSide);
      const s = { x: p.x + a.x * STUB, y: p.y + a.y * STUB };
      const t = { x: q.x - b.x * STUB, y: q.y - b.y * STUB };
      let cost = routeEstimate(s, a, t, b);
      if (!edge.fromHandle && fromSide !== forward) cost += OFF_FLOW_COST;
      if (!edge.toHandle && toSide !== backward) cost += OFF_FLOW_COST;
      if (!edge.fromHandle && taken.source.has(fromSide)) cost += TAKEN_VERTEX_COST;
      if (!edge.toHandle && taken.target.has(toSide)) cost += TAKEN_VERTEX_COST;
      if (cost < bestCost) {
        bestCost = cost;
        best = [fromSide, toSide];
      }
    }
  }
  return best;
}

/** A loop leaves one side and comes back on the neighbouring side, like a handle on a cup. */
function loopSides(edge: SideChoiceEdge, forward: Side, used: ReadonlySet<string>): [Side, Side] {
  const before = (side: Side): Side => SIDE_ORDER[(SIDE_ORDER.indexOf(side) + 3) % 4] as Side;
  const after = (side: Side): Side => SIDE_ORDER[(SIDE_ORDER.indexOf(side) + 1) % 4] as Side;
  if (edge.fromHandle && edge.toHandle) return [edge.fromHandle, edge.toHandle];
  // Candidates in order of preference; the first whose corner no other loop of the node uses.
  const candidates: Array<[Side, Side]> = edge.fromHandle
    ? [
        [edge.fromHandle, before(edge.fromHandle)],
        [edge.fromHandle, after(edge.fromHandle)],
      ]
    : edge.toHandle
      ? [
          [after(edge.toHandle), edge.toHandle],
          [before(edge.toHandle), edge.toHandle],
        ]
      : [0, 1, 2, 3].map((turn) => {
          let side = forward;
          for (let k = 0; k < turn; k++) side = after(side);
          return [side, before(side)] as [Side, Side];
        });
  return candidates.find(([a, b]) => !used.has(`${a}:${b}`)) ?? (candidates[0] as [Side, Side]);
}

export interface PortRequest {
  /** Key of the edge end, e.g. `3:from`. */
  key: string;
  nodeId: string;
  side: Side;
  /** Where the other end of the edge lies: the port wants to be in line with it. */
  toward: Point;
}

/** One end on a side: where it wishes to be, whether that wish was clamped to the side's span, how far its other end lies off the side. */
interface WantedEnd {
  request: PortRequest;
  at: number;
  beyond: boolean;
  distance: number;
}

const PORT_SPACING = 20;
/** The least distance between two ports when one of them moves level with its other end, px. */
const SNAP_SPACING = 10;

/**
 * Positions of every edge end on its node's side, on the bounding box (routing starts there; the
 * route is then extended in to the real outline, see routing.ts). `nodeId` may be a group's id.
 */
export function assignPorts(
  requests: readonly PortRequest[],
  boxOf: (id: string) => Box,
  geometryOf: (id: string) => ShapeGeometry,
): Map<string, Point> {
  const bySide = new Map<string, PortRequest[]>();
  for (const request of requests) {
    const key = `${request.nodeId}\u0000${request.side}`;
    const list = bySide.get(key);
    if (list) list.push(request);
    else bySide.set(key, [request]);
  }
  const ports = new Map<string, Point>();
  // Sides that meet at one point first: an end whose other end lies on one is aimed at that point
  // (a vertex's way-offset trunk), not at the other node's centre.
  const pointLike = (sideKey: string): boolean => {
    const first = (bySide.get(sideKey) as PortRequest[])[0] as PortRequest;
    return geometryOf(first.nodeId).portSpan(boxOf(first.nodeId), first.side) === null;
  };
  const sorted = [...bySide.keys()].sort();
  const sideKeys = [...sorted.filter(pointLike), ...sorted.filter((key) => !pointLike(key))];
  const partner = (key: string): string =>
    key.endsWith(':from') ? `${key.slice(0, -5)}:to` : `${key.slice(0, -3)}:from`;
  for (const sideKey of sideKeys) {
    const list = bySide.get(sideKey) as PortRequest[];
    const first = list[0] as PortRequest;
    const box = boxOf(first.nodeId);
    const side = first.side;
    const mid = sidePoint(box, side);
    const span = geometryOf(first.nodeId).portSpan(box, side);
    if (!span) {
      // One point (a vertex, a curve): the ends leaving and those arriving are two trunks
      // WAY_OFFSET either side of it (a two-way pair, or a way in and a way out along one line, is
      // two lines, not one); the group heading lower along the side takes the lower offset.
      const along = (p: Point): number => (isHorizontalSide(side) ? p.x : p.y);
      const out = list.filter((r) => r.key.endsWith(':from'));
      const back = list.filter((r) => !r.key.endsWith(':from'));
      const mean = (rs: PortRequest[]): number =>
        rs.reduce((sum, r) => sum + along(r.toward), 0) / rs.length;
      const shift =
        out.length === 0 || back.length === 0
          ? 0
          : mean(out) <= mean(back)
            ? -WAY_OFFSET
            : WAY_OFFSET;
      for (const request of list) {
        const by = shift * (request.key.endsWith(':from') ? 1 : -1);
        ports.set(
          request.key,
          isHorizontalSide(side) ? { x: mid.x + by, y: mid.y } : { x: mid.x, y: mid.y + by },
        );
      }
      continue;
    }
    const horizontal = isHorizontalSide(side);
    const [low, high] = span;
    const across = (p: Point): number =>
      horizontal ? Math.abs(p.y - mid.y) : Math.abs(p.x - mid.x);
    const wanted: WantedEnd[] = list
      .map((request) => {
        // In line with the other end when that is on this side's span (a straight route); else as
        // near it as the side allows, so ends heading different ways do not cross at the side.
        const other = ports.get(partner(request.key)) ?? request.toward;
        const toward = horizontal ? other.x : other.y;
        const at = Math.min(high, Math.max(low, toward));
        return { request, at, beyond: at !== toward, distance: across(request.toward) };
      })
      .sort(
        (a, b) =>
          a.at - b.at ||
          (a.request.key < b.request.key ? -1 : a.request.key > b.request.key ? 1 : 0),
      );
    // One port for each group of ends that share it: on a side too short to give every end
    // PORT_SPACING, the ends going the same way (all arriving, or all leaving) whose other ends lie
    // beyond the same end of the side head the same way, so they are one trunk (into a node: one
    // arrowhead, not a comb of heads a few px apart; out of one: a fan that splits where its
    // targets lie, not lines a few px apart running side by side).
    const groups = portGroups(wanted, (high - low) / Math.max(1, wanted.length - 1) < PORT_SPACING);
    const positions = spreadPositions(
      groups.map((group) => headOf(group).at),
      low,
      high,
      groups.map((group) => (headOf(group).beyond ? BEYOND_WEIGHT : 1)),
    );
    nearestTakesWish(groups, positions);
    // An end level with its other end and pushed a few px off it (a jog) takes its wish when its
    // neighbours stay SNAP_SPACING away.
    groups.forEach((group, index) => {
      const w = headOf(group);
      const before = index > 0 ? (positions[index - 1] as number) : -Infinity;
      const after = index + 1 < groups.length ? (positions[index + 1] as number) : Infinity;
      if (!w.beyond && w.at - before >= SNAP_SPACING && after - w.at >= SNAP_SPACING)
        positions[index] = w.at;
    });
    groups.forEach((group, index) => {
      const at = Math.round(positions[index] as number);
      for (const w of group)
        ports.set(w.request.key, horizontal ? { x: at, y: mid.y } : { x: mid.x, y: at });
    });
  }
  return ports;
}

/**
 * The ends of one side (sorted by their wished-for place) in groups that share a port: each alone,
 * or on a `crowded` side, neighbouring ends going the same way whose wishes lie beyond the same end
 * of the span together.
 */
function portGroups<T extends { request: PortRequest; at: number; beyond: boolean }>(
  wanted: readonly T[],
  crowded: boolean,
): T[][] {
  const groups: T[][] = [];
  for (const w of wanted) {
    const previous = groups[groups.length - 1];
    const head = previous?.[0];
    if (
      crowded &&
      head &&
      head.beyond &&
      w.beyond &&
      head.at === w.at &&
      head.request.key.endsWith(':to') === w.request.key.endsWith(':to')
    )
      previous.push(w);
    else groups.push([w]);
  }
  return groups;
}

/** The end a port group is placed for (every group has one at least). */
function headOf(group: readonly WantedEnd[]): WantedEnd {
  return group[0] as WantedEnd;
}

/**
 * Ends wishing for the same place inside the span (level with their other ends), each alone in its
 * group: the nearest other end takes the port nearest the wish (its route straight, or the
 * shortest jog); the farther ones, which go around it anyway, the others. Reorders `groups` and
 * `positions` in place.
 */
function nearestTakesWish(groups: WantedEnd[][], positions: number[]): void {
  let run = 0;
  while (run < groups.length) {
    const first = groups[run] as WantedEnd[];
    let last = run;
    while (
      last + 1 < groups.length &&
      headOf(groups[last + 1] as WantedEnd[]).at === headOf(first).at &&
      !headOf(first).beyond &&
      (groups[last + 1] as WantedEnd[]).length === 1 &&
      first.length === 1
    )
      last++;
    if (last > run) {
      const at = headOf(first).at;
      const places = positions
        .slice(run, last + 1)
        .sort((a, b) => Math.abs(a - at) - Math.abs(b - at) || a - b);
      const ends = groups
        .slice(run, last + 1)
        .sort((a, b) => headOf(a).distance - headOf(b).distance);
      const reordered = places
        .map((place, k) => ({ group: ends[k] as WantedEnd[], place }))
        .sort((a, b) => a.place - b.place);
      reordered.forEach(({ group, place }, k) => {
        groups[run + k] = group;
        positions[run + k] = place;
      });
    }
    run = last + 1;
  }
}

/**
 * How much an end whose other end lies beyond its side's span pulls on where the ports go, against
 * 1 for an end level with its other end: the latter's route can be straight, the former turns
 * anyway (so a fan's end level with its target is not pushed off that line by the others).
 */
const BEYOND_WEIGHT = 0.01;

/**
 * Places sorted wished-for positions in [low, high], at least PORT_SPACING apart (less if the side
 * is too short), each as close to its wish as the others allow (by weight: clusters of wishes too
 * close sit at their weighted mean).
 */
function spreadPositions(
  wishes: number[],
  low: number,
  high: number,
  weights: readonly number[],
): number[] {
  const count = wishes.length;
  if (count === 1) return [wishes[0] as number];
  const spacing = Math.min(PORT_SPACING, (high - low) / (count - 1));
  // Pool adjacent wishes that would be too close into clusters centred on their wishes' mean.
  const clusters: Array<{
    first: number;
    size: number;
    start: number;
    offsetSum: number;
    weight: number;
  }> = [];
  wishes.forEach((wish, k) => {
    const w = weights[k] as number;
    let cluster = { first: k, size: 1, start: wish, offsetSum: wish * w, weight: w };
    for (;;) {
      const previous = clusters[clusters.length - 1];
      if (!previous || previous.start + previous.size * spacing <= cluster.start) break;
      clusters.pop();
      // offsetSum holds the weighted sum of (wish − spacing × index within the cluster).
      const offsetSum =
        previous.offsetSum + cluster.offsetSum - cluster.weight * previous.size * spacing;
      const size = previous.size + cluster.size;
      const weight = previous.weight + cluster.weight;
      cluster = { first: previous.first, size, start: offsetSum / weight, offsetSum, weight };
    }
    clusters.push(cluster);
  });
  const out = new Array<number>(count);
  for (const cluster of clusters) {
    const start = Math.min(Math.max(cluster.start, low), high - (cluster.size - 1) * spacing);
    for (let k = 0; k < cluster.size; k++) out[cluster.first + k] = start + k * spacing;
  }
  for (let k = 1; k < count; k++)
    out[k] = Math.max(out[k] as number, (out[k - 1] as number) + spacing);
  for (let k = count - 1; k >= 0; k--) {
    out[k] = Math.min(out[k] as number, k === count - 1 ? high : (out[k + 1] as number) - spacing);
  }
  return out;
}

/** The least distance between two ports of the open ends placed among fixed ones (placeOpenEnds), px. */
const MIN_PORT_SPACING = 8;

/** One end of a side for placeOpenEnds. */
export interface SideEndPlace {
  /** Its place along the side when fixed, else null (open). */
  at: number | null;
  /** Whether it arrives (a head) or leaves: open ends the same way may share a port. */
  arriving: boolean;
}

/**
 * Places the open ends of one side among its fixed ones: `ends` in their order along the side
 * (ascending x on top and bottom, y on left and right). The fixed ends stay; the open ones between
 * two fixed ends share that gap evenly (at most PORT_SPACING apart, around the gap's middle), those
 * beyond the last fixed end (or before the first) step PORT_SPACING from it towards the span's end,
 * and on a side without fixed ends they sit PORT_SPACING apart around `middle`. Where that leaves
 * less than MIN_PORT_SPACING between them, neighbouring open ends going the same way share one
 * port (one trunk, one head), as on a crowded side of assignPorts. Returns a place for every end,
 * rounded to whole px.
 */
export function placeOpenEnds(
  ends: readonly SideEndPlace[],
  span: readonly [number, number],
  middle: number,
): number[] {
  const [low, high] = span;
  const fixed = ends
    .map((end) => end.at)
    .filter((at): at is number => at !== null)
    .sort((a, b) => a - b);
  // The open ends of each gap between fixed ends, in order: gap g lies before fixed[g].
  const gaps: number[][] = Array.from({ length: fixed.length + 1 }, () => []);
  let seen = 0;
  ends.forEach((end, k) => {
    if (end.at === null) (gaps[seen] as number[]).push(k);
    else seen++;
  });
  const out = ends.map((end) => end.at ?? middle);
  gaps.forEach((members, g) => {
    if (members.length === 0) return;
    const lo = g > 0 ? (fixed[g - 1] as number) : low;
    const hi = g < fixed.length ? (fixed[g] as number) : high;
    // The places of m ports in this gap, and the room each gets.
    const placesOf = (m: number): { places: number[]; spacing: number } => {
      const at = (start: number, spacing: number): { places: number[]; spacing: number } => ({
        places: Array.from({ length: m }, (_, k) => start + k * spacing),
        spacing,
      });
      if (fixed.length === 0) {
        const spacing = m > 1 ? Math.min(PORT_SPACING, (high - low) / (m - 1)) : PORT_SPACING;
        const first = m > 1 ? middle - ((m - 1) * spacing) / 2 : middle;
        return at(Math.min(Math.max(first, low), high - (m - 1) * spacing), spacing);
      }
      if (g > 0 && g < fixed.length) {
        const spacing = Math.min(PORT_SPACING, (hi - lo) / (m + 1));
        return at((lo + hi) / 2 - ((m - 1) * spacing) / 2, spacing);
      }
      const spacing = Math.min(PORT_SPACING, Math.max(0, hi - lo) / m);
      return g > 0 ? at(lo + spacing, spacing) : at(hi - m * spacing, spacing);
    };
    // Ports: one per end, or per run of ends going the same way when the gap is too short.
    let ports = members.map((k) => [k]);
    if (placesOf(ports.length).spacing < MIN_PORT_SPACING) {
      ports = [];
      for (const k of members) {
        const last = ports[ports.length - 1];
        if (
          last &&
          (ends[last[0] as number] as SideEndPlace).arriving === (ends[k] as SideEndPlace).arriving
        )
          last.push(k);
        else ports.push([k]);
      }
    }
    const { places } = placesOf(ports.length);
    ports.forEach((port, i) => {
      for (const k of port) out[k] = Math.round(places[i] as number);
    });
  });
  return out;
}
