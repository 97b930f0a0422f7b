/**
 * Where every edge end attaches, decided once the order is known and before coordinates: its side
 * (written handles are kept; the rest follow the flow), its place along that side, and for ends on
 * a side across the flow (left/right in the internal frame) the lane beside the node where the edge
 * turns towards its channel. The lanes and loops take room beside the node; positioning reserves it.
 *
 * - Rectangles spread their ends along a side (in the order of the other ends, so they do not cross
 *   at the node), 20 px apart when the side allows, at least 8 px; a side too short for that merges
 *   its ends into one trunk at the middle.
 * - Diamonds and circles attach at their vertices. A decision's branches leave from different
 *   vertices: one from the bottom, the others from the left and right vertices.
 * - An end whose side points against its edge's way (a handle on the top of a node whose edge goes
 *   down), and a same-layer edge that is not a straight segment between neighbours, are routed by the
 *   general orthogonal router afterwards (`fallback`).
 */
import type { Side } from '../../syntax/ast.js';
import { WAY_OFFSET } from '../../shapes/index.js';
import { LEFT_BORDER, PORT, REAL, RIGHT_BORDER, type LayeredGraph } from './graph.js';
import type { LayeredNode } from './input.js';
import { loopDistance, loopLabelSide, loopReach } from './loops.js';

/** Length of the straight stub out of a port before the first turn, px. */
export const STUB = 12;
/** Distance between neighbouring parallel lines (lanes, tracks), px. */
export const LINE_GAP = 10;
const PORT_SPACING = 20;
const MIN_PORT_SPACING = 8;
const CORNER_CLEARANCE = 10;

export type Travel = 'down' | 'up' | 'flat' | 'loop';

export interface EndPlan {
  vertex: number;
  side: Side;
  travel: Travel;
  /** Offset along the side from its middle (x on top/bottom, y on left/right), px. */
  offset: number;
  /** Side exits: the lane beside the node (0 = nearest), or -1. */
  lane: number;
  /** Side exits: the port vertex beside the node where the edge turns (graph.addPort), or -1. */
  port: number;
  /** An end whose side points against its way: the side of the lane it goes around by. */
  uturn: 'left' | 'right' | null;
}

export interface EdgePlan {
  source: EndPlan;
  target: EndPlan;
  /** Routed by the general router (see the module comment). */
  fallback: boolean;
  /** A same-layer edge drawn as one straight segment between neighbours. */
  straight: boolean;
}

export interface PortPlan {
  edges: EdgePlan[];
  /** Room beside every vertex for lanes and loops, px beyond its half width / half height. */
  marginLeft: number[];
  marginRight: number[];
  overTop: number[];
  overBottom: number[];
  /** Extra separation wanted between two neighbours (straight same-layer edges with labels). */
  extraGap: Map<string, number>;
  /** Straight same-layer edges with a label: the two neighbours in the layer the label sits between. */
  labelGap: Array<[number, number] | null>;
}

