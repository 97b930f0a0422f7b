import { advanceOf, measureText, wordBreaks, wrapText } from '../../src/layout/text.js';
import { UNITS_PER_EM } from '../../src/layout/font-metrics.js';

describe('measureText', () => {
  it('uses the shipped font advances (DejaVu Sans: "i" is narrower than "W")', () => {
    expect(measureText('i', 14)).toBeLessThan(measureText('W', 14));
    // DejaVu Sans "Hello, World!" is 90.1 px at 14 px by fontkit; the table ignores kerning only.
    expect(measureText('Hello, World!', 14)).toBeCloseTo(90.94, 1);
  });

  it('scales linearly with the font size and adds up per character', () => {
    expect(measureText('abc', 28)).toBeCloseTo(2 * measureText('abc', 14), 6);
    expect(measureText('ab', 14)).toBeCloseTo(measureText('a', 14) + measureText('b', 14), 6);
    expect(measureText('', 14)).toBe(0);
  });

  it('measures Latin-1, Greek, Cyrillic and arrows from the table, wide characters as 1 em', () => {
    for (const char of ['é', 'Ω', 'Ж', '→'])
      expect(advanceOf(char.codePointAt(0) as number)).toBeGreaterThan(0);
    expect(advanceOf('漢'.codePointAt(0) as number)).toBe(UNITS_PER_EM);
    expect(advanceOf('😀'.codePointAt(0) as number)).toBe(UNITS_PER_EM);
    expect(measureText('漢字', 10)).toBe(20);
  });
});

describe('wrapText', () => {
  it('keeps a short label on one line', () => {
    expect(wrapText('Send query', 14, 170).lines).toEqual(['Send query']);
  });

  it('wraps at spaces so that no line is wider than the limit', () => {
    const block = wrapText('A rather long label that has to wrap over several lines', 14, 120);
    expect(block.lines.length).toBeGreaterThan(2);
    expect(block.lines.join(' ')).toBe('A rather long label that has to wrap over several lines');
    for (const line of block.lines) expect(measureText(line, 14)).toBeLessThanOrEqual(120);
    expect(block.width).toBe(Math.max(...block.lines.map((line) => measureText(line, 14))));
    expect(block.height).toBeCloseTo(block.lines.length * 14 * 1.3, 6);
  });

  it('treats \\n as a hard break', () => {
    expect(wrapText('Finish\nline', 14, 500).lines).toEqual(['Finish', 'line']);
  });

  it('breaks a word longer than the limit between characters', () => {
    const block = wrapText('Supercalifragilisticexpialidocious', 14, 80);
    expect(block.lines.length).toBeGreaterThan(1);
    expect(block.lines.join('')).toBe('Supercalifragilisticexpialidocious');
    for (const line of block.lines) expect(measureText(line, 14)).toBeLessThanOrEqual(80);
  });

  const fits = (lines: string[], width: number): void => {
    for (const line of lines) expect(measureText(line, 14)).toBeLessThanOrEqual(width);
  };

  it('prefers a break after punctuation to a later camelCase boundary', () => {
    const width = measureText('Messenger.sendMess', 14);
    expect(wrapText('Messenger.sendMessage', 14, width).lines).toEqual([
      'Messenger.',
      'sendMessage',
    ]);
  });

  it('breaks a long word at a camelCase boundary before breaking between letters', () => {
    const width = measureText('L2CrossDomainMesse', 14);
    const block = wrapText('L2CrossDomainMessenger', 14, width);
    expect(block.lines).toEqual(['L2CrossDomain', 'Messenger']);
  });

  it('breaks after / :: - _ and . (the last one that fits)', () => {
    const at = (word: string, fitting: string): string[] =>
      wrapText(word, 14, measureText(fitting, 14)).lines;
    expect(at('verify/challenge/defend', 'verify/challenge/de')).toEqual([
      'verify/challenge/',
      'defend',
    ]);
    expect(at('crate::module::Thing', 'crate::modu')).toEqual(['crate::', 'module::', 'Thing']);
    expect(at('end-to-end-tests', 'end-to-end-t')).toEqual(['end-to-end-', 'tests']);
    expect(at('snake_case_name', 'snake_case_n')).toEqual(['snake_case_', 'name']);
    expect(at('L1Messenger.sendMessage', 'L1Messenger.sen')).toEqual([
      'L1Messenger.',
      'sendMessage',
    ]);
  });

  it('keeps the words of the label whole and joins the pieces of a word without spaces', () => {
    const label = 'Call L1CrossDomainMessenger.sendMessage on chain';
    const block = wrapText(label, 14, 130);
    fits(block.lines, 130);
    expect(block.lines).toEqual(['Call', 'L1CrossDomain', 'Messenger.', 'sendMessage on', 'chain']);
  });

  it('breaks between characters only a stretch with no allowed break that fits', () => {
    const block = wrapText('HTTPServerxxxxxxxxxxxxxxxxxxError', 14, 80);
    fits(block.lines, 80);
    expect(block.lines[0]).toBe('HTTP');
    expect(block.lines.join('')).toBe('HTTPServerxxxxxxxxxxxxxxxxxxError');
    expect(block.lines.length).toBeGreaterThan(2);
  });

  it('lists the break points of a word', () => {
    const offsets = (word: string): string[] =>
      wordBreaks(word).map((b) => `${b.offset}${b.kind === 'camel' ? 'c' : 'p'}`);
    expect(offsets('HTTPServerError')).toEqual(['4c', '10c']);
    expect(offsets('a--b::c:d')).toEqual(['3p', '6p']);
    expect(offsets('/usr/lib')).toEqual(['5p']);
    expect(offsets('-x')).toEqual([]);
    expect(offsets('plain')).toEqual([]);
  });
});
