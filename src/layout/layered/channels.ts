/**
 * Channel routing: in the channel between two layers every run goes from a pin on one side of the
 * channel to its horizontal track, along it, and to a pin on the same or the other side (a hop
 * between layers joins the two sides; a U-turn or a same-layer edge keeps to one side). Tracks are
 * assigned so that no two runs overlap on one track (unless they are one trunk: they share a pin),
 * and so that a run's vertical never crosses another run's horizontal when an order of the tracks
 * avoids it: a run with a pin on the upper side under another run's horizontal goes above it, one
 * with a pin on the lower side goes below it (the vertical constraint graph of classic channel
 * routing; cycles are broken, costing a crossing). Then the left-edge algorithm packs the runs onto
 * as few tracks as the constraints allow.
 */

export interface Pin {
  x: number;
  /** On the channel's upper side (true) or lower side. */
  upper: boolean;
  /** Pins with the same key at the same x and side are one trunk (one node end). */
  key: number;
}

export interface Run {
  a: Pin;
  b: Pin;
}

export interface ChannelTracks {
  /** Track of every run (0 = nearest the upper layer), -1 for a straight run (no horizontal). */
  track: Int32Array;
  count: number;
}

/** Horizontal room kept between two runs on one track, px. */
const TRACK_CLEARANCE = 8;
/** Pins on opposite sides closer than this are kept from running side by side, px. */
const PIN_GAP = 8;

function samePin(p: Pin, q: Pin): boolean {
  return p.x === q.x && p.upper === q.upper && p.key === q.key;
}

/** Two runs sharing a pin may overlap on one track: they are one trunk there. */
function sameTrunk(r: Run, s: Run): boolean {
  return samePin(r.a, s.a) || samePin(r.a, s.b) || samePin(r.b, s.a) || samePin(r.b, s.b);
}

export function assignTracks(runs: readonly Run[]): ChannelTracks {
  const n = runs.length;
  const track = new Int32Array(n).fill(-1);
  const active: number[] = [];
  for (let i = 0; i < n; i++) if ((runs[i] as Run).a.x !== (runs[i] as Run).b.x) active.push(i);
  if (active.length === 0) return { track, count: 0 };
  const lo = (i: number): number => Math.min((runs[i] as Run).a.x, (runs[i] as Run).b.x);
  const hi = (i: number): number => Math.max((runs[i] as Run).a.x, (runs[i] as Run).b.x);
  const index = new Map(active.map((r, k) => [r, k] as const));
  const below: number[][] = active.map(() => []);
  const indegree = new Int32Array(active.length);
  const seen = new Set<number>();
  const constrain = (upper: number, lower: number): void => {
    const key = upper * n + lower;
    if (seen.has(key)) return;
    seen.add(key);
    (below[index.get(upper) as number] as number[]).push(index.get(lower) as number);
    const w = index.get(lower) as number;
    indegree[w] = (indegree[w] as number) + 1;
  };
  // For every pin, the runs whose horizontal spans it strictly (a constraint), and those with a pin
  // on the other side closer than `PIN_GAP` (a wish: the two verticals would run side by side
  // unless the run with the upper pin lies above): sweep over runs sorted by left end.
  const wishes: Array<[number, number]> = [];
  const byLo = active.slice().sort((p, q) => lo(p) - lo(q) || p - q);
  for (const r of active) {
    const run = runs[r] as Run;
    const far = Math.max(run.a.x, run.b.x);
    for (const s of byLo) {
      if (lo(s) >= far + PIN_GAP) break;
      if (s === r) continue;
      const other = runs[s] as Run;
      if (sameTrunk(run, other)) continue;
      for (const pin of [run.a, run.b]) {
        const inside = pin.x > lo(s) && pin.x < hi(s);
        const beside =
          !inside &&
          [other.a, other.b].some((q) => q.upper !== pin.upper && Math.abs(q.x - pin.x) < PIN_GAP);
        if (!inside && !beside) continue;
        const [upper, lower] = pin.upper ? [r, s] : [s, r];
        if (inside) constrain(upper, lower);
        else wishes.push([upper, lower]);
      }
    }
  }
  // Cycles (a run that must be both above and below others) cost a crossing whatever we do:
  // keep the constraints of a greedy minimum-feedback ordering (Eades, Lin, Smyth), drop the rest.
  const m = active.length;
  const rank = feedbackOrder(m, below);
  for (let k = 0; k < m; k++) {
    const kept = (below[k] as number[]).filter((w) => (rank[w] as number) > (rank[k] as number));
    for (const w of below[k] as number[])
      if ((rank[w] as number) <= (rank[k] as number)) indegree[w] = (indegree[w] as number) - 1;
    below[k] = kept;
  }
  // Wishes are kept where they close no cycle (they never cost a crossing).
  for (const [upper, lower] of wishes) {
    const u = index.get(upper) as number;
    const w = index.get(lower) as number;
    if ((below[u] as number[]).includes(w) || reaches(below, w, u)) continue;
    (below[u] as number[]).push(w);
    indegree[w] = (indegree[w] as number) + 1;
  }
  // Track by track from the top: the runs whose upper constraints are all placed, packed left to
  // right (the left-edge algorithm).
  const placed = new Uint8Array(m);
  let remaining = m;
  let count = 0;
  let ready: number[] = [];
  for (let k = 0; k < m; k++) if (indegree[k] === 0) ready.push(k);
  while (remaining > 0) {
    if (ready.length === 0) {
      // Cannot happen once the constraints are acyclic; a safe exit all the same.
      for (let k = 0; k < m; k++) if (!placed[k]) ready.push(k);
    }
    ready.sort((p, q) => lo(active[p] as number) - lo(active[q] as number) || p - q);
    const next: number[] = [];
    const released: number[] = [];
    let end = -Infinity;
    let endRun = -1;
    for (const k of ready) {
      const r = active[k] as number;
      const shares = endRun >= 0 && sameTrunk(runs[endRun] as Run, runs[r] as Run);
      if (lo(r) >= end + TRACK_CLEARANCE || shares) {
        track[r] = count;
        placed[k] = 1;
        remaining--;
        if (hi(r) > end) {
          end = hi(r);
          endRun = r;
        }
        released.push(k);
      } else next.push(k);
    }
    for (const k of released) {
      for (const w of below[k] as number[]) {
        if (placed[w]) continue;
        indegree[w] = (indegree[w] as number) - 1;
        if (indegree[w] === 0) next.push(w);
      }
    }
    ready = [...new Set(next)].filter((k) => !placed[k]);
    count++;
  }
  return { track, count };
}