export function planPorts(g: LayeredGraph, pos: ArrayLike<number>): PortPlan {
  const { nodes, edges } = g.input;
  const n = g.vertexCount;
  const plans: EdgePlan[] = [];
  const marginLeft = new Array<number>(n).fill(0);
  const marginRight = new Array<number>(n).fill(0);
  const overTop = new Array<number>(n).fill(0);
  const overBottom = new Array<number>(n).fill(0);
  const extraGap = new Map<string, number>();
  const straightUsed = new Set<string>();
  const labelGap: Array<[number, number] | null> = edges.map(() => null);
  const layerSize = (v: number): number => (g.layers[g.layerOf[v] as number] as number[]).length;
  const relative = (v: number): number => (pos[v] as number) / Math.max(1, layerSize(v) - 1);

  edges.forEach((edge, k) => {
    const chain = g.chains[k] as number[];
    const shape = g.shape[k];
    if (shape === 'loop') {
      const [fromSide, toSide] = loopSides(edge.fromSide, edge.toSide, nodes[edge.from]!.shape);
      plans.push({
        source: end(edge.from, fromSide, 'loop'),
        target: end(edge.to, toSide, 'loop'),
        fallback: false,
        straight: false,
      });
      return;
    }
    if (shape === 'flat') {
      const rightward = (pos[edge.to] as number) > (pos[edge.from] as number);
      const fromSide = edge.fromSide ?? (rightward ? 'right' : 'left');
      const toSide = edge.toSide ?? (rightward ? 'left' : 'right');
      const adjacent = neighbours(g, edge.from, edge.to, pos);
      // One straight segment per side (a second one would lie on the first).
      const straight =
        adjacent &&
        fromSide === (rightward ? 'right' : 'left') &&
        toSide === (rightward ? 'left' : 'right') &&
        !straightUsed.has(`${edge.from},${fromSide}`) &&
        !straightUsed.has(`${edge.to},${toSide}`);
      if (straight) {
        straightUsed.add(`${edge.from},${fromSide}`);
        straightUsed.add(`${edge.to},${toSide}`);
      }
      // Otherwise through the channel above (or below): both ends turn the same way.
      const sides = [fromSide, toSide];
      const mixed = sides.includes('top') && sides.includes('bottom');
      const travel: Travel = sides.includes('top')
        ? 'up'
        : sides.includes('bottom')
          ? 'down'
          : (g.layerOf[edge.from] as number) > 0
            ? 'up'
            : 'down';
      plans.push({
        source: end(edge.from, fromSide, straight ? 'flat' : travel),
        target: end(edge.to, toSide, straight ? 'flat' : travel),
        fallback: !straight && mixed,
        straight,
      });
      return;
    }
    const upper = chain[0] as number;
    const lower = chain[chain.length - 1] as number;
    const reversed = g.reversed[k] as boolean;
    const upperWritten = reversed ? edge.toSide : edge.fromSide;
    const lowerWritten = reversed ? edge.fromSide : edge.toSide;
    const upperEnd = end(upper, upperWritten ?? 'bottom', 'down');
    const lowerEnd = end(lower, lowerWritten ?? 'top', 'up');
    // A handle pointing against the edge's way: out into the channel behind the node and around
    // it, through a lane beside it (the side facing where the edge goes).
    const upperNext = chain[1] as number;
    const lowerNext = chain[chain.length - 2] as number;
    if (upperEnd.side === 'top')
      upperEnd.uturn = relative(upperNext) < relative(upper) ? 'left' : 'right';
    if (lowerEnd.side === 'bottom')
      lowerEnd.uturn = relative(lowerNext) < relative(lower) ? 'left' : 'right';
    plans.push({
      source: reversed ? lowerEnd : upperEnd,
      target: reversed ? upperEnd : lowerEnd,
      fallback: false,
      straight: false,
    });
  });

  // Decisions: free branches leave from different vertices.
  const endsAt: EndPlan[][] = Array.from({ length: g.nodeCount }, () => []);
  const written = new Set<EndPlan>();
  edges.forEach((edge, k) => {
    const plan = plans[k] as EdgePlan;
    endsAt[plan.source.vertex]?.push(plan.source);
    endsAt[plan.target.vertex]?.push(plan.target);
    if (edge.fromSide) written.add(plan.source);
    if (edge.toSide) written.add(plan.target);
  });
  const nextOf = new Map<EndPlan, number>();
  edges.forEach((_, k) => {
    const plan = plans[k] as EdgePlan;
    const chain = g.chains[k] as number[];
    if (g.shape[k] !== 'chain') return;
    const upperEnd = g.reversed[k] ? plan.target : plan.source;
    const lowerEnd = g.reversed[k] ? plan.source : plan.target;
    nextOf.set(upperEnd, chain[1] as number);
    nextOf.set(lowerEnd, chain[chain.length - 2] as number);
  });
  const sourceEnds = new Set(plans.map((p) => p.source));
  // Same-layer edges through a channel: each end's "next" vertex is the other end.
  const flatOther = new Map<EndPlan, number>();
  plans.forEach((p, k) => {
    if (g.shape[k] !== 'flat' || p.straight) return;
    flatOther.set(p.source, p.target.vertex);
    flatOther.set(p.target, p.source.vertex);
  });
  // How deep the flow goes from every node (the last layer reachable forwards).
  const reach = new Int32Array(g.nodeCount);
  const byLayer = Array.from({ length: g.nodeCount }, (_, v) => v).sort(
    (a, b) => (g.layerOf[b] as number) - (g.layerOf[a] as number),
  );
  const forwardOut: number[][] = Array.from({ length: g.nodeCount }, () => []);
  edges.forEach((edge, k) => {
    if (g.shape[k] === 'chain' && !g.reversed[k]) forwardOut[edge.from]?.push(edge.to);
  });
  for (const v of byLayer) {
    let r = g.layerOf[v] as number;
    for (const w of forwardOut[v] as number[]) r = Math.max(r, reach[w] as number);
    reach[v] = r;
  }
  const targetOf = new Map(plans.map((p) => [p.source, p.target.vertex] as const));
  const reachOf = (e: EndPlan): number => reach[targetOf.get(e) ?? e.vertex] as number;
  for (let v = 0; v < g.nodeCount; v++) {
    if (nodes[v]!.shape !== 'diamond') continue;
    const free = (endsAt[v] as EndPlan[]).filter(
      (e) =>
        !written.has(e) &&
        sourceEnds.has(e) &&
        nextOf.has(e) &&
        (e.travel === 'down' || e.travel === 'up'),
    );
    const down = free
      .filter((e) => e.travel === 'down')
      .sort(
        (a, b) =>
          (pos[nextOf.get(a) as number] as number) - (pos[nextOf.get(b) as number] as number),
      );
    if (down.length >= 2) {
      // The branch the flow continues along (it leads deepest) leaves from the bottom vertex, so
      // the main path runs straight down; the others leave from the vertex facing their target.
      // Ties: the branch to the nearer target (the next step of the same path).
      const span = (e: EndPlan): number =>
        Math.abs((g.layerOf[targetOf.get(e) ?? e.vertex] as number) - (g.layerOf[v] as number));
      let main = down[(down.length - 1) >> 1] as EndPlan;
      for (const e of down) {
        if (reachOf(e) > reachOf(main) || (reachOf(e) === reachOf(main) && span(e) < span(main)))
          main = e;
      }
      const at = pos[nextOf.get(main) as number] as number;
      for (const e of down)
        if (e !== main) e.side = (pos[nextOf.get(e) as number] as number) < at ? 'left' : 'right';
      // Three branches and two of them on one side vertex: one vertex each, in the order of their
      // targets (the middle one leaves from the bottom), rather than two from one point.
      const [first, middle, last] = down.length === 3 ? down : [];
      if (first && middle && last && new Set(down.map((e) => e.side)).size < down.length) {
        first.side = 'left';
        middle.side = 'bottom';
        last.side = 'right';
      }
    }
    // Which side a neighbour lies on: compared with the main branch's next vertex (same layer
    // below), or with the median of the edges entering from above (layer above).
    const below = down.find((e) => e.side === 'bottom');
    const aboveEnds = (endsAt[v] as EndPlan[]).filter((e) => e.side === 'top' && nextOf.has(e));
    const aboveAt =
      aboveEnds.length > 0
        ? (pos[nextOf.get(aboveEnds[aboveEnds.length >> 1] as EndPlan) as number] as number)
        : null;
    const sideOf = (e: EndPlan): Side | null => {
      const next = nextOf.get(e) as number;
      const sameLayer = (w: number): boolean => g.layerOf[w] === g.layerOf[next];
      if (below && sameLayer(nextOf.get(below) as number))
        return (pos[next] as number) < (pos[nextOf.get(below) as number] as number)
          ? 'left'
          : 'right';
      if (
        aboveAt !== null &&
        sameLayer(nextOf.get(aboveEnds[aboveEnds.length >> 1] as EndPlan) as number)
      )
        return (pos[next] as number) < aboveAt ? 'left' : 'right';
      return null;
    };
    for (const e of free.filter((x) => x.travel === 'up'))
      e.side = sideOf(e) ?? (relative(nextOf.get(e) as number) < relative(v) ? 'left' : 'right');
    // Edges coming back from below enter the side vertex facing them when no branch leaves there.
    const leaving = new Set(
      (endsAt[v] as EndPlan[]).filter((e) => sourceEnds.has(e)).map((e) => e.side),
    );
    const returning = (endsAt[v] as EndPlan[]).filter(
      (e) => !written.has(e) && !sourceEnds.has(e) && nextOf.has(e) && e.travel === 'down',
    );
    if (leaving.has('bottom')) {
      for (const e of returning) {
        const facing = sideOf(e);
        if (facing && !leaving.has(facing)) e.side = facing;
      }
    }
  }

  // Offsets along top and bottom sides (rectangles spread, other shapes meet at the vertex), and
  // lanes beside left and right sides.
  for (let v = 0; v < g.nodeCount; v++) {
    const list = endsAt[v] as EndPlan[];
    if (list.length === 0) continue;
    const node = nodes[v]!;
    for (const side of ['top', 'bottom'] as const) {
      const onSide = list.filter(
        (e) => e.side === side && e.travel !== 'loop' && e.travel !== 'flat',
      );
      onSide.sort(
        (a, b) =>
          (pos[nextOf.get(a) ?? a.vertex] as number) - (pos[nextOf.get(b) ?? b.vertex] as number),
      );
      const room = sideRoom(node, side);
      if (!room || !spreadAlong(onSide, room)) separateWays(onSide, sourceEnds);
    }
    for (const side of ['left', 'right'] as const) {
      const room = sideRoom(node, side);
      const spread = room !== null;
      const onSide = list.filter(
        (e) => e.side === side && (e.travel === 'down' || e.travel === 'up'),
      );
      // Up-going ends above down-going ones; up: the topmost takes the nearest lane; down: the lowest.
      const ups = onSide.filter((e) => e.travel === 'up');
      const downs = onSide.filter((e) => e.travel === 'down');
      const byNext = (a: EndPlan, b: EndPlan): number =>
        (pos[nextOf.get(a) ?? (flatOther.get(a) as number)] as number) -
        (pos[nextOf.get(b) ?? (flatOther.get(b) as number)] as number);
      // Ends heading further out take the outer lanes, so the lines do not cross.
      ups.sort(side === 'left' ? (a, b) => -byNext(a, b) : byNext);
      downs.sort(side === 'left' ? byNext : (a, b) => -byNext(a, b));
      const flats = list.filter((e) => e.side === side && e.travel === 'flat');
      if (spread) {
        if (flats.length > 0) {
          // A straight same-layer edge keeps the middle (level with its neighbour's), the others
          // go above (up) and below (down) it.
          spreadAlong([...ups, flats[0] as EndPlan], room, 'end');
          spreadAlong([flats[0] as EndPlan, ...downs], room, 'start');
        } else if (!spreadAlong([...ups, ...downs], room))
          separateWays([...ups, ...downs], sourceEnds);
      }
      // Lanes: the nearest for the end closest to its turn.
      ups.forEach((e, i) => (e.lane = i));
      downs.forEach((e, i) => (e.lane = downs.length - 1 - i));
      if (!spread) {
        // All at the vertex: nearest lane for the end heading least far (a trunk that splits).
        const byReach = [...ups, ...downs].sort(side === 'left' ? (a, b) => -byNext(a, b) : byNext);
        byReach.forEach((e, i) => (e.lane = i));
        const straight = flats[0];
        if (straight) separateWays([...ups, straight, ...downs], sourceEnds, straight);
        else separateWays([...ups, ...downs], sourceEnds);
      }
    }
  }
  // A straight same-layer edge whose ends could not be level goes through a channel instead.
  plans.forEach((p, k) => {
    if (!p.straight || p.source.offset === p.target.offset) return;
    p.straight = false;
    const travel: Travel = (g.layerOf[edges[k]!.from] as number) > 0 ? 'up' : 'down';
    p.source.travel = travel;
    p.target.travel = travel;
  });
  // Loops: nested lanes beside the node.
  const loopsAt = new Map<number, number[]>();
  edges.forEach((edge, k) => {
    if (g.shape[k] !== 'loop') return;
    const list = loopsAt.get(edge.from) ?? [];
    list.push(k);
    loopsAt.set(edge.from, list);
  });
  for (const [v, list] of loopsAt) {
    const node = nodes[v]!;
    list.forEach((k, i) => {
      const plan = plans[k] as EdgePlan;
      plan.source.lane = i;
      plan.target.lane = i;
      const label = edges[k]!.label;
      const grow = (side: Side, reach: number): void => {
        if (side === 'right') marginRight[v] = Math.max(marginRight[v] as number, reach);
        else if (side === 'left') marginLeft[v] = Math.max(marginLeft[v] as number, reach);
        else if (side === 'top') overTop[v] = Math.max(overTop[v] as number, reach);
        else overBottom[v] = Math.max(overBottom[v] as number, reach);
      };
      const a = plan.source.side;
      const b = plan.target.side;
      const side = loopLabelSide(a, b);
      const d = loopDistance(i, side, label);
      grow(a, d);
      grow(b, d);
      grow(side, loopReach(i, side, label));
    });
    // Same-side loops nest: ports pair up symmetrically around the middle, inner loops inside.
    if (node.shape === 'rectangle') {
      for (const side of ['left', 'right', 'top', 'bottom'] as const) {
        const same = list.filter((k) => {
          const p = plans[k] as EdgePlan;
          return p.source.side === side && p.target.side === side;
        });
        const length = side === 'left' || side === 'right' ? node.height : node.width;
        const step = Math.max(
          2,
          Math.min(PORT_SPACING / 2, (length / 2 - CORNER_CLEARANCE) / Math.max(1, same.length)),
        );
        same.forEach((k, i) => {
          const p = plans[k] as EdgePlan;
          p.source.offset = -(i + 1) * step;
          p.target.offset = (i + 1) * step;
        });
      }
    }
  }
  return { edges: plans, marginLeft, marginRight, overTop, overBottom, extraGap, labelGap };

  function end(vertex: number, side: Side, travel: Travel): EndPlan {
    return { vertex, side, travel, offset: 0, lane: -1, port: -1, uturn: null };
  }
}

