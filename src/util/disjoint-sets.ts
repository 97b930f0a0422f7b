/**
 * Disjoint sets over 0..n-1 (union-find with path compression). The caller decides which root
 * survives a merge (`link`), so merges stay deterministic: the layered engine's components
 * (smallest index wins), straight blocks and feasible tree, and the lanes' column classes.
 */
export class DisjointSets {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let v = 0; v < n; v++) this.parent[v] = v;
  }

  /** The root of v's set. */
  find(v: number): number {
    const parent = this.parent;
    let r = v;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[v] !== r) {
      const next = parent[v] as number;
      parent[v] = r;
      v = next;
    }
    return r;
  }

  /** Whether v is the root of its set. */
  isRoot(v: number): boolean {
    return this.parent[v] === v;
  }

  /** Makes `root` the parent of `child` (both roots, or `child` a singleton): the sets merge. */
  link(child: number, root: number): void {
    this.parent[child] = root;
  }
}