/** Whether `to` can be reached from `from` along the arcs `out`. */
function reaches(out: ReadonlyArray<readonly number[]>, from: number, to: number): boolean {
  const seen = new Set<number>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (v === to) return true;
    for (const w of out[v] as number[]) {
      if (seen.has(w)) continue;
      seen.add(w);
      stack.push(w);
    }
  }
  return false;
}

/**
 * A vertex order with few backward arcs (Eades, Lin, Smyth 1993): sinks go to the end, sources to
 * the front, otherwise the vertex with the most outgoing minus incoming arcs goes to the front.
 * Returns each vertex's position.
 */
function feedbackOrder(n: number, out: ReadonlyArray<readonly number[]>): Int32Array {
  const ins: number[][] = Array.from({ length: n }, () => []);
  out.forEach((list, v) => {
    for (const w of list) (ins[w] as number[]).push(v);
  });
  const indeg = new Int32Array(n);
  const outdeg = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    outdeg[v] = (out[v] as number[]).length;
    indeg[v] = (ins[v] as number[]).length;
  }
  const removed = new Uint8Array(n);
  const front: number[] = [];
  const back: number[] = [];
  let left = n;
  const remove = (v: number): void => {
    removed[v] = 1;
    left--;
    for (const w of out[v] as number[]) if (!removed[w]) indeg[w] = (indeg[w] as number) - 1;
    for (const u of ins[v] as number[]) if (!removed[u]) outdeg[u] = (outdeg[u] as number) - 1;
  };
  while (left > 0) {
    let progress = true;
    while (progress) {
      progress = false;
      for (let v = 0; v < n; v++) {
        if (removed[v]) continue;
        if (outdeg[v] === 0) {
          back.push(v);
          remove(v);
          progress = true;
        } else if (indeg[v] === 0) {
          front.push(v);
          remove(v);
          progress = true;
        }
      }
    }
    if (left === 0) break;
    let best = -1;
    for (let v = 0; v < n; v++) {
      if (removed[v]) continue;
      if (
        best < 0 ||
        (outdeg[v] as number) - (indeg[v] as number) >
          (outdeg[best] as number) - (indeg[best] as number)
      )
        best = v;
    }
    front.push(best);
    remove(best);
  }
  const order = [...front, ...back.reverse()];
  const rank = new Int32Array(n);
  order.forEach((v, i) => (rank[v] = i));
  return rank;
}
