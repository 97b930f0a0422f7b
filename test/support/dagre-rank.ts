/**
 * The swimlanes' column ranking as it was done through dagre until session 7 (the oracle of
 * test/layout/column-rank.test.ts): the class graph with one `minlen: 1` edge per class pair
 * (weight = number of constraints) and dagre's network-simplex ranker; the ranks are read in dagre's
 * `customOrder` hook, which then stops the run. src/layout/column-rank.ts must give the same columns.
 */
import dagre from '@dagrejs/dagre';

type RankedNode = { rank?: number };

/** Thrown from the customOrder hook once the ranks are read: nothing after ranking is needed. */
const RANKED = Symbol('ranked');

/**
 * Ranks the classes (`root[v] === v`) under the forward constraints `[a, b]` (b at least one column
 * after a). Returns the rank of every class root (indexed like `root`, 0-based, without gaps), or
 * null when dagre fails, so the caller can fall back to its own ranking.
 */
export function rankWithDagre(
  root: readonly number[],
  forward: ReadonlyArray<readonly [number, number]>,
): number[] | null {
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({ rankdir: 'LR', ranker: 'network-simplex' });
  graph.setDefaultEdgeLabel(() => ({}));
  const classes: number[] = [];
  for (let v = 0; v < root.length; v++) {
    if (root[v] !== v) continue;
    classes.push(v);
    graph.setNode(String(v), { width: 1, height: 1 });
  }
  for (const [a, b] of forward) {
    const u = String(root[a]);
    const w = String(root[b]);
    if (u === w) continue;
    const existing = graph.edge(u, w) as { weight?: number } | undefined;
    graph.setEdge(u, w, { minlen: 1, weight: (existing?.weight ?? 0) + 1 });
  }
  const ranked = new Map<number, number>();
  try {
    dagre.layout(graph, {
      customOrder: (layoutGraph: InstanceType<typeof dagre.graphlib.Graph>) => {
        for (const v of classes) {
          const r = (layoutGraph.node(String(v)) as RankedNode | undefined)?.rank;
          if (r !== undefined) ranked.set(v, r);
        }
        throw RANKED;
      },
    });
  } catch (error) {
    if (error !== RANKED) return null;
  }
  if (ranked.size !== classes.length) return null;
  const column = new Map(
    [...new Set(ranked.values())].sort((p, q) => p - q).map((r, k) => [r, k] as const),
  );
  const rank = new Array<number>(root.length).fill(0);
  for (const v of classes) rank[v] = column.get(ranked.get(v) as number) as number;
  return rank;
}
