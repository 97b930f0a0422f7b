/**
 * A binary min-heap of integer items (int32) by number keys; equal keys pop the smaller item first, so a
 * search that uses it is deterministic whatever order items were pushed in. Used by the router's
 * A* (route.ts, one heap reused by every search through `clear`) and by the layered engine's
 * network simplex (layered/simplex.ts). Items and keys live in typed arrays that grow by doubling.
 */
export class MinHeap {
  private items = new Int32Array(64);
  private keys = new Float64Array(64);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Empties the heap, keeping its storage. */
  clear(): void {
    this.count = 0;
  }

  push(item: number, key: number): void {
    if (this.count === this.items.length) this.grow();
    const items = this.items;
    const keys = this.keys;
    let at = this.count++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = keys[parent] as number;
      // Ties broken by insertion-independent state index keep the search deterministic.
      if (pk < key || (pk === key && (items[parent] as number) <= item)) break;
      items[at] = items[parent] as number;
      keys[at] = pk;
      at = parent;
    }
    items[at] = item;
    keys[at] = key;
  }

  peekKey(): number {
    return this.keys[0] as number;
  }

  /** The smallest item (NaN when empty). */
  pop(): number {
    if (this.count === 0) return NaN;
    const items = this.items;
    const keys = this.keys;
    const top = items[0] as number;
    const n = --this.count;
    if (n > 0) {
      const lastItem = items[n] as number;
      const lastKey = keys[n] as number;
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (
          r < n &&
          ((keys[r] as number) < (keys[l] as number) ||
            (keys[r] === keys[l] && (items[r] as number) < (items[l] as number)))
        )
          c = r;
        const ck = keys[c] as number;
        if (ck > lastKey || (ck === lastKey && (items[c] as number) > lastItem)) break;
        items[at] = items[c] as number;
        keys[at] = ck;
        at = c;
      }
      items[at] = lastItem;
      keys[at] = lastKey;
    }
    return top;
  }

  private grow(): void {
    const items = new Int32Array(this.items.length * 2);
    const keys = new Float64Array(this.keys.length * 2);
    items.set(this.items);
    keys.set(this.keys);
    this.items = items;
    this.keys = keys;
  }
}
