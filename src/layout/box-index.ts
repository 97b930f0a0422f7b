/**
 * A uniform-grid spatial index of boxes: which boxes may intersect a query box. Results are sorted
 * ids (insertion order), so callers iterate deterministically.
 */
import type { Box } from './types.js';

export class BoxIndex {
  private readonly boxes: Box[] = [];
  private readonly cells = new Map<string, number[]>();

  constructor(private readonly cellSize: number) {}

  add(box: Box): number {
    const id = this.boxes.length;
    this.boxes.push(box);
    this.forCells(box, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(id);
      else this.cells.set(key, [id]);
    });
    return id;
  }

  box(id: number): Box {
    return this.boxes[id] as Box;
  }

  get size(): number {
    return this.boxes.length;
  }

  /** Ids of boxes whose closed extent meets the closed query box, ascending. */
  query(area: Box): number[] {
    const found = new Set<number>();
    this.forCells(area, (key) => {
      for (const id of this.cells.get(key) ?? []) found.add(id);
    });
    return [...found]
      .filter((id) => {
        const b = this.boxes[id] as Box;
        return b.x <= area.x + area.width && area.x <= b.x + b.width && b.y <= area.y + area.height && area.y <= b.y + b.height;
      })
      .sort((a, b) => a - b);
  }

  private forCells(box: Box, visit: (key: string) => void): void {
    const c0 = Math.floor(box.x / this.cellSize);
    const c1 = Math.floor((box.x + box.width) / this.cellSize);
    const r0 = Math.floor(box.y / this.cellSize);
    const r1 = Math.floor((box.y + box.height) / this.cellSize);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(`${c},${r}`);
  }
}
