/**
 * What the server knows about one version of a document: the public stages' output (Ast, Diagram,
 * diagnostics after severities and suppressions, resolved references) and, built from them, the
 * index the editor features share: every declared node and group by qualified id, and every
 * occurrence of a name (declaration or reference) by line.
 *
 * Parsing goes through an `IncrementalParser` kept per document, so an edit re-matches only the
 * lines it changed.
 */
import type { Position } from 'vscode-languageserver';
import type { Diagnostic, Span } from '../diagnostics.js';
import type { CheckOptions } from '../check.js';
import { checkAst } from '../check.js';
import type { Diagram, DiagramNode, ResolvedReference } from '../model/index.js';
import type {
  Ast,
  Attribute,
  EdgeDecl,
  GroupDecl,
  Identifier,
  NodeDecl,
  Statement,
  TopLevel,
} from '../syntax/ast.js';
import type { IncrementalParser } from '../syntax/incremental.js';
import { spanContains } from './positions.js';

export type SymbolKind = 'node' | 'group' | 'style';

/** A named style's symbol id (`style:warn`): styles and nodes have separate namespaces. */
export const styleId = (name: string): string => `style:${name}`;

export interface FlowSymbol {
  kind: SymbolKind;
  /** Qualified id (`Outer.Inner.id`); `style:NAME` for a named style. */
  id: string;
  /** The name as declared (its span is the declaration's name). */
  name: Identifier;
  /** The declaration: a node's line, a group's opening line. */
  span: Span;
  /** A group from its opening line to its `}` (or its last statement when unclosed); a node's line. */
  extent: Span;
  parent: FlowSymbol | null;
  /** A group's nodes and groups in declaration order. */
  children: FlowSymbol[];
  node?: NodeDecl;
  group?: GroupDecl;
  style?: StyleLike;
}

/** A named style declaration, `style warn fill:"#fde"` (top level only). */
export interface StyleLike {
  kind: 'style';
  name: Identifier;
  attributes: Attribute[];
  span: Span;
}

export interface Occurrence {
  /** The written name: a declaration's id, or one segment of a reference. */
  span: Span;
  id: string;
  kind: SymbolKind;
  declaration: boolean;
}

export interface EdgeInScope {
  decl: EdgeDecl;
  /** Qualified id of the group the edge is written in; null at the top level. */
  group: string | null;
}

export interface Analysis {
  version: number;
  text: string;
  lines: string[];
  ast: Ast;
  diagram: Diagram;
  diagnostics: Diagnostic[];
  references: ResolvedReference[];
  /** Declared nodes and groups by qualified id (the first declaration of a repeated one). */
  symbols: Map<string, FlowSymbol>;
  /** Top-level nodes and groups in declaration order. */
  roots: FlowSymbol[];
  /** Named styles in declaration order (the first of a repeated name). */
  styles: FlowSymbol[];
  nodesById: Map<string, DiagramNode>;
  edges: EdgeInScope[];
  occurrencesByLine: Map<number, Occurrence[]>;
  /** Every occurrence of each qualified id, declarations first then references, in source order. */
  occurrencesById: Map<string, Occurrence[]>;
}

type Item = TopLevel | Statement | GroupDecl | StyleLike;

export function analyze(
  text: string,
  version: number,
  parser: IncrementalParser,
  options: CheckOptions,
): Analysis {
  const ast = parser.parse(text);
  const checked = checkAst(ast, options);
  const analysis: Analysis = {
    version,
    text,
    lines: text.split(/\r?\n/),
    ast,
    diagram: checked.diagram,
    diagnostics: checked.diagnostics,
    references: checked.references,
    symbols: new Map(),
    roots: [],
    styles: [],
    nodesById: new Map(checked.diagram.nodes.map((n) => [n.id, n])),
    edges: [],
    occurrencesByLine: new Map(),
    occurrencesById: new Map(),
  };
  const declarations: Occurrence[] = [];
  declareStyles(analysis, ast.items as readonly Item[], declarations);
  declare(analysis, ast.items, null, declarations);
  const uses: Occurrence[] = [];
  for (const reference of checked.references)
    for (const segment of reference.segments)
      uses.push({
        span: segment.name.span,
        id: segment.id,
        kind: segment.kind,
        declaration: false,
      });
  for (const occurrence of [...declarations, ...uses]) {
    push(analysis.occurrencesByLine, occurrence.span.line, occurrence);
    push(analysis.occurrencesById, occurrence.id, occurrence);
  }
  for (const list of analysis.occurrencesById.values())
    list.sort(
      (a, b) =>
        Number(b.declaration) - Number(a.declaration) ||
        a.span.line - b.span.line ||
        a.span.column - b.span.column,
    );
  return analysis;
}

