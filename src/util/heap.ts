/**
 * A binary min-heap of integer items by number keys; equal keys pop the smaller item first, so a
 * search that uses it is deterministic whatever order items were pushed in. Used by the router's
 * A* (route.ts) and by the layered engine's network simplex (layered/simplex.ts).
 */
export class MinHeap {
  private readonly items: number[] = [];
  private readonly keys: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: number, key: number): void {
    const items = this.items;
    const keys = this.keys;
    let at = items.length;
    items.push(item);
    keys.push(key);
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
  pop(): number {
    const items = this.items;
    const keys = this.keys;
    const top = items[0] as number;
    const lastItem = items.pop() as number;
    const lastKey = keys.pop() as number;
    const n = items.length;
    if (n > 0) {
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
}
