/**
 * Work shared by the layered layouts of one diagram. The automatic choice (layout/index.ts) draws
 * several layered candidates, and each lays out the same parts again: the blocks-on-shelves and
 * the unwrapped candidates start from the same first drawing of every part as the plain one, and
 * completing a draft repeats the draft's ranking and sweeps. A part's layout depends only on its
 * input, so results are kept by the part's content, and a draft's cut sweeps are kept for the full
 * run to go on from (order.ts SweepState).
 */
import type { LayeredResult } from './index.js';
import type { LayeredInput } from './input.js';
import type { SweepState } from './order.js';

export class LayeredMemo {
  private readonly results = new Map<string, LayeredResult>();
  private readonly sweeps = new Map<string, SweepState>();

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
    return this.results.get(key) ?? (draft ? this.results.get(`draft ${key}`) : undefined);
  }

  /** A draft that is complete is the full result too. */
  keepResult(key: string, draft: boolean, result: LayeredResult): void {
    this.results.set(draft && result.draft === true ? `draft ${key}` : key, result);
  }

  sweepsOf(key: string): SweepState | undefined {
    return this.sweeps.get(key);
  }

  keepSweeps(key: string, state: SweepState): void {
    this.sweeps.set(key, state);
  }
}
