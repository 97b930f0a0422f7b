import { seedCqrsText } from '../support/seed.js';
/**
 * The shipped samples are the project's showcase: each one must lint clean (no error and no
 * warning), draw, and be a real workflow rather than a stub. The CQRS sample is the seed's text in
 * canonical form (`flowc fmt` indents its groups' bodies); the contract says the seed must parse,
 * lint clean and render as written, which is checked on the seed's own text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { check } from '../../src/check.js';
import { compile } from '../../src/compile.js';
import { format } from '../../src/format/index.js';
import type { Diagram } from '../../src/model/diagram.js';
import type { Layout, LayoutEdge, LayoutGroup, LayoutNode } from '../../src/layout/types.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { isTerminalShape } from '../../src/shapes/index.js';
import { FlowGraph } from '../../src/validate/graph.js';
import { onSide } from '../support/geometry.js';

const samplesDir = new URL('../../samples/', import.meta.url);

/** The seven patterns of the seed (see shared/seeds/README.md), as sample file names. */
const PATTERNS = [
  'cqrs',
  'event-sourcing',
  'saga-orchestration',
  'ab-testing',
  'api-gateway',
  'audit-logging',
  'user-authentication',
];

const sampleFiles = readdirSync(samplesDir, { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.flow'))
  .map((entry) => entry.name)
  .sort();

function readSample(name: string): string {
  return readFileSync(new URL(name, samplesDir), 'utf8');
}

function describeDiagnostic(d: Diagnostic): string {
  return `${d.span.line}:${d.span.column} ${d.severity} ${d.ruleId}: ${d.message}`;
}

test('samples/ holds at least one sample per seed pattern', () => {
  expect(sampleFiles.length).toBeGreaterThanOrEqual(7);
  expect(sampleFiles).toEqual(expect.arrayContaining(PATTERNS.map((p) => `${p}.flow`)));
});

test('samples/cqrs.flow is the seed CQRS diagram, in canonical form (flowc fmt)', () => {
  const seed = seedCqrsText();
  expect(seed.split('\n')).toHaveLength(49); // 48 lines and the trailing newline
  expect(readSample('cqrs.flow')).toBe(format(seed).output);
  // Formatting only indents the group bodies: the text of every line is the seed's.
  expect(readSample('cqrs.flow').replace(/^ +/gm, '')).toBe(seed);
});

test('the seed CQRS diagram as written lints clean and draws', async () => {
  const seed = seedCqrsText();
  expect(check(seed).diagnostics.map(describeDiagnostic)).toEqual([]);
  const { output } = await compile(seed, { format: 'svg' });
  expect(output).toBe((await compile(readSample('cqrs.flow'), { format: 'svg' })).output);
});

describe.each(sampleFiles)('samples/%s', (file) => {
  const source = readSample(file);
  const result = check(source);

  test('lints clean: no error and no warning', () => {
    expect(result.diagnostics.map(describeDiagnostic)).toEqual([]);
    expect(result.renderable).toBe(true);
  });

  test('is a detailed workflow: titled swimlanes, one start, an end, decisions, handles', () => {
    const { diagram } = result;
    // Starts and ends as the flow rules see them (terminal shapes; edges to groups reach their entries).
    const graph = new FlowGraph(diagram);
    const isStart = (id: string) => graph.incoming[graph.indexOf.get(id)!]!.length === 0;
    const isEnd = (id: string) => graph.outgoing[graph.indexOf.get(id)!]!.length === 0;
    expect(diagram.nodes.length).toBeGreaterThanOrEqual(15);
    expect(diagram.nodes.length).toBeLessThanOrEqual(30);
    expect(diagram.groups.length).toBeGreaterThanOrEqual(3);
    for (const group of diagram.groups) {
      expect(group.title).not.toBe(group.id); // every swimlane has a written title
      expect(group.nodeIds.length).toBeGreaterThan(0);
    }
    expect(diagram.nodes.every((n) => n.group !== null)).toBe(true);

    const terminals = diagram.nodes.filter((n) => isTerminalShape(n.shape));
    expect(terminals.filter((c) => isStart(c.id))).toHaveLength(1);
    expect(terminals.filter((c) => isEnd(c.id)).length).toBeGreaterThanOrEqual(1);
    // A terminal is never both a start and a pass-through.
    for (const c of terminals) expect(isStart(c.id) || isEnd(c.id)).toBe(true);

    const diamonds = diagram.nodes.filter((n) => n.shape === 'diamond');
    expect(diamonds.length).toBeGreaterThanOrEqual(2);
    for (const d of diamonds) {
      const labels = diagram.edges.filter((e) => e.from === d.id).map((e) => e.label);
      expect(labels.length).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size).toBe(labels.length);
    }
    const crossGroup = diagram.edges.filter(
      (e) => nodeGroup(diagram, e.from) !== nodeGroup(diagram, e.to),
    );
    expect(crossGroup.length).toBeGreaterThanOrEqual(diagram.groups.length - 1);
    // The seed's patterns write every handle; the other samples show the rest of the language.
    if (PATTERNS.includes(file.replace(/\.flow$/, '')))
      expect(diagram.edges.every((e) => e.fromHandle !== null && e.toHandle !== null)).toBe(true);
  });

  test('every node reaches an end', () => {
    const { diagram } = result;
    const graph = new FlowGraph(diagram);
    expect(graph.ends.length).toBeGreaterThan(0);
    const reaching = graph.reaching(graph.ends);
    expect(diagram.nodes.map((n) => n.id).filter((_, i) => !reaching[i])).toEqual([]);
  });

  test('renders: every node and edge is laid out, and every written handle is honoured', async () => {
    const { output } = await compile(source, { format: 'json' });
    expect(typeof output).toBe('string');
    const layout = JSON.parse(output as string) as Layout;
    const { diagram } = result;
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(diagram.nodes.map((n) => n.id).sort());
    expect(layout.edges).toHaveLength(diagram.edges.length);
    const boxes = new Map<string, LayoutNode | LayoutGroup>([
      ...layout.nodes.map((n) => [n.id, n] as const),
      ...layout.groups.map((g) => [g.id, g] as const),
    ]);
    diagram.edges.forEach((written, i) => {
      const drawn = layout.edges[i]!;
      expect([drawn.from, drawn.to]).toEqual([written.from, written.to]);
      if (written.fromHandle) expect(drawn.fromHandle).toBe(written.fromHandle);
      if (written.toHandle) expect(drawn.toHandle).toBe(written.toHandle);
      expect(endsOnSides(drawn, boxes.get(drawn.from)!, boxes.get(drawn.to)!)).toEqual([
        true,
        true,
      ]);
      if (written.label) expect(drawn.labelBox).not.toBeNull();
    });
  });
});

function nodeGroup(diagram: Diagram, id: string): string | null {
  return diagram.nodes.find((n) => n.id === id)?.group ?? null;
}

/** Whether the route starts on its source's `fromHandle` side and ends on its target's `toHandle` side, on the outline as drawn. */
function endsOnSides(
  edge: LayoutEdge,
  source: LayoutNode | LayoutGroup,
  target: LayoutNode | LayoutGroup,
): [boolean, boolean] {
  const first = edge.points[0]!;
  const last = edge.points[edge.points.length - 1]!;
  return [onSide(first, source, edge.fromHandle), onSide(last, target, edge.toHandle)];
}
