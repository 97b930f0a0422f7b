/**
 * Text measurement with the shipped font's advance widths (see font-metrics.ts), and word wrapping.
 * Kerning is ignored, so measured widths err slightly wide, which is the safe side for box sizes.
 */
import { ADVANCE_RANGES, FALLBACK_ADVANCE, UNITS_PER_EM } from './font-metrics.js';
import { LINE_HEIGHT } from '../style.js';
import { maxOf, pushAll } from '../util/arrays.js';

/** One range of the table: its runs are decoded the first time a code point in it is measured. */
interface AdvanceTable {
  start: number;
  end: number;
  runs: string;
  /** Advance per code point of the range, 0 where the font has no glyph; null until first needed. */
  advances: Uint16Array | null;
}

// Decoding every range up front cost several ms on a cold start; most labels need Basic Latin only.
const tables: AdvanceTable[] = ADVANCE_RANGES.map(([start, end, runs]) => ({
  start,
  end,
  runs,
  advances: null,
}));

function decode(table: AdvanceTable): Uint16Array {
  const advances = new Uint16Array(table.end - table.start + 1);
  let at = 0;
  for (const run of table.runs.split(',')) {
    const star = run.indexOf('*');
    const advance = parseInt(star < 0 ? run : run.slice(0, star), 36);
    const times = star < 0 ? 1 : parseInt(run.slice(star + 1), 36);
    advances.fill(advance, at, at + times);
    at += times;
  }
  return advances;
}

/** Wide characters (CJK, Hangul, full-width forms, emoji) are drawn by fallback fonts about 1 em wide. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    cp === 0x200b ||
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f)
  );
}

/** Advance of one code point in font units. */
export function advanceOf(cp: number): number {
  for (const table of tables) {
    if (cp >= table.start && cp <= table.end) {
      table.advances ??= decode(table);
      const advance = table.advances[cp - table.start] ?? 0;
      if (advance > 0) return advance;
      break;
    }
  }
  if (isZeroWidth(cp)) return 0;
  if (isWide(cp)) return UNITS_PER_EM;
  return FALLBACK_ADVANCE;
}

/** Sum of the advances of a line's code points, in font units (exact integers, so sums can be built up). */
function unitsOf(text: string): number {
  let units = 0;
  for (const char of text) units += advanceOf(char.codePointAt(0) ?? 0);
  return units;
}

function toPx(units: number, fontSize: number): number {
  return (units * fontSize) / UNITS_PER_EM;
}

/** Width in px of a single line of text at `fontSize` px. */
export function measureText(text: string, fontSize: number): number {
  return toPx(unitsOf(text), fontSize);
}

export interface TextBlock {
  lines: string[];
  /** Width of the widest line, px. */
  width: number;
  /** lines × line height, px. */
  height: number;
}

/** A line being wrapped, with its width in font units (kerning is ignored, so widths add up). */
interface MeasuredLine {
  text: string;
  units: number;
}

/** A place inside a word where it may break: after punctuation, or at a camelCase boundary. */
export interface WordBreak {
  /** Offset into the word (UTF-16 units); the break falls before the character there. */
  offset: number;
  kind: 'punctuation' | 'camel';
}

/**
 * Where a word may break when it is wider than the line, as offsets into the word (the break
 * falls before the character at that offset): after `/`, `::`, `-`, `_` and `.`, and at camelCase
 * boundaries (`DomainMessenger` before `M`, `HTTPServer` before `S`). Never after the first
 * character, never inside a run of the same punctuation (`--`, `::`).
 */
