/**
 * Random `.flow` files for the formatter's property tests, as a structure (settings, styles,
 * nodes, edges, groups, comments, blank lines) that can be written out many ways: `render` lays
 * the same structure out with random blanks wherever the grammar allows them, tabs, trailing
 * blanks, blank lines written as runs of several, CRLF line ends, and the attributes of each statement in another
 * order (keeping the relative order of repeated and unknown keys, which carries meaning). Every
 * rendering of one structure has the same canonical form. The structures use the whole language:
 * every shape, named styles, colours, line styles, links and tooltips, groups nested three deep,
 * references down through nested groups and edges to groups.
 */
import fc from 'fast-check';
import { SHAPE_NAMES } from '../../src/shapes/index.js';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, STYLE_ATTRIBUTES } from '../../src/model/attributes.js';

export type Item =
  | { kind: 'node'; id: string; shape: string; attributes: [string, string][]; comment?: string }
  | {
      kind: 'edge';
      from: string[];
      fromHandle?: string;
      to: string[];
      toHandle?: string;
      attributes: [string, string][];
      comment?: string;
    }
  | { kind: 'group'; name: string; title?: string; body: Item[]; closeComment?: string }
  | { kind: 'comment'; text: string }
  | { kind: 'blank' };

export interface FlowStructure {
  direction?: string;
  styles: { name: string; attributes: [string, string][] }[];
  items: Item[];
}

const IDS = ['a', 'b', 'c', 'start', 'end', 'n1', 'n2', 'x-y', 'é', 'Node_3', 'direction', 'style'];
const GROUPS = ['G', 'H', 'Client', 'Inner', 'Ω'];
const SHAPES = SHAPE_NAMES;
const STYLE_NAMES = ['warn', 'ok', 'style', 'Ω'];
const SIDES = ['top', 'right', 'bottom', 'left'];
const NODE_KEYS = [
  'label',
  'label',
  'colour',
  'lable',
  'class',
  'fill',
  'link',
  'tooltip',
  'text',
  'style',
  'stroke',
];
const EDGE_KEYS = ['label', 'label', 'style', 'color', 'class', 'weight'];
const STYLE_KEYS = ['fill', 'stroke', 'text', 'style', 'style', 'colour', 'label'];

const valueArb = fc
  .array(
    fc.constantFrom(
      'Start',
      'a b',
      ' ',
      '"',
      '\\',
      '\n',
      '#',
      '#x',
      'é',
      '😀',
      '{',
      '}',
      '->',
      '=',
      ',',
      ']',
      '\t',
      'red',
      'dashed',
      'dotted',
      'thick',
      '#fde',
      '#C33',
      'crimson',
      'warn',
      ' ok',
      'https://example.com/a?b=1&c=2',
      'mailto:x@example.com',
      'docs/x.md',
      'javascript:alert(1)',
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(''));

const commentArb = fc.constantFrom(
  ' note',
  '',
  ' flowc-disable-next-line',
  ' flowc-disable-line dead-end',
  '#',
  ' a "quoted" -> thing ',
  '\ttabbed',
  ' flowc-disable unreachable-node',
  ' flowc-enable',
);

const attributesArb = (keys: string[]): fc.Arbitrary<[string, string][]> =>
  fc.array(fc.tuple(fc.constantFrom(...keys), valueArb), { maxLength: 4 });

/** A node (`id`, `G.id`, `G.H.id`) or a group (`G`, `G.H`): an edge may end on a group's box. */
const refArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...IDS).map((id) => [id]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...GROUPS), fc.constantFrom(...IDS))
      .map(([g, id]) => [g, id]),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...GROUPS), fc.constantFrom(...GROUPS), fc.constantFrom(...IDS))
      .map(([g, h, id]) => [g, h, id]),
  },
  { weight: 1, arbitrary: fc.constantFrom(...GROUPS).map((g) => [g]) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...GROUPS), fc.constantFrom(...GROUPS)).map((p) => [...p]),
  },
);

const nodeArb: fc.Arbitrary<Item> = fc.record(
  {
    kind: fc.constant('node' as const),
    id: fc.constantFrom(...IDS),
    shape: fc.constantFrom(...SHAPES),
    attributes: attributesArb(NODE_KEYS),
    comment: commentArb,
  },
  { requiredKeys: ['kind', 'id', 'shape', 'attributes'] },
);

const edgeArb: fc.Arbitrary<Item> = fc.record(
  {
    kind: fc.constant('edge' as const),
    from: refArb,
    fromHandle: fc.constantFrom(...SIDES),
    to: refArb,
    toHandle: fc.constantFrom(...SIDES),
    attributes: attributesArb(EDGE_KEYS),
    comment: commentArb,
  },
  { requiredKeys: ['kind', 'from', 'to', 'attributes'] },
);

const statementArb = (): fc.Arbitrary<Item> =>
  fc.oneof(
    { weight: 4, arbitrary: nodeArb },
    { weight: 4, arbitrary: edgeArb },
    { weight: 1, arbitrary: commentArb.map((text) => ({ kind: 'comment' as const, text })) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 3 }).map((count) => ({ kind: 'blank' as const, count })),
    },
  );

