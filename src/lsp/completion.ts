/**
 * Completion from what the line says up to the cursor (the line is often half-typed and does not
 * parse) and the document's last analysis (which names exist, where groups are):
 * - a reference (start of a line, after `->`, after `Group.`): node and group ids, unqualified
 *   when they are in scope, qualified otherwise; `handle(` after `node.`;
 * - a shape after `id:`; a side inside `.handle(`; a setting's values after its key (`direction`,
 *   `layout`: SETTING_VALUES);
 * - attribute names after a node's shape or inside an edge's `[...]`;
 * - rule ids after a `# flowc-disable…` directive.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { CSS_COLORS } from '../model/css-colors.js';
import {
  EDGE_ATTRIBUTES,
  LINE_STYLES,
  NODE_ATTRIBUTES,
  SETTING_VALUES,
  SHAPES,
  STYLE_ATTRIBUTES,
} from '../model/index.js';
import { SETTING_KEYS, SIDES, type SettingKey } from '../syntax/ast.js';
import { rules } from '../validate/index.js';
import { groupAtLine, type Analysis, type FlowSymbol } from './analysis.js';
import { lookUpPath, shortestPath } from './scope.js';

const IDENT = String.raw`[\p{L}_][\p{L}\p{N}_]*(?:-(?!>)[\p{L}\p{N}_]*)*`;
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const DIRECTIVES = ['disable-next-line', 'disable-line', 'disable', 'enable'];

export interface CompletionOptions {
  snippets: boolean;
}

export function complete(
  analysis: Analysis,
  position: Position,
  options: CompletionOptions,
): CompletionItem[] {
  const line = analysis.lines[position.line] ?? '';
  const prefix = line.slice(0, position.character);
  const { code, comment, stringStart } = split(prefix);
  const at = (start: number): Range => ({
    start: { line: position.line, character: start },
    end: position,
  });

  if (comment !== null) return completeDirective(comment, prefix.length, at);
  if (stringStart !== null) return completeValue(analysis, prefix, stringStart, at);

  let m = new RegExp(String.raw`^\s*(${SETTING_KEYS.join('|')})\s+([\p{L}]*)$`, 'u').exec(code);
  if (m) {
    const values = SETTING_VALUES[m[1] as SettingKey];
    return words(values, CompletionItemKind.EnumMember, at(code.length - m[2]!.length));
  }

  m = new RegExp(String.raw`\.\s*handle\s*\(\s*([\p{L}]*)$`, 'u').exec(code);
  if (m) return words(SIDES, CompletionItemKind.EnumMember, at(code.length - m[1]!.length));

  // `style NAME key:"value"…`: a named style's attributes.
  m = new RegExp(
    String.raw`^\s*style\s+${IDENT}((?:\s+${IDENT}\s*:\s*${STRING})*)\s+([\p{L}_-]*)$`,
    'u',
  ).exec(code);
  if (m) {
    const used = [...m[1]!.matchAll(new RegExp(`(${IDENT})\\s*:`, 'gu'))].map((u) => u[1]!);
    return attributes(STYLE_ATTRIBUTES, used, ':', at(code.length - m[2]!.length), options);
  }

  m = new RegExp(String.raw`^\s*${IDENT}\s*:\s*([\p{L}\p{N}_-]*)$`, 'u').exec(code);
  if (m) return words(SHAPES, CompletionItemKind.EnumMember, at(code.length - m[1]!.length));

  m = new RegExp(
    String.raw`^\s*${IDENT}\s*:\s*${IDENT}((?:\s+${IDENT}\s*:\s*${STRING})*)\s+([\p{L}_-]*)$`,
    'u',
  ).exec(code);
  if (m) {
    const used = [...m[1]!.matchAll(new RegExp(`(${IDENT})\\s*:`, 'gu'))].map((u) => u[1]!);
    const start = code.length - m[2]!.length;
    return attributes(NODE_ATTRIBUTES, used, ':', at(start), options);
  }

  if (/->/.test(code)) {
    m = new RegExp(String.raw`\[((?:[^\]"]|${STRING})*)$`, 'u').exec(code);
    if (m) {
      const list = m[1]!;
      const last = new RegExp(String.raw`(?:^|,)\s*([\p{L}_-]*)$`, 'u').exec(list);
      if (!last) return [];
      const used = [...list.matchAll(new RegExp(`(${IDENT})\\s*=`, 'gu'))].map((u) => u[1]!);
      return attributes(EDGE_ATTRIBUTES, used, '=', at(code.length - last[1]!.length), options);
    }
  }

  const ref = String.raw`((?:${IDENT}\s*\.\s*)*)([\p{L}\p{N}_-]*)$`;
  m = new RegExp(String.raw`(?:^\s*|->\s*)${ref}`, 'u').exec(code);
  if (m) {
    const qualifier = m[1]!
      .split('.')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const scope = groupAtLine(analysis, position.line + 1);
    const range = at(code.length - m[2]!.length);
    const items = qualifier.length
      ? membersOf(analysis, scope, qualifier, range)
      : namesInScope(analysis, scope, range);
    if (qualifier.length === 0 && /^\s*[\p{L}_]*$/u.test(code) && !/->/.test(code))
      items.push(...keywords(range));
    return items;
  }
  return [];
}

/**
 * The line before the cursor, cut at a `#` outside strings; where the string the cursor is in
 * opens (its `"`), or null.
 */
function split(prefix: string): {
  code: string;
  comment: string | null;
  stringStart: number | null;
} {
  let stringStart: number | null = null;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (stringStart !== null) {
      if (c === '\\') i++;
      else if (c === '"') stringStart = null;
    } else if (c === '"') stringStart = i;
    else if (c === '#')
      return { code: prefix.slice(0, i), comment: prefix.slice(i + 1), stringStart: null };
  }
  return { code: prefix, comment: null, stringStart };
}

