/**
 * "Too long for a page" (src/layout/page.ts): more than 3:1 AND a long side beyond PAGE_LENGTH.
 * A short LR chain is drawn in one strip (the aspect alone wrapped it into two rows with
 * back-loops); a long one is still wrapped into rows within 3:1.
 */
import { layout } from '../../src/layout/index.js';
import { MAX_ASPECT, PAGE_LENGTH, pageExcess, tooLongForPage } from '../../src/layout/page.js';
import type { Layout } from '../../src/layout/types.js';
import { diagramOf } from './diagrams.js';

/** A chain of `n` rectangles with short labels, s1 -> s2 -> ... */
function chain(n: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(`s${i}: rectangle label:"Step ${i}"`);
  for (let i = 1; i < n; i++) lines.push(`s${i} -> s${i + 1}`);
  return lines.join('\n');
}

/** The distinct rows (node centre heights) of an LR drawing. */
function rows(result: Layout): number {
  return new Set(result.nodes.map((n) => Math.round(n.y + n.height / 2))).size;
}

describe('too long for a page', () => {
  it('is more than 3:1 with a long side beyond PAGE_LENGTH, either way round', () => {
    expect(tooLongForPage(PAGE_LENGTH, 100)).toBe(false);
    expect(tooLongForPage(100, PAGE_LENGTH)).toBe(false);
    expect(tooLongForPage(PAGE_LENGTH + 1, 100)).toBe(true);
    expect(tooLongForPage(100, PAGE_LENGTH + 1)).toBe(true);
    expect(tooLongForPage(3 * 1000, 1000)).toBe(false);
    expect(tooLongForPage(3 * 1000 + 1, 1000)).toBe(true);
    expect(pageExcess(1500, 150)).toBe(0);
    expect(pageExcess(4000, 500)).toBe(8 - MAX_ASPECT);
    expect(pageExcess(500, 4000)).toBe(8 - MAX_ASPECT);
  });

  it('draws a 9-step LR chain in one strip: beyond 3:1 but shorter than a page', () => {
    for (const kind of ['auto', 'layered'] as const) {
      const result = layout(diagramOf(chain(9)), { direction: 'LR', layout: kind });
      expect(rows(result)).toBe(1);
      expect(result.width).toBeGreaterThan(MAX_ASPECT * result.height);
      expect(result.width).toBeLessThanOrEqual(PAGE_LENGTH);
      // Every edge straight along the strip: no back-loop.
      for (const edge of result.edges) expect(edge.points).toHaveLength(2);
    }
  });

  it('keeps short LR swimlanes beyond 3:1 in one strip (no band continued in a second row)', () => {
    const a = [1, 2, 3, 4].map((i) => `a${i}: rectangle label:"A ${i}"`);
    const b = [1, 2, 3, 4].map((i) => `b${i}: rectangle label:"B ${i}"`);
    const edges = [1, 2, 3, 4].flatMap((i) =>
      i < 4 ? [`A.a${i} -> B.b${i}`, `B.b${i} -> A.a${i + 1}`] : [`A.a${i} -> B.b${i}`],
    );
    const text = ['A {', ...a, '}', 'B {', ...b, '}', ...edges].join('\n');
    const result = layout(diagramOf(text), { direction: 'LR', layout: 'lanes' });
    expect(result.groups.map((g) => g.continued ?? [])).toEqual([[], []]);
    expect(result.width).toBeGreaterThan(MAX_ASPECT * result.height);
    expect(result.width).toBeLessThanOrEqual(PAGE_LENGTH);
  });

  it('still wraps a 40-step LR chain into rows within 3:1', () => {
    for (const kind of ['auto', 'layered'] as const) {
      const result = layout(diagramOf(chain(40)), { direction: 'LR', layout: kind });
      expect(rows(result)).toBeGreaterThan(1);
      const aspect = Math.max(result.width, result.height) / Math.min(result.width, result.height);
      expect(aspect).toBeLessThanOrEqual(MAX_ASPECT);
    }
  });
});
