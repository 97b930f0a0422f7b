/**
 * Every Mermaid output goes through Mermaid's own parser. Mermaid needs a DOM: jsdom is installed
 * as the global window/document before mermaid is imported, and removed again after the tests:
 * jest's global clean-up ("soft" deletion) would otherwise wrap jsdom's window in setters that
 * recurse forever the next time jsdom sets one of its own properties.
 *
 * @jest-environment node
 */
import { JSDOM } from 'jsdom';
import { check } from '../../src/check.js';
import { emitMermaid, escapeMermaidText } from '../../src/emit/mermaid.js';
import type { Diagram } from '../../src/model/diagram.js';
import { DIRECTIONS } from '../../src/model/diagram.js';
import { HOSTILE_IDS, HOSTILE_LABELS, hostileDiagram, sampleDiagram } from './fixtures.js';
import { shownLabel } from './helpers.js';

interface MermaidVertex {
  id: string;
  text?: string;
  type?: string;
}
interface MermaidEdge {
  start: string;
  end: string;
  text: string;
}
interface MermaidSubgraph {
  id: string;
  title: string;
  nodes: string[];
}
interface FlowDb {
  getVertices(): Map<string, MermaidVertex>;
  getEdges(): MermaidEdge[];
  getSubGraphs(): MermaidSubgraph[];
  getDirection(): string;
}
interface MermaidApi {
  parse(text: string): Promise<{ diagramType: string } | false>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> };
}

let mermaid: MermaidApi;

let dom: JSDOM;

beforeAll(async () => {
  dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import('mermaid')).default as unknown as MermaidApi;
});

/** What Mermaid's flowchart parser understood: vertices, edges and subgraphs, with label text decoded. */
interface Parsed {
  vertices: Map<string, { text: string; type: string }>;
  edges: { from: string; to: string; text: string }[];
  subgraphs: { id: string; title: string; nodes: string[] }[];
  direction: string;
}

/**
 * Mermaid keeps entity codes as placeholders in its model (`#quot;` → `ﬂ°quot¶ß`, `#35;` → `ﬂ°°35¶ß`)
 * and turns them into HTML entities when drawing; a line break is `<br>`. This decodes them the way
 * the browser finally shows them.
 */
const NAMED_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
function decode(text: string): string {
  // Real line breaks first: an escaped `#lt;br/#gt;` must stay text. No-break spaces are how
  // flowc keeps runs of spaces (HTML would collapse them), so they read back as spaces.
  return text
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (whole, name: string) => NAMED_ENTITIES[name] ?? whole)
    .replace(/\u00a0/g, ' ');
}

async function parseMermaid(source: string): Promise<Parsed> {
  const result = await mermaid.parse(source);
  expect(result && result.diagramType).toBe('flowchart-v2');
  const db = (await mermaid.mermaidAPI.getDiagramFromText(source)).db as FlowDb;
  return {
    vertices: new Map(
      [...db.getVertices()].map(([id, v]) => [
        id,
        { text: decode(v.text ?? ''), type: v.type ?? '' },
      ]),
    ),
    edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, text: decode(e.text) })),
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: decode(s.title), nodes: s.nodes })),
    direction: db.getDirection(),
  };
}

