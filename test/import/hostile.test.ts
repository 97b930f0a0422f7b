/**
 * Hostile Mermaid through `flowc import`: whatever a label, id, class name, link, tooltip, title or
 * comment holds, the `.flow` written has exactly the statements the chart has (nothing injected),
 * no unsafe link and no lint directive it did not ask for; and what flowc then draws from it (SVG,
 * Mermaid, DOT) carries no script, no `javascript:` and no markup from the input. Huge and deep
 * input ends with an answer, not a hang or a stack overflow.
 */
import { check } from '../../src/check.js';
import { compileFormats } from '../../src/compile.js';
import { importMermaid } from '../../src/import/index.js';

const UNSAFE = /javascript:|vbscript:|data:text|<script|onerror=|onload=/i;

async function drawn(flow: string): Promise<string[]> {
  const { outputs } = await compileFormats(flow, ['svg', 'mermaid', 'dot'], {
    rules: { 'missing-start': 'off', 'missing-end': 'off' },
  });
  return Object.values(outputs).map(String);
}

/** Imports `text`; the .flow parses, and holds `nodes` nodes and `edges` edges. */
function imported(text: string, nodes: number, edges: number): string {
  const result = importMermaid(text);
  expect(result.error).toBeNull();
  const { ast, diagram } = check(result.flow!);
  expect(ast.diagnostics).toEqual([]);
  expect([diagram.nodes.length, diagram.edges.length]).toEqual([nodes, edges]);
  return result.flow!;
}

