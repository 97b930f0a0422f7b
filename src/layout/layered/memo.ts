/**
 * Work shared by the layered layouts of one diagram. The automatic choice (layout/index.ts) draws
 * several layered candidates, and each lays out the same parts again: the blocks-on-shelves and
 * the unwrapped candidates start from the same first drawing of every part as the plain one, and
 * completing a draft repeats the draft's ranking and sweeps. A part's layout depends only on its
 * input, so results are kept by the part's content, and a draft's cut sweeps are kept for the full
 * run to go on from (order.ts SweepState). A full run whose ordering ends in the draft's order
 * hands back the draft's result: the rest of a part's layout depends only on its order.
 */
import type { LayeredResult } from './index.js';
import type { LayeredInput } from './input.js';
import type { SweepState } from './order.js';
import type { Ranking } from './rank.js';

export class LayeredMemo {
  private readonly results = new Map<string, LayeredResult>();
  private readonly sweeps = new Map<string, SweepState>();
  private readonly rankings = new Map<string, Ranking>();
  /** The order a draft of the part ended in, when the full ordering may change it. */
  private readonly draftOrders = new Map<string, number[][]>();
  /** Parts whose full layout is their draft's. */
  private readonly sameAsDraft = new Set<string>();
  /**
   * Full layouts of parts handed out that differ from their drafts (or had none): when a run adds
   * none, its drawing is its draft's.
   */
  changed = 0;

  /** What a part's layout depends on (not the flags that act above the parts: wrap, blocks). */
  static keyOf(input: LayeredInput): string {
    return JSON.stringify([
      input.nodes,
      input.clusters,
      input.edges,
      input.headerSide,
      input.spread,
      input.demote ?? 'none',
      input.widthWeight ?? null,
    ]);
  }

  result(key: string, draft: boolean): LayeredResult | undefined {
    const full = this.results.get(key);
    if (full && !draft && !this.sameAsDraft.has(key)) this.changed++;
    return full ?? (draft ? this.results.get(`draft ${key}`) : undefined);
  }

  /** A draft that is complete is the full result too. */
  keepResult(key: string, draft: boolean, result: LayeredResult): void {
    const cut = draft && result.draft === true;
    this.results.set(cut ? `draft ${key}` : key, result);
    if (draft && !cut) this.sameAsDraft.add(key);
    else if (!draft && !this.sameAsDraft.has(key)) this.changed++;
  }

  /**
   * The part's ranking (rank.ts rankNodes reads only the part's input, and nothing changes a
   * Ranking once made): a draft's completion lays out the same part again from its ranking on.
   */
  rankingOf(key: string, rank: () => Ranking): Ranking {
    let ranking = this.rankings.get(key);
    if (ranking === undefined) this.rankings.set(key, (ranking = rank()));
    return ranking;
  }

  sweepsOf(key: string): SweepState | undefined {
    return this.sweeps.get(key);
  }

  keepSweeps(key: string, state: SweepState): void {
    this.sweeps.set(key, state);
  }

  keepDraftOrder(key: string, layers: readonly number[][]): void {
    this.draftOrders.set(
      key,
      layers.map((layer) => layer.slice()),
    );
  }

  /** The draft's result (as a full one) when the full ordering ended in the draft's order. */
  reuseDraft(key: string, layers: readonly number[][]): LayeredResult | null {
    const order = this.draftOrders.get(key);
    const draft = this.results.get(`draft ${key}`);
    if (!order || !draft || order.length !== layers.length) return null;
    for (let l = 0; l < layers.length; l++) {
      const a = order[l] as number[];
      const b = layers[l] as number[];
      if (a.length !== b.length) return null;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return null;
    }
    this.sameAsDraft.add(key);
    const { draft: _cut, ...full } = draft;
    return full;
  }
}
