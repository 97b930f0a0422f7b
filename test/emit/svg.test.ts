import { emitSvg } from '../../src/emit/svg.js';
import { emitPng } from '../../src/emit/png.js';
import { encodeIdPart } from '../../src/emit/ids.js';
import { THEMES } from '../../src/emit/theme.js';
import type { Layout } from '../../src/layout/types.js';
import { FONT_FAMILY } from '../../src/style.js';
import { HOSTILE_LABELS, hostileDiagram, hostileLayout, sampleLayout } from './fixtures.js';
import { elementNames, parseSvg, shownLabel, textLines } from './helpers.js';

const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

function node(doc: Document, id: string): Element {
  const element = doc.querySelector(`g.flowc-node[data-id="${id}"]`);
  if (!element) throw new Error(`no node ${id}`);
  return element;
}

describe('emitSvg document', () => {
  const svg = emitSvg(sampleLayout);
  const doc = parseSvg(svg);
  const root = doc.documentElement;

  test('is a standalone SVG 1.1 document with size and viewBox from the layout', () => {
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('version')).toBe('1.1');
    expect(root.getAttribute('width')).toBe('760');
    expect(root.getAttribute('height')).toBe('400');
    expect(root.getAttribute('viewBox')).toBe('0 0 760 400');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg.endsWith('</svg>\n')).toBe(true);
  });

  test('is accessible: role img, labelled by its own <title> and <desc>', () => {
    expect(root.getAttribute('role')).toBe('img');
    const labelledBy = (root.getAttribute('aria-labelledby') ?? '').split(' ');
    expect(labelledBy).toEqual(['flowc-title', 'flowc-desc']);
    expect(doc.getElementById('flowc-title')?.localName).toBe('title');
    expect(doc.getElementById('flowc-desc')?.localName).toBe('desc');
    expect(doc.getElementById('flowc-title')?.textContent).toBe(
      'Flowchart: Client Application, Command Side',
    );
    expect(doc.getElementById('flowc-desc')?.textContent).toBe(
      'A flowchart of 7 nodes and 7 edges in 2 groups, flowing left to right. Starts at "Start". Ends at "End".',
    );
  });

  test('title and description can be given', () => {
    const custom = parseSvg(
      emitSvg(sampleLayout, { title: 'Orders <v2>', description: 'How "orders" flow & fail' }),
    );
    expect(custom.getElementById('flowc-title')?.textContent).toBe('Orders <v2>');
    expect(custom.getElementById('flowc-desc')?.textContent).toBe('How "orders" flow & fail');
  });

  test('is byte-identical for the same input', () => {
    expect(emitSvg(structuredClone(sampleLayout))).toBe(svg);
  });

  test('draws every node with an id derived from its qualified id', () => {
    for (const n of sampleLayout.nodes) {
      expect(node(doc, n.id).getAttribute('id')).toBe(`node-${n.id}`);
    }
    const ids = [...doc.querySelectorAll('[id]')].map((e) => e.getAttribute('id') ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(XML_NAME);
  });

  test('tells a start circle (single ring) from an end circle (double ring), from the edges', () => {
    const start = node(doc, 'Client.n1');
    const end = node(doc, 'Client.n7');
    expect(start.getAttribute('class')).toContain('flowc-node-start');
    expect(end.getAttribute('class')).toContain('flowc-node-end');
    expect(start.querySelectorAll('circle')).toHaveLength(1);
    expect(end.querySelectorAll('circle')).toHaveLength(2);
    expect(start.querySelector('circle')?.getAttribute('fill')).not.toBe(
      end.querySelector('circle')?.getAttribute('fill'),
    );
    const [outer, inner] = [...end.querySelectorAll('circle')];
    expect(Number(inner?.getAttribute('r'))).toBeLessThan(Number(outer?.getAttribute('r')));
    expect(Number(outer?.getAttribute('r'))).toBe(28);
  });

  test('draws steps as rounded rectangles and decisions as diamonds', () => {
    const step = node(doc, 'Client.n2').querySelector('rect');
    expect(step?.getAttribute('rx')).toBe('6');
    expect([step?.getAttribute('x'), step?.getAttribute('y'), step?.getAttribute('width')]).toEqual(
      ['136', '92', '140'],
    );
    const diamond = node(doc, 'Client.n3').querySelector('path')?.getAttribute('d') ?? '';
    // The four corners of the diamond are the midpoints of the box's sides (rounded: each appears as a Q control point).
    for (const corner of ['Q391 78', 'Q466 118', 'Q391 158', 'Q316 118'])
      expect(diamond).toContain(corner);
  });

  test('draws multi-line node labels as centred tspans, from the layout lines', () => {
    const text = node(doc, 'Client.n2').querySelector('text')!;
    expect(textLines(text)).toEqual(['User initiates', 'action']);
    expect(text.getAttribute('text-anchor')).toBe('middle');
    const ys = [...text.querySelectorAll('tspan')].map((t) => Number(t.getAttribute('y')));
    expect(ys[1]! - ys[0]!).toBeCloseTo(14 * 1.3);
    // The block is centred on the box (centre 118) with the baseline offset of DejaVu Sans.
    expect((ys[0]! + ys[1]!) / 2).toBeCloseTo(118 + 14 * 0.36);
  });

  test('writes the shipped font family first on every text element', () => {
    const texts = [...doc.querySelectorAll('text')];
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts)
      expect(text.getAttribute('font-family')?.startsWith(`'${FONT_FAMILY}'`)).toBe(true);
  });

  test('puts each group title in its header band', () => {
    const group = doc.getElementById('group-Client')!;
    const title = group.querySelector('text')!;
    expect(textLines(title)).toEqual(['Client Application']);
    const y = Number(title.querySelector('tspan')?.getAttribute('y'));
    expect(y).toBeGreaterThan(20);
    expect(y).toBeLessThan(50);
    expect(group.querySelector('.flowc-group-header')).not.toBeNull();
  });

  test('ends every edge in an arrowhead marker defined once with a stable id', () => {
    const markers = [...doc.querySelectorAll('marker')].map((m) => m.getAttribute('id'));
    expect(markers).toEqual(['flowc-arrow', 'flowc-arrow-flush']);
    const paths = [...doc.querySelectorAll('.flowc-edges path')];
    expect(paths).toHaveLength(sampleLayout.edges.length);
    for (const path of paths)
      expect(path.getAttribute('marker-end')).toMatch(/^url\(#flowc-arrow(-flush)?\)$/);
    expect(paths.map((p) => p.getAttribute('id'))).toEqual(
      sampleLayout.edges.map((_, i) => `edge-${i}`),
    );
  });

  test('rounds the bends of orthogonal edges and keeps their ends on the handles', () => {
    const d = doc.getElementById('edge-3')?.getAttribute('d') ?? '';
    // Route (391,158) → (391,224) → (380,224) → (380,290): two bends, the short middle segment shares its length.
    expect(d.startsWith('M391 158 ')).toBe(true);
    expect(d.match(/Q/g)).toHaveLength(2);
    expect(d).toContain('Q391 224');
    expect(d).toContain('Q380 224');
    // The line stops short of the target so the arrowhead's tip (not the line's square end) touches it.
    expect(d.endsWith('L380 285')).toBe(true);
  });

  test('draws spline edges as curves and straight edges as polylines', () => {
    const spline =
      parseSvg(emitSvg({ ...sampleLayout, edgeStyle: 'spline' }))
        .getElementById('edge-6')
        ?.getAttribute('d') ?? '';
    expect(spline).toMatch(/^M675 290 C/);
    expect(spline).not.toContain('Q');
    const straight =
      parseSvg(emitSvg({ ...sampleLayout, edgeStyle: 'straight' }))
        .getElementById('edge-6')
        ?.getAttribute('d') ?? '';
    expect(straight).toBe('M675 290 L675 205 L548 205 L548 151');
  });

  test('draws edge labels over a background box placed by the layout, after all lines', () => {
    const label = doc.getElementById('edge-6-label')!;
    const box = label.querySelector('rect')!;
    expect([
      box.getAttribute('x'),
      box.getAttribute('y'),
      box.getAttribute('width'),
      box.getAttribute('height'),
    ]).toEqual(['589', '189', '44', '32']);
    expect(box.getAttribute('fill')).not.toBe('none');
    expect(textLines(label.querySelector('text')!)).toEqual(['Sync', 'later']);
    // Document order is paint order: labels come after every edge line.
    const order = [...doc.querySelectorAll('.flowc-edges, .flowc-nodes, .flowc-edge-labels')].map(
      (g) => g.getAttribute('class'),
    );
    expect(order).toEqual(['flowc-edges', 'flowc-nodes', 'flowc-edge-labels']);
    expect(doc.querySelectorAll('.flowc-edge-label')).toHaveLength(
      sampleLayout.edges.filter((e) => e.label !== null).length,
    );
  });

  test('marks highlighted nodes with a red dashed outline, and only those', () => {
    const marked = parseSvg(
      emitSvg(sampleLayout, { highlight: ['Client.n3', 'Command.n8', 'no-such-node'] }),
    );
    const outlines = [...marked.querySelectorAll('.flowc-highlight')];
    expect(outlines.map((o) => o.parentElement?.getAttribute('data-id'))).toEqual([
      'Client.n3',
      'Command.n8',
    ]);
    for (const outline of outlines) {
      expect(outline.getAttribute('stroke')).toBe('#dc2626');
      expect(outline.getAttribute('stroke-dasharray')).toBe('5 3');
      expect(outline.getAttribute('fill')).toBe('none');
    }
    expect(doc.querySelectorAll('.flowc-highlight')).toHaveLength(0);
  });
});

