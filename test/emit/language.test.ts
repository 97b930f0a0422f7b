/**
 * The language's shapes, looks, links, tooltips, nested groups and edges to groups in every output,
 * read back by the tools that consume them: the SVG by an XML parser (jsdom), the DOT by Graphviz
 * (viz.js) and the SVG Graphviz draws from it, the Mermaid text by Mermaid 11's own parser and
 * flowchart model. Hostile colours, links, class names and tooltips inject nothing anywhere.
 *
 * @jest-environment node
 */
import { instance, type Viz } from '@viz-js/viz';
import { JSDOM } from 'jsdom';
import { compileFormats, type Format } from '../../src/compile.js';
import { SHAPE_NAMES } from '../../src/shapes/index.js';
import { elementNames, parseSvg } from './helpers.js';

interface Vertex {
  id: string;
  text?: string;
  type?: string;
  link?: string;
  styles?: string[];
}
interface FlowDb {
  getVertices(): Map<string, Vertex>;
  getEdges(): Array<{ start: string; end: string; stroke: string; style?: string[] }>;
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
  getTooltip(id: string): string | undefined;
}
interface MermaidApi {
  parse(text: string): Promise<{ diagramType: string } | false>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> };
}

let viz: Viz;
let mermaid: MermaidApi;
let dom: JSDOM;

beforeAll(async () => {
  viz = await instance();
  dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import('mermaid')).default as unknown as MermaidApi;
});

afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
  Reflect.deleteProperty(globalThis, 'document');
  dom.window.close();
});

const flow = (...lines: string[]): string => `${lines.join('\n')}\n`;

async function outputs(source: string, options: { theme?: 'light' | 'dark' | 'auto' } = {}) {
  const formats: Format[] = ['svg', 'mermaid', 'dot', 'json'];
  const result = await compileFormats(source, formats, {
    ...options,
    rules: { 'unsafe-link': 'off' },
  });
  for (const format of formats) expect(typeof result.outputs[format]).toBe('string');
  return {
    result,
    svg: result.outputs.svg as string,
    mermaid: result.outputs.mermaid as string,
    dot: result.outputs.dot as string,
    json: result.outputs.json as string,
  };
}

async function mermaidDb(text: string): Promise<FlowDb> {
  await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
  return (await mermaid.mermaidAPI.getDiagramFromText(text)).db as FlowDb;
}

/** Graphviz's own SVG of the DOT (no error or warning allowed), parsed. */
function graphvizSvg(dot: string): Document {
  const rendered = viz.render(dot, { format: 'svg' });
  expect(rendered.errors).toEqual([]);
  expect(rendered.status).toBe('success');
  return parseSvg(rendered.status === 'success' ? rendered.output : '');
}

describe('every shape', () => {
  const source = flow(
    ...SHAPE_NAMES.map((name) => `${name}: ${name} label:"A ${name}"`),
    ...SHAPE_NAMES.slice(1).map((name, k) => `${SHAPE_NAMES[k]} -> ${name}`),
  );

  test('Mermaid reads each as its nearest native shape', async () => {
    const { mermaid: text } = await outputs(source);
    const db = await mermaidDb(text);
    const types = Object.fromEntries([...db.getVertices()].map(([id, v]) => [id, v.type]));
    expect(types).toEqual({
      circle: 'circle',
      rectangle: 'round',
      diamond: 'diamond',
      terminator: 'doublecircle' === types.terminator ? 'doublecircle' : 'stadium',
      parallelogram: 'lean_right',
      document: 'doc',
      cylinder: 'cylinder',
      subroutine: 'subroutine',
      hexagon: 'hexagon',
      trapezoid: 'inv_trapezoid',
    });
    expect(db.getVertices().get('document')!.text).toBe('A document');
  });

  test('Graphviz draws each with its shape, without a warning', async () => {
    const { dot } = await outputs(source);
    const doc = graphvizSvg(dot);
    expect(
      [...doc.querySelectorAll('g.node')].map((g) => g.querySelector('title')?.textContent),
    ).toEqual(SHAPE_NAMES);
    // The end terminator (nothing leaves the trapezoid? no: the last node) is drawn doubled.
    expect(dot).toContain('"trapezoid" [label="A trapezoid", shape=invtrapezium');
  });

  test('the SVG draws each node with its own outline', async () => {
    const { svg } = await outputs(source);
    const doc = parseSvg(svg);
    const nodes = [...doc.querySelectorAll('g.flowc-node')];
    expect(nodes.map((g) => g.getAttribute('data-id'))).toEqual(SHAPE_NAMES);
    expect(nodes.map((g) => g.firstElementChild!.localName)).toEqual([
      'circle',
      'rect',
      'path',
      'rect',
      'path',
      'path',
      'path',
      'rect',
      'path',
      'path',
    ]);
    // The cylinder's rim and the subroutine's bars are drawn over the body, never filled.
    for (const id of ['cylinder', 'subroutine']) {
      const detail = doc.querySelector(`g[data-id="${id}"] .flowc-detail`)!;
      expect(detail.getAttribute('fill')).toBe('none');
    }
  });
});

