import { BoxIndex } from '../../src/layout/box-index.js';
import type { Box } from '../../src/layout/types.js';
import { random } from '../support/random.js';

/** The ids a query must return: every box whose closed extent meets the closed area, ascending. */
function brute(boxes: readonly Box[], area: Box): number[] {
  const out: number[] = [];
  boxes.forEach((b, id) => {
    if (
      b.x <= area.x + area.width &&
      area.x <= b.x + b.width &&
      b.y <= area.y + area.height &&
      area.y <= b.y + b.height
    )
      out.push(id);
  });
  return out;
}

describe('BoxIndex', () => {
  it('answers like a scan of every box, for small, long and huge boxes and areas', () => {
    const next = random(14);
    for (let round = 0; round < 20; round++) {
      const index = new BoxIndex(192);
      const boxes: Box[] = [];
      // Points, short boxes, and long thin ones (routes' trunks) up to 100,000 px, some negative.
      for (let k = 0; k < 400; k++) {
        const kind = next(4);
        const long = kind === 3 ? next(100000) : kind === 2 ? next(3000) : next(200);
        const across = kind === 0 ? 0 : next(60);
        const vertical = next(2) === 0;
        const box = {
          x: next(40000) - 20000 + next(100) / 10,
          y: next(40000) - 20000,
          width: vertical ? across : long,
          height: vertical ? long : across,
        };
        boxes.push(box);
        expect(index.add(box)).toBe(k);
      }
      for (let q = 0; q < 50; q++) {
        const area = {
          x: next(50000) - 25000,
          y: next(50000) - 25000,
          width: next(4) === 0 ? next(60000) : next(800),
          height: next(4) === 0 ? next(60000) : next(800),
        };
        expect(index.query(area)).toEqual(brute(boxes, area));
      }
    }
  });

  it('answers the same while it grows past the size where queries stop scanning (queries between adds)', () => {
    const next = random(15);
    const index = new BoxIndex(160);
    const boxes: Box[] = [];
    for (let k = 0; k < 300; k++) {
      const box = {
        x: next(3000),
        y: next(3000),
        width: next(400),
        height: next(3) === 0 ? 0 : next(90),
      };
      boxes.push(box);
      index.add(box);
      const area = { x: next(3000), y: next(3000), width: next(600), height: next(600) };
      const expected = brute(boxes, area);
      expect(index.query(area)).toEqual(expected);
      // queryAtMost: null exactly when more than `limit` boxes meet the area.
      const limit = next(4);
      expect(index.queryAtMost(area, limit)).toEqual(expected.length > limit ? null : expected);
    }
  });
});
