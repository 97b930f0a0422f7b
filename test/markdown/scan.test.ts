/**
 * Finding ```flow blocks in Markdown: the fences CommonMark knows (backticks, tildes, longer
 * fences, indentation, list items, block quotes, CRLF), and none of the look-alikes.
 */
import { scanMarkdown } from '../../src/markdown/scan.js';
import { mayHaveFlowBlocks } from '../../src/files/markdown.js';
import { parseInfo } from '../../src/markdown/info.js';

const FLOW = 'a: circle\nb: circle\na -> b\n';

const md = (...lines: string[]) => lines.join('\n') + '\n';

describe('scanMarkdown', () => {
  test('a backtick fence: source, lines and id by position', () => {
    const doc = scanMarkdown(
      md('# Title', '', '```flow', 'a: circle', 'b: circle', 'a -> b', '```'),
    );
    expect(doc.blocks).toHaveLength(1);
    const [block] = doc.blocks;
    expect(block!.source).toBe(FLOW);
    expect(block!.fenceIndex).toBe(2);
    expect(block!.closeIndex).toBe(6);
    expect(block!.id).toBe('1');
    expect(block!.explicitId).toBe(false);
    expect(block!.offsets).toEqual([0, 0, 0]);
    expect(block!.problems).toEqual([]);
  });

  test('tilde fences and longer fences', () => {
    const doc = scanMarkdown(
      md('~~~flow', 'a: circle', '~~~', '', '````flow', 'b: circle', '```', 'c: circle', '````'),
    );
    expect(doc.blocks.map((b) => b.source)).toEqual(['a: circle\n', 'b: circle\n```\nc: circle\n']);
    expect(doc.blocks.map((b) => b.closeIndex)).toEqual([2, 8]);
  });

  test('an indented fence (up to three spaces) strips its indentation and reports columns with it', () => {
    const doc = scanMarkdown(md('   ```flow', '   a: circle', '  b: circle', '   ```'));
    const block = doc.blocks[0]!;
    expect(block.source).toBe('a: circle\nb: circle\n');
    expect(block.offsets).toEqual([3, 2]);
    expect(block.prefix).toBe('   ');
  });

  test('four spaces make an indented code block, not a fence', () => {
    expect(scanMarkdown(md('Text', '', '    ```flow', '    a: circle', '    ```')).blocks).toEqual(
      [],
    );
  });

  test('a flow fence inside another fence is text, not a block', () => {
    const doc = scanMarkdown(md('````markdown', '```flow', 'a: circle', '```', '````'));
    expect(doc.blocks).toEqual([]);
  });

  test('blocks in list items, ordered and unordered, with the marker on the fence line or before it', () => {
    const doc = scanMarkdown(
      md(
        '1. First step:',
        '',
        '   ```flow',
        '   a: circle',
        '   ```',
        '2. ```flow id=second',
        '   b: circle',
        '   ```',
        '- nested:',
        '  - ```flow',
        '    c: circle',
        '    ```',
      ),
    );
    expect(doc.blocks.map((b) => b.source)).toEqual(['a: circle\n', 'b: circle\n', 'c: circle\n']);
    expect(doc.blocks.map((b) => b.offsets)).toEqual([[3], [3], [4]]);
    expect(doc.blocks.map((b) => b.prefix)).toEqual(['   ', '   ', '    ']);
    expect(doc.blocks[1]!.fencePrefix).toBe('2. ');
    expect(doc.blocks[1]!.id).toBe('second');
  });

  test('a block in a block quote', () => {
    const doc = scanMarkdown(md('> ```flow', '> a: circle', '>', '> b: circle', '> ```'));
    const block = doc.blocks[0]!;
    expect(block.source).toBe('a: circle\n\nb: circle\n');
    expect(block.offsets).toEqual([2, 1, 2]);
    expect(block.prefix).toBe('> ');
  });

  test('CRLF line endings: the source has none, the lines keep theirs', () => {
    const doc = scanMarkdown('Intro\r\n\r\n```flow\r\na: circle\r\n```\r\n');
    expect(doc.blocks[0]!.source).toBe('a: circle\n');
    expect(doc.blocks[0]!.fenceIndex).toBe(2);
    expect(doc.lines.map((l) => l.eol)).toEqual(['\r\n', '\r\n', '\r\n', '\r\n', '\r\n']);
  });

  test('other languages and look-alike info strings are not flow blocks', () => {
    const doc = scanMarkdown(
      md('```flowchart', 'x', '```', '```js', 'x', '```', '```', 'x', '```'),
    );
    expect(doc.blocks).toEqual([]);
  });

  test('an unclosed block is reported at its fence and blocked', () => {
    const doc = scanMarkdown(md('# T', '', '```flow', 'a: circle'));
    const block = doc.blocks[0]!;
    expect(block.closeIndex).toBeNull();
    expect(block.blocked).toBe(true);
    expect(block.problems).toEqual([
      expect.objectContaining({
        ruleId: 'syntax',
        span: { line: 3, column: 1, endLine: 3, endColumn: 4 },
      }),
    ]);
    expect(block.problems[0]!.message).toContain('never closed');
  });

  test('ids: explicit, by position, and a duplicate is reported at the later block', () => {
    const doc = scanMarkdown(
      md('```flow id=a', 'x: circle', '```', '```flow', 'y: circle', '```', '```flow id=a', '```'),
    );
    expect(doc.blocks.map((b) => b.id)).toEqual(['a', '2', 'a']);
    expect(doc.blocks[2]!.blocked).toBe(true);
    expect(doc.blocks[2]!.problems[0]).toMatchObject({
      ruleId: 'duplicate-id',
      span: { line: 7, column: 9, endColumn: 13 },
    });
    expect(doc.blocks[2]!.problems[0]!.message).toContain('line 1');
  });

  test("an explicit id equal to another block's number is reported; the numbered block keeps it", () => {
    const doc = scanMarkdown(md('```flow id=2', '```', '```flow', '```'));
    expect(doc.blocks[0]!.problems[0]!.ruleId).toBe('duplicate-id');
    expect(doc.blocks[0]!.problems[0]!.message).toContain('the number of the block at line 3');
    expect(doc.blocks[1]!.blocked).toBe(false);
  });

  test('an id that is not a safe file name is a syntax error at its column', () => {
    const doc = scanMarkdown(md('```flow id=../../etc/x', 'a: circle', '```'));
    expect(doc.blocks[0]!.blocked).toBe(true);
    expect(doc.blocks[0]!.problems[0]).toMatchObject({
      ruleId: 'syntax',
      span: { line: 1, column: 9, endColumn: 23 },
    });
  });

  test('<!-- flowc-skip --> before a block skips it but keeps the numbering', () => {
    const doc = scanMarkdown(md('<!-- flowc-skip -->', '```flow', 'bad', '```', '```flow', '```'));
    expect(doc.blocks.map((b) => [b.skipped, b.id])).toEqual([
      [true, '1'],
      [false, '2'],
    ]);
  });

  test('mayHaveFlowBlocks is a cheap pre-test that never misses a block', () => {
    expect(mayHaveFlowBlocks('# t\n```flow\n```\n')).toBe(true);
    expect(mayHaveFlowBlocks('~~~ flow id=x\n')).toBe(true);
    expect(mayHaveFlowBlocks('```flowchart\n')).toBe(false);
    expect(mayHaveFlowBlocks('plain text\n')).toBe(false);
  });
});

describe('parseInfo', () => {
  test('id and quoted alt', () => {
    const info = parseInfo('flow id=checkout alt="The \\"checkout\\" flow"');
    expect(info.language).toBe('flow');
    expect(info.attributes.id?.value).toBe('checkout');
    expect(info.attributes.alt?.value).toBe('The "checkout" flow');
    expect(info.problems).toEqual([]);
  });

  test('an unknown key gets a did-you-mean; a bare word and an open string are syntax errors', () => {
    expect(parseInfo('flow idd=x').problems[0]).toMatchObject({
      ruleId: 'unknown-attribute',
      message: expect.stringContaining("did you mean 'id'"),
      offset: 5,
    });
    expect(parseInfo('flow big').problems[0]!.ruleId).toBe('syntax');
    expect(parseInfo('flow alt="open').problems[0]!.message).toContain('unterminated');
    expect(parseInfo('flow id=a id=b').problems[0]!.ruleId).toBe('duplicate-attribute');
  });
});