/**
 * Gives every side exit its port vertex beside the node, in lane order (nearest first), and moves
 * the edge's first (or last) hop onto it: positioning then places the turn where the edge wants to
 * go (an L from a decision's vertex straight over its target) and keeps other nodes clear of it.
 */
export function addPortVertices(g: LayeredGraph, plan: PortPlan): void {
  const bySide = new Map<string, Array<{ end: EndPlan; hop: number }>>();
  const add = (end: EndPlan, hop: number): void => {
    const side = end.uturn ?? end.side;
    if (side !== 'left' && side !== 'right') return;
    const key = `${end.vertex},${side}`;
    const list = bySide.get(key) ?? [];
    list.push({ end, hop });
    bySide.set(key, list);
  };
  plan.edges.forEach((p, k) => {
    if (p.fallback || p.straight) return;
    const shape = g.shape[k];
    if (shape === 'flat') {
      add(p.source, -1);
      add(p.target, -1);
      return;
    }
    if (shape !== 'chain') return;
    const hops = g.edgeHops[k] as number[];
    const upperEnd = g.reversed[k] ? p.target : p.source;
    const lowerEnd = g.reversed[k] ? p.source : p.target;
    add(upperEnd, hops[0] as number);
    add(lowerEnd, hops[hops.length - 1] as number);
  });
  for (const [key, list] of bySide) {
    const side = key.endsWith('left') ? 'left' : 'right';
    // Lane order, nearest first; lanes going around the node (U-turns) outermost.
    list.sort(
      (a, b) =>
        Number(a.end.uturn !== null) - Number(b.end.uturn !== null) ||
        a.end.lane - b.end.lane ||
        (a.end.travel === 'up' ? -1 : 1) - (b.end.travel === 'up' ? -1 : 1),
    );
    list.forEach(({ end, hop }, i) => {
      end.port = g.addPort(end.vertex, side, i, hop);
    });
  }
  reserveStraightLabels(g, plan);
}

