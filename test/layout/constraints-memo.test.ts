/**
 * resolveHandleConstraints remembers its last few resolutions (constraints.ts): the same inputs get
 * the same result back, and inputs that differ anywhere (a pair, a written flag, the node count)
 * get their own, exactly what a resolution from scratch gives.
 */
import { resolveHandleConstraints } from '../../src/layout/constraints.js';

type Pair = [number, number];
interface Inputs {
  count: number;
  forward: Pair[];
  written: number[];
  columnWishes: Pair[];
  wishEdges: Pair[];
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function inputsOf(seed: number): Inputs {
  const next = random(seed);
  const count = 6 + Math.floor(next() * 10);
  const node = (): number => Math.floor(next() * count);
  const inputs: Inputs = { count, forward: [], written: [], columnWishes: [], wishEdges: [] };
  const edges = count + Math.floor(next() * count);
  for (let k = 0; k < edges; k++) {
    const a = node();
    const b = node();
    if (a === b) continue;
    if (next() < 0.3) {
      inputs.columnWishes.push([a, b]);
      inputs.wishEdges.push(next() < 0.5 ? [a, b] : [b, a]);
    } else {
      inputs.forward.push([a, b]);
      inputs.written.push(next() < 0.4 ? 1 : 0);
    }
  }
  return inputs;
}

function resolve(inputs: Inputs): ReturnType<typeof resolveHandleConstraints> {
  return resolveHandleConstraints(
    inputs.count,
    inputs.forward.map(([a, b]): Pair => [a, b]),
    inputs.written.slice(),
    inputs.columnWishes.map(([a, b]): Pair => [a, b]),
    inputs.wishEdges.map(([a, b]): Pair => [a, b]),
  );
}

/** A resolution with nothing like `inputs` remembered: unrelated inputs pushed the others out. */
function fromScratch(inputs: Inputs): ReturnType<typeof resolveHandleConstraints> {
  for (let k = 0; k < 8; k++) resolve({ ...inputsOf(900_000 + k), count: 40 + k });
  return resolve(inputs);
}

/** The same inputs changed in one place, in each of the ways a comparison could miss. */
function variants(inputs: Inputs): Inputs[] {
  const out: Inputs[] = [{ ...inputs, count: inputs.count + 1 }];
  const flip = (pairs: Pair[], k: number): Pair[] =>
    pairs.map((p, i): Pair => (i === k ? [p[1], p[0]] : [p[0], p[1]]));
  if (inputs.forward.length > 0) {
    const k = inputs.forward.length - 1;
    out.push({ ...inputs, forward: flip(inputs.forward, k) });
    out.push({ ...inputs, written: inputs.written.map((w, i) => (i === k ? 1 - w : w)) });
  }
  if (inputs.columnWishes.length > 0) {
    const k = inputs.columnWishes.length - 1;
    out.push({ ...inputs, columnWishes: flip(inputs.columnWishes, k) });
    out.push({ ...inputs, wishEdges: flip(inputs.wishEdges, k) });
  }
  return out;
}

describe('resolveHandleConstraints remembers its last resolutions', () => {
  it('hands the same result back for the same inputs (in fresh arrays)', () => {
    const inputs = inputsOf(1);
    const first = resolve(inputs);
    expect(resolve(inputs)).toBe(first);
  });

  it.each(Array.from({ length: 40 }, (_, k) => k + 1))(
    'seed %i: inputs that differ in one place get what a resolution from scratch gives',
    (seed) => {
      const inputs = inputsOf(seed);
      for (const variant of variants(inputs)) {
        const scratch = fromScratch(variant);
        // Only the unrelated inputs and `inputs` remembered now: a comparison that missed the
        // difference would hand back the result for `inputs`.
        fromScratch(inputs);
        const after = resolve(variant);
        expect(after).toEqual(scratch);
      }
    },
  );

  it('some of those variants resolve differently (else the test above proves little)', () => {
    let differing = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const inputs = inputsOf(seed);
      const base = JSON.stringify(fromScratch(inputs));
      for (const variant of variants(inputs))
        if (JSON.stringify(fromScratch(variant)) !== base) differing++;
    }
    expect(differing).toBeGreaterThan(40);
  });
});
