/**
 * Column assignment by dagre. The swimlane placement (place.ts) contracts every "same column"
 * class to one node and needs a rank per class such that each forward constraint goes at least one
 * column ahead, with edges as short as possible: exactly what dagre's network-simplex ranker
 * computes.
 *
 * Only the ranks are used. dagre's pipeline ranks first, then calls the `customOrder` hook (its
 * replacement for crossing minimisation), then positions everything; the stacking inside a column
 * is place.ts's own, so the hook reads the ranks from dagre's layout graph and stops the run there
 * by throwing a private sentinel. The ranks are the same as a full run's; the ordering sweeps and
 * coordinate assignment it skips were three quarters of dagre's time (2.7 ms → 0.7 ms a layout,
 * warm, for a 14-class graph; a full default run took 5.5 ms).
 *
 * network-simplex grows super-linearly (seconds at 1,000 nodes, see ../shared/peers/README.md), so
 * above RANKED_BY_DAGRE_MAX classes place.ts ranks with its own linear-time pass.
 */
import dagre from '@dagrejs/dagre';

export const RANKED_BY_DAGRE_MAX = 160;

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