/**
 * A straight same-layer edge's label sits between the groups the segment leaves and those it
 * enters (clear of their borders and title bands), or after the source's own port vertices: that
 * gap is widened for it. Run once the layer order is final (port vertices included).
 */
function reserveStraightLabels(g: LayeredGraph, plan: PortPlan): void {
  plan.edges.forEach((p, k) => {
    const label = g.input.edges[k]?.label;
    if (!p.straight || !label) return;
    const layer = g.layers[g.layerOf[p.source.vertex] as number] as number[];
    const ia = layer.indexOf(p.source.vertex);
    const ib = layer.indexOf(p.target.vertex);
    const [a, b] =
      ia < ib ? [p.source.vertex, p.target.vertex] : [p.target.vertex, p.source.vertex];
    const lo = Math.min(ia, ib);
    const hi = Math.max(ia, ib);
    let at = hi;
    let from = lo;
    for (let i = lo + 1; i < hi; i++) {
      const v = layer[i] as number;
      if (g.kind[v] === PORT && g.portOwner.get(v) === a) from = i;
      else if (g.kind[v] === LEFT_BORDER) {
        at = i;
        break;
      }
    }
    const pair: [number, number] = [
      layer[at === hi ? Math.max(from, at - 1) : at - 1] as number,
      layer[at] as number,
    ];
    plan.labelGap[k] = pair;
    const key = `${pair[0]},${pair[1]}`;
    const room = label.width + (pair[0] === a && pair[1] === b ? 2 * STUB : 12);
    plan.extraGap.set(key, Math.max(plan.extraGap.get(key) ?? 0, room));
  });
}

