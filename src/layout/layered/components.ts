/**
 * Disconnected parts of a diagram are laid out one by one and packed side by side across the flow,
 * in rows, in the order they are declared: a file of 200 separate flows becomes a grid instead of
 * one 150,000 px line, and the layout of each part stays small (near-linear time overall).
 * Nodes of one group (at any depth) always stay in one part.
 */
import { unionBox } from '../geometry.js';
import type { Box, Point } from '../types.js';
import type { LayeredEdgeResult, LayeredResult } from './index.js';
import type { LayeredInput } from './input.js';
import { sidePoint } from './loops.js';
import { DisjointSets } from '../../util/disjoint-sets.js';

/** The parts: lists of node indices, each ascending, parts in order of their first node. */
export function components(input: LayeredInput): number[][] {
  const n = input.nodes.length;
  const sets = new DisjointSets(n);
  const find = (v: number): number => sets.find(v);
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) sets.link(Math.max(ra, rb), Math.min(ra, rb));
  };
  for (const edge of input.edges) union(edge.from, edge.to);
  // A group and its sub-groups form one box: their nodes share a part.
  const anchor = new Int32Array(input.clusters.length).fill(-1);
  for (let v = 0; v < n; v++) {
    for (let c = input.nodes[v]?.cluster ?? -1; c >= 0; c = input.clusters[c]?.parent ?? -1) {
      if ((anchor[c] as number) < 0) anchor[c] = v;
      else union(anchor[c] as number, v);
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const r = find(v);
    const list = byRoot.get(r);
    if (list) list.push(v);
    else byRoot.set(r, [v]);
  }
  return [...byRoot.values()];
}

export interface Placed {
  x: number;
  y: number;
}

/**
 * Shelf packing of part boxes (internal frame: across = x, along = y): parts left to right in
 * declaration order, a new row when the row would pass the width that makes the whole about
 * `aspect` times wider than deep (internal), never narrower than the widest part.
 */
export function packParts(
  sizes: ReadonlyArray<{ width: number; height: number }>,
  gap: number,
  aspect: number,
): Placed[] {
  let area = 0;
  let widest = 0;
  for (const s of sizes) {
    area += (s.width + gap) * (s.height + gap);
    widest = Math.max(widest, s.width);
  }
  const limit = Math.max(widest, Math.sqrt(area * aspect));
  const out: Placed[] = [];
  let x = 0;
  let y = 0;
  let rowDepth = 0;
  for (const s of sizes) {
    if (x > 0 && x + s.width > limit) {
      x = 0;
      y += rowDepth + gap;
      rowDepth = 0;
    }
    out.push({ x, y });
    x += s.width + gap;
    rowDepth = Math.max(rowDepth, s.height);
  }
  return out;
}

/** One part of a split diagram: its own input, and which nodes, groups and edges it holds. */
export interface Piece {
  input: LayeredInput;
  nodes: number[];
  clusters: number[];
  edges: number[];
}

/**
 * Sub-diagrams over the given node sets: each holds the edges between its own nodes and the groups
 * of its nodes (with their ancestors); an empty group goes with its nearest non-empty ancestor
 * (the first set when it has none). Edges between two sets
 * belong to none (the caller routes them).
 */
