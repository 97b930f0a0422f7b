/**
 * Looks and links in the model: colours checked and normalised, named styles and classes with
 * their precedence, line styles, and links that are either safe and percent-encoded or left out
 * (whatever the rule settings say).
 */
import { check } from '../../src/check.js';
import { checkLink, parseColor, resolve } from '../../src/model/index.js';
import { parse } from '../../src/syntax/index.js';

const flow = (...lines: string[]): string => `${lines.join('\n')}\n`;
const model = (text: string) => resolve(parse(text));
const messages = (text: string) =>
  model(text).diagnostics.map((d) => [d.ruleId, d.severity, d.message]);

describe('colours', () => {
  test.each([
    ['red', '#ff0000'],
    ['RebeccaPurple', '#663399'],
    ['transparent', '#00000000'],
    ['#ABC', '#aabbcc'],
    ['#abcd', '#aabbccdd'],
    ['#A1B2C3', '#a1b2c3'],
    ['#a1b2c3ff', '#a1b2c3'],
    ['#a1b2c380', '#a1b2c380'],
  ])('%s is %s', (written, normalised) => {
    expect(parseColor(written)).toEqual({ color: normalised });
  });

  test.each([
    ['lightgren', `unknown colour "lightgren": did you mean 'lightgreen'?`],
    [
      '#12345',
      '"#12345" is not a hex colour: write #rgb, #rgba, #rrggbb or #rrggbbaa (hex digits 0-9, a-f)',
    ],
    [
      '#ggg',
      '"#ggg" is not a hex colour: write #rgb, #rgba, #rrggbb or #rrggbbaa (hex digits 0-9, a-f)',
    ],
    [
      'rgb(1,2,3)',
      '"rgb(1,2,3)" is a CSS colour function, which flowc does not read: write it as hex (#rrggbb)',
    ],
    ['ff0000', `unknown colour "ff0000": did you mean '#ff0000'?`],
    [' red', `unknown colour " red": did you mean 'red'? (no spaces around a colour)`],
    [
      '"><script>',
      `unknown colour "\\"><script>": expected a CSS colour name (e.g. 'steelblue') or hex (#rrggbb)`,
    ],
    ['', `unknown colour "": expected a CSS colour name (e.g. 'steelblue') or hex (#rrggbb)`],
  ])('%j is refused', (written, message) => {
    expect(parseColor(written)).toMatchObject({ problem: message });
  });

  test('the colour a message suggests is the edit an editor offers', () => {
    expect(parseColor('lightgren')).toMatchObject({ suggestion: 'lightgreen' });
    expect(parseColor('ff0000')).toMatchObject({ suggestion: '#ff0000' });
    expect(parseColor('#12345')).toMatchObject({ suggestion: null });
    const [d] = model(flow('a: rectangle fill:"lightgren"')).diagnostics;
    expect(d!.suggestions).toEqual([
      { text: 'lightgreen', span: { line: 1, column: 20, endLine: 1, endColumn: 29 } },
    ]);
  });

  test('an unknown colour is an error at the value and is left out; the rest of the look stays', () => {
    const { diagram, diagnostics } = model(
      flow('a: rectangle fill:"lightgren" stroke:"Navy" text:"#FFF" style:"dashed"'),
    );
    expect(diagnostics.map((d) => [d.ruleId, d.span.column, d.span.endColumn])).toEqual([
      ['unknown-color', 19, 30],
    ]);
    expect(diagram.nodes[0]!.style).toEqual({ stroke: '#000080', text: '#ffffff', line: 'dashed' });
  });
});