/**
 * Where ends may spread along a side, as offsets from its middle: the shape's port span (a straight
 * part of the outline) kept `CORNER_CLEARANCE` from the box's corners; null where the shape has no
 * straight part there (a vertex, a curve, a slant: the ends meet at the middle).
 */
function sideRoom(node: LayeredNode, side: Side): readonly [number, number] | null {
  const half = (side === 'top' || side === 'bottom' ? node.width : node.height) / 2;
  const span = node.spans ? node.spans[side] : node.shape === 'rectangle' ? [-half, half] : null;
  if (!span) return null;
  const low = Math.max(span[0], -half + CORNER_CLEARANCE);
  const high = Math.min(span[1], half - CORNER_CLEARANCE);
  return low < high ? [low, high] : null;
}

/**
 * Spreads ends along a side within `room` (offsets from its middle, `sideRoom`), in their order:
 * centred on the room, or with the last (`end`) or first (`start`) end fixed at the middle and the
 * others on one side of it. False when the room is too short: the ends stay at the middle.
 */
function spreadAlong(
  list: EndPlan[],
  room: readonly [number, number],
  anchor: 'centre' | 'start' | 'end' = 'centre',
): boolean {
  const count = list.length;
  if (count < 2) return true;
  const [low, high] = room;
  const usable = anchor === 'centre' ? high - low : anchor === 'end' ? -low : high;
  const spacing = Math.min(PORT_SPACING, usable / (count - 1));
  if (spacing < MIN_PORT_SPACING) return false; // one trunk at the middle
  const shift = anchor === 'centre' ? (count - 1) / 2 : anchor === 'end' ? count - 1 : 0;
  const centre = anchor === 'centre' ? (low + high) / 2 : 0;
  list.forEach((e, i) => (e.offset = Math.round(centre + (i - shift) * spacing)));
  return true;
}

