/**
 * Column assignment by dagre. The swimlane placement (place.ts) contracts every "same column"
 * class to one node and needs a rank per class such that each forward constraint goes at least one
 * column ahead, with edges as short as possible: exactly what dagre's network-simplex ranker
 * computes. dagre reports the rank it gave every node; those ranks, renumbered, are the columns.
 *
 * Only the ranks are used, so dagre's crossing minimisation is replaced by a trivial order
 * (`customOrder`): the stacking inside a column is place.ts's own (declaration order measured
 * slightly better than dagre's order with bench/quality.mjs), and the ordering sweeps were two
 * thirds of dagre's time (5.5 ms → 1.6 ms a layout, warm, for a 14-class graph).
 *
 * network-simplex grows super-linearly (seconds at 1,000 nodes, see ../shared/peers/README.md), so
 * above RANKED_BY_DAGRE_MAX classes place.ts ranks with its own linear-time pass.
 */
import dagre from '@dagrejs/dagre';

export const RANKED_BY_DAGRE_MAX = 160;

type RankedNode = { rank?: number; order?: number };

/** Gives each rank's nodes the order 0, 1, 2, … in graph order: dagre's position step needs one. */
function trivialOrder(graph: InstanceType<typeof dagre.graphlib.Graph>): void {
  const next = new Map<number, number>();
  for (const v of graph.nodes()) {
    const node = graph.node(v) as RankedNode;
    const k = next.get(node.rank ?? 0) ?? 0;
    node.order = k;
    next.set(node.rank ?? 0, k + 1);
  }
}

/**
 * Ranks the classes (`root[v] === v`) under the forward constraints `[a, b]` (b at least one column
 * after a). Returns the rank of every class root (indexed like `root`, 0-based, without gaps), or
 * null when dagre fails, so the caller can fall back to its own ranking.
 */
export function rankWithDagre(root: readonly number[], forward: ReadonlyArray<readonly [number, number]>): number[] | null {
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
    dagre.layout(graph, { customOrder: trivialOrder });
  } catch {
    return null;
  }
  const rank = new Array<number>(root.length).fill(0);
  const used = new Set<number>();
  for (let v = 0; v < root.length; v++) {
    if (root[v] !== v) continue;
    const r = (graph.node(String(v)) as RankedNode).rank;
    if (r === undefined) return null;
    rank[v] = r;
    used.add(r);
  }
  const column = new Map([...used].sort((p, q) => p - q).map((r, k) => [r, k] as const));
  for (let v = 0; v < root.length; v++) if (root[v] === v) rank[v] = column.get(rank[v] as number) as number;
  return rank;
}
