/**
 * `importMermaid`: the `.flow` it writes parses without syntax errors and means the diagram Mermaid
 * reads — the same nodes with the same labels, the same edges in the same order with the same
 * labels, the same groups with the same titles and members (nested groups too), the same direction
 * — checked against Mermaid's own parser (mermaid 11's FlowDB) on every chart of the corpus and on
 * random charts; and the whole way round (Mermaid → .flow → flowc's Mermaid output, read by Mermaid
 * again: the same labels, shapes, edges and groups). Each feature and its warnings: mermaid-reader.test.ts; hostile input:
 * hostile.test.ts; the parts on their own: parts.test.ts; the command: test/cli/import.test.ts.
 *
 * @jest-environment node
 */
import fc from 'fast-check';
import { check } from '../../src/check.js';
import { compileFormats } from '../../src/compile.js';
import { format } from '../../src/format/index.js';
import { importMermaid, type ImportResult } from '../../src/import/index.js';
import { mapShape } from '../../src/import/mermaid/shapes.js';
import { mermaidFlowchartArb, RANDOM_SEED } from './mermaid-arbitrary.js';
import {
  corpusFiles,
  installDom,
  mermaidDb,
  normalizeBlanks,
  removeDom,
  shownText,
  type FlowDb,
} from './mermaid-oracle.js';

beforeAll(installDom);
afterAll(removeDom);

/**
 * Rules about the chart itself (a Mermaid chart has no start and end circles, may have unlabelled
 * branches, repeated or empty parts, a classDef no node uses): true of the chart, reported by
 * `flowc lint` after an import. Every other rule (syntax, references, colours, links, values,
 * unknown classes) is about the file flowc wrote, and never fires.
 */
const CHART_RULES = new Set([
  'missing-start',
  'missing-end',
  'unreachable-node',
  'dead-end',
  'no-path-to-end',
  'single-branch',
  'unlabelled-branch',
  'duplicate-branch-label',
  'circle-in-flow',
  'empty-group',
  'duplicate-edge',
  'unused-style',
]);

/** The imported `.flow` means what Mermaid reads (see the module comment). */
function expectSameDiagram(db: FlowDb, result: ImportResult): void {
  expect(result.error).toBeNull();
  const { ast, diagram, diagnostics } = check(result.flow!);
  expect(ast.diagnostics).toEqual([]);
  expect(
    diagnostics.filter((d) => !CHART_RULES.has(d.ruleId)).map((d) => `${d.ruleId}: ${d.message}`),
  ).toEqual([]);
  const ids = result.ids;
  const subgraphs = db.getSubGraphs();
  const subgraphIds = new Set(subgraphs.map((s) => s.id));

  // Every id maps to a distinct .flow id.
  expect(new Set(ids.values()).size).toBe(ids.size);

  const vertices = [...db.getVertices().values()].filter((v) => !subgraphIds.has(v.id));
  const nodes = new Map(diagram.nodes.map((n) => [n.id, n]));
  expect(diagram.nodes).toHaveLength(vertices.length);
  expect(
    vertices.map((v) => {
      const node = nodes.get(ids.get(v.id) ?? '');
      return `${v.id}: ${node?.shape} ${normalizeBlanks(node?.label ?? '<missing>')}`;
    }),
  ).toEqual(
    vertices.map((v) => `${v.id}: ${mapShape(v.type).shape} ${shownText(v.text, v.labelType)}`),
  );

  // Mermaid draws no invisible link; flowc imports none.
  const edges = db.getEdges().filter((e) => e.stroke !== 'invisible');
  expect(
    diagram.edges.map((e) => `${e.from} -> ${e.to} | ${normalizeBlanks(e.label ?? '')}`),
  ).toEqual(
    edges.map(
      (e) => `${ids.get(e.start)} -> ${ids.get(e.end)} | ${shownText(e.text, e.labelType)}`,
    ),
  );
  for (const e of diagram.edges) {
    expect(e.fromKind).toBe(subgraphIds.has(mermaidIdOf(ids, e.from)) ? 'group' : 'node');
    expect(e.toKind).toBe(subgraphIds.has(mermaidIdOf(ids, e.to)) ? 'group' : 'node');
  }

  // Groups: titles and members. Subgraphs with the same id are one cluster when Mermaid draws them
  // (its layout keys clusters by id): one group, with the members of all. A subgraph Mermaid puts
  // inside itself (directly or around a cycle) cannot be drawn: flowc leaves it where it is, and
  // says so.
  const groups = new Map(diagram.groups.map((g) => [g.id, g]));
  const byId = new Map<string, typeof subgraphs>();
  for (const sg of subgraphs) byId.set(sg.id, [...(byId.get(sg.id) ?? []), sg]);
  expect(diagram.groups).toHaveLength(byId.size);
  const cyclic = subgraphs.some((s) => inCycle(s.id, subgraphs));
  for (const [id, same] of byId) {
    const group = groups.get(ids.get(id) ?? '');
    expect(group).toBeDefined();
    const titles = same.map((sg) => shownText(sg.title, sg.labelType));
    if (titles.some((t) => t !== '')) expect(titles).toContain(normalizeBlanks(group!.title));
    if (cyclic) continue;
    const theirs = new Set(
      same.flatMap((sg) => sg.nodes).filter((m) => db.getVertices().has(m) || subgraphIds.has(m)),
    );
    expect([...group!.nodeIds, ...group!.groupIds].sort()).toEqual(
      [...theirs].map((m) => ids.get(m)).sort(),
    );
  }
  if (cyclic)
    expect(result.warnings.some((w) => /would contain itself/.test(w.message))).toBe(true);

  expect(diagram.direction).toBe(db.getDirection());
}

