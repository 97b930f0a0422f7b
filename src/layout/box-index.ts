/**
 * A uniform-grid spatial index of boxes: which boxes may intersect a query box. Results are sorted
 * ids (insertion order), so callers iterate deterministically.
 */
import type { Box } from './types.js';

export class BoxIndex {
  private readonly boxes: Box[] = [];
  private readonly cells = new Map<number, number[]>();

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
    // Called for every label candidate: numeric cell keys and a stamp array instead of a Set.
    const out: number[] = [];
    const stamp = ++this.stamp;
    const marks = this.marks;
    const x1 = area.x + area.width;
    const y1 = area.y + area.height;
    const c0 = Math.floor(area.x / this.cellSize);
    const c1 = Math.floor(x1 / this.cellSize);
    const r0 = Math.floor(area.y / this.cellSize);
    const r1 = Math.floor(y1 / this.cellSize);
    let cellsHit = 0;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const list = this.cells.get(cellKey(c, r));
        if (!list) continue;
        cellsHit++;
        for (const id of list) {
          if (marks[id] === stamp) continue;
          marks[id] = stamp;
          const b = this.boxes[id] as Box;
          if (b.x <= x1 && area.x <= b.x + b.width && b.y <= y1 && area.y <= b.y + b.height)
            out.push(id);
        }
      }
    }
    // One cell's list is already ascending (ids are added in order).
    if (cellsHit > 1) out.sort((a, b) => a - b);
    return out;
  }

  private stamp = 0;
  private readonly marks: number[] = [];

  private forCells(box: Box, visit: (key: number) => void): void {
    const c0 = Math.floor(box.x / this.cellSize);
    const c1 = Math.floor((box.x + box.width) / this.cellSize);
    const r0 = Math.floor(box.y / this.cellSize);
    const r1 = Math.floor((box.y + box.height) / this.cellSize);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(cellKey(c, r));
  }
}

/** A number naming a cell (exact for cell coordinates within ±2^20). */
function cellKey(c: number, r: number): number {
  return (c + 1048576) * 2097152 + (r + 1048576);
}
