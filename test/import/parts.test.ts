/**
 * The parts of `flowc import` on their own: label text, CSS, identifiers, shapes, the Markdown
 * blocks, Mermaid's preprocessing (with positions kept) and the `@{ }` YAML.
 */
import { declarations, readCss } from '../../src/import/mermaid/css.js';
import { IdAllocator, identifierFromTitle, toIdentifier } from '../../src/import/mermaid/ids.js';
import { mapShape } from '../../src/import/mermaid/shapes.js';
import fc from 'fast-check';
import {
  commentLines,
  keywordToSemicolon,
  LineIndex,
  prepare,
  type Matcher,
} from '../../src/import/mermaid/source.js';
import { plainText, plainUrl } from '../../src/import/mermaid/text.js';
import { readShapeData } from '../../src/import/mermaid/yaml.js';
import { diagramKind, looksLikeMarkdown, mermaidBlocks } from '../../src/import/index.js';
import { isIdentifier } from '../../src/syntax/print.js';

describe('label text', () => {
  const cases: [string, string, 'text' | 'string' | 'markdown', string, string[]][] = [
    ['plain text', 'Start', 'text', 'Start', []],
    [
      '<br> in every spelling, and \\n, are line breaks',
      'a<br>b<br/>c<BR />d\\ne',
      'text',
      'a\nb\nc\nd\ne',
      [],
    ],
    ['blanks collapse and lines are trimmed', '  a \t  b  <br>  c ', 'string', 'a b\nc', []],
    ['no-break spaces are spaces', '&nbsp;Yes&nbsp;', 'text', 'Yes', []],
    [
      'HTML entities',
      '&amp; &lt;x&gt; &quot; &#35; &#x1F600; &copy;',
      'text',
      '& <x> " # 😀 ©',
      [],
    ],
    [
      "Mermaid's entity codes",
      '\uFB02\u00B0quot\u00B6\u00DFhi\uFB02\u00B0\u00B035\u00B6\u00DF',
      'string',
      '"hi#',
      [],
    ],
    [
      'an unknown entity is kept and reported',
      '&bogus;',
      'text',
      '&bogus;',
      ['unknown entity &bogus; (kept as written)'],
    ],
    [
      'tags are dropped and reported',
      '<b>bold</b> <i>it</i>',
      'text',
      'bold it',
      ['<b> markup', '<i> markup'],
    ],
    ['a lone < is text', 'a < b', 'text', 'a < b', []],
    [
      'script content is dropped',
      'x<script>alert(1)</script>y',
      'text',
      'xy',
      ['<script> elements'],
    ],
    [
      'Markdown bold and italics',
      '**Bold** and *it* and __u__',
      'markdown',
      'Bold and it and u',
      ['bold and italic formatting'],
    ],
    [
      'Markdown keeps list lines',
      '**Title**\n1. one\n2. two',
      'markdown',
      'Title\n1. one\n2. two',
      ['bold and italic formatting'],
    ],
    [
      'Markdown: stars that do not pair are text',
      '2 * 3 = 6 and a*',
      'markdown',
      '2 * 3 = 6 and a*',
      [],
    ],
    ['Markdown escapes', '\\*not\\*', 'markdown', '*not*', []],
    ['Markdown: a literal \\n stays', 'a\\nb', 'markdown', 'a\\nb', []],
    [
      'control characters are dropped and reported',
      'a\u0001b\u007f',
      'text',
      'ab',
      ['control characters'],
    ],
    [
      'Font Awesome icons stay as text, reported',
      'fa:fa-car Car',
      'text',
      'fa:fa-car Car',
      ['Font Awesome icons (kept as text)'],
    ],
  ];
  test.each(cases)('%s', (_name, raw, type, text, dropped) => {
    const result = plainText(raw, type);
    expect(result.text).toBe(text);
    expect(result.dropped.sort()).toEqual([...dropped].sort());
  });

  test('links inside a label are returned', () => {
    expect(plainText("<a href='./x.html#y'>X</a>", 'text')).toEqual({
      text: 'X',
      dropped: [],
      links: ['./x.html#y'],
    });
  });

  test('a link keeps its characters, entity codes decoded', () => {
    expect(plainUrl(' https://e.com/?a=1&b=2#x ')).toBe('https://e.com/?a=1&b=2#x');
    expect(plainUrl('javascript\uFB02\u00B0\u00B058\u00B6\u00DFalert(1)')).toBe(
      'javascript:alert(1)',
    );
  });
});