function mermaidIdOf(ids: Map<string, string>, flowId: string): string {
  for (const [mermaid, flow] of ids) if (flow === flowId) return mermaid;
  return '';
}

function inCycle(id: string, subgraphs: { id: string; nodes: string[] }[]): boolean {
  const parents = (child: string) =>
    subgraphs.filter((s) => s.nodes.includes(child)).map((s) => s.id);
  const seen = new Set<string>();
  const walk = (at: string): boolean => {
    for (const p of parents(at)) {
      if (p === id) return true;
      if (!seen.has(p)) {
        seen.add(p);
        if (walk(p)) return true;
      }
    }
    return false;
  };
  return walk(id);
}

async function importAndCompare(text: string): Promise<ImportResult | null> {
  const db = await mermaidDb(text);
  const result = importMermaid(text);
  if ('error' in db) return null;
  expectSameDiagram(db, result);
  return result;
}

const corpus = corpusFiles();

describe('the corpus (../shared/corpus/diagrams)', () => {
  if (corpus === null) {
    test('skipped: ../shared/corpus/diagrams is not beside the repository', () => {
      console.log('skipped: the corpus ../shared/corpus/diagrams is not beside the repository');
    });
    return;
  }
  test.each(corpus.map((f) => [f.name, f.text]))(
    '%s: parses, and has the nodes, edges, labels and groups Mermaid reads',
    async (_name, text) => {
      const result = await importAndCompare(text);
      expect(result).not.toBeNull();
      // Already in canonical form.
      expect(format(result!.flow!).changed).toBe(false);
    },
  );
});

describe('random charts', () => {
  test("whenever Mermaid reads a chart, the import parses, means the same diagram, and comes back the same through flowc's Mermaid", async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(mermaidFlowchartArb, async (text) => {
        if (await importAndCompare(text)) {
          compared++;
          await roundTrip(text);
        }
      }),
      { numRuns: 120, seed: RANDOM_SEED },
    );
    expect(compared).toBeGreaterThan(30);
  });
});

/**
 * The whole way round: a Mermaid chart, imported, then drawn as Mermaid by flowc, is read by
 * Mermaid as the same diagram: the same node labels (with their shapes' nearest form), the same
 * edges between the same labels with the same labels, the same subgraph titles.
 */
async function roundTrip(text: string): Promise<number> {
  const before = await mermaidDb(text);
  if ('error' in before) return 0;
  // A subgraph that shows no title becomes a group that shows its name (docs/import.md).
  if (before.getSubGraphs().some((sg) => shownText(sg.title, sg.labelType) === '')) return 0;
  const result = importMermaid(text);
  const { outputs } = await compileFormats(result.flow!, ['mermaid'], {
    rules: Object.fromEntries([...CHART_RULES].map((rule) => [rule, 'off' as const])),
  });
  expect(outputs.mermaid).toBeDefined();
  const after = await mermaidDb(String(outputs.mermaid));
  if ('error' in after) throw new Error(`Mermaid cannot read flowc's Mermaid: ${after.error}`);
  const expected = summary(before);
  expect(summary(after)).toEqual(expected);
  return expected['nodes']!.length;
}

/** What a reader sees of a chart, independent of ids and order. */
function summary(db: FlowDb): Record<string, string[]> {
  const subgraphs = new Map(db.getSubGraphs().map((s) => [s.id, s]));
  const vertices = db.getVertices();
  const label = (id: string): string => {
    const sg = subgraphs.get(id);
    if (sg) return `[${shownText(sg.title, sg.labelType) || sg.id}]`;
    const v = vertices.get(id);
    return v ? shownText(v.text, v.labelType) : `?${id}`;
  };
  return {
    nodes: [...vertices.values()]
      .filter((v) => !subgraphs.has(v.id))
      .map((v) => `${label(v.id)} (${mapShape(v.type).shape})`)
      .sort(),
    edges: db
      .getEdges()
      .filter((e) => e.stroke !== 'invisible')
      .map((e) => `${label(e.start)} -> ${label(e.end)} | ${shownText(e.text, e.labelType)}`)
      .sort(),
    groups: [...subgraphs.keys()].map((id) => label(id)).sort(),
  };
}

describe("the whole way round: Mermaid → .flow → flowc's Mermaid, read by Mermaid", () => {
  if (corpus === null) return;
  test.each(corpus.map((f) => [f.name, f.text]))('%s', async (_name, text) => {
    expect(await roundTrip(text)).toBeGreaterThan(0);
  });
});
