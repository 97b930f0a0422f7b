/**
 * Document symbols (groups holding their nodes and groups, the direction setting) and folding
 * ranges (each group's body, runs of comment lines).
 */
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
} from 'vscode-languageserver';
import type { Analysis, FlowSymbol } from './analysis.js';
import { toRange } from './positions.js';
import { pushAll } from '../util/arrays.js';

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const item of analysis.ast.items)
    if (item.kind === 'setting')
      symbols.push({
        name: `${item.key.name} ${item.value.name}`,
        kind: SymbolKind.Property,
        range: toRange(item.span),
        selectionRange: toRange(item.key.span),
      });
  for (const style of analysis.styles)
    symbols.push({
      name: style.name.name,
      detail: style.style?.attributes
        .map((a) => `${a.key.name}:${JSON.stringify(a.value.value)}`)
        .join(' '),
      kind: SymbolKind.Class,
      range: toRange(style.span),
      selectionRange: toRange(style.name.span),
    });
  pushAll(
    symbols,
    analysis.roots.map((s) => toSymbol(analysis, s)),
  );
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line);
}

function toSymbol(analysis: Analysis, symbol: FlowSymbol): DocumentSymbol {
  if (symbol.kind === 'group')
    return {
      name: symbol.name.name,
      detail: symbol.group?.title ?? undefined,
      kind: SymbolKind.Namespace,
      range: toRange(symbol.extent),
      selectionRange: toRange(symbol.name.span),
      children: symbol.children.map((c) => toSymbol(analysis, c)),
    };
  const node = analysis.nodesById.get(symbol.id);
  const shape = node?.shape ?? symbol.node?.shape.name ?? '';
  const label = node && node.label !== node.localId ? ` “${node.label.replace(/\n/g, ' ')}”` : '';
  return {
    name: symbol.name.name,
    detail: `${shape}${label}`,
    kind:
      shape === 'circle' || shape === 'terminator'
        ? SymbolKind.Event
        : shape === 'diamond'
          ? SymbolKind.Boolean
          : SymbolKind.Object,
    range: toRange(symbol.extent),
    selectionRange: toRange(symbol.name.span),
  };
}

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const visit = (symbols: readonly FlowSymbol[]): void => {
    for (const s of symbols) {
      if (s.kind !== 'group') continue;
      const start = s.span.line - 1;
      // The closing `}` stays visible, as with braces elsewhere.
      const close = s.group?.closeSpan;
      const end = close ? close.line - 2 : s.extent.endLine - 1;
      if (end > start) ranges.push({ startLine: start, endLine: end });
      visit(s.children);
    }
  };
  visit(analysis.roots);
  // Runs of two or more lines holding only a comment.
  let runStart = -1;
  const lines = analysis.lines;
  for (let i = 0; i <= lines.length; i++) {
    const isComment = i < lines.length && /^\s*#/.test(lines[i]!);
    if (isComment && runStart < 0) runStart = i;
    if (!isComment && runStart >= 0) {
      if (i - 1 > runStart)
        ranges.push({ startLine: runStart, endLine: i - 1, kind: FoldingRangeKind.Comment });
      runStart = -1;
    }
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
