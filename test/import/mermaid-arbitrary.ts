/**
 * Random Mermaid flowcharts for the property tests of `flowc import`: every statement form the
 * reader handles (bracket shapes, `@{ }` shapes, every arrow, both label syntaxes, chains, `&`,
 * nested subgraphs, classDef/class/:::/style/linkStyle/click, comments, `;`, blank lines), with
 * ids and labels drawn from characters that are special somewhere (quotes, brackets, `#…;`
 * entity codes, `<br>`, `&`, `|`, `-`, `.`, `=`, non-ASCII letters, control characters). Most
 * charts are valid Mermaid, some are not: both readers must then agree that they are not.
 */
import fc from 'fast-check';

const ID_CHARS = ['a', 'b', 'c', 'X', 'Y', '1', '2', '_', '-', 'é', 'ü', 'ж', '.', '/'];
const TEXT_PIECES = [
  'a',
  'b c',
  'Start',
  ' ',
  '  ',
  '<br>',
  '<br/>',
  '<b>bold</b>',
  '#quot;',
  '#35;',
  '#amp;',
  '&amp;',
  '&nbsp;',
  '&',
  '<',
  '>',
  '-',
  '--',
  '.',
  '=',
  '/',
  '\\',
  ':',
  ',',
  ';',
  '?',
  "'",
  'end',
  'style',
  'é',
  '😀',
  '\t',
  '\u0001',
  '\\n',
  'direction',
];

const idArb = fc
  .tuple(
    fc.constantFrom('A', 'B', 'C', 'D', 'n', 'node', 'x1', 'Ab_c', 'é', 'end1', 'sub', '1'),
    fc.array(fc.constantFrom(...ID_CHARS), { maxLength: 3 }),
  )
  .map(([head, tail]) => head + tail.join(''));

const rawTextArb = fc
  .array(fc.constantFrom(...TEXT_PIECES), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(''));

/** A label in one of Mermaid's text forms: plain, quoted, or a Markdown string. */
const labelArb = fc.oneof(
  { weight: 3, arbitrary: rawTextArb },
  { weight: 2, arbitrary: rawTextArb.map((t) => `"${t.replace(/"/g, '')}"`) },
  // A backslash before the closing `**` is a known difference (docs/import.md): marked, which
  // Mermaid uses, pairs `**\**` differently from CommonMark.
  {
    weight: 1,
    arbitrary: rawTextArb.map((t) => `"\`**${t.replace(/[`"]/g, '').replace(/\\+$/, '')}**\`"`),
  },
);

const SHAPES: [string, string][] = [
  ['[', ']'],
  ['(', ')'],
  ['((', '))'],
  ['(((', ')))'],
  ['([', '])'],
  ['[[', ']]'],
  ['[(', ')]'],
  ['{', '}'],
  ['{{', '}}'],
  ['>', ']'],
  ['[/', '/]'],
  ['[\\', '\\]'],
  ['[/', '\\]'],
  ['[\\', '/]'],
  ['(-', '-)'],
];
const NEW_SHAPES = [
  'rect',
  'rounded',
  'stadium',
  'cyl',
  'diam',
  'hex',
  'doc',
  'lean-r',
  'trap-t',
  'circle',
  'fr-rect',
  'bolt',
  'Nope',
];

const vertexArb = fc.oneof(
  { weight: 3, arbitrary: idArb },
  {
    weight: 5,
    arbitrary: fc
      .tuple(idArb, fc.constantFrom(...SHAPES), labelArb)
      .map(([id, [open, close], label]) => `${id}${open}${label}${close}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(idArb, fc.constantFrom(...NEW_SHAPES), fc.option(rawTextArb, { nil: undefined }))
      .map(
        ([id, shape, label]) =>
          `${id}@{ shape: ${shape}${label === undefined ? '' : `, label: "${label.replace(/["\\]/g, '')}"`} }`,
      ),
  },
);

const styledVertexArb = fc.oneof(
  { weight: 6, arbitrary: vertexArb },
  {
    weight: 1,
    arbitrary: fc.tuple(vertexArb, fc.constantFrom('red', 'warn')).map(([v, c]) => `${v}:::${c}`),
  },
);

const nodeGroupArb = fc
  .array(styledVertexArb, { minLength: 1, maxLength: 3 })
  .map((vs) => vs.join(' & '));

