/**
 * Weighted crossings between two neighbouring layers (Barth, Jünger, Mutzel: "Simple and Efficient
 * Bilayer Cross Counting", with an accumulator tree): O(e log v) per layer pair.
 */

/**
 * Sum over pairs of crossing segments of the product of their weights. Segments are given as
 * parallel arrays of upper position, lower position and weight; `lowerSize` bounds the lower
 * positions.
 */
export function bilayerCrossings(
  upper: ArrayLike<number>,
  lower: ArrayLike<number>,
  weight: ArrayLike<number>,
  lowerSize: number,
): number {
  const count = upper.length;
  if (count < 2) return 0;
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  order.sort(
    (a, b) =>
      (upper[a] as number) - (upper[b] as number) || (lower[a] as number) - (lower[b] as number),
  );
  let first = 1;
  while (first < lowerSize) first <<= 1;
  const tree = new Float64Array(2 * first);
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
