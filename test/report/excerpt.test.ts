import { buildExcerpt, charWidth, sourceLine } from '../../src/report/excerpt.js';

const span = (line: number, column: number, endColumn: number, endLine = line) => ({
  line,
  column,
  endLine,
  endColumn,
});

describe('buildExcerpt', () => {
  test('underlines the span: a caret, then one tilde per further character', () => {
    expect(buildExcerpt('a\nn3 -> n4 [lable="x"]\n', span(2, 11, 16))).toEqual({
      lineNumber: 2,
      text: 'n3 -> n4 [lable="x"]',
      marker: '          ^~~~~',
    });
  });

  test('tabs are expanded to tab stops in the line and the marker alike', () => {
    const e = buildExcerpt('\tab\tcd\n', span(1, 5, 7));
    expect(e.text).toBe('    ab  cd');
    expect(e.marker).toBe('        ^~');
  });

  test('CRLF line endings and a byte-order mark are not shown', () => {
    const e = buildExcerpt('\uFEFFfirst\r\nsecond\r\n', span(1, 1, 6));
    expect(e.text).toBe('first');
    expect(e.marker).toBe('^~~~~');
    expect(buildExcerpt('first\r\nsecond\r\n', span(2, 1, 7)).text).toBe('second');
  });

  test('wide characters take two cells, so the marker stays under its text', () => {
    const e = buildExcerpt('x: rectangle label:"数据" y\n', span(1, 25, 26));
    expect(e.text).toBe('x: rectangle label:"数据" y');
    // 19 cells before the quote, the quote, two wide characters (4 cells), the quote and a space
    expect(e.marker).toBe(' '.repeat(26) + '^');
  });

  test('a span past the end of the line gets one caret just after the text', () => {
    expect(buildExcerpt('Group {\n', span(1, 9, 9))).toEqual({
      lineNumber: 1,
      text: 'Group {',
      marker: '       ^',
    });
    expect(buildExcerpt('abc', span(1, 40, 50)).marker).toBe('   ^');
  });

  test('a span over several lines is underlined to the end of its first line', () => {
    expect(buildExcerpt('abc def\nghi\n', span(1, 5, 3, 2)).marker).toBe('    ^~~');
  });

  test('a line past the end of the source shows empty, with a caret', () => {
    expect(buildExcerpt('a\n', span(7, 1, 1))).toEqual({ lineNumber: 7, text: '', marker: '^' });
  });

  test('a very long line is cut around the span with ellipses', () => {
    const line = 'a'.repeat(300) + 'TARGET' + 'b'.repeat(300);
    const e = buildExcerpt(line, span(1, 301, 307), { maxWidth: 80 });
    expect(e.text.startsWith('…')).toBe(true);
    expect(e.text.endsWith('…')).toBe(true);
    expect([...e.text].length).toBeLessThanOrEqual(80);
    const caret = e.marker.indexOf('^');
    expect([...e.text].slice(caret, caret + 6).join('')).toBe('TARGET');
    expect(e.marker.slice(caret)).toBe('^~~~~~');
  });
});

describe('helpers', () => {
  test('sourceLine returns the n-th line without its ending', () => {
    expect(sourceLine('a\r\nb\nc', 2)).toBe('b');
    expect(sourceLine('a\r\nb\nc', 3)).toBe('c');
    expect(sourceLine('a', 2)).toBe('');
  });

  test('charWidth: combining marks 0, CJK and emoji 2, others 1', () => {
    expect(charWidth(0x0301)).toBe(0);
    expect(charWidth('数'.codePointAt(0)!)).toBe(2);
    expect(charWidth('😀'.codePointAt(0)!)).toBe(2);
    expect(charWidth('a'.codePointAt(0)!)).toBe(1);
  });
});
