/**
 * The YAML of a node's `@{ … }` settings, as Mermaid reads it (js-yaml, JSON schema): written on
 * one line it is a flow mapping (`@{ shape: cyl, label: "Data" }`), over several lines a block
 * mapping (`key: value` per line). Keys and scalar values only; that is all Mermaid uses.
 */
import type { ShapeData } from './graph.js';

export class ShapeDataError extends Error {}

export function readShapeData(metadata: string): ShapeData {
  return metadata.includes('\n') ? readBlock(metadata) : readFlow(metadata);
}

function readFlow(text: string): ShapeData {
  const data: ShapeData = {};
  let pos = 0;
  const skip = (): void => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  skip();
  if (text[pos] === '{') {
    // Already a mapping: `@{{ … }}` is not something Mermaid users write; read what is inside.
    pos++;
  }
  for (;;) {
    skip();
    if (pos >= text.length || text[pos] === '}') break;
    const colon = findKeyEnd(text, pos);
    if (colon < 0) throw new ShapeDataError(`expected 'key: value' in '${text.trim()}'`);
    const key = unquote(text.slice(pos, colon).trim());
    pos = colon + 1;
    skip();
    let value: string;
    if (text[pos] === '"' || text[pos] === "'") {
      const end = quotedEnd(text, pos);
      value = text.slice(pos, end);
      pos = end;
      data[key] = unquote(value);
    } else {
      let end = pos;
      while (end < text.length && text[end] !== ',' && text[end] !== '}') end++;
      data[key] = scalar(text.slice(pos, end).trim());
      pos = end;
    }
    skip();
    if (text[pos] === ',') pos++;
  }
  return data;
}

function readBlock(text: string): ShapeData {
  const data: ShapeData = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = findKeyEnd(line, 0);
    if (colon < 0) throw new ShapeDataError(`expected 'key: value', found '${line}'`);
    const key = unquote(line.slice(0, colon).trim());
    const rest = line.slice(colon + 1).trim();
    if (rest.startsWith('"') || rest.startsWith("'")) {
      data[key] = unquote(rest.slice(0, quotedEnd(rest, 0)));
    } else data[key] = scalar(rest.replace(/\s+#.*$/, ''));
  }
  return data;
}

/** The `:` after a key (one followed by a blank or the end), outside quotes. */
function findKeyEnd(text: string, from: number): number {
  let i = from;
  if (text[i] === '"' || text[i] === "'") i = quotedEnd(text, i);
  for (; i < text.length; i++) {
    if (text[i] === ':' && (i + 1 >= text.length || /[\s,}]/.test(text[i + 1]!))) return i;
    if (text[i] === ',' || text[i] === '}') return -1;
  }
  return -1;
}

/** The offset just after the quoted scalar starting at `start`. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  throw new ShapeDataError(`unterminated string in '${text.trim()}'`);
}

const YAML_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  '/': '/',
  '0': '\0',
  ' ': ' ',
};

function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text
      .slice(1, -1)
      .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) =>
        e.length > 1
          ? String.fromCodePoint(Number.parseInt(e.slice(1), 16))
          : (YAML_ESCAPES[e] ?? e),
      );
  }
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'"))
    return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

/** A plain scalar under YAML's JSON schema: null, booleans, numbers, else the text. */
function scalar(text: string): string | number | boolean | null {
  if (text === 'null' || text === '~' || text === '') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  return text;
}
