/**
 * Every edge's orthogonal route as the channel runs it needs and the points it passes, once x is
 * known. Channel c lies above layer c (channel 0 above the first layer, channel L below the last).
 * A point's y is resolved later (it may be a track, known only after the channels are routed, or
 * a node's side, known after the layers are placed): each is a function of the vertical geometry.
 *
 * - A hop between layers l and l + 1 is a run in channel l + 1 from its upper pin to its lower pin.
 * - An end on a node's left or right side turns at its port vertex beside the node (ports.ts).
 * - An end whose side points against its way (U-turn) first runs in the channel behind the node to
 *   its port vertex, then passes the node through that lane.
 * - A same-layer edge that is not one straight segment runs in the channel above or below.
 */
import type { Side } from '../../syntax/ast.js';
import type { Run } from './channels.js';
import type { LayeredGraph } from './graph.js';
import type { EdgePlan, EndPlan, PortPlan } from './ports.js';

/** The vertical geometry a route's points are resolved against. */
export interface YGeometry {
  centre: ArrayLike<number>;
  trackY: (channel: number, track: number) => number;
  /** Top and bottom of a node's box. */
  top: (v: number) => number;
  bottom: (v: number) => number;
  tracks: ReadonlyArray<{ track: Int32Array }>;
}

export interface LazyPoint {
  x: number;
  y: (geo: YGeometry) => number;
}

export interface RouteBuild {
  /** Runs per channel (0..layers). */
  runs: Run[][];
  /** Per edge: its points from source to target, or null (loops, straight and fallback edges). */
  points: Array<LazyPoint[] | null>;
}

const SIDE_CODE: Record<Side, number> = { top: 1, right: 2, bottom: 3, left: 4 };

export function buildRoutes(g: LayeredGraph, plan: PortPlan, x: ArrayLike<number>): RouteBuild {
  const layers = g.layerCount;
  const runs: Run[][] = Array.from({ length: layers + 1 }, () => []);
  const addRun = (channel: number, run: Run): ((geo: YGeometry) => number) => {
    const list = runs[channel] as Run[];
    const index = list.length;
    list.push(run);
    return (geo) => {
      const track = (geo.tracks[channel] as { track: Int32Array }).track[index] as number;
      return geo.trackY(channel, Math.max(0, track));
    };
  };
  const xs = (v: number): number => x[v] as number;
  const half = (v: number): number => (g.width[v] as number) / 2;
  const nodeKey = (end: EndPlan): number => end.vertex * 8 + SIDE_CODE[end.side];
  const vertexKey = (v: number): number => v * 8;
  const cy =
    (v: number) =>
    (geo: YGeometry): number =>
      geo.centre[g.layerOf[v] as number] as number;

  /** The port on the node's side, and the x where the end meets its channel. */
  const endStart = (end: EndPlan): { points: LazyPoint[]; pinX: number; key: number } => {
    const v = end.vertex;
    switch (end.side) {
      case 'top':
        return {
          points: [{ x: xs(v) + end.offset, y: (geo) => geo.top(v) }],
          pinX: xs(v) + end.offset,
          key: nodeKey(end),
        };
      case 'bottom':
        return {
          points: [{ x: xs(v) + end.offset, y: (geo) => geo.bottom(v) }],
          pinX: xs(v) + end.offset,
          key: nodeKey(end),
        };
      default: {
        const sign = end.side === 'left' ? -1 : 1;
        const y = (geo: YGeometry): number => cy(v)(geo) + end.offset;
        const portX = end.port >= 0 ? xs(end.port) : xs(v) + sign * half(v);
        return {
          points: [
            { x: xs(v) + sign * half(v), y },
            { x: portX, y },
          ],
          pinX: portX,
          key: end.port >= 0 ? vertexKey(end.port) : nodeKey(end),
        };
      }
    }
  };

  const points: Array<LazyPoint[] | null> = plan.edges.map((p: EdgePlan, k) => {
    const shape = g.shape[k];
    if (p.fallback || p.straight || shape === 'loop') return null;
    if (shape === 'flat') {
      const l = g.layerOf[p.source.vertex] as number;
      const up = p.source.travel === 'up';
      const channel = up ? l : l + 1;
      const from = endStart(p.source);
      const to = endStart(p.target);
      const y = addRun(channel, {
        a: { x: from.pinX, upper: !up, key: from.key },
        b: { x: to.pinX, upper: !up, key: to.key },
      });
      return [
        ...from.points,
        { x: from.pinX, y },
        { x: to.pinX, y },
        ...to.points.slice().reverse(),
      ];
    }
    const reversed = g.reversed[k] as boolean;
    const upperEnd = reversed ? p.target : p.source;
    const lowerEnd = reversed ? p.source : p.target;
    const hops = g.edgeHops[k] as number[];
    const out: LazyPoint[] = [];
    // Upper end.
    let pinX: number;
    let pinKey: number;
    if (upperEnd.uturn) {
      const v = upperEnd.vertex;
      const portX = xs(upperEnd.port);
      const at = xs(v) + upperEnd.offset;
      const y = addRun(g.layerOf[v] as number, {
        a: { x: at, upper: false, key: nodeKey(upperEnd) },
        b: { x: portX, upper: false, key: vertexKey(upperEnd.port) },
      });
      out.push({ x: at, y: (geo) => geo.top(v) }, { x: at, y }, { x: portX, y });
      pinX = portX;
      pinKey = vertexKey(upperEnd.port);
    } else {
      const start = endStart(upperEnd);
      out.push(...start.points);
      pinX = start.pinX;
      pinKey = start.key;
    }
    // Hops, one run each in the channel below their upper vertex.
    hops.forEach((h, i) => {
      const hop = g.hops[h]!;
      const last = i === hops.length - 1;
      const top = i === 0 ? pinX : xs(hop.upper);
      const topKey = i === 0 ? pinKey : vertexKey(hop.upper);
      let bottom: number;
      let bottomKey: number;
      if (last) {
        if (lowerEnd.uturn || lowerEnd.side === 'left' || lowerEnd.side === 'right') {
          bottom = xs(lowerEnd.port);
          bottomKey = vertexKey(lowerEnd.port);
        } else {
          bottom = xs(lowerEnd.vertex) + lowerEnd.offset;
          bottomKey = nodeKey(lowerEnd);
        }
      } else {
        bottom = xs(hop.lower);
        bottomKey = vertexKey(hop.lower);
      }
      const channel = (g.layerOf[hop.upper] as number) + 1;
      const y = addRun(channel, {
        a: { x: top, upper: true, key: topKey },
        b: { x: bottom, upper: false, key: bottomKey },
      });
      if (top !== bottom) out.push({ x: top, y }, { x: bottom, y });
      else if (!last) out.push({ x: top, y: cy(hop.lower) });
    });
    // Lower end.
    if (lowerEnd.uturn) {
      const v = lowerEnd.vertex;
      const portX = xs(lowerEnd.port);
      const at = xs(v) + lowerEnd.offset;
      const y = addRun((g.layerOf[v] as number) + 1, {
        a: { x: portX, upper: true, key: vertexKey(lowerEnd.port) },
        b: { x: at, upper: true, key: nodeKey(lowerEnd) },
      });
      out.push({ x: portX, y }, { x: at, y }, { x: at, y: (geo) => geo.bottom(v) });
    } else {
      out.push(...endStart(lowerEnd).points.slice().reverse());
    }
    return reversed ? out.reverse() : out;
  });
  return { runs, points };
}
