/**
 * Column assignment by dagre. The swimlane placement (place.ts) contracts every "same column"
 * class to one node and needs a rank per class such that each forward constraint goes at least one
 * column ahead, with edges as short as possible: exactly what dagre's network-simplex ranker
 * computes. dagre lays out the class graph left to right; all members of one rank share an x, so
 * the distinct x values, in order, are the columns. (dagre's order inside a column, its y, is
 * returned too; measured with bench/quality.mjs it gave slightly more crossings than keeping
 * declaration order, so place.ts keeps declaration order.)
 *
 * network-simplex grows super-linearly (seconds at 1,000 nodes, see ../shared/peers/README.md), so
 * above RANKED_BY_DAGRE_MAX classes place.ts ranks with its own linear-time longest-path pass.
 */
import dagre from '@dagrejs/dagre';

export const RANKED_BY_DAGRE_MAX = 160;

export interface DagreRanking {
  /** Column of every class root (indexed like `root`; only roots are meaningful). */
  rank: number[];
  /** dagre's order inside the column (its y), for tie-breaking the stacking order. */
  order: number[];
}

/**
 * Ranks the classes (`root[v] === v`) under the forward constraints `[a, b]` (b at least one column
 * after a). Returns null when dagre fails, so the caller can fall back to its own ranking.
 */
export function rankWithDagre(root: readonly number[], forward: ReadonlyArray<readonly [number, number]>): DagreRanking | null {
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({ rankdir: 'LR', ranker: 'network-simplex', nodesep: 1, ranksep: 1, edgesep: 1, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (let v = 0; v < root.length; v++) if (root[v] === v) graph.setNode(String(v), { width: 1, height: 1 });
  for (const [a, b] of forward) {
    const u = String(root[a]);
    const w = String(root[b]);
    if (u === w) continue;
    const existing = graph.edge(u, w) as { weight?: number } | undefined;
    graph.setEdge(u, w, { minlen: 1, weight: (existing?.weight ?? 0) + 1 });
  }
  try {
    dagre.layout(graph);
  } catch {
    return null;
  }
  const xs = new Map<number, number>();
  const rank = new Array<number>(root.length).fill(0);
  const order = new Array<number>(root.length).fill(0);
  for (let v = 0; v < root.length; v++) {
    if (root[v] !== v) continue;
    const node = graph.node(String(v)) as { x: number; y: number };
    const x = Math.round(node.x);
    if (!xs.has(x)) xs.set(x, xs.size);
    order[v] = node.y;
    rank[v] = x;
  }
  const columns = [...xs.keys()].sort((p, q) => p - q);
  const column = new Map(columns.map((x, k) => [x, k] as const));
  for (let v = 0; v < root.length; v++) if (root[v] === v) rank[v] = column.get(rank[v] as number) as number;
  return { rank, order };
}