const ARROWS = [
  '-->',
  '---',
  '-.->',
  '-.-',
  '==>',
  '===',
  '<-->',
  'o--o',
  'x--x',
  '--o',
  '--x',
  '---->',
  '-..->',
  '====>',
  '~~~',
  '<-.->',
  '<==>',
];
const arrowArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ARROWS).map((a) => ` ${a} `) },
  { weight: 1, arbitrary: fc.constantFrom(...ARROWS).map((a) => a) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('-->', '---', '-.->', '==>', '<-->'), rawTextArb)
      .map(([a, t]) => ` ${a}|${t.replace(/\|/g, '')}| `),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(['--', '-->'], ['--', '---'], ['==', '==>'], ['-.', '.->'], ['<--', '-->']),
        rawTextArb,
      )
      .map(([[s, e], t]) => ` ${s} ${t} ${e} `),
  },
  { weight: 1, arbitrary: fc.constant(' e1@--> ') },
);

const vertexStatementArb = fc
  .tuple(nodeGroupArb, fc.array(fc.tuple(arrowArb, nodeGroupArb), { maxLength: 3 }))
  .map(([first, rest]) => first + rest.map(([a, n]) => a + n).join(''));

const cssArb = fc
  .array(
    fc.constantFrom(
      'fill:#f9f',
      'stroke:#333',
      'stroke-width:4px',
      'color:red',
      'stroke-dasharray: 5 5',
      'fill:#fde',
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => parts.join(','));

const simpleStatementArb = fc.oneof(
  { weight: 12, arbitrary: vertexStatementArb },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('red', 'warn', 'default'), cssArb)
      .map(([n, c]) => `classDef ${n} ${c}`),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(idArb, fc.constantFrom('red', 'warn')).map(([id, c]) => `class ${id} ${c}`),
  },
  { weight: 1, arbitrary: fc.tuple(idArb, cssArb).map(([id, c]) => `style ${id} ${c}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('0', '1', '0,1', 'default'), cssArb)
      .map(([n, c]) => `linkStyle ${n} ${c}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        idArb,
        fc.constantFrom(
          '"https://example.com/a?b=1"',
          '"javascript:alert(1)"',
          'href "docs/x.md" "Tip"',
          '"mailto:a@b.c" _blank',
          'callback',
          'call fn()',
        ),
      )
      .map(([id, rest]) => `click ${id} ${rest}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('%% a comment', '%% flowc-disable', 'direction LR') },
);

function statementsArb(depth: number): fc.Arbitrary<string[]> {
  const subgraphArb: fc.Arbitrary<string[]> =
    depth >= 3
      ? fc.constant([])
      : fc
          .tuple(
            fc.oneof(
              idArb,
              fc
                .tuple(idArb, rawTextArb)
                .map(([id, t]) => `${id}[${t.replace(/[[\]()|{}"]/g, '')}]`),
              rawTextArb.map((t) => `"${t.replace(/"/g, '')}"`),
            ),
            fc.constant(null).chain(() => statementsArb(depth + 1)),
          )
          .map(([head, body]) => [`subgraph ${head}`, ...body.map((l) => `  ${l}`), 'end']);
  return fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: simpleStatementArb.map((s) => [s]) },
        { weight: 1, arbitrary: subgraphArb },
        { weight: 1, arbitrary: fc.constant(['']) },
      ),
      { maxLength: depth === 0 ? 8 : 4 },
    )
    .map((groups) => groups.flat());
}

export const mermaidFlowchartArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'flowchart TD',
      'flowchart LR',
      'graph TB',
      'graph',
      'flowchart RL;',
      'graph BT',
      'flowchart-elk TD',
    ),
    statementsArb(0),
    fc.constantFrom('\n', '\r\n'),
    fc.constantFrom('', ';', ' '),
    // Lines whose blanks are doubled: where Mermaid's grammar wants exactly one, it then refuses.
    fc.array(fc.boolean(), { maxLength: 12 }),
  )
  .map(
    ([header, lines, eol, end, doubled]) =>
      [
        header,
        ...lines.map((l, i) => {
          const line = doubled[i % Math.max(doubled.length, 1)] ? l.replace(/ /g, '  ') : l;
          return line ? `  ${line}${end}` : line;
        }),
      ].join(eol) + eol,
  );

/**
 * The random charts are the same on every run (CI stays deterministic: Mermaid's quirks are a long
 * tail); FLOWC_IMPORT_SEED=N explores others, and a failure prints its seed.
 */
export const RANDOM_SEED = Number(process.env['FLOWC_IMPORT_SEED'] ?? 20261201);
