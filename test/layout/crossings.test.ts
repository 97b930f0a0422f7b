import { bilayerCrossings } from '../../src/layout/layered/crossings.js';
import { random } from '../support/random.js';

/** Every pair of segments that cross (strictly opposite orders at the two layers), weights multiplied. */
function brute(upper: number[], lower: number[], weight: number[]): number {
  let total = 0;
  for (let a = 0; a < upper.length; a++)
    for (let b = a + 1; b < upper.length; b++) {
      const du = (upper[a] as number) - (upper[b] as number);
      const dl = (lower[a] as number) - (lower[b] as number);
      if (du * dl < 0) total += (weight[a] as number) * (weight[b] as number);
    }
  return total;
}

describe('bilayerCrossings', () => {
  it('counts like every pair compared, with segments in layer order or not, short and long runs', () => {
    const next = random(15);
    for (let round = 0; round < 300; round++) {
      const upperSize = 1 + next(12);
      const lowerSize = 1 + next(12);
      // Some rounds have a hub: one upper position with up to 80 segments (past the insertion runs).
      const hub = round % 5 === 0 ? next(upperSize) : -1;
      const segments: Array<[number, number, number]> = [];
      for (let u = 0; u < upperSize; u++) {
        const degree = u === hub ? 33 + next(48) : next(4);
        for (let k = 0; k < degree; k++) segments.push([u, next(lowerSize), [1, 2, 8][next(3)]!]);
      }
      // Half the rounds in layer order (how the ordering lists them), half shuffled.
      if (round % 2 === 1)
        for (let k = segments.length - 1; k > 0; k--) {
          const j = next(k + 1);
          [segments[k], segments[j]] = [segments[j]!, segments[k]!];
        }
      const upper = segments.map((s) => s[0]);
      const lower = segments.map((s) => s[1]);
      const weight = segments.map((s) => s[2]);
      const expected = brute(upper, lower, weight);
      expect(bilayerCrossings(upper, lower, weight, lowerSize)).toBe(expected);
      // Only the first `count` entries count: reused buffers hold older segments past them.
      const junk = [0, lowerSize - 1, 0];
      expect(
        bilayerCrossings(
          Int32Array.from([...upper, upperSize, upperSize + 1, upperSize + 2]),
          Int32Array.from([...lower, ...junk]),
          Float64Array.from([...weight, 5, 5, 5]),
          lowerSize,
          segments.length,
        ),
      ).toBe(expected);
    }
  });
});