describe('nothing is injected into the .flow', () => {
  test('labels: quotes, backslashes, line breaks, braces, arrows and hashes stay inside the string', () => {
    const flow = imported(
      [
        'flowchart LR',
        '  a["#quot;] #10;evil: circle #35; -> x { } \\\\ #quot;"] --> b["a\\"]',
        '  b -->|"#quot;]\\n[label=#quot;x"| c[["#10;}#10;Z {#10;"]]',
      ].join('\n'),
      3,
      2,
    );
    expect(flow).not.toMatch(/^\s*evil:/m);
    expect(flow).not.toMatch(/^\s*Z \{/m);
    const { diagram } = check(flow);
    expect(diagram.nodes[0]!.label).toBe('"]\nevil: circle # -> x { } \\\\ "');
  });

  test('ids, class names and style names become identifiers', () => {
    const flow = imported(
      [
        'flowchart LR',
        '  a.b/c&d --> e:f',
        '  classDef x-1,y:z fill:red',
        '  class a.b/c&d x-1',
        '  e:f:::y:z',
      ].join('\n'),
      2,
      1,
    );
    const structural = new Set([
      'syntax',
      'unresolved-reference',
      'duplicate-id',
      'unknown-class',
      'duplicate-style',
    ]);
    expect(check(flow).diagnostics.filter((d) => structural.has(d.ruleId))).toEqual([]);
  });

  test('comments and titles that would read as lint directives are defused', () => {
    const flow = imported(
      [
        '---',
        'title: "flowc-disable"',
        '---',
        'flowchart LR',
        '%% flowc-disable',
        '  subgraph g["flowc-disable-next-line"]',
        '    a',
        '  end',
        '  %% flowc-disable-line unreachable-node',
        '  a --> b',
      ].join('\n'),
      2,
      1,
    );
    expect(flow).not.toMatch(/#\s*flowc-/);
    // The directives the text asks for are flowc's own: none here.
    expect(check(flow).diagnostics.map((d) => d.ruleId)).not.toContain('unused-disable-directive');
  });

  test('control characters never reach the file', () => {
    const flow = imported('flowchart LR\n  a["x\u0001y\u0007"] --> b\n  %% c\u0008d\n', 2, 1);
    expect(flow).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('messages', () => {
  const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

  test('what a warning quotes shows control characters as escapes, and is cut when long', () => {
    const result = importMermaid(
      `flowchart LR\n  a\n  click a "javascript:\u001b[31m${'x'.repeat(5000)}"\n`,
    );
    expect(result.error).toBeNull();
    const messages = result.warnings.map((w) => w.message);
    expect(messages.join('\n')).toMatch(/javascript:\\u001b\[31m/);
    for (const m of messages) {
      expect(m).not.toMatch(CONTROL);
      expect(m.length).toBeLessThanOrEqual(400);
    }
  });

  test('an error quoting binary input shows no control character', () => {
    const result = importMermaid('\u001b]0;title\u0007\u0000\u0001 flowchart');
    expect(result.flow).toBeNull();
    expect(result.error!.message).toMatch(/not a Mermaid flowchart/);
    expect(result.error!.message).not.toMatch(CONTROL);
  });
});

describe('unsafe links are dropped, safe ones kept', () => {
  const unsafe = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'javascript#58;alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
  ];
  test.each(unsafe)('click … "%s": dropped with a warning, in no output', async (link) => {
    const result = importMermaid(`flowchart LR\n  a --> b\n  click a "${link}" "tip"\n`);
    expect(result.error).toBeNull();
    expect(result.flow).not.toMatch(/link:/);
    expect(result.warnings.some((w) => /link .* is dropped/.test(w.message))).toBe(true);
    for (const output of await drawn(result.flow!)) expect(output).not.toMatch(UNSAFE);
  });

  test('a link that only looks like a scheme (javascript&#58;…) stays a harmless relative link', async () => {
    const result = importMermaid('flowchart LR\n  a --> b\n  click a "javascript&#58;alert(1)"\n');
    const link = check(result.flow!).diagram.nodes[0]!.link;
    expect(link === null || !/^[a-z][a-z0-9+.-]*:/i.test(link)).toBe(true);
    for (const output of await drawn(result.flow!)) expect(output).not.toMatch(UNSAFE);
  });

  test('a javascript: link inside a label is dropped too', async () => {
    const result = importMermaid(
      'flowchart LR\n  a["<a href=\'javascript:alert(1)\'>x</a>"] --> b\n',
    );
    expect(result.flow).not.toMatch(/link:/);
    for (const output of await drawn(result.flow!)) expect(output).not.toMatch(UNSAFE);
  });

  test('safe links are kept, and drawn escaped', async () => {
    const result = importMermaid(
      'flowchart LR\n  a --> b --> c\n  click a "https://example.com/?q=<b>&x=1" "A #quot;tip#quot; <script>alert(1)</script>"\n  click b href "docs/b.md"\n  click c "mailto:x@example.com"\n',
    );
    const { diagram } = check(result.flow!);
    expect(diagram.nodes.map((n) => n.link)).toEqual([
      expect.stringMatching(/^https:\/\/example\.com\/\?q=%3Cb%3E&x=1$/),
      'docs/b.md',
      'mailto:x@example.com',
    ]);
    expect(diagram.nodes[0]!.tooltip).not.toMatch(/<script/);
    for (const output of await drawn(result.flow!)) expect(output).not.toMatch(UNSAFE);
  });
});

describe('markup and scripts in labels', () => {
  test('HTML in labels, titles and tooltips is text at most, never markup in an output', async () => {
    const result = importMermaid(
      [
        'flowchart LR',
        '  subgraph g["<img src=x onerror=alert(1)>Group"]',
        '    a["<script>alert(1)</script><b onload=alert(2)>bold</b>"]',
        '  end',
        '  a -->|"<svg onload=alert(3)>"| b',
        '  click b callback "<iframe src=javascript:alert(4)>"',
      ].join('\n'),
    );
    expect(result.error).toBeNull();
    for (const output of await drawn(result.flow!)) expect(output).not.toMatch(UNSAFE);
    const { diagram } = check(result.flow!);
    expect(diagram.nodes.find((n) => n.id.endsWith('a'))!.label).toBe('bold');
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/<script> elements/);
  });
});

describe('size and depth', () => {
  test('a chart nested deeper than .flow allows is an error, not a stack overflow', () => {
    const depth = 5000;
    const result = importMermaid(
      `flowchart LR\n${'subgraph s\n'.repeat(depth)}x\n${'end\n'.repeat(depth)}`,
    );
    expect(result.flow).toBeNull();
    expect(result.error!.message).toMatch(/nest more than 32 deep/);
  });

  test('long runs the lexer could rescan (blanks, a:a:a, @{) end', () => {
    for (const text of [
      `flowchart LR\n${' '.repeat(200_000)}a --> b\n`,
      `flowchart LR\n${'a:'.repeat(50_000)}\n`,
      `flowchart LR\n${'a@{'.repeat(50_000)}\n`,
      `flowchart LR\n${'a & '.repeat(20_000)}b direction TB\n`,
    ]) {
      const result = importMermaid(text);
      expect(result.flow !== null || result.error !== null).toBe(true);
    }
  });

  test('a long chain: every edge, in order', () => {
    const n = 5_000;
    const text = `flowchart LR\n  ${Array.from({ length: n }, (_, i) => `a${i}`).join(' --> ')}\n`;
    const { diagram } = check(imported(text, n, n - 1));
    expect(diagram.edges[n - 2]).toMatchObject({ from: `a${n - 2}`, to: `a${n - 1}` });
  });
});
