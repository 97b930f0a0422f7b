/**
 * Weighted crossings between two neighbouring layers (Barth, Jünger, Mutzel: "Simple and Efficient
 * Bilayer Cross Counting", with an accumulator tree): O(e log v) per layer pair.
 */

/** Reused between calls (the ordering counts crossings thousands of times a layout). */
let orderScratch = new Int32Array(256);
let treeScratch = new Float64Array(512);

/** Runs of equal upper position longer than this are not insertion-sorted (sortedByUpper). */
const INSERTION_RUN_MAX = 32;

/**
 * Sum over pairs of crossing segments of the product of their weights. Segments are given as
 * parallel arrays of upper position, lower position and weight (the first `count` entries);
 * `lowerSize` bounds the lower positions.
 */
export function bilayerCrossings(
  upper: ArrayLike<number>,
  lower: ArrayLike<number>,
  weight: ArrayLike<number>,
  lowerSize: number,
  count = upper.length,
): number {
  if (count < 2) return 0;
  if (orderScratch.length < count)
    orderScratch = new Int32Array(Math.max(count, 2 * orderScratch.length));
  const order = orderScratch;
  for (let k = 0; k < count; k++) order[k] = k;
  // The segments by upper, then lower position, ties in the order given (a stable sort).
  if (!sortedByUpper(order, upper, lower, count))
    order
      .subarray(0, count)
      .sort(
        (a, b) =>
          (upper[a] as number) - (upper[b] as number) ||
          (lower[a] as number) - (lower[b] as number),
      );
  let first = 1;
  while (first < lowerSize) first <<= 1;
  if (treeScratch.length < 2 * first) treeScratch = new Float64Array(2 * first);
  const tree = treeScratch;
  tree.fill(0, 0, 2 * first);
  first -= 1;
  let total = 0;
  for (let k = 0; k < count; k++) {
    const e = order[k] as number;
    const w = weight[e] as number;
    let index = (lower[e] as number) + first;
    tree[index] = (tree[index] as number) + w;
    let sum = 0;
    while (index > 0) {
      // A left child's right sibling holds segments ending further right: they cross this one.
      if (index % 2 === 1) sum += tree[index + 1] as number;
      index = (index - 1) >> 1;
      tree[index] = (tree[index] as number) + w;
    }
    total += w * sum;
  }
  return total;
}

/**
 * When the segments come by upper position already (the ordering lists them layer by layer, each
 * vertex's in turn), sorts each run of one upper position by lower position in place, stably
 * (insertion): the same permutation as the stable sort by both, without its comparison calls.
 * False, with `order` untouched, when they do not (or a run is long): then the caller sorts.
 */
function sortedByUpper(
  order: Int32Array,
  upper: ArrayLike<number>,
  lower: ArrayLike<number>,
  count: number,
): boolean {
  let runStart = 0;
  for (let k = 1; k < count; k++) {
    const u = upper[k] as number;
    const previous = upper[k - 1] as number;
    if (u < previous) return false;
    if (u !== previous) runStart = k;
    else if (k - runStart >= INSERTION_RUN_MAX) return false;
  }
  runStart = 0;
  for (let k = 1; k <= count; k++) {
    if (k < count && upper[k] === upper[runStart]) continue;
    for (let i = runStart + 1; i < k; i++) {
      const e = order[i] as number;
      const key = lower[e] as number;
      let j = i - 1;
      while (j >= runStart && (lower[order[j] as number] as number) > key) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = e;
    }
    runStart = k;
  }
  return true;
}
