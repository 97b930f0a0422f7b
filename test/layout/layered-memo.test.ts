/**
 * Drafts and the memo of the layered engine (layered/order.ts, layered/memo.ts): a draft's
 * ordering is cut short, and the full layout that goes on from the draft's sweeps, or reuses the
 * parts the memo kept, is exactly the layout computed from the start without a memo.
 */
import { layoutLayered } from '../../src/layout/layered/index.js';
import type { LayeredInput } from '../../src/layout/layered/input.js';
import { LayeredMemo } from '../../src/layout/layered/memo.js';
import { generateFlow } from '../../bench/generate.mjs';
import { diagramOf } from './diagrams.js';

/** The batch benchmark's generated diagram as the engine's input, every node 120 x 48. */
function inputOf(seed: number): LayeredInput {
  const diagram = diagramOf(generateFlow({ nodes: 19, groups: 4, seed }));
  const nodeIndex = new Map(diagram.nodes.map((n, k) => [n.id, k] as const));
  const clusterIndex = new Map(diagram.groups.map((g, k) => [g.id, k] as const));
  return {
    nodes: diagram.nodes.map((n) => ({
      id: n.id,
      width: 120,
      height: 48,
      shape: n.shape === 'diamond' || n.shape === 'circle' ? n.shape : 'rectangle',
      cluster: n.group === null ? -1 : (clusterIndex.get(n.group) as number),
    })),
    clusters: diagram.groups.map((g) => ({
      id: g.id,
      parent: g.parent === null ? -1 : (clusterIndex.get(g.parent) as number),
      headerThickness: 24,
      titleLength: 80,
    })),
    edges: diagram.edges
      .filter((e) => e.fromKind === 'node' && e.toKind === 'node')
      .map((e) => ({
        from: nodeIndex.get(e.from) as number,
        to: nodeIndex.get(e.to) as number,
        fromSide: e.fromHandle,
        toSide: e.toHandle,
        label: e.label ? { width: 40, height: 18 } : null,
      })),
    headerSide: 'top',
    spread: 1,
  };
}

const SEEDS = Array.from({ length: 24 }, (_, k) => k + 1);

describe('layered drafts and memo', () => {
  it.each(SEEDS)(
    'seed %i: the full layout after a draft equals the one made from scratch',
    (seed) => {
      const input = inputOf(seed);
      const scratch = layoutLayered(input);
      const memo = new LayeredMemo();
      const draft = layoutLayered({ ...input, draft: true, memo });
      const full = layoutLayered({ ...input, memo });
      expect(full).toEqual(scratch);
      expect(full.draft).toBe(false);
      // A draft that the full ordering changes says so.
      if (JSON.stringify(draft.nodes) !== JSON.stringify(scratch.nodes))
        expect(draft.draft).toBe(true);
    },
  );

  it('cuts the ordering short on some of these diagrams (else the test above proves little)', () => {
    const cut = SEEDS.filter((seed) => layoutLayered({ ...inputOf(seed), draft: true }).draft);
    expect(cut.length).toBeGreaterThan(SEEDS.length / 4);
  });

  it('hands back what it kept for a part already laid out', () => {
    const input = inputOf(3);
    const memo = new LayeredMemo();
    const first = layoutLayered({ ...input, memo });
    const again = layoutLayered({ ...input, memo });
    expect(again.nodes).toBe(first.nodes);
    expect(again).toEqual(first);
  });
});

describe('a completion that ends in its draft order', () => {
  it('hands back the draft drawing of its parts, and says so', () => {
    let reused = 0;
    for (const seed of SEEDS) {
      const input = inputOf(seed);
      const memo = new LayeredMemo();
      const draft = layoutLayered({ ...input, draft: true, memo });
      if (!draft.draft) continue;
      const changed = memo.changed;
      const full = layoutLayered({ ...input, memo });
      expect(full).toEqual(layoutLayered(input));
      // The memo says no part was drawn anew only when the drawing is the draft's.
      if (memo.changed === changed) {
        expect({ ...full, draft: true }).toEqual(draft);
        reused++;
      }
    }
    expect(reused).toBeGreaterThan(0);
  });
});

describe('the ranking of a part', () => {
  it('is made once for a draft and its completion (the memo keeps it by the part)', () => {
    const seed = SEEDS.find((s) => layoutLayered({ ...inputOf(s), draft: true }).draft);
    const input = inputOf(seed as number);
    const memo = new LayeredMemo();
    const keep = memo.rankingOf.bind(memo);
    let ranked = 0;
    memo.rankingOf = (key, rank) =>
      keep(key, () => {
        ranked++;
        return rank();
      });
    expect(layoutLayered({ ...input, draft: true, memo }).draft).toBe(true);
    expect(ranked).toBe(1);
    const full = layoutLayered({ ...input, memo });
    expect(ranked).toBe(1);
    expect(full).toEqual(layoutLayered(input));
  });
});
