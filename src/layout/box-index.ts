/**
 * A spatial index of boxes: which boxes may intersect a query box. Results are sorted ids
 * (insertion order), so callers iterate deterministically.
 *
 * Uniform grids of growing cell sizes (cellSize × 8^level): a box is kept in the finest grid where
 * it spans at most SPAN_CELLS cells each way. In one grid only, a long box (a route's trunk down a
 * hub's fan of 1,000 edges, 84,000 px) sat in one list per cell it spans, and every query over it
 * walked it once per cell: the routing of a hub grew with the cube of its edges.
 *
 * Up to LINEAR_MAX boxes a query scans every box's extent in a flat typed array instead (the
 * routes, obstacles and soft regions of a small diagram: a few dozen boxes, hundreds of queries a
 * layout, where the grids' cell lookups cost more than the scan); the grids are built on the first
 * query past that size, from every box in id order. Both give the same ids.
 */
import type { Box } from './types.js';

/** Cells a box may span each way in its grid before it goes to a coarser one. */
const SPAN_CELLS = 4;
/** How many times bigger each coarser grid's cells are. */
const LEVEL_FACTOR = 8;
/** Grids at most (the coarsest takes every box still wider: 192 px × 8^7 is 400 million px). */
const MAX_LEVEL = 7;
/** Boxes up to which a query scans them all instead of the grids. */
const LINEAR_MAX = 128;

export class BoxIndex {
  private readonly boxes: Box[] = [];
  /** Per level (0 = cellSize): cell key → ids, ascending. */
  private readonly levels: Array<Map<number, number[]>> = [];

  constructor(private readonly cellSize: number) {}

  add(box: Box): number {
    const id = this.boxes.length;
    this.boxes.push(box);
    if (4 * id >= this.extents.length) {
      const extents = new Float64Array(this.extents.length * 2);
      extents.set(this.extents);
      this.extents = extents;
    }
    const at = 4 * id;
    this.extents[at] = box.x;
    this.extents[at + 1] = box.y;
    this.extents[at + 2] = box.x + box.width;
    this.extents[at + 3] = box.y + box.height;
    return id;
  }

  /** Puts the boxes not yet in the grids into them, in id order (each cell's list stays ascending). */
  private fillGrids(): void {
    if (this.marks.length < this.boxes.length) {
      const grown = new Uint32Array(Math.max(this.boxes.length, 2 * this.marks.length));
      grown.set(this.marks);
      this.marks = grown;
    }
    for (let id = this.gridded; id < this.boxes.length; id++) {
      const box = this.boxes[id] as Box;
      let level = 0;
      let size = this.cellSize;
      while (
        level < MAX_LEVEL &&
        (Math.floor((box.x + box.width) / size) - Math.floor(box.x / size) >= SPAN_CELLS ||
          Math.floor((box.y + box.height) / size) - Math.floor(box.y / size) >= SPAN_CELLS)
      ) {
        level++;
        size *= LEVEL_FACTOR;
      }
      while (this.levels.length <= level) this.levels.push(new Map());
      const cells = this.levels[level] as Map<number, number[]>;
      forCells(box, size, (key) => {
        const list = cells.get(key);
        if (list) list.push(id);
        else cells.set(key, [id]);
      });
    }
    this.gridded = this.boxes.length;
  }

  box(id: number): Box {
    return this.boxes[id] as Box;
  }

  get size(): number {
    return this.boxes.length;
  }

  /** Ids of boxes whose closed extent meets the closed query box, ascending. */
  query(area: Box): number[] {
    return this.queryAtMost(area, Infinity) as number[];
  }

  /**
   * As query, or null as soon as more than `limit` boxes meet the area (a caller that gives up
   * on a crowd pays for at most `limit` of it).
   */
  queryAtMost(area: Box, limit: number): number[] | null {
    const x1 = area.x + area.width;
    const y1 = area.y + area.height;
    const count = this.boxes.length;
    if (count <= LINEAR_MAX) {
      const e = this.extents;
      const out: number[] = [];
      for (let id = 0, at = 0; id < count; id++, at += 4) {
        if (meets(e, at, area.x, area.y, x1, y1)) {
          if (out.length >= limit) return null;
          out.push(id);
        }
      }
      return out;
    }
    if (this.gridded < count) this.fillGrids();
    // Called for every label candidate: numeric cell keys and a stamp array instead of a Set. Two
    // stamps a query: a box seen and missed, a box seen and met.
    const out: number[] = [];
    this.stamp += 2;
    const missed = this.stamp - 1;
    const met = this.stamp;
    const marks = this.marks;
    const e = this.extents;
    let listsHit = 0;
    let size = this.cellSize;
    for (const cells of this.levels) {
      if (cells.size > 0) {
        const c0 = Math.floor(area.x / size);
        const c1 = Math.floor(x1 / size);
        const r0 = Math.floor(area.y / size);
        const r1 = Math.floor(y1 / size);
        for (let r = r0; r <= r1; r++) {
          for (let c = c0; c <= c1; c++) {
            const list = cells.get(cellKey(c, r));
            if (!list) continue;
            listsHit++;
            for (const id of list) {
              const mark = marks[id] as number;
              if (mark === missed || mark === met) continue;
              const at = 4 * id;
              if (meets(e, at, area.x, area.y, x1, y1)) {
                if (out.length >= limit) return null;
                marks[id] = met;
                out.push(id);
              } else marks[id] = missed;
            }
          }
        }
      }
      size *= LEVEL_FACTOR;
    }
    // One cell's list is already ascending (ids are added in order).
    if (listsHit <= 1) return out;
    if (out.length < 64) return out.sort((a, b) => a - b);
    // A long result (every route of a hub's fan, of a bundle of parallel edges) that is a good
    // share of all boxes: read back in id order from the marks, without sorting.
    if (count <= 32 * out.length) {
      let k = 0;
      for (let id = 0; id < count; id++) if (marks[id] === met) out[k++] = id;
      return out;
    }
    // Else a typed array sorts numbers natively, without calling a comparison.
    const sorted = Float64Array.from(out).sort();
    for (let k = 0; k < out.length; k++) out[k] = sorted[k] as number;
    return out;
  }

  private stamp = 0;
  /**
   * Per id: the stamp of the last query that saw it, missed or met (ids are seen in any order);
   * grown with the grids (a small index, scanned, has none: a layout makes dozens of indexes).
   */
  private marks = new Uint32Array(0);
  /** Per id: left, top, right, bottom. */
  private extents = new Float64Array(64);
  /** Boxes (ids below this) already in the grids. */
  private gridded = 0;
}

/** Whether the extent at `at` (x0, y0, x1, y1) meets the closed area from (ax0, ay0) to (ax1, ay1). */
function meets(
  e: Float64Array,
  at: number,
  ax0: number,
  ay0: number,
  ax1: number,
  ay1: number,
): boolean {
  return (
    (e[at] as number) <= ax1 &&
    ax0 <= (e[at + 2] as number) &&
    (e[at + 1] as number) <= ay1 &&
    ay0 <= (e[at + 3] as number)
  );
}

function forCells(box: Box, size: number, visit: (key: number) => void): void {
  const c0 = Math.floor(box.x / size);
  const c1 = Math.floor((box.x + box.width) / size);
  const r0 = Math.floor(box.y / size);
  const r1 = Math.floor((box.y + box.height) / size);
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(cellKey(c, r));
}

/** A number naming a cell (exact for cell coordinates within ±2^20). */
function cellKey(c: number, r: number): number {
  return (c + 1048576) * 2097152 + (r + 1048576);
}