describe('emitSvg themes', () => {
  const fillOf = (svg: string, selector: string): string | null =>
    parseSvg(svg).querySelector(selector)?.getAttribute('fill') ?? null;

  test.each(THEMES)('%s theme is valid XML and renders', async (theme) => {
    const svg = emitSvg(sampleLayout, { theme });
    parseSvg(svg);
    const png = await emitPng(svg, { scale: 1 });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  test('light is the default, with no style sheet and a transparent background', () => {
    const svg = emitSvg(sampleLayout);
    expect(svg).toBe(emitSvg(sampleLayout, { theme: 'light' }));
    expect(svg).not.toContain('<style');
    expect(fillOf(svg, '.flowc-background')).toBe('none');
  });

  test('dark paints its own background and light-on-dark text', () => {
    const svg = emitSvg(sampleLayout, { theme: 'dark' });
    expect(fillOf(svg, '.flowc-background')).toBe('#0f1623');
    expect(fillOf(svg, '.flowc-node-text')).toBe('#e2e8f0');
    expect(svg).not.toContain('<style');
  });

  test('auto keeps the light colours as attributes and switches to dark in a prefers-color-scheme query', () => {
    const svg = emitSvg(sampleLayout, { theme: 'auto' });
    const withoutStyle = svg.replace(/ {4}<style[\s\S]*?<\/style>\n/, '');
    expect(withoutStyle).toBe(emitSvg(sampleLayout, { theme: 'light' }));
    const style = parseSvg(svg).querySelector('style')?.textContent ?? '';
    expect(style).toContain('@media (prefers-color-scheme: dark)');
    expect(style).toContain('.flowc-background { fill: #0f1623; }');
    expect(style).toContain('.flowc-step { fill: #18264a; stroke: #7098f2; }');
  });

  test('a renderer without media-query support draws auto exactly like light', async () => {
    const light = await emitPng(emitSvg(sampleLayout, { theme: 'light' }), { scale: 1 });
    const auto = await emitPng(emitSvg(sampleLayout, { theme: 'auto' }), { scale: 1 });
    expect(auto.equals(light)).toBe(true);
  });
});

describe('emitSvg with hostile text', () => {
  const layout = hostileLayout();
  const svg = emitSvg(layout, {
    title: HOSTILE_LABELS.join(' '),
    description: HOSTILE_LABELS.join('\n'),
    highlight: layout.nodes.map((n) => n.id),
  });
  const doc = parseSvg(svg);

  test('no label becomes markup', () => {
    const names = new Set(elementNames(doc));
    expect(names.has('script')).toBe(false);
    expect(names.has('img')).toBe(false);
    expect(names.has('b')).toBe(false);
    expect([...names].sort()).toEqual(
      [
        'circle',
        'defs',
        'desc',
        'g',
        'marker',
        'path',
        'rect',
        'svg',
        'text',
        'title',
        'tspan',
      ].sort(),
    );
  });

  test('every node label comes back exactly as written, line by line', () => {
    for (const n of layout.nodes) {
      const text = node(doc, n.id).querySelector('text')!;
      expect(textLines(text).join('\n')).toBe(shownLabel(n.label));
    }
  });

  test('every edge label and the group title come back exactly as written', () => {
    layout.edges.forEach((edge, i) => {
      const text = doc.getElementById(`edge-${i}-label`)?.querySelector('text');
      expect(textLines(text!).join('\n')).toBe(shownLabel(edge.label ?? ''));
    });
    expect(textLines(doc.querySelector('.flowc-group text')!)).toEqual([
      shownLabel(layout.groups[0]!.title),
    ]);
    expect(doc.getElementById('flowc-title')?.textContent).toBe(
      shownLabel(HOSTILE_LABELS.join(' ')),
    );
    expect(doc.getElementById('flowc-desc')?.textContent).toBe(
      shownLabel(HOSTILE_LABELS.join('\n')),
    );
  });

  test('drops only the characters XML 1.0 forbids', () => {
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(shownLabel('ctrl\u0001\u0007\u0008\u000B chars')).toBe('ctrl chars');
    expect(shownLabel('tab\there')).toBe('tab\there');
  });

  test('node ids become unique, valid XML ids, with data-id keeping the original', () => {
    const nodes = [...doc.querySelectorAll('g.flowc-node')];
    expect(nodes.map((n) => n.getAttribute('data-id'))).toEqual(layout.nodes.map((n) => n.id));
    const ids = nodes.map((n) => n.getAttribute('id') ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(XML_NAME);
  });

  test('is drawn by a real SVG renderer', async () => {
    const png = await emitPng(svg, { scale: 1 });
    expect(png.length).toBeGreaterThan(1000);
  });
});

describe('encodeIdPart', () => {
  test('is injective on ids that naive sanitising would merge', () => {
    const ids = [
      'a.b',
      'a_b',
      'a-b',
      'a b',
      'a_2e_b',
      'a__b',
      'Début',
      'D_e9_but',
      'D_but',
      '中',
      '😀',
      'end.x',
      'end_x',
    ];
    const encoded = ids.map(encodeIdPart);
    expect(new Set(encoded).size).toBe(ids.length);
    for (const id of encoded) expect(`node-${id}`).toMatch(XML_NAME);
    expect(encodeIdPart('Client.n1')).toBe('Client.n1');
    expect(encodeIdPart('Début')).toBe('D_e9_but');
  });

  test('gives distinct element ids to hostile diagram nodes that collide once sanitised', () => {
    const layout: Layout = hostileLayout(hostileDiagram(['x']));
    const ids = parseSvg(emitSvg(layout)).querySelectorAll('g.flowc-node');
    expect(new Set([...ids].map((e) => e.getAttribute('id'))).size).toBe(layout.nodes.length);
  });
});