describe('CSS', () => {
  test("Mermaid's comma-split lists are put back together", () => {
    expect(declarations(['fill:#f9f', 'stroke-dasharray: 5', ' 5', 'color:red;x:1'])).toEqual([
      ['fill', '#f9f'],
      ['stroke-dasharray', '5, 5'],
      ['color', 'red'],
      ['x', '1'],
    ]);
  });

  test('node styles: fill, stroke, colour, dashes, width', () => {
    expect(
      readCss(['fill:#fde', 'stroke:#c33', 'color:DarkRed', 'stroke-dasharray: 5 5'], 'node'),
    ).toEqual({
      look: { fill: '#fde', stroke: '#c33', text: 'DarkRed', style: 'dashed' },
      dropped: [],
    });
    expect(readCss(['stroke-width:3px'], 'node').look).toEqual({ style: 'thick' });
    expect(readCss(['stroke-dasharray:2 2'], 'node').look).toEqual({ style: 'dotted' });
  });

  test('what has no .flow equivalent is reported', () => {
    const { look, dropped } = readCss(
      ['fill:rgb(1,2,3)', 'font-size:20px', 'stroke:nocolour', 'rx:5'],
      'node',
    );
    expect(look).toEqual({});
    expect(dropped).toHaveLength(4);
    expect(dropped[0]).toMatch(/^fill:rgb\(1,2,3\) \(.*colour function/);
    expect(dropped[1]).toBe('font-size:20px');
  });

  test("edge styles: Mermaid's own fill:none is not reported", () => {
    expect(readCss(['stroke:red', 'stroke-width:4px', 'fill:none'], 'edge')).toEqual({
      look: { stroke: 'red', style: 'thick' },
      dropped: [],
    });
  });
});

describe('identifiers', () => {
  test('Mermaid ids become identifiers, deterministically, without collisions', () => {
    const ids = new IdAllocator();
    const got = ['A', 'a.b', 'a_b', '1', 'x-y', 'é', 'a/b&c', '-z', 'A'].map((id) =>
      ids.allocate(id),
    );
    expect(got).toEqual(['A', 'a_b', 'a_b_2', 'n1', 'x-y', 'é', 'a_b_c', 'n-z', 'A_2']);
    for (const id of got) expect(isIdentifier(id)).toBe(true);
  });

  test('hostile ids are still identifiers', () => {
    for (const raw of ['"; rm -rf /', '\u0000\u0001', '->', 'a->b', '😀', '---', '[x]', ''])
      expect(isIdentifier(toIdentifier(raw) || 'n')).toBe(true);
  });

  test('a title makes a short identifier', () => {
    expect(identifierFromTitle('Layer 1 (Ethereum)')).toBe('Layer_1_Ethereum');
    expect(identifierFromTitle('<br/>;')).toBe('br');
    expect(identifierFromTitle('!!!')).toBe('group');
    expect(identifierFromTitle('a'.repeat(50)).length).toBeLessThanOrEqual(32);
  });
});

describe('shapes', () => {
  test('exact counterparts map silently', () => {
    for (const [mermaid, flow] of [
      ['square', 'rectangle'],
      ['stadium', 'terminator'],
      ['subroutine', 'subroutine'],
      ['cylinder', 'cylinder'],
      ['circle', 'circle'],
      ['diamond', 'diamond'],
      ['hexagon', 'hexagon'],
      ['lean_right', 'parallelogram'],
      ['inv_trapezoid', 'trapezoid'],
      ['doc', 'document'],
      ['cyl', 'cylinder'],
      [undefined, 'rectangle'],
    ] as const)
      expect(mapShape(mermaid)).toEqual({ shape: flow });
  });

  test('the others map to the nearest shape and say what is lost', () => {
    expect(mapShape('round')).toEqual({ shape: 'rectangle', approximation: 'round corners' });
    expect(mapShape('doublecircle').shape).toBe('circle');
    expect(mapShape('lean_left').approximation).toBe('slanted to the left');
    expect(mapShape('no-such-shape')).toEqual({
      shape: 'rectangle',
      approximation: 'a shape flowc does not know',
    });
  });
});

describe('Markdown blocks', () => {
  const md = [
    '# Title',
    '',
    '```mermaid',
    'flowchart LR',
    '  a --> b',
    '```',
    '',
    '  ~~~~ Mermaid title="x"',
    '  sequenceDiagram',
    '  A->>B: hi',
    '  ~~~~',
    '',
    '```js',
    '```mermaid',
    '```',
    '- item',
    '  ```mermaid',
    '  graph TD',
    '    c --> d',
    '  ```',
    '````mermaid',
    'graph',
    '```',
    '````',
  ].join('\n');

  test('each ```mermaid block, its first line, its indentation removed', () => {
    expect(mermaidBlocks(md)).toEqual([
      { text: 'flowchart LR\n  a --> b\n', firstLine: 4 },
      { text: 'sequenceDiagram\nA->>B: hi\n', firstLine: 9 },
      { text: 'graph TD\n  c --> d\n', firstLine: 18 },
      { text: 'graph\n```\n', firstLine: 22 },
    ]);
  });

  test('the kind of diagram, past front matter, directives and comments', () => {
    expect(diagramKind('---\ntitle: x\n---\n%% c\nflowchart LR\n')).toBe('flowchart');
    expect(diagramKind('%% c\n---\ntitle: x\n---\nflowchart LR\n')).toBe('empty'); // Mermaid: no diagram
    expect(diagramKind('---\ntitle: x\n---\n%%{init: {}}%%\ngraph TD\n')).toBe('flowchart');
    expect(diagramKind('sequenceDiagram\n')).toBe('sequenceDiagram');
    expect(diagramKind('\n')).toBe('empty');
  });

  test('Markdown is told from Mermaid by its fences', () => {
    expect(looksLikeMarkdown(md)).toBe(true);
    expect(looksLikeMarkdown('flowchart LR\n a --> b\n')).toBe(false);
  });
});

describe("Mermaid's preprocessing keeps positions", () => {
  test('comments, front matter and directives are taken off; lines still known', () => {
    const text =
      '---\ntitle: T\nconfig:\n  x: 1\n---\n%%{init: {}}%%\nflowchart LR\r\n%% note\n  a --> b\n';
    const prepared = prepare(text);
    expect(prepared.title).toBe('T');
    expect(prepared.comments).toEqual([{ text: 'note', offset: text.indexOf('%% note') }]);
    expect(prepared.dropped.map((d) => d.what)).toEqual([
      "front-matter setting 'config'",
      "directive '%%{init: {}}%%'",
    ]);
    expect(prepared.text.text).toBe('flowchart LR\n  a --> b\n\n');
    const lines = new LineIndex(text);
    const at = prepared.text.text.indexOf('a -->');
    expect(lines.lineOf(prepared.text.origin[at]!)).toBe(9);
  });

  test("entity codes become Mermaid's placeholders; a style line's last ';' goes", () => {
    const prepared = prepare('graph\n a[#quot;x#quot;]\n style a fill:#f9f;\n');
    expect(prepared.text.text).toBe(
      'graph\n a[\uFB02\u00B0quot\u00B6\u00DFx\uFB02\u00B0quot\u00B6\u00DF]\n style a fill:#f9f\n\n',
    );
  });
});

describe("Mermaid's RegExps, in linear time", () => {
  /** Every match of a global RegExp: index, text and groups. */
  const regExpMatches = (pattern: RegExp, text: string): string[] =>
    [...text.matchAll(pattern)].filter((m) => m[0] !== '').map((m) => `${m.index} ${[...m]}`);
  const matcherMatches = (matcher: Matcher, text: string): string[] =>
    [...matcher(text)].map((m) => `${m.index} ${[...m]}`);
  const text = (alphabet: string[]) =>
    fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((parts) => parts.join(''));

  test.each([
    ['style', /style.*:\S*#.*;/g],
    ['classDef', /classDef.*:\S*#.*;/g],
  ])("a %s line's last ';': the same matches as Mermaid's RegExp", (keyword, pattern) => {
    const alphabet = [keyword, ':', '#', ';', ' ', '\t', '\n', '\u2028', 'a', 'f0', ','];
    fc.assert(
      fc.property(text(alphabet), (t) => {
        expect(matcherMatches(keywordToSemicolon(keyword), t)).toEqual(regExpMatches(pattern, t));
      }),
      { numRuns: 2000 },
    );
  });

  test("comment lines: the same matches as Mermaid's RegExp", () => {
    const alphabet = ['%%', '%', '{', ' ', '\t', '\n', '\u2028', '\r', 'a', 'x y'];
    fc.assert(
      fc.property(text(alphabet), (t) => {
        expect(matcherMatches(commentLines, t)).toEqual(
          regExpMatches(/^\s*%%(?!{)([^\n]+)\n?/gm, t),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('@{ } settings', () => {
  test('a flow mapping on one line, a block mapping over several', () => {
    expect(readShapeData(' shape: cyl, label: "A, \\"B\\"\\nC" ')).toEqual({
      shape: 'cyl',
      label: 'A, "B"\nC',
    });
    expect(readShapeData("\n  shape: doc\n  label: 'it''s'\n  w: 80\n")).toEqual({
      shape: 'doc',
      label: "it's",
      w: 80,
    });
  });

  test('what is not YAML is an error (reported by the import)', () => {
    expect(() => readShapeData('shape cyl')).toThrow();
    expect(() => readShapeData('label: "open')).toThrow();
  });
});