/**
 * Inside an attribute's string: named styles in `class:"…"`, line styles in `style:"…"`, CSS colour
 * names in `fill`, `stroke`, `text` and `color`.
 */
function completeValue(
  analysis: Analysis,
  prefix: string,
  stringStart: number,
  at: (start: number) => Range,
): CompletionItem[] {
  const key = new RegExp(String.raw`(${IDENT})\s*[:=]\s*$`, 'u').exec(prefix.slice(0, stringStart));
  if (!key) return [];
  const typed = prefix.slice(stringStart + 1);
  if (key[1] === 'class') {
    const word = /\S*$/.exec(typed)![0];
    const given = typed.split(/\s+/).slice(0, -1);
    return analysis.styles
      .filter((s) => !given.includes(s.name.name))
      .map((s) => ({
        label: s.name.name,
        kind: CompletionItemKind.Class,
        detail: s.style?.attributes
          .map((a) => `${a.key.name}:${JSON.stringify(a.value.value)}`)
          .join(' '),
        textEdit: { range: at(prefix.length - word.length), newText: s.name.name },
      }));
  }
  const range = at(prefix.length - typed.length);
  if (key[1] === 'style') return words(LINE_STYLES, CompletionItemKind.EnumMember, range);
  if (COLOR_KEYS.includes(key[1]!))
    return Object.entries(CSS_COLORS).map(([name, hex]) => ({
      label: name,
      kind: CompletionItemKind.Color,
      detail: hex,
      // A colour as documentation is what makes VS Code draw its swatch.
      documentation: hex,
      textEdit: { range, newText: name },
    }));
  return [];
}

/** The attributes whose value is a colour (named styles, nodes, edges). */
const COLOR_KEYS = ['fill', 'stroke', 'text', 'color'];

function completeDirective(
  comment: string,
  end: number,
  at: (start: number) => Range,
): CompletionItem[] {
  const kind = /^\s*flowc-([a-z-]*)$/.exec(comment);
  if (kind)
    return DIRECTIVES.map((d) => ({
      label: `flowc-${d}`,
      kind: CompletionItemKind.Keyword,
      textEdit: { range: at(end - kind[0].trimStart().length), newText: `flowc-${d}` },
    }));
  const list =
    /^\s*flowc-(?:disable-next-line|disable-line|disable|enable)\s+(?:[a-z-]+\s*,\s*)*([a-z-]*)$/.exec(
      comment,
    );
  if (!list) return [];
  return rules
    .filter((r) => r.suppressible)
    .map((r) => ({
      label: r.id,
      kind: CompletionItemKind.Value,
      detail: r.description,
      textEdit: { range: at(end - list[1]!.length), newText: r.id },
    }));
}

function words(list: readonly string[], kind: CompletionItemKind, range: Range): CompletionItem[] {
  return list.map((word) => ({ label: word, kind, textEdit: { range, newText: word } }));
}

function attributes(
  names: readonly string[],
  used: readonly string[],
  separator: ':' | '=',
  range: Range,
  options: CompletionOptions,
): CompletionItem[] {
  return names
    .filter((name) => !used.includes(name))
    .map((name) => ({
      label: name,
      kind: CompletionItemKind.Property,
      textEdit: {
        range,
        newText: options.snippets ? `${name}${separator}"$1"` : `${name}${separator}""`,
      },
      insertTextFormat: options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    }));
}

/** The words a top-level statement may start with: the settings and `style`. */
const KEYWORDS = [...SETTING_KEYS, 'style'];

function keywords(range: Range): CompletionItem[] {
  return KEYWORDS.map((word) => ({
    label: word,
    kind: CompletionItemKind.Keyword,
    textEdit: { range, newText: word },
  }));
}

function symbolItem(
  symbol: FlowSymbol,
  text: string,
  range: Range,
  analysis: Analysis,
): CompletionItem {
  const node = analysis.nodesById.get(symbol.id);
  const detail =
    symbol.kind === 'group'
      ? `group ${symbol.id}${symbol.group?.title ? ` — ${symbol.group.title}` : ''}`
      : `${symbol.node?.shape.name ?? 'node'} ${symbol.id}`;
  return {
    label: text,
    kind: symbol.kind === 'group' ? CompletionItemKind.Module : CompletionItemKind.Variable,
    detail,
    ...(node && node.label !== node.localId ? { documentation: node.label } : {}),
    textEdit: { range, newText: text },
    // Names in scope first, then qualified ones.
    sortText: `${text.includes('.') ? '1' : '0'}${text}`,
  };
}

/** Every node and group, each by the shortest path that names it from `scope`. */
function namesInScope(
  analysis: Analysis,
  scope: FlowSymbol | null,
  range: Range,
): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const symbol of analysis.symbols.values()) {
    const path = shortestPath(analysis, scope, symbol);
    items.push(symbolItem(symbol, path.join('.'), range, analysis));
  }
  return items;
}

/** After `A.B.`: the children of the group it names, or `handle(` after a node. */
function membersOf(
  analysis: Analysis,
  scope: FlowSymbol | null,
  qualifier: string[],
  range: Range,
): CompletionItem[] {
  const owner = lookUpPath(analysis, scope, qualifier);
  if (!owner) return [];
  if (owner.kind === 'node')
    return [
      {
        label: 'handle',
        kind: CompletionItemKind.Method,
        detail: 'the side the edge leaves or enters by',
        textEdit: { range, newText: 'handle(' },
      },
    ];
  return owner.children.map((child) => symbolItem(child, child.name.name, range, analysis));
}