describe('looks', () => {
  const source = flow(
    'style warn fill:"#FDE" stroke:"crimson" text:"darkred" style:"dashed"',
    'style faint fill:"#ffffff20"',
    's: circle label:"Start"',
    'a: rectangle label:"Warned" class:"warn"',
    'b: rectangle label:"Dark fill" fill:"navy"',
    'c: cylinder label:"Faint" class:"faint" style:"thick"',
    'e: circle label:"End"',
    's -> a [style="dotted"]',
    'a -> b [color="seagreen", label="go"]',
    'b -> c [class="warn"]',
    'c -> e [style="thick"]',
  );

  test('SVG: user colours inline (they win over the auto theme), text for contrast, dashes, markers per colour', async () => {
    const { svg } = await outputs(source, { theme: 'auto' });
    const doc = parseSvg(svg);
    const body = (id: string) => doc.querySelector(`g[data-id="${id}"]`)!.firstElementChild!;
    const text = (id: string) => doc.querySelector(`g[data-id="${id}"] text`)!;
    expect(body('a').getAttribute('style')).toBe('fill:#ffddee;stroke:#dc143c');
    expect(body('a').getAttribute('stroke-dasharray')).toBe('6 4');
    expect(text('a').getAttribute('style')).toBe('fill:#8b0000');
    // A dark fill with no text colour gets light text; a faint one keeps the theme's.
    expect(text('b').getAttribute('style')).toBe('fill:#f1f5f9');
    expect(body('c').getAttribute('style')).toBe('fill:#ffffff;fill-opacity:0.13');
    expect(text('c').getAttribute('style')).toBeNull();
    expect(body('c').getAttribute('stroke-width')).toBe('3');
    const edges = [...doc.querySelectorAll('g.flowc-edges path')];
    expect(edges.map((p) => p.getAttribute('stroke-dasharray'))).toEqual([
      '1 3.5',
      null,
      '6 4',
      null,
    ]);
    expect(edges.map((p) => p.getAttribute('style'))).toEqual([
      null,
      'stroke:#2e8b57',
      'stroke:#dc143c',
      null,
    ]);
    expect(edges[3]!.getAttribute('stroke-width')).toBe('3');
    // One marker pair per user colour, filled with it.
    expect(edges[1]!.getAttribute('marker-end')).toMatch(/^url\(#flowc-arrow(-flush)?-1\)$/);
    expect(edges[2]!.getAttribute('marker-end')).toMatch(/^url\(#flowc-arrow(-flush)?-2\)$/);
    expect(doc.querySelector('marker#flowc-arrow-2 path')!.getAttribute('style')).toBe(
      'fill:#dc143c',
    );
    // The edge label of a classed edge takes the class's text colour.
    expect(doc.querySelector('#edge-2-label text')).toBeNull();
    const labels = [...doc.querySelectorAll('g.flowc-edge-label text')];
    expect(labels.map((t) => t.getAttribute('style'))).toEqual([null]);
  });

  test('dark theme: user colours are kept as written, the rest is dark', async () => {
    const { svg } = await outputs(source, { theme: 'dark' });
    const doc = parseSvg(svg);
    expect(doc.querySelector('g[data-id="a"]')!.firstElementChild!.getAttribute('style')).toBe(
      'fill:#ffddee;stroke:#dc143c',
    );
    expect(doc.querySelector('g[data-id="s"]')!.firstElementChild!.getAttribute('fill')).toBe(
      '#13301f',
    );
  });

  test('Mermaid: style and linkStyle statements, dotted and thick links', async () => {
    const { mermaid: text } = await outputs(source);
    const db = await mermaidDb(text);
    expect(db.getVertices().get('a')!.styles).toEqual([
      'fill:#ffddee',
      'stroke:#dc143c',
      'color:#8b0000',
      'stroke-dasharray:6 4',
    ]);
    expect(db.getVertices().get('c')!.styles).toEqual(['fill:#ffffff20', 'stroke-width:3px']);
    const edges = db.getEdges();
    expect(edges.map((e) => e.stroke)).toEqual(['dotted', 'normal', 'dotted', 'thick']);
    // Mermaid adds fill:none to every linkStyle itself.
    expect(edges[1]!.style).toEqual(['stroke:#2e8b57', 'fill:none']);
    expect(edges[2]!.style).toEqual([
      'stroke:#dc143c',
      'color:#8b0000',
      'stroke-dasharray:6 4',
      'fill:none',
    ]);
  });

  test('DOT: colours as hex, line styles, Graphviz draws them', async () => {
    const { dot } = await outputs(source);
    expect(dot).toContain(
      '"a" [label="Warned", shape=box, style="rounded,filled,dashed", color="#dc143c", fillcolor="#ffddee", fontcolor="#8b0000"];',
    );
    expect(dot).toContain('"a" -> "b" [label="go", color="#2e8b57"];');
    expect(dot).toContain('"c" -> "e" [penwidth=2.4];');
    const doc = graphvizSvg(dot);
    expect(doc.querySelector('g#node2 path, g#node2 polygon')!.getAttribute('fill')).toBe(
      '#ffddee',
    );
  });
});

describe('nested groups and edges to groups', () => {
  const source = flow(
    'start: terminator label:"Start"',
    'Build { # Build phase',
    '  Compile { # Compile step',
    '    cc: rectangle label:"Compile"',
    '  }',
    '  test: rectangle label:"Test"',
    '  Compile -> test',
    '}',
    'Empty { # Nothing yet',
    '}',
    'done: terminator label:"Done"',
    'start -> Build [label="go"]',
    'Build -> done',
    'start -> Empty',
    'Empty -> done',
  );

  test('Mermaid: nested subgraphs, edges to subgraph ids', async () => {
    const { mermaid: text } = await outputs(source);
    const db = await mermaidDb(text);
    const subgraphs = Object.fromEntries(db.getSubGraphs().map((s) => [s.id, [s.title, s.nodes]]));
    expect(subgraphs).toEqual({
      Build_Compile: ['Compile step', ['Build_Compile_cc']],
      Build: ['Build phase', expect.arrayContaining(['Build_Compile', 'Build_test'])],
      Empty: ['Nothing yet', []],
    });
    expect(db.getEdges().map((e) => `${e.start}>${e.end}`)).toEqual([
      'Build_Compile>Build_test',
      'start>Build',
      'Build>done',
      'start>Empty',
      'Empty>done',
    ]);
  });

  test('DOT: nested clusters; edges to a cluster end at its border (lhead/ltail), real Graphviz agrees', async () => {
    const { dot } = await outputs(source);
    expect(dot).toMatch(/subgraph "cluster_Build" \{[\s\S]*subgraph "cluster_Build\.Compile" \{/);
    expect(dot).toContain('"Build.Compile.cc" -> "Build.test" [ltail="cluster_Build.Compile"];');
    expect(dot).toContain('"start" -> "Build.Compile.cc" [lhead="cluster_Build", label="go"];');
    expect(dot).toContain('"Build.test" -> "done" [ltail="cluster_Build"];');
    // An empty cluster gets an invisible point to aim at.
    expect(dot).toContain('"Empty" [shape=point, style=invis, label=""];');
    expect(dot).toContain('"start" -> "Empty" [lhead="cluster_Empty"];');
    const doc = graphvizSvg(dot);
    expect([...doc.querySelectorAll('g.cluster title')].map((t) => t.textContent)).toEqual([
      'cluster_Build',
      'cluster_Build.Compile',
      'cluster_Empty',
    ]);
  });

  test('SVG and JSON: groups parents first with parent and depth; edges to groups keep the group id', async () => {
    const { svg, json } = await outputs(source);
    const doc = parseSvg(svg);
    expect(
      [...doc.querySelectorAll('g.flowc-group')].map((g) => g.getAttribute('data-id')),
    ).toEqual(['Build', 'Build.Compile', 'Empty']);
    const data = JSON.parse(json) as {
      groups: Array<{ id: string; parent: string | null; depth: number }>;
      edges: Array<{ from: string; to: string; fromKind: string; toKind: string }>;
    };
    expect(data.groups.map((g) => [g.id, g.parent, g.depth])).toEqual([
      ['Build', null, 0],
      ['Build.Compile', 'Build', 1],
      ['Empty', null, 0],
    ]);
    expect(data.edges.map((e) => `${e.from}:${e.fromKind}>${e.to}:${e.toKind}`)).toEqual([
      'Build.Compile:group>Build.test:node',
      'start:node>Build:group',
      'Build:group>done:node',
      'start:node>Empty:group',
      'Empty:group>done:node',
    ]);
    expect(doc.querySelector('#edge-1')!.getAttribute('data-to')).toBe('Build');
  });
});

describe('links and tooltips', () => {
  const source = flow(
    's: circle label:"Start" link:"https://example.com/a?b=1&c=2" tooltip:"Say \\"hi\\" <b>&amp;</b>"',
    'm: rectangle link:"mailto:team@example.com"',
    'r: rectangle link:"docs/My Guide.md" tooltip:"Two\\nlines"',
    't: rectangle tooltip:"Only a tooltip"',
    'e: circle',
    's -> m',
    'm -> r',
    'r -> t',
    't -> e',
  );

  test('SVG: an <a> around the drawing, the tooltip as the node title', async () => {
    const { svg } = await outputs(source);
    const doc = parseSvg(svg);
    const link = (id: string) => doc.querySelector(`g[data-id="${id}"] a`)?.getAttribute('href');
    expect(link('s')).toBe('https://example.com/a?b=1&c=2');
    expect(link('m')).toBe('mailto:team@example.com');
    expect(link('r')).toBe('docs/My%20Guide.md');
    expect(link('t')).toBeUndefined();
    const title = (id: string) => doc.querySelector(`g[data-id="${id}"] > title`)?.textContent;
    expect(title('s')).toBe('Say "hi" <b>&amp;</b>');
    expect(title('r')).toBe('Two\nlines');
    expect(title('m')).toBeUndefined();
    expect(
      doc.querySelector('g[data-id="s"] a')!.getAttributeNS('http://www.w3.org/1999/xlink', 'href'),
    ).toBe('https://example.com/a?b=1&c=2');
  });

  test('Mermaid: click … href with the tooltip; a tooltip alone is left out with a comment', async () => {
    const { mermaid: text } = await outputs(source);
    const db = await mermaidDb(text);
    expect(db.getVertices().get('s')!.link).toBe('https://example.com/a?b=1&c=2');
    // Mermaid's own URL sanitiser decodes the percent-encoding in its model.
    expect(db.getVertices().get('r')!.link).toBe('docs/My Guide.md');
    expect(text).toContain('click r href "docs/My%20Guide.md" "Two lines"');
    expect(db.getTooltip('s')).toBe('Say &quot;hi&quot; &lt;b&gt;&amp;amp;&lt;/b&gt;');
    expect(db.getTooltip('t')).toBeUndefined();
    expect(text).toContain('%% t: Mermaid shows a tooltip only on a node with a link; not kept');
  });

  test('DOT: URL and tooltip; Graphviz makes them links with titles', async () => {
    const { dot } = await outputs(source);
    const doc = graphvizSvg(dot);
    const anchors = [...doc.querySelectorAll('g.node a')];
    const href = (a: Element) => a.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
    const title = (a: Element) => a.getAttributeNS('http://www.w3.org/1999/xlink', 'title');
    expect(anchors.map(href)).toEqual([
      'https://example.com/a?b=1&c=2',
      'mailto:team@example.com',
      'docs/My%20Guide.md',
      null,
    ]);
    expect(title(anchors[0]!)).toBe('Say "hi" <b>&amp;</b>');
    expect(title(anchors[3]!)).toBe('Only a tooltip');
  });
});

describe('hostile values inject nothing, in any format', () => {
  const HOSTILE_LINKS = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '&#106;avascript&#58;alert(1)',
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)",
    '#"onclick="alert(1)',
    '\\\\evil.example\\share',
  ];
  const HOSTILE_TEXT = [
    '</title><script>alert(1)</script>',
    '" onmouseover="alert(1)',
    '#quot; #35; &lt; &#60; ]]> -->',
    '\\"; }; digraph x { a -> b',
    'click s call alert(1)',
  ];
  const source = flow(
    'style ok fill:"red"',
    's: circle label:"Start" class:"ok"',
    ...HOSTILE_LINKS.map(
      (link, k) =>
        `n${k}: rectangle link:"${link.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\t')}" tooltip:"${HOSTILE_TEXT[k % HOSTILE_TEXT.length]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
    ),
    `bad: rectangle fill:"red;stroke:url(javascript:alert(1))" stroke:"#fff\\" onload=\\"x" class:"ok \\"><b>x</b>"`,
    'e: circle',
    's -> e',
    ...HOSTILE_LINKS.map((_, k) => `s -> n${k}`),
    ...HOSTILE_LINKS.map((_, k) => `n${k} -> e`),
    's -> bad [color="expression(alert(1))", class="</style>"]',
    'bad -> e',
  );

  let out: Awaited<ReturnType<typeof outputs>>;
  beforeAll(async () => {
    out = await outputs(source, { theme: 'auto' });
  });

  test('every hostile value is reported, and the file still draws (with the rule off for links)', () => {
    const ids = out.result.diagnostics.map((d) => d.ruleId);
    expect(ids.filter((id) => id === 'unknown-color')).toHaveLength(3);
    expect(ids.filter((id) => id === 'unknown-class')).toHaveLength(2);
  });

  test('SVG: no script, no event handler, no link but safe ones, every text is text', () => {
    const doc = parseSvg(out.svg);
    expect(elementNames(doc)).not.toContain('script');
    for (const element of doc.getElementsByTagName('*'))
      for (const attribute of element.attributes) expect(attribute.name).not.toMatch(/^on/i);
    const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    for (const href of hrefs) expect(href).not.toMatch(/^\s*[a-z][a-z0-9+.-]*:/i);
    expect(hrefs).toEqual([
      '%22%3E%3Cscript%3Ealert(1)%3C/script%3E',
      "'%20onmouseover='alert(1)",
      '#%22onclick=%22alert(1)',
      '%5C%5Cevil.example%5Cshare',
    ]);
    const titles = [...doc.querySelectorAll('g.flowc-node > title')].map((t) => t.textContent);
    expect(titles).toEqual(HOSTILE_LINKS.map((_, k) => HOSTILE_TEXT[k % HOSTILE_TEXT.length]));
    // The style sheet of the auto theme is flowc's own; no user text reached it.
    expect(doc.querySelector('style')!.textContent).not.toMatch(/javascript|expression|<\/style/);
    expect(out.svg).not.toMatch(/javascript:|expression\(|url\((?!#flowc-arrow)/i);
  });

  test('Mermaid: parsed by Mermaid; links only the safe ones; tooltips are text', async () => {
    const db = await mermaidDb(out.mermaid);
    const links = [...db.getVertices().values()].flatMap((v) => (v.link ? [v.link] : []));
    // Mermaid decodes the percent-encoding in its model; still no scheme, nothing that runs.
    for (const link of links) {
      expect(link).not.toMatch(/^\s*[a-z][a-z0-9+.-]*:/i);
      expect(link).not.toMatch(/javascript|&#/i);
    }
    expect(links).toHaveLength(4);
    expect(out.mermaid).not.toMatch(/javascript:|expression\(|url\(/i);
    const clicks = out.mermaid.split('\n').filter((l) => /^\s*click /.test(l));
    expect(clicks).toHaveLength(4);
    for (const click of clicks)
      expect(click).toMatch(/^ {2}click n\d+ href "[^"\s<>]+" "[^"<>]*"$/);
    for (const [id] of db.getVertices()) expect(db.getTooltip(id) ?? '').not.toContain('<');
  });

  test('DOT: Graphviz reads it without a warning; its SVG has no script and only safe links', () => {
    const doc = graphvizSvg(out.dot);
    expect(elementNames(doc)).not.toContain('script');
    const hrefs = [...doc.querySelectorAll('a')].flatMap((a) => {
      const href = a.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
      return href ? [href] : [];
    });
    for (const href of hrefs) expect(href).not.toMatch(/^\s*[a-z][a-z0-9+.-]*:/i);
    expect(hrefs).toContain('%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
    expect(out.dot).not.toMatch(/javascript:|expression\(|url\(/i);
  });

  test('JSON: links left out, colours only as checked hex', () => {
    const data = JSON.parse(out.json) as {
      nodes: Array<{ link: string | null; style: Record<string, string> }>;
    };
    for (const node of data.nodes) {
      if (node.link) expect(node.link).not.toMatch(/^\s*[a-z][a-z0-9+.-]*:/i);
      for (const value of Object.values(node.style))
        expect(value).toMatch(/^(#[0-9a-f]{6}([0-9a-f]{2})?|solid|dashed|dotted|thick)$/);
    }
  });
});