describe('named styles and classes', () => {
  const text = flow(
    'style base fill:"white" stroke:"gray" text:"black" style:"dotted"',
    'style warn fill:"#fde" stroke:"#c33"',
    'a: rectangle class:"base warn" stroke:"blue"',
    'b: rectangle class:"warn base"',
    'c: rectangle',
    'a -> b [class="warn"]',
    'b -> c [class="base", color="green", style="thick"]',
  );

  test('own attributes win over classes, a later class over an earlier one', () => {
    const { diagram, diagnostics } = model(text);
    expect(diagnostics).toEqual([]);
    const [a, b, c] = diagram.nodes;
    expect(a!.classes).toEqual(['base', 'warn']);
    expect(a!.style).toEqual({
      fill: '#ffddee',
      stroke: '#0000ff',
      text: '#000000',
      line: 'dotted',
    });
    expect(b!.style).toEqual({
      fill: '#ffffff',
      stroke: '#808080',
      text: '#000000',
      line: 'dotted',
    });
    expect(c!.style).toEqual({});
    expect(c!.classes).toEqual([]);
  });

  test("an edge takes a class's stroke as its colour, its style as its line, its text for the label", () => {
    const { diagram } = model(text);
    expect(diagram.edges.map((e) => e.style)).toEqual([
      { color: '#cc3333' },
      { color: '#008000', line: 'thick', text: '#000000' },
    ]);
  });

  test('the declared styles are in the diagram, in order, normalised', () => {
    expect(model(text).diagram.styles.map((s) => [s.name, s.style])).toEqual([
      ['base', { fill: '#ffffff', stroke: '#808080', text: '#000000', line: 'dotted' }],
      ['warn', { fill: '#ffddee', stroke: '#cc3333' }],
    ]);
  });

  test('a style may be declared after the nodes that use it', () => {
    const { diagram, diagnostics } = model(
      flow('a: rectangle class:"late"', 'style late fill:"red"'),
    );
    expect(diagnostics).toEqual([]);
    expect(diagram.nodes[0]!.style).toEqual({ fill: '#ff0000' });
  });

  test('unknown, duplicate, unused styles and bad values', () => {
    expect(
      messages(
        flow(
          'style warning fill:"red"',
          'style warning fill:"blue"',
          'style spare stroke:"red" colour:"red" style:"dashd"',
          'a: rectangle class:"warnng"',
          'b: rectangle class:"warning nope"',
          'c: rectangle class:"  "',
          'a -> b [style="wavy"]',
        ),
      ),
    ).toEqual([
      [
        'duplicate-style',
        'error',
        "style 'warning' is already declared on line 1: only the first declaration counts",
      ],
      [
        'unused-style',
        'warning',
        "style 'spare' is never used: no node or edge has it in its 'class'",
      ],
      [
        'unknown-attribute',
        'error',
        "unknown attribute 'colour': did you mean 'fill', 'stroke' or 'text'?",
      ],
      ['invalid-value', 'error', `unknown style "dashd": did you mean 'dashed'?`],
      ['unknown-class', 'error', "unknown class 'warnng': did you mean 'warning'?"],
      [
        'unknown-class',
        'error',
        "unknown class 'nope': the declared styles are 'warning' or 'spare'",
      ],
      [
        'invalid-value',
        'error',
        'the class list is empty: name one or more styles, separated by spaces',
      ],
      ['invalid-value', 'error', `unknown style "wavy": expected solid, dashed, dotted or thick`],
    ]);
  });

  test('an unknown class is reported at its name inside the quotes', () => {
    const [d] = model(flow('style ok fill:"red"', 'a: rectangle class:"ok nope"')).diagnostics;
    expect([d!.span.line, d!.span.column, d!.span.endColumn]).toEqual([2, 24, 28]);
  });

  test('a class written on an edge without any style declared says how to declare one', () => {
    expect(messages(flow('a: rectangle', 'b: rectangle', 'a -> b [class="hot"]'))).toEqual([
      [
        'unknown-class',
        'error',
        `unknown class 'hot': the file declares no style (write 'style hot fill:"…"' at the top level)`,
      ],
    ]);
  });

  test('other tools\u2019 words get a suggestion', () => {
    expect(
      messages(flow('a: rectangle color:"red"', 'b: rectangle', 'a -> b [stroke="red"]')),
    ).toEqual([
      [
        'unknown-attribute',
        'error',
        "unknown attribute 'color': did you mean 'fill', 'stroke' or 'text'?",
      ],
      ['unknown-attribute', 'error', "unknown attribute 'stroke': did you mean 'color'?"],
    ]);
  });
});

