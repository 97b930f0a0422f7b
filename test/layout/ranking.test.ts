/**
 * The swimlanes' columns above RANKED_BY_SIMPLEX_MAX classes (issue #10: "the >160-class path"):
 * longest path, shortened by median sweeps, instead of dagre's network simplex. Checked against
 * dagre on the same constraints, and as drawings through the geometry invariants.
 */
import { RANKED_BY_SIMPLEX_MAX } from '../../src/layout/column-rank.js';
import { rankWithDagre } from '../support/dagre-rank.js';
import { rankNodes } from '../../src/layout/place.js';
import { layout } from '../../src/layout/index.js';
import { layoutViolations } from '../support/geometry.js';
import { generateFlow } from '../../bench/generate.mjs';
import { diagramOf } from './diagrams.js';
import { random } from '../support/random.js';

describe('columns of more than RANKED_BY_SIMPLEX_MAX classes', () => {
  it.each([1, 2, 3])('random constraints, seed %i', (seed) => {
    const next = random(seed);
    const n = RANKED_BY_SIMPLEX_MAX + 40 + next(80);
    // Some nodes share a class (a same-column wish): every class is keyed by its first node.
    const root = Array.from({ length: n }, (_, v) => v);
    for (let v = 1; v < n; v++) if (next(6) === 0) root[v] = root[v - 1] as number;
    const classes = root.filter((r, v) => r === v).length;
    expect(classes).toBeGreaterThan(RANKED_BY_SIMPLEX_MAX);
    // Forward constraints between classes, acyclic (from an earlier class to a later one).
    const forward: Array<[number, number]> = [];
    for (let v = 1; v < n; v++) {
      if (root[v] !== v) continue;
      forward.push([next(v), v]);
      if (next(3) === 0) forward.push([next(v), v]);
    }
    const { rank } = rankNodes(root, forward);
    // Every node of a class in its class's column; every constraint a column ahead at least.
    root.forEach((r, v) => expect(rank[v]).toBe(rank[r]));
    for (const [a, b] of forward)
      if (root[a] !== root[b]) expect(rank[b] as number).toBeGreaterThan(rank[a] as number);
    // No empty column.
    const columns = new Set(rank);
    expect(columns.size).toBe(Math.max(...rank) + 1);
    // Edges about as short as network simplex makes them (measured: 1.02–1.12× dagre's total).
    const dagre = rankWithDagre(root, forward) as number[];
    const span = (ranks: readonly number[]): number =>
      forward.reduce(
        (sum, [a, b]) =>
          sum + (ranks[root[b] as number] as number) - (ranks[root[a] as number] as number),
        0,
      );
    expect(span(rank)).toBeLessThanOrEqual(1.2 * span(dagre));
  });
});

describe('a generated diagram of 250 nodes drawn as swimlanes', () => {
  const diagram = diagramOf(generateFlow({ nodes: 250, groups: 21, seed: 42 }));
  it.each(['LR', 'TB'] as const)('%s: every geometry invariant holds', (direction) => {
    const drawn = layout(diagram, { layout: 'lanes', direction });
    expect(drawn.layout).toBe('lanes');
    expect(layoutViolations(diagram, drawn)).toEqual([]);
  });
});
