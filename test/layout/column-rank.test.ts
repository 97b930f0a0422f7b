/**
 * The swimlanes' columns (src/layout/column-rank.ts) are dagre's network-simplex ranks computed on
 * flat arrays: checked against dagre itself (test/support/dagre-rank.ts, the ranking place.ts used
 * through session 6) on constraint graphs of every shape the placement produces: classes sharing
 * nodes, repeated constraints, cycles (broken as dagre breaks them), isolated classes, chains, fans.
 */
import { RANKED_BY_SIMPLEX_MAX, rankClasses } from '../../src/layout/column-rank.js';
import { rankNodes } from '../../src/layout/place.js';
import { rankWithDagre } from '../support/dagre-rank.js';
import { random } from '../support/random.js';

type Case = { root: number[]; forward: Array<[number, number]> };

/** A random constraint graph: `n` nodes, classes of runs of nodes, edges mostly forward. */
function randomCase(seed: number): Case {
  const next = random(seed);
  const n = 1 + next(seed % 10 === 0 ? RANKED_BY_SIMPLEX_MAX : 40);
  const root = Array.from({ length: n }, (_, v) => v);
  const shared = next(4); // 0: no shared classes
  for (let v = 1; v < n; v++)
    if (shared > 0 && next(8 - shared) === 0) root[v] = root[v - 1] as number;
  const forward: Array<[number, number]> = [];
  const edges = next(3 * n + 1);
  const backward = next(4); // share of edges against declaration order (cycles when > 0)
  for (let i = 0; i < edges; i++) {
    let a = next(n);
    let b = next(n);
    if (a > b && next(8) >= backward) [a, b] = [b, a];
    forward.push([a, b]);
    if (next(6) === 0) forward.push([a, b]); // repeated constraint: weight 2
  }
  return { root, forward };
}

describe('column ranking = dagre network simplex', () => {
  it("gives dagre's columns on 400 random constraint graphs (cycles, shared classes, repeats)", () => {
    let differing = 0;
    const first: string[] = [];
    for (let seed = 1; seed <= 400; seed++) {
      const { root, forward } = randomCase(seed);
      const ours = rankClasses(root, forward);
      const theirs = rankWithDagre(root, forward);
      const same = JSON.stringify(ours) === JSON.stringify(theirs);
      if (!same) {
        differing++;
        if (first.length < 3) first.push(`seed ${seed}: ${JSON.stringify({ ours, theirs })}`);
      }
    }
    expect(first).toEqual([]);
    expect(differing).toBe(0);
  });

  it('a chain with a shortcut: the shortcut stretches, the chain stays tight', () => {
    // 0 -> 1 -> 2 -> 3 and 0 -> 3: columns 0, 1, 2, 3.
    const ranks = rankClasses(
      [0, 1, 2, 3],
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 3],
      ],
    );
    expect(ranks).toEqual([0, 1, 2, 3]);
  });

  it('place.ts ranks with it up to RANKED_BY_SIMPLEX_MAX classes', () => {
    const { root, forward } = randomCase(7);
    const { rank } = rankNodes(root, forward);
    const columns = rankClasses(root, forward) as number[];
    expect(rank).toEqual(root.map((r) => columns[r]));
  });
});