/**
 * Ends meeting at one point of a side (a vertex, a curve, a side too short to spread them): those
 * leaving and those arriving are two trunks, `WAY_OFFSET` either side of the middle (a two-way pair
 * is two lines, not one; ends going the same way still merge). The group first in `list`'s order (by where the ends head) takes the
 * lower offset, so the two trunks do not cross.
 */
function separateWays(list: EndPlan[], sources: ReadonlySet<EndPlan>, straight?: EndPlan): void {
  const rank = (group: EndPlan[]): number =>
    group.reduce((sum, e) => sum + list.indexOf(e), 0) / group.length;
  if (straight) {
    // A straight same-layer edge keeps the middle (level with its neighbour's end); the other way
    // moves off it, to the side where those ends head.
    const way = sources.has(straight);
    const other = list.filter((e) => e !== straight && sources.has(e) !== way);
    if (other.length === 0) return;
    const offset = rank(other) < list.indexOf(straight) ? -WAY_OFFSET : WAY_OFFSET;
    for (const e of other) e.offset = offset;
    return;
  }
  const out = list.filter((e) => sources.has(e));
  const back = list.filter((e) => !sources.has(e));
  if (out.length === 0 || back.length === 0) return;
  const [first, second] = rank(out) <= rank(back) ? [out, back] : [back, out];
  for (const e of first) e.offset = -WAY_OFFSET;
  for (const e of second) e.offset = WAY_OFFSET;
}

/** Default loop sides: a rectangle's loop leaves and re-enters its right side; others use two vertices. */
function loopSides(from: Side | null, to: Side | null, shape: string): [Side, Side] {
  if (from && to) return [from, to];
  if (shape === 'rectangle') return [from ?? to ?? 'right', to ?? from ?? 'right'];
  const a = from ?? (to === 'right' ? 'bottom' : 'right');
  const b =
    to ?? (a === 'right' ? 'bottom' : a === 'bottom' ? 'right' : a === 'top' ? 'right' : 'top');
  return [a, b];
}

/** Whether only cluster borders lie between two vertices of one layer. */
function neighbours(g: LayeredGraph, a: number, b: number, pos: ArrayLike<number>): boolean {
  const layer = g.layers[g.layerOf[a] as number] as number[];
  const lo = Math.min(pos[a] as number, pos[b] as number);
  const hi = Math.max(pos[a] as number, pos[b] as number);
  for (let i = lo + 1; i < hi; i++) {
    const kind = g.kind[layer[i] as number];
    if (kind !== LEFT_BORDER && kind !== RIGHT_BORDER) return false;
  }
  return true;
}

export { REAL };
