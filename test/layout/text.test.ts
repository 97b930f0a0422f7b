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

  it('breaks after / :: - _ and . (where the lines come out most even)', () => {
    const at = (word: string, fitting: string): string[] =>
      wrapText(word, 14, measureText(fitting, 14)).lines;
    expect(at('verify/challenge/defend', 'verify/challenge/de')).toEqual([
      'verify/challenge/',
      'defend',
    ]);
    expect(at('crate::module::Thing', 'crate::modu')).toEqual(['crate::', 'module::', 'Thing']);
    expect(at('end-to-end-tests', 'end-to-end-t')).toEqual(['end-to-', 'end-tests']);
    expect(at('snake_case_name', 'snake_case_n')).toEqual(['snake_', 'case_name']);
    expect(at('L1Messenger.sendMessage', 'L1Messenger.sen')).toEqual([
      'L1Messenger.',
      'sendMessage',
    ]);
  });

  it('keeps the words of the label whole and joins the pieces of a word without spaces', () => {
    const label = 'Call L1CrossDomainMessenger.sendMessage on chain';
    const block = wrapText(label, 14, 130);
    fits(block.lines, 130);
    expect(block.lines).toEqual(['Call', 'L1CrossDomain', 'Messenger.send', 'Message on chain']);
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
      wordBreaks(word).map((b) => `${b.offset}${b.kind[0] as string}`);
    expect(offsets('HTTPServerError')).toEqual(['4c', '10c']);
    expect(offsets('a--b::c:d')).toEqual(['3p', '6s']);
    expect(offsets('/usr/lib')).toEqual(['5s']);
    expect(offsets('snake_case.name')).toEqual(['6p', '11p']);
    expect(offsets('block_id(block_hash)')).toEqual(['6p', '8p', '15p']);
    expect(offsets('f(x)')).toEqual([]);
    expect(offsets('-x')).toEqual([]);
    expect(offsets('plain')).toEqual([]);
  });
});

describe('wrapText chooses among the ways to break a label', () => {
  const widest = (lines: string[]): number => Math.max(...lines.map((l) => measureText(l, 14)));

  it('gives a label that needs two lines two lines of about the same length, not a line and a stub', () => {
    expect(wrapText('Show Account Suspended Error', 14, 220).lines).toEqual([
      'Show Account',
      'Suspended Error',
    ]);
    expect(wrapText('Process 4K Resolution if Available', 14, 220).lines).toEqual([
      'Process 4K Resolution',
      'if Available',
    ]);
    // Greedy filling leaves 'Error' and 'Available' alone on the last line, in boxes 60 px wider.
    expect(widest(wrapText('Show Account Suspended Error', 14, 220).lines)).toBeLessThan(
      measureText('Show Account Suspended', 14) - 50,
    );
  });

  it('keeps as few lines as filling each line would, and never a wider box', () => {
    const labels = [
      'A rather long label that has to wrap over several lines',
      'Kubernetes Scheduler evaluates ResourceClaim',
      'Request to API server to Create/Update ResourceClaim or its template',
      'Iterates through the pipelines and creates edges between components',
      'Check the status of the order and ok',
    ];
    // Filling each line as far as it goes: the fewest lines that breaking at spaces allows.
    const filled = (label: string, width: number): string[] => {
      const lines: string[] = [];
      for (const word of label.split(' ')) {
        const last = lines[lines.length - 1];
        if (last !== undefined && measureText(`${last} ${word}`, 14) <= width)
          lines[lines.length - 1] = `${last} ${word}`;
        else lines.push(word);
      }
      return lines;
    };
    for (const label of labels) {
      for (const width of [170, 220, 260]) {
        const lines = wrapText(label, 14, width).lines;
        expect(lines.join(' ')).toBe(label);
        expect(lines.length).toBe(filled(label, width).length);
        expect(widest(lines)).toBeLessThanOrEqual(widest(filled(label, width)));
        for (const line of lines) expect(line.length).toBeGreaterThan(3);
      }
    }
  });

  it('breaks an identifier after :: rather than after _ when both make two lines', () => {
    expect(wrapText('DatabaseProvider::block_id(block_hash)', 14, 220).lines).toEqual([
      'DatabaseProvider::',
      'block_id(block_hash)',
    ]);
    expect(wrapText('StaticFileJarProvider::block_by_id(block_number)', 14, 220).lines).toEqual([
      'StaticFileJarProvider::',
      'block_by_id(block_number)',
    ]);
  });

  it('uses a camelCase boundary when breaking only after _ would take a line more', () => {
    // After '_' only: 'func_of_' / 'PerformanceProfile_' / 'name'.
    expect(wrapText('func_of_PerformanceProfile_name', 14, 170).lines).toEqual([
      'func_of_Performance',
      'Profile_name',
    ]);
  });

  it('breaks a word between characters into even pieces, as few as fit', () => {
    const word = 'Supercalifragilisticexpialidocious';
    const lines = wrapText(word, 14, 80).lines;
    expect(lines.join('')).toBe(word);
    expect(lines.length).toBe(Math.ceil(measureText(word, 14) / 80));
    const lengths = lines.map((l) => measureText(l, 14));
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(15);
  });

  it("fills each line as far as it goes with fit 'filled' (the swimlanes' sizes)", () => {
    expect(wrapText('Show Account Suspended Error', 14, 220, 'filled').lines).toEqual([
      'Show Account Suspended',
      'Error',
    ]);
    const label = 'A rather long label that has to wrap over several lines';
    const lines = wrapText(label, 14, 120, 'filled').lines;
    expect(lines.join(' ')).toBe(label);
    lines.slice(1).forEach((line, k) => {
      const first = line.split(' ')[0] as string;
      expect(measureText(`${lines[k] as string} ${first}`, 14)).toBeGreaterThan(120);
    });
  });
});