function declare(
  analysis: Analysis,
  items: readonly Item[],
  parent: FlowSymbol | null,
  out: Occurrence[],
): void {
  for (const item of items) {
    if (item.kind === 'edge') {
      analysis.edges.push({ decl: item, group: parent?.id ?? null });
      classWords(analysis, item.attributes, out);
      continue;
    }
    if (item.kind === 'node') classWords(analysis, item.attributes, out);
    if (item.kind !== 'node' && item.kind !== 'group') continue;
    const name = item.kind === 'node' ? item.id : item.name;
    const id = parent ? `${parent.id}.${name.name}` : name.name;
    out.push({ span: name.span, id, kind: item.kind, declaration: true });
    let symbol = analysis.symbols.get(id);
    if (!symbol) {
      symbol = {
        kind: item.kind,
        id,
        name,
        span: item.span,
        extent: item.span,
        parent,
        children: [],
        ...(item.kind === 'node' ? { node: item } : { group: item }),
      };
      analysis.symbols.set(id, symbol);
      (parent ? parent.children : analysis.roots).push(symbol);
    }
    if (item.kind === 'group') {
      // Widened: groups nest in the extended language; today's bodies hold statements only.
      const body = item.body as readonly Item[];
      declare(analysis, body, symbol, out);
      const last = item.closeSpan ?? lastSpan(body) ?? item.span;
      if (last.endLine >= symbol.extent.endLine)
        symbol.extent = { ...symbol.extent, endLine: last.endLine, endColumn: last.endColumn };
    }
  }
}

function declareStyles(analysis: Analysis, items: readonly Item[], out: Occurrence[]): void {
  for (const item of items) {
    if (item.kind !== 'style') continue;
    const id = styleId(item.name.name);
    out.push({ span: item.name.span, id, kind: 'style', declaration: true });
    if (analysis.symbols.has(id)) continue;
    const symbol: FlowSymbol = {
      kind: 'style',
      id,
      name: item.name,
      span: item.span,
      extent: item.span,
      parent: null,
      children: [],
      style: item,
    };
    analysis.symbols.set(id, symbol);
    analysis.styles.push(symbol);
  }
}

/** The words of a `class:"a b"` attribute that name a declared style, as occurrences. */
function classWords(analysis: Analysis, attributes: readonly Attribute[], out: Occurrence[]): void {
  for (const attribute of attributes) {
    if (attribute.key.name !== 'class') continue;
    const { span } = attribute.value;
    const raw = (analysis.lines[span.line - 1] ?? '').slice(span.column, span.endColumn - 2);
    // Positions inside the quotes are exact only without escapes (a class name never needs one).
    if (raw.includes('\\')) continue;
    for (const word of raw.matchAll(/\S+/g)) {
      const id = styleId(word[0]);
      if (!analysis.symbols.has(id)) continue;
      const column = span.column + 1 + word.index;
      out.push({
        span: { line: span.line, column, endLine: span.line, endColumn: column + word[0].length },
        id,
        kind: 'style',
        declaration: false,
      });
    }
  }
}

function lastSpan(items: readonly Item[]): Span | null {
  const last = items[items.length - 1];
  if (!last) return null;
  if (last.kind === 'group')
    return last.closeSpan ?? lastSpan(last.body as readonly Item[]) ?? last.span;
  return last.span;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The declaration or reference segment under the cursor, if any. */
export function occurrenceAt(analysis: Analysis, position: Position): Occurrence | null {
  const onLine = analysis.occurrencesByLine.get(position.line + 1) ?? [];
  return onLine.find((o) => spanContains(o.span, position)) ?? null;
}

/** The innermost group whose body holds the line (not its opening line); null at the top level. */
export function groupAtLine(analysis: Analysis, line: number): FlowSymbol | null {
  let found: FlowSymbol | null = null;
  let candidates = analysis.roots;
  for (;;) {
    const inner = candidates.find(
      (s) => s.kind === 'group' && s.span.line < line && line <= bodyEnd(s, analysis),
    );
    if (!inner) return found;
    found = inner;
    candidates = inner.children;
  }
}

/** The last line of a group's body: its closing line, or the end of the file when unclosed. */
function bodyEnd(group: FlowSymbol, analysis: Analysis): number {
  const close = group.group?.closeSpan;
  return close ? close.line : analysis.lines.length;
}
