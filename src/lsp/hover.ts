/**
 * Hover on a node or group id (a declaration or any segment of a reference): what it is, its
 * label, shape and group, in Markdown. On a setting line (`direction TB`, `layout lanes`): what
 * the setting does and each of its values.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Direction, LayoutKind } from '../model/diagram.js';
import { SETTING_VALUES } from '../model/index.js';
import type { SettingDecl, SettingKey } from '../syntax/ast.js';
import type { Analysis, FlowSymbol } from './analysis.js';
import { occurrenceAt } from './analysis.js';
import { spanContains, toRange } from './positions.js';

/** What each setting and each of its values means (docs/language.md); a value left out does not compile. */
const SETTING_HELP: {
  direction: { what: string; values: Record<Direction, string> };
  layout: { what: string; values: Record<LayoutKind, string> };
} = {
  direction: {
    what: 'the direction the diagram flows in (the command line’s `--direction` overrides it)',
    values: {
      LR: 'left to right (the default)',
      TB: 'top to bottom',
      RL: 'right to left',
      BT: 'bottom to top',
    },
  },
  layout: {
    what: 'how groups are drawn (without the line: whichever measures better; `--layout` and `render.layout` override it)',
    values: {
      layered: 'groups as compact boxes, the flow in layers (the picture Graphviz dot draws)',
      lanes: 'every group a swimlane across the drawing, for groups that are actors',
    },
  },
};

export function hover(analysis: Analysis, position: Position): Hover | null {
  const setting = analysis.ast.items.find(
    (item): item is SettingDecl =>
      item.kind === 'setting' &&
      (spanContains(item.key.span, position) || spanContains(item.value.span, position)),
  );
  if (setting) return settingHover(setting);
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

function settingHover(setting: SettingDecl): Hover | null {
  if (!Object.hasOwn(SETTING_HELP, setting.key.name)) return null;
  const key = setting.key.name as SettingKey;
  const help = SETTING_HELP[key];
  const meanings = help.values as Record<string, string>;
  const value = setting.value.name;
  const lines = [
    `**${key}** \`${escape(value)}\`${Object.hasOwn(meanings, value) ? ` — ${meanings[value]!}` : ' — not a value of this setting'}`,
    '',
    help.what,
    '',
    SETTING_VALUES[key].map((v) => `\`${v}\`: ${meanings[v]!}`).join('  \n'),
  ];
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: toRange(setting.span),
  };
}

/** Markdown's special characters shown as themselves. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|]/g, (c) => `\\${c}`);
}
