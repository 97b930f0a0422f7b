/**
 * Mermaid's own reading of a flowchart, for the import tests: mermaid 11's parser and FlowDB
 * (`mermaid.mermaidAPI.getDiagramFromText`), with jsdom as the window Mermaid needs. What the
 * browser would show of a label is read with jsdom too (Mermaid keeps labels as HTML, after its
 * Markdown for "`…`" strings, which is rendered with `marked` the way Mermaid does).
 *
 * Install before importing mermaid (`installDom`), remove after (`removeDom`): jest's clean-up
 * would otherwise wrap jsdom's window in setters that recurse (see test/emit/mermaid.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

let dom: JSDOM | undefined;

interface MermaidApi {
  parse(text: string): Promise<{ diagramType: string } | false>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> };
}

export interface OracleVertex {
  id: string;
  text: string;
  labelType: string;
  type?: string;
  classes: string[];
  link?: string;
}
export interface OracleEdge {
  start: string;
  end: string;
  text: string;
  labelType: string;
  type: string;
  stroke: string;
  length: number;
  classes: string[];
}
export interface OracleSubgraph {
  id: string;
  title: string;
  labelType: string;
  nodes: string[];
}
export interface FlowDb {
  getVertices(): Map<string, OracleVertex>;
  getEdges(): OracleEdge[];
  getSubGraphs(): OracleSubgraph[];
  getDirection(): string;
}

let mermaid: MermaidApi;
let purify: (html: string) => string;
let markedLexer: (
  text: string,
) => { type: string; text?: string; raw: string; tokens?: unknown[] }[];

export async function installDom(): Promise<void> {
  dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import('mermaid')).default as unknown as MermaidApi;
  markedLexer = (await import('marked')).marked.lexer as unknown as typeof markedLexer;
  const createDOMPurify = (await import('dompurify')).default as unknown as (window: unknown) => {
    sanitize(html: string, config?: object): string;
  };
  const instance = createDOMPurify(dom.window);
  purify = (html) =>
    instance.sanitize(instance.sanitize(html), { FORBID_TAGS: ['style'] }).toString();
}

/**
 * Mermaid's sanitizeText (security level strict): what its FlowDB stores of a label. Applied to
 * the raw labels of flowc's reader so both readings go through the same HTML serialisation.
 */
export function sanitized(text: string): string {
  return text ? purify(text) : text;
}

export function removeDom(): void {
  Reflect.deleteProperty(globalThis, 'window');
  Reflect.deleteProperty(globalThis, 'document');
  dom?.window.close();
}

/** Mermaid's FlowDB for `text`, or the error Mermaid throws. */
export async function mermaidDb(text: string): Promise<FlowDb | { error: string }> {
  try {
    await mermaid.parse(text);
    return (await mermaid.mermaidAPI.getDiagramFromText(text)).db as FlowDb;
  } catch (error) {
    return { error: String(error) };
  }
}

/**
 * The text a browser shows for a Mermaid label: entity placeholders back to entities, `\n` and
 * line breaks (in non-Markdown labels) as breaks, Markdown as Mermaid renders it, then the HTML's
 * text. Blanks (no-break spaces too) are then compared as single spaces, line breaks as blanks:
 * what matters is the words, in order.
 */
export function shownText(text: string, labelType = 'text'): string {
  let html = text
    .replace(/\uFB02\u00B0\u00B0/g, '&#')
    .replace(/\uFB02\u00B0/g, '&')
    .replace(/\u00B6\u00DF/g, ';');
  html = labelType === 'markdown' ? markdownHtml(html) : html.replace(/\\n|\n/g, '<br />');
  const div = dom!.window.document.createElement('div');
  div.innerHTML = html.replace(/<br\s*\/?>/gi, '\n');
  for (const s of div.querySelectorAll('script, style, template')) s.remove();
  return normalizeBlanks(div.textContent ?? '');
}

export function normalizeBlanks(text: string): string {
  return text
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .trim();
}

/** Mermaid's markdownToHTML (src/rendering-util/handle-markdown-text.ts), over marked's lexer. */
function markdownHtml(markdown: string): string {
  type Token = { type: string; text?: string; raw: string; tokens?: Token[] };
  const output = (node: Token): string => {
    switch (node.type) {
      case 'text':
        return (node.text ?? '').replace(/\n */g, '<br/>');
      case 'strong':
      case 'em':
      case 'paragraph':
        return (node.tokens ?? []).map(output).join('');
      case 'space':
        return '';
      case 'html':
      case 'escape':
        return node.text ?? '';
      default:
        return node.raw;
    }
  };
  return (markedLexer(markdown) as Token[]).map(output).join('<br/>');
}

/** The corpus of real flowcharts (../shared/corpus/diagrams beside the repository), or null. */
export function corpusFiles(): { name: string; text: string }[] | null {
  const dir = new URL('../../../shared/corpus/diagrams/', import.meta.url);
  if (!existsSync(dir)) return null;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mmd'))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
}