export function wordBreaks(word: string): WordBreak[] {
  const chars = [...word];
  const breaks: WordBreak[] = [];
  let offset = 0;
  const isUpper = (c: string | undefined): boolean =>
    c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
  const isLower = (c: string | undefined): boolean =>
    c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    offset += char.length;
    const next = chars[i + 1];
    if (next === undefined) break;
    // A single character never stands alone on a line (`/usr`, `-flag`, `aB`).
    if (i === 0) continue;
    const afterPunctuation =
      (char === '/' || char === '-' || char === '_' || char === '.' || char === ':') &&
      next !== char &&
      (char !== ':' || chars[i - 1] === ':');
    const camel =
      (isLower(char) && isUpper(next)) || (isUpper(char) && isUpper(next) && isLower(chars[i + 2]));
    if (afterPunctuation) breaks.push({ offset, kind: 'punctuation' });
    else if (camel) breaks.push({ offset, kind: 'camel' });
  }
  return breaks;
}

/**
 * Splits a word wider than `maxWidth` into pieces that fit: each piece runs to the last break
 * after punctuation that still fits, else to the last camelCase boundary that fits; only a
 * stretch with neither is cut between characters (at least one character a piece).
 */
function breakLongWord(word: string, fontSize: number, maxWidth: number): MeasuredLine[] {
  const kinds = new Map(wordBreaks(word).map((b) => [b.offset, b.kind] as const));
  const pieces: MeasuredLine[] = [];
  let piece: MeasuredLine = { text: '', units: 0 };
  // The piece up to its last break after punctuation, and up to its last camelCase boundary.
  let punctuation: MeasuredLine | null = null;
  let camel: MeasuredLine | null = null;
  let offset = 0;
  for (const char of word) {
    const advance = advanceOf(char.codePointAt(0) ?? 0);
    if (piece.text !== '' && toPx(piece.units + advance, fontSize) > maxWidth) {
      const cut = punctuation ?? camel ?? piece;
      pieces.push(cut);
      piece = { text: piece.text.slice(cut.text.length), units: piece.units - cut.units };
      punctuation = null;
      camel = null;
    }
    piece = { text: piece.text + char, units: piece.units + advance };
    offset += char.length;
    const kind = kinds.get(offset);
    if (kind === 'punctuation') punctuation = piece;
    else if (kind === 'camel') camel = piece;
  }
  if (piece.text !== '') pieces.push(piece);
  return pieces;
}

/**
 * Greedy wrap of one paragraph (no hard breaks) at spaces; each word is measured once. A word
 * wider than the line starts a line of its own and is broken by `breakLongWord`; its pieces are
 * never joined with a space.
 */
function wrapParagraph(
  paragraph: string,
  fontSize: number,
  maxWidth: number,
  spaceUnits: number,
): MeasuredLine[] {
  const words = paragraph.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [{ text: '', units: 0 }];
  const lines: MeasuredLine[] = [];
  let line: MeasuredLine = { text: '', units: 0 };
  for (const word of words) {
    const units = unitsOf(word);
    if (toPx(units, fontSize) > maxWidth) {
      if (line.text !== '') lines.push(line);
      const pieces = breakLongWord(word, fontSize, maxWidth);
      pushAll(lines, pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? { text: '', units: 0 };
      continue;
    }
    if (line.text === '') {
      line = { text: word, units };
      continue;
    }
    const joined = line.units + spaceUnits + units;
    if (toPx(joined, fontSize) > maxWidth) {
      lines.push(line);
      line = { text: word, units };
    } else {
      line = { text: `${line.text} ${word}`, units: joined };
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` (except that nothing is split below one character):
 * `\n` is a hard break, spaces are soft breaks; a word longer than the width breaks after `/`, `::`, `-`,
 * `_`, `.` or at a camelCase boundary, and between characters only where none of those fits.
 */
export function wrapText(text: string, fontSize: number, maxWidth: number): TextBlock {
  const spaceUnits = advanceOf(0x20);
  const measured = text
    .split(/\r?\n/)
    .flatMap((paragraph) => wrapParagraph(paragraph, fontSize, maxWidth, spaceUnits));
  const width = maxOf(
    measured.map((line) => toPx(line.units, fontSize)),
    0,
  );
  return {
    lines: measured.map((line) => line.text),
    width,
    height: measured.length * fontSize * LINE_HEIGHT,
  };
}