export function splitInput(input: LayeredInput, sets: number[][]): Piece[] {
  const setOfNode = new Int32Array(input.nodes.length).fill(-1);
  sets.forEach((set, p) => set.forEach((v) => (setOfNode[v] = p)));
  const setOfCluster = new Int32Array(input.clusters.length).fill(-1);
  sets.forEach((set, p) => {
    for (const v of set)
      for (let c = input.nodes[v]?.cluster ?? -1; c >= 0; c = input.clusters[c]?.parent ?? -1)
        setOfCluster[c] = p;
  });
  // A group without nodes goes with its nearest ancestor that has some (its parent must be in the
  // same sub-diagram), else with the first set.
  input.clusters.forEach((_, c) => {
    if (setOfCluster[c] !== -1) return;
    let p = input.clusters[c]?.parent ?? -1;
    while (p >= 0 && setOfCluster[p] === -1) p = input.clusters[p]?.parent ?? -1;
    setOfCluster[c] = p >= 0 ? (setOfCluster[p] as number) : 0;
  });
  const clustersOf: number[][] = sets.map(() => []);
  input.clusters.forEach((_, c) => (clustersOf[setOfCluster[c] as number] as number[]).push(c));
  const edgesOf: number[][] = sets.map(() => []);
  input.edges.forEach((e, k) => {
    const p = setOfNode[e.from] as number;
    if (p >= 0 && p === setOfNode[e.to]) (edgesOf[p] as number[]).push(k);
  });
  return sets.map((nodes, p) => {
    const nodeLocal = new Map(nodes.map((v, k) => [v, k] as const));
    const clusters = clustersOf[p] as number[];
    const clusterLocal = new Map(clusters.map((c, k) => [c, k] as const));
    const edges = edgesOf[p] as number[];
    return {
      nodes,
      clusters,
      edges,
      input: {
        ...input,
        nodes: nodes.map((v) => {
          const node = input.nodes[v]!;
          const cluster = node.cluster < 0 ? -1 : (clusterLocal.get(node.cluster) as number);
          return { ...node, cluster };
        }),
        clusters: clusters.map((c) => {
          const cluster = input.clusters[c]!;
          const parent = cluster.parent < 0 ? -1 : (clusterLocal.get(cluster.parent) as number);
          return { ...cluster, parent };
        }),
        edges: edges.map((k) => {
          const e = input.edges[k]!;
          return { ...e, from: nodeLocal.get(e.from) as number, to: nodeLocal.get(e.to) as number };
        }),
      },
    };
  });
}

/**
 * One result from the pieces' results, each moved by its offset. Edges in `cut` (between pieces)
 * come back without points, their ends on their written sides or the flow's (bottom out, top in),
 * for the general router.
 */
export function mergePieces(
  input: LayeredInput,
  pieces: ReadonlyArray<Piece & { result: LayeredResult }>,
  offsets: ReadonlyArray<{ x: number; y: number }>,
  cut: readonly number[],
): LayeredResult {
  const out: LayeredResult = {
    nodes: new Array<Box>(input.nodes.length),
    nodeLayer: new Array<number>(input.nodes.length).fill(0),
    clusters: new Array<Box>(input.clusters.length),
    headers: new Array<Box>(input.clusters.length),
    edges: new Array<LayeredEdgeResult>(input.edges.length),
    orderCrossings: 0,
  };
  pieces.forEach(({ result, nodes, clusters, edges }, p) => {
    const { x: dx, y: dy } = offsets[p] as { x: number; y: number };
    const box = (b: Box): Box => ({ ...b, x: b.x + dx, y: b.y + dy });
    const point = (q: Point): Point => ({ x: q.x + dx, y: q.y + dy });
    nodes.forEach((v, k) => {
      out.nodes[v] = box(result.nodes[k] as Box);
      out.nodeLayer[v] = result.nodeLayer[k] as number;
    });
    clusters.forEach((c, k) => {
      out.clusters[c] = box(result.clusters[k] as Box);
      out.headers[c] = box(result.headers[k] as Box);
    });
    edges.forEach((e, k) => {
      const r = result.edges[k] as LayeredEdgeResult;
      out.edges[e] = {
        ...r,
        points: r.points ? r.points.map(point) : null,
        fromPort: point(r.fromPort),
        toPort: point(r.toPort),
        label: r.label ? box(r.label) : null,
      };
    });
    out.orderCrossings += result.orderCrossings;
  });
  for (const k of cut) {
    const e = input.edges[k]!;
    const fromSide = e.fromSide ?? 'bottom';
    const toSide = e.toSide ?? 'top';
    out.edges[k] = {
      points: null,
      fromSide,
      toSide,
      fromPort: sidePoint(out.nodes[e.from] as Box, fromSide, 0),
      toPort: sidePoint(out.nodes[e.to] as Box, toSide, 0),
      label: null,
      cut: true,
    };
  }
  return out;
}

/** Everything a result draws: nodes, groups, routes and labels. */
export function resultBounds(result: LayeredResult): Box {
  const boxes: Box[] = [...result.nodes, ...result.clusters, ...result.headers];
  for (const e of result.edges) {
    if (e.label) boxes.push(e.label);
    for (const q of e.points ?? [e.fromPort, e.toPort])
      boxes.push({ x: q.x, y: q.y, width: 0, height: 0 });
  }
  return unionBox(boxes);
}
