/**
 * Deterministic pseudo-random integers for tests (mulberry32): `random(seed)(n)` is below `n`, and
 * the same seed gives the same sequence on every machine, so a failing case can be replayed.
 */
export function random(seed: number): (below: number) => number {
  let a = seed >>> 0;
  return (below) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}
