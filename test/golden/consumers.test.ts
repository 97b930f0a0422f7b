/**
 * Every sample's outputs, read by the real consumers: the SVG by an XML parser, the DOT by Graphviz
 * (viz.js), the Mermaid text by mermaid.parse. The goldens say the outputs did not change; these say
 * the tools that read them accept them.
 *
 * Mermaid needs a DOM (jsdom as global window/document before it is imported), removed again after
 * the tests: jest's global clean-up would otherwise wrap jsdom's window in setters that recurse.
 *
 * @jest-environment node
 */
import { instance, type Viz } from '@viz-js/viz';
import { JSDOM } from 'jsdom';
import type { Format } from '../../src/compile.js';
import { parseSvg } from '../emit/helpers.js';
import { renderSample, sampleNames } from './render.js';

let viz: Viz;
let mermaidParse: (text: string) => Promise<unknown>;

let dom: JSDOM;

beforeAll(async () => {
  viz = await instance();
  dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  const mermaid = (await import('mermaid')).default;
  mermaidParse = (text) => mermaid.parse(text);
});

afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
  Reflect.deleteProperty(globalThis, 'document');
  dom.window.close();
});

describe.each(sampleNames())('samples/%s.flow', (sample) => {
  let outputs: Record<Format, string | Buffer>;
  beforeAll(async () => {
    outputs = await renderSample(sample);
  });

  test('SVG is well-formed XML', () => {
    const doc = parseSvg(outputs.svg as string);
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.querySelectorAll('g.flowc-node').length).toBeGreaterThan(0);
  });

  test('Graphviz reads the DOT without errors or warnings', () => {
    const result = viz.render(outputs.dot as string, { format: 'svg' });
    const nonAscii = /[^\x00-\x7f]/.test(outputs.dot as string);
    // viz.js has no fonts and warns once about non-ASCII widths; see test/emit/dot.test.ts.
    const problems = result.errors.filter(
      (e) => !(nonAscii && /^Warning: no value for width of non-ASCII character/.test(e.message)),
    );
    expect(problems).toEqual([]);
    expect(result.status).toBe('success');
  });

  test('Mermaid parses the Mermaid text', async () => {
    await expect(mermaidParse(outputs.mermaid as string)).resolves.toMatchObject({
      diagramType: 'flowchart-v2',
    });
  });
});