/** A group whose body holds groups down to `depth` more levels. */
const groupArbOf = (depth: number): fc.Arbitrary<Item> =>
  fc.record(
    {
      kind: fc.constant('group' as const),
      name: fc.constantFrom(...GROUPS),
      title: fc.constantFrom(' Title', 'Title  ', ' a # b', ''),
      body: fc.array(
        depth === 0
          ? statementArb()
          : fc.oneof(
              { weight: 4, arbitrary: statementArb() },
              { weight: 1, arbitrary: groupArbOf(depth - 1) },
            ),
        { maxLength: 5 },
      ),
      closeComment: commentArb,
    },
    { requiredKeys: ['kind', 'name', 'body'] },
  );

const groupArb = groupArbOf(2);

export const flowStructureArb: fc.Arbitrary<FlowStructure> = fc.record(
  {
    direction: fc.constantFrom('LR', 'TB', 'RL', 'BT', 'XY'),
    styles: fc.array(
      fc.record({
        name: fc.constantFrom(...STYLE_NAMES),
        attributes: attributesArb(STYLE_KEYS),
      }),
      { maxLength: 3 },
    ),
    items: fc.array(
      fc.oneof({ weight: 5, arbitrary: statementArb() }, { weight: 1, arbitrary: groupArb }),
      {
        maxLength: 12,
      },
    ),
  },
  { requiredKeys: ['styles', 'items'] },
);

/** How one rendering lays the structure out. */
export interface Layout {
  /** Blanks (spaces and tabs) to use where the grammar allows them, cycled through. */
  blanks: string[];
  /** Line ends, cycled through. */
  eols: string[];
  /** A number per attribute key deciding the order keys are written in. */
  keyOrder: Record<string, number>;
  /** How many blank lines each run of blank lines is written as (one or more), cycled through. */
  blankRuns: number[];
}

export const layoutArb: fc.Arbitrary<Layout> = fc.record({
  blanks: fc.array(fc.constantFrom('', ' ', '  ', '\t', ' \t '), { minLength: 1, maxLength: 6 }),
  eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 1, maxLength: 3 }),
  keyOrder: fc.dictionary(
    fc.constantFrom(...new Set([...NODE_KEYS, ...EDGE_KEYS, ...STYLE_KEYS])),
    fc.integer({ min: 0, max: 9 }),
  ),
  blankRuns: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 5 }),
});

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const KNOWN = new Set([...NODE_ATTRIBUTES, ...EDGE_ATTRIBUTES, ...STYLE_ATTRIBUTES]);

export function render(structure: FlowStructure, layout: Layout): string {
  let b = 0;
  let e = 0;
  let x = 0;
  const blank = (): string => layout.blanks[b++ % layout.blanks.length]!;
  /** Where a blank is required (between two words), at least one space. */
  const space = (): string => blank() || ' ';
  const lines: string[] = [];
  const push = (text: string): void => void lines.push(text);
  // Keys in the layout's order; unknown keys all share one place, so their relative order stays.
  const order = (attributes: [string, string][]): [string, string][] => {
    const rank = (key: string): number => (KNOWN.has(key) ? (layout.keyOrder[key] ?? 5) : 10);
    return [...attributes].sort((p, q) => rank(p[0]) - rank(q[0]));
  };
  const comment = (text: string | undefined): string =>
    text === undefined ? '' : `${blank()}#${text}`;
  const ref = (path: string[], handle: string | undefined): string =>
    path.join(`${blank()}.${blank()}`) +
    (handle ? `${blank()}.${blank()}handle${blank()}(${blank()}${handle}${blank()})` : '');

  const item = (it: Item): void => {
    switch (it.kind) {
      case 'node': {
        const attrs = order(it.attributes)
          .map(([k, v]) => `${space()}${k}${blank()}:${blank()}${quote(v)}`)
          .join('');
        push(
          `${blank()}${it.id}${blank()}:${blank()}${it.shape}${attrs}${blank()}${comment(it.comment)}`,
        );
        break;
      }
      case 'edge': {
        const attrs = order(it.attributes).map(([k, v]) => `${k}${blank()}=${blank()}${quote(v)}`);
        const list =
          attrs.length > 0 || e % 3 === 0
            ? `${blank()}[${blank()}${attrs.join(`${blank()},${blank()}`)}${blank()}]`
            : '';
        e++;
        push(
          `${blank()}${ref(it.from, it.fromHandle)}${blank()}->${blank()}${ref(it.to, it.toHandle)}${list}${blank()}${comment(it.comment)}`,
        );
        break;
      }
      case 'group':
        push(
          `${blank()}${it.name}${blank()}{${it.title === undefined ? '' : `${blank()}#${it.title}`}`,
        );
        for (const inner of it.body) item(inner);
        push(`${blank()}}${comment(it.closeComment)}`);
        break;
      case 'comment':
        push(`${blank()}#${it.text}`);
        break;
      case 'blank': {
        const count = layout.blankRuns[x++ % layout.blankRuns.length]!;
        for (let i = 0; i < count; i++) lines.push(blank());
        break;
      }
    }
  };
  if (structure.direction) push(`${blank()}direction${space()}${structure.direction}`);
  for (const style of structure.styles) {
    const attrs = order(style.attributes)
      .map(([k, v]) => `${space()}${k}${blank()}:${blank()}${quote(v)}`)
      .join('');
    push(`${blank()}style${space()}${style.name}${attrs}${blank()}`);
  }
  for (const it of structure.items) item(it);
  let text = '';
  for (const [i, line] of lines.entries()) text += line + layout.eols[i % layout.eols.length]!;
  return text;
}