/** flowc node id → Mermaid id, read from the output's node lines in declaration order. */
function mermaidIds(source: string, diagram: Diagram): Map<string, string> {
  const declared = source
    .split('\n')
    .map((line) => /^\s+(\w+)(?:\(|\{)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  const order = [
    ...diagram.nodes.filter((n) => n.group === null),
    ...diagram.groups.flatMap((g) =>
      g.nodeIds.map((id) => diagram.nodes.find((n) => n.id === id)!),
    ),
  ];
  expect(declared).toHaveLength(order.length);
  return new Map(order.map((node, i) => [node.id, declared[i]!]));
}

afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
  Reflect.deleteProperty(globalThis, 'document');
  dom.window.close();
});

describe('emitMermaid', () => {
  const source = emitMermaid(sampleDiagram);

  test('starts with comments saying handles are not kept, then a flowchart', () => {
    const lines = source.split('\n');
    expect(lines[0]).toMatch(/^%% /);
    expect(lines[1]).toMatch(/^%% .*no edge handles/);
    expect(lines[2]).toBe('flowchart LR');
  });

  test('Mermaid parses it into the same nodes, shapes, groups and edges', async () => {
    const parsed = await parseMermaid(source);
    const ids = mermaidIds(source, sampleDiagram);
    expect(parsed.direction).toBe('LR');
    for (const node of sampleDiagram.nodes) {
      expect(parsed.vertices.get(ids.get(node.id)!)?.text).toBe(node.label);
    }
    const typeOf = (id: string): string | undefined => parsed.vertices.get(ids.get(id)!)?.type;
    expect(typeOf('Client.n1')).toBe('circle');
    expect(typeOf('Client.n7')).toBe('doublecircle');
    expect(typeOf('Client.n2')).toBe('round');
    expect(typeOf('Client.n3')).toBe('diamond');
    expect(parsed.subgraphs.map((s) => [s.id, s.title, [...s.nodes].sort()])).toEqual(
      sampleDiagram.groups.map((g) => [g.id, g.title, g.nodeIds.map((id) => ids.get(id)!).sort()]),
    );
    // Declaration order is kept, since Mermaid's layout follows the order of the statements.
    expect(parsed.edges).toEqual(
      sampleDiagram.edges.map((e) => ({
        from: ids.get(e.from),
        to: ids.get(e.to),
        text: e.label ?? '',
      })),
    );
  });

  test('names nodes readably: Client.n1 becomes Client_n1', () => {
    expect(source).toContain('    Client_n1(("Start"))');
    expect(source).toContain('  Client_n1 --> Client_n2');
    expect(source).toContain('  Client_n3 -->|"Write"| Command_n8');
  });

  test.each(DIRECTIONS)('direction %s', async (direction) => {
    const text = emitMermaid(sampleDiagram, { direction });
    expect(emitMermaid({ ...sampleDiagram, direction })).toBe(text);
    expect((await parseMermaid(text)).direction).toBe(direction);
  });

  test('is byte-identical for the same input', () => {
    expect(emitMermaid(structuredClone(sampleDiagram))).toBe(source);
  });
});

describe('emitMermaid with hostile text and ids', () => {
  const diagram = hostileDiagram();
  const source = emitMermaid(diagram);

  test('Mermaid parses it, and every label comes back exactly as written', async () => {
    const parsed = await parseMermaid(source);
    const ids = mermaidIds(source, diagram);
    expect(new Set(ids.values()).size).toBe(diagram.nodes.length);
    for (const node of diagram.nodes)
      expect(parsed.vertices.get(ids.get(node.id)!)?.text).toBe(shownLabel(node.label));
    expect(parsed.subgraphs.map((s) => s.title)).toEqual([shownLabel(diagram.groups[0]!.title)]);
    expect(parsed.edges).toEqual(
      diagram.edges.map((e) => ({
        from: ids.get(e.from),
        to: ids.get(e.to),
        text: shownLabel(e.label ?? ''),
      })),
    );
  });

  test('each hostile label alone parses, as a node, an edge label and a subgraph title', async () => {
    for (const label of HOSTILE_LABELS) {
      const single: Diagram = {
        ...sampleDiagram,
        groups: [
          { ...sampleDiagram.groups[0]!, title: label, nodeIds: ['Client.n1', 'Client.n3'] },
        ],
        nodes: [
          { ...sampleDiagram.nodes[0]!, label },
          { ...sampleDiagram.nodes[2]!, label },
        ],
        edges: [{ ...sampleDiagram.edges[0]!, from: 'Client.n1', to: 'Client.n3', label }],
      };
      const parsed = await parseMermaid(emitMermaid(single));
      expect([...parsed.vertices.values()].map((v) => v.text)).toEqual([
        shownLabel(label),
        shownLabel(label),
      ]);
      expect(parsed.subgraphs[0]?.title).toBe(shownLabel(label));
      expect(parsed.edges.map((e) => e.text)).toEqual([shownLabel(label)]);
    }
  });

  test('reserved words and awkward characters never reach Mermaid as ids', () => {
    const ids = mermaidIds(source, diagram);
    for (const id of ids.values()) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    for (const reserved of ['end', 'graph', 'subgraph', 'style', 'class'])
      expect([...ids.values()]).not.toContain(reserved);
    expect(ids.get('a_b')).not.toBe(ids.get('a-b'));
    expect(HOSTILE_IDS).toContain('a-b');
  });
});

describe('labels Mermaid reads differently (issue 14, item 8)', () => {
  /** The Mermaid text of a .flow source, through the whole pipeline. */
  const mermaidOf = (source: string): string => {
    const result = check(source);
    expect(result.renderable).toBe(true);
    return emitMermaid(result.diagram);
  };

  test('an empty label: Mermaid parses it (it rejects a("")), and shows no text', async () => {
    const source = mermaidOf(
      's: circle label:""\nd: diamond label:""\nr: rectangle label:""\ne: circle label:""\n' +
        's -> d\nd -> r [label=""]\nd -> e [label="no"]\nr -> e\n',
    );
    expect(source).not.toContain('""');
    const parsed = await parseMermaid(source);
    expect([...parsed.vertices.values()].map((v) => v.text.trim())).toEqual(['', '', '', '']);
  });

  test('an empty group title parses too', async () => {
    const diagram: Diagram = {
      ...sampleDiagram,
      groups: [{ ...sampleDiagram.groups[0]!, title: '' }],
    };
    const parsed = await parseMermaid(emitMermaid(diagram));
    expect(parsed.subgraphs[0]?.title.trim()).toBe('');
  });

  test('a backslash is #92;: a written \\n stays a backslash and an n, not a line break', async () => {
    const source = mermaidOf('a: circle label:"C:\\\\new\\\\notes"\nb: circle\na -> b\n');
    expect(source).toContain('C:#92;new#92;notes');
    expect(source).not.toMatch(/\\n/);
    const parsed = await parseMermaid(source);
    expect([...parsed.vertices.values()][0]?.text).toBe('C:\\new\\notes');
  });
});

describe('escapeMermaidText', () => {
  test('writes Mermaid entity codes for the characters that would end or change a label', () => {
    expect(escapeMermaidText('say "hi" #1 <b> & [x] (y) {z} | `m`')).toBe(
      'say #quot;hi#quot; #35;1 #lt;b#gt; #amp; #91;x#93; #40;y#41; #123;z#125; #124; #96;m#96;',
    );
    expect(escapeMermaidText('one\ntwo\r\nthree')).toBe('one<br/>two<br/>three');
    expect(escapeMermaidText('ok: 50% off; café 😀')).toBe('ok: 50% off; café 😀');
    expect(escapeMermaidText('  a   b ')).toBe('#160;#160;a #160;#160;b#160;');
    expect(escapeMermaidText('a\\nb')).toBe('a#92;nb');
    expect(escapeMermaidText('')).toBe('#160;');
  });
});