describe('links', () => {
  test.each([
    ['https://example.com/a?b=1&c=2#d', 'https://example.com/a?b=1&c=2#d'],
    ['HTTP://EXAMPLE.COM', 'HTTP://EXAMPLE.COM'],
    ['mailto:team@example.com?subject=Hi there', 'mailto:team@example.com?subject=Hi%20there'],
    ['docs/My Guide.md', 'docs/My%20Guide.md'],
    ['#section', '#section'],
    ['../index.html', '../index.html'],
    ['//cdn.example.com/x', '//cdn.example.com/x'],
    ['a"b<c>d\\e`f{g}|^', 'a%22b%3Cc%3Ed%5Ce%60f%7Bg%7D%7C%5E'],
    ['100%', '100%25'],
    ['%41%zz', '%41%25zz'],
    ['guide/Début.md', 'guide/D%C3%A9but.md'],
    ['./a:b.md', './a:b.md'],
    ['Tom &amp; Jerry.md', 'Tom%20%26amp;%20Jerry.md'],
    ['?a=1&b=2', '?a=1&b=2'],
  ])('%j is safe, written %j', (written, normalised) => {
    expect(checkLink(written)).toEqual({ link: normalised });
  });

  test.each([
    [
      'javascript:alert(1)',
      "unsafe link: 'javascript:' links are not allowed, only http:, https:, mailto: and relative links",
    ],
    [
      'JavaScript:alert(1)',
      "unsafe link: 'JavaScript:' links are not allowed, only http:, https:, mailto: and relative links",
    ],
    [
      'data:text/html,<script>alert(1)</script>',
      "unsafe link: 'data:' links are not allowed, only http:, https:, mailto: and relative links",
    ],
    [
      'vbscript:msgbox',
      "unsafe link: 'vbscript:' links are not allowed, only http:, https:, mailto: and relative links",
    ],
    [
      'file:///etc/passwd',
      "unsafe link: 'file:' links are not allowed, only http:, https:, mailto: and relative links",
    ],
    [
      'a:b.md',
      "unsafe link: 'a:' links are not allowed, only http:, https:, mailto: and relative links",
    ],
    ['java\tscript:alert(1)', 'a link cannot contain control characters (tabs, line breaks)'],
    ['java\nscript:alert(1)', 'a link cannot contain control characters (tabs, line breaks)'],
    [' javascript:alert(1)', 'a link cannot start or end with spaces'],
    ['', 'the link is empty'],
  ])('%j is refused', (written, problem) => {
    expect(checkLink(written)).toMatchObject({ problem });
  });

  const unsafe = flow(
    's: circle',
    'n: rectangle link:"javascript:alert(1)" tooltip:"Tip"',
    'e: circle',
    's -> n',
    'n -> e',
  );

  test('an unsafe link is an error at the value; the node keeps its tooltip but gets no link', () => {
    const result = check(unsafe);
    expect(result.diagnostics.map((d) => [d.ruleId, d.span.line, d.span.column])).toEqual([
      ['unsafe-link', 2, 19],
    ]);
    expect(result.diagram.nodes[1]).toMatchObject({ link: null, tooltip: 'Tip' });
  });

  test('switched off or suppressed, the report goes but the link never comes back', () => {
    const off = check(unsafe, { rules: { 'unsafe-link': 'off' } });
    expect(off.diagnostics).toEqual([]);
    expect(off.diagram.nodes[1]!.link).toBeNull();
    const suppressed = check(
      unsafe.replace('tooltip:"Tip"', 'tooltip:"Tip"  # flowc-disable-line unsafe-link'),
    );
    expect(suppressed.diagnostics).toEqual([]);
    expect(suppressed.diagram.nodes[1]!.link).toBeNull();
  });

  test('a safe link and a tooltip are kept on the node', () => {
    const { diagram } = model(
      flow('n: rectangle link:"docs/a b.md" tooltip:"Line one\\nline two"'),
    );
    expect(diagram.nodes[0]).toMatchObject({
      link: 'docs/a%20b.md',
      tooltip: 'Line one\nline two',
    });
  });
});
