/**
 * The ordering's search over whole-group moves (layered/order.ts moveClusters, movePairs) tries
 * cluster orders from the best layers so far; a trial from the same layers in the same order is
 * not swept again (Orderer.tried): the final order is exactly the one every trial swept gives.
 */
import { LayeredGraph } from '../../src/layout/layered/graph.js';
import type { LayeredInput } from '../../src/layout/layered/input.js';
import { Orderer, REAL } from '../../src/layout/layered/order.js';
import { rankNodes } from '../../src/layout/layered/rank.js';
import { generateFlow } from '../../bench/generate.mjs';
import { diagramOf } from './diagrams.js';

/** A generated diagram as the engine's input, every node 120 x 48. */
function inputOf(nodes: number, groups: number, seed: number): LayeredInput {
  const diagram = diagramOf(generateFlow({ nodes, groups, seed }));
  const nodeIndex = new Map(diagram.nodes.map((n, k) => [n.id, k] as const));
  const clusterIndex = new Map(diagram.groups.map((g, k) => [g.id, k] as const));
  return {
    nodes: diagram.nodes.map((n) => ({
      id: n.id,
      width: 120,
      height: 48,
      shape: n.shape === 'diamond' || n.shape === 'circle' ? n.shape : 'rectangle',
      cluster: n.group === null ? -1 : (clusterIndex.get(n.group) as number),
    })),
    clusters: diagram.groups.map((g) => ({
      id: g.id,
      parent: g.parent === null ? -1 : (clusterIndex.get(g.parent) as number),
      headerThickness: 24,
      titleLength: 80,
    })),
    edges: diagram.edges
      .filter((e) => e.fromKind === 'node' && e.toKind === 'node')
      .map((e) => ({
        from: nodeIndex.get(e.from) as number,
        to: nodeIndex.get(e.to) as number,
        fromSide: e.fromHandle,
        toSide: e.toHandle,
        label: e.label ? { width: 40, height: 18 } : null,
      })),
    headerSide: 'top',
    spread: 1,
  };
}

/** The layers after a full ordering, and how many trials it answered from its memory. */
function ordered(
  input: LayeredInput,
  repeatTrials: boolean,
): { layers: number[][]; skipped: number } {
  const ranking = rankNodes(input);
  const g = new LayeredGraph(input, ranking);
  const orderer = new Orderer(g, {
    wishes: ranking.constraints.kept,
    ...(repeatTrials ? { repeatTrials } : {}),
  });
  orderer.run();
  return { layers: g.layers.map((l) => [...l]), skipped: orderer.repeatsSkipped };
}

const CASES: Array<[number, number, number]> = [
  ...Array.from({ length: 200 }, (_, k) => [19, 4, k + 1] as [number, number, number]),
  ...Array.from(
    { length: 40 },
    (_, k) => [12 + 2 * k, 2 + (k % 7), 500 + k] as [number, number, number],
  ),
];

describe('the ordering tries each cluster order once from the same layers', () => {
  test('the same final order as sweeping every trial, on generated diagrams', () => {
    let skipped = 0;
    let searched = 0;
    for (const [nodes, groups, seed] of CASES) {
      const input = inputOf(nodes, groups, seed);
      const once = ordered(input, false);
      const every = ordered(input, true);
      expect({ seed, layers: once.layers }).toEqual({ seed, layers: every.layers });
      expect(every.skipped).toBe(0);
      skipped += once.skipped;
      if (once.skipped > 0) searched++;
    }
    // Repeats are common (movePairs goes over moveClusters' single moves again): the memory is used.
    expect(skipped).toBeGreaterThan(50);
    expect(searched).toBeGreaterThan(3);
  });

  test('a trial is answered from memory only for the same layers and the same order of keys', () => {
    const input = inputOf(19, 4, 3);
    const ranking = rankNodes(input);
    const g = new LayeredGraph(input, ranking);
    const orderer = new Orderer(g, { wishes: ranking.constraints.kept });
    orderer.run();
    const tryOrder = (from: number[][], sigma: Float64Array): number =>
      orderer['tryOrder'](
        from.map((l) => [...l]),
        sigma.slice(),
      );
    const layers = g.layers.map((l) => [...l]);
    const clusters = input.clusters.length;
    const sigma = Float64Array.from({ length: clusters }, (_, c) => (c + 1) / (clusters + 1));
    const first = tryOrder(layers, sigma);
    expect(Number.isFinite(first)).toBe(true);
    // The same trial again, and the same order under other keys: answered, not swept.
    expect(tryOrder(layers, sigma)).toBe(Infinity);
    expect(
      tryOrder(
        layers,
        sigma.map((s) => 2 * s + 1),
      ),
    ).toBe(Infinity);
    // Two sibling groups the other way round: swept.
    const swapped = sigma.slice();
    swapped[0] = sigma[1] as number;
    swapped[1] = sigma[0] as number;
    expect(Number.isFinite(tryOrder(layers, swapped))).toBe(true);
    // Other layers (two neighbours of one group swapped): swept.
    const other = layers.map((l) => [...l]);
    const at = other.findIndex((layer) =>
      layer.some(
        (v, i) =>
          i + 1 < layer.length &&
          g.kind[v] === REAL &&
          g.kind[layer[i + 1] as number] === REAL &&
          g.cluster[v] === g.cluster[layer[i + 1] as number],
      ),
    );
    expect(at).toBeGreaterThanOrEqual(0);
    const layer = other[at] as number[];
    const i = layer.findIndex(
      (v, k) =>
        k + 1 < layer.length &&
        g.kind[v] === REAL &&
        g.kind[layer[k + 1] as number] === REAL &&
        g.cluster[v] === g.cluster[layer[k + 1] as number],
    );
    [layer[i], layer[i + 1]] = [layer[i + 1] as number, layer[i] as number];
    expect(Number.isFinite(tryOrder(other, sigma))).toBe(true);
    expect(tryOrder(other, sigma)).toBe(Infinity);
    // Keys that are not numbers are never remembered.
    const unknown = sigma.slice();
    unknown[0] = NaN;
    expect(Number.isFinite(tryOrder(layers, unknown))).toBe(true);
    expect(Number.isFinite(tryOrder(layers, unknown))).toBe(true);
    expect(orderer.repeatsSkipped).toBeGreaterThanOrEqual(3);
  });
});
