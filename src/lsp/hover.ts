/**
 * Hover on a node or group id (a declaration or any segment of a reference): what it is, its
 * label, shape and group, in Markdown.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Analysis, FlowSymbol } from './analysis.js';
import { occurrenceAt } from './analysis.js';
import { toRange } from './positions.js';

export function hover(analysis: Analysis, position: Position): Hover | null {
  const at = occurrenceAt(analysis, position);
  const symbol = at ? analysis.symbols.get(at.id) : undefined;
  if (!at || !symbol) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: describe(analysis, symbol) },
    range: toRange(at.span),
  };
}

export function describe(analysis: Analysis, symbol: FlowSymbol): string {
  const lines: string[] = [];
  if (symbol.kind === 'style') {
    lines.push(`**style** \`${symbol.name.name}\``);
    const attributes = symbol.style?.attributes ?? [];
    if (attributes.length > 0)
      lines.push(
        '',
        attributes.map((a) => `${a.key.name}: “${escape(a.value.value)}”`).join(' · '),
      );
    const uses = (analysis.occurrencesById.get(symbol.id) ?? []).filter((o) => !o.declaration);
    lines.push(
      '',
      `used by ${uses.length} node${uses.length === 1 ? '' : 's'} or edge${uses.length === 1 ? '' : 's'} · line ${symbol.span.line}`,
    );
  } else if (symbol.kind === 'group') {
    const title = symbol.group?.title;
    lines.push(`**group** \`${symbol.id}\`${title ? ` — ${escape(title)}` : ''}`);
    const nodes = symbol.children.filter((c) => c.kind === 'node').length;
    const groups = symbol.children.length - nodes;
    const parts = [`${nodes} node${nodes === 1 ? '' : 's'}`];
    if (groups > 0) parts.push(`${groups} group${groups === 1 ? '' : 's'}`);
    lines.push('', parts.join(', '));
  } else {
    const node = analysis.nodesById.get(symbol.id);
    const shape = node?.shape ?? symbol.node?.shape.name ?? 'node';
    lines.push(`**${shape}** \`${symbol.id}\``);
    const label =
      node?.label ?? symbol.node?.attributes.find((a) => a.key.name === 'label')?.value.value;
    if (label !== undefined) lines.push('', `label: “${escape(label).replace(/\n/g, ' ⏎ ')}”`);
    lines.push(
      '',
      symbol.parent
        ? `in group \`${symbol.parent.id}\`${symbol.parent.group?.title ? ` (${escape(symbol.parent.group.title)})` : ''}`
        : 'at the top level',
    );
    const edges = analysis.diagram.edges;
    const incoming = edges.filter((e) => e.to === symbol.id).length;
    const outgoing = edges.filter((e) => e.from === symbol.id).length;
    lines.push('', `${incoming} in, ${outgoing} out · line ${symbol.span.line}`);
  }
  return lines.join('\n');
}

/** Markdown's special characters shown as themselves. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|]/g, (c) => `\\${c}`);
}
