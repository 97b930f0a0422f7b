/**
 * Text measurement with the shipped font's advance widths (see font-metrics.ts), and word wrapping.
 * Kerning is ignored, so measured widths err slightly wide, which is the safe side for box sizes.
 */
import { ADVANCE_RANGES, FALLBACK_ADVANCE, UNITS_PER_EM } from './font-metrics.js';
import { LINE_HEIGHT } from '../style.js';
import { maxOf } from '../util/arrays.js';

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

/** A place inside a word where it may break: after a separator or punctuation, or at a camelCase boundary. */
export interface WordBreak {
  /** Offset into the word (UTF-16 units); the break falls before the character there. */
  offset: number;
  /** `separator`: after `/` or `::`; `punctuation`: after `-`, `_`, `.`, or before `(`; `camel`: a camelCase boundary. */
  kind: 'separator' | 'punctuation' | 'camel';
}

/**
 * Where a word may break when it is wider than the line, as offsets into the word (the break
 * falls before the character at that offset): after `/` and `::` (separators), after `-`, `_`
 * and `.` and before `(` (punctuation), and at camelCase boundaries (`DomainMessenger` before
 * `M`, `HTTPServer` before `S`). Never after the first character, never inside a run of the same
 * punctuation (`--`, `::`).
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
    const repeated = next === char;
    const separator = !repeated && (char === '/' || (char === ':' && chars[i - 1] === ':'));
    const punctuation =
      (!repeated && (char === '-' || char === '_' || char === '.')) ||
      (next === '(' && char !== '(');
    const camel =
      (isLower(char) && isUpper(next)) || (isUpper(char) && isUpper(next) && isLower(chars[i + 2]));
    if (separator) breaks.push({ offset, kind: 'separator' });
    else if (punctuation) breaks.push({ offset, kind: 'punctuation' });
    else if (camel) breaks.push({ offset, kind: 'camel' });
  }
  return breaks;
}

/** What follows a piece of a paragraph: a space, a break inside a word (by kind), or the paragraph's end. */
type BreakAfter = 'space' | WordBreak['kind'] | 'char' | 'end';

/** A piece of a paragraph that is never broken, and the break allowed after it. */
interface Atom {
  text: string;
  units: number;
  after: BreakAfter;
}

/**
 * What a way of breaking a paragraph costs in `breakAtoms`: fewer lines first (a line costs more
 * than any unevenness or break inside a word), then breaks at spaces before separators,
 * punctuation and camelCase, then lines of even width (each line adds its shortfall from the
 * limit, squared, as a fraction of the limit, times `shortfall`: equal lines cost least, a stub of
 * a few characters most). A break between characters costs more than a line: it is taken only
 * inside a stretch that no allowed break makes fit. Breaks are whole numbers, so sums compare exactly.
 */
const COST = {
  line: 100,
  shortfall: 10,
  break: { space: 0, end: 0, separator: 1, punctuation: 2, camel: 4, char: 1000 },
} as const;
/** Narrowing stops after this many rounds, and is not tried on paragraphs of more atoms. */
const NARROWING = { rounds: 16, atoms: 64 } as const;

/**
 * The pieces of a paragraph: its words, and, for a word wider than the line, the stretches between
 * its breaks (`wordBreaks`), and the characters of a stretch still wider than the line.
 */
function atomsOf(words: string[], fontSize: number, maxWidth: number): Atom[] {
  const atoms: Atom[] = [];
  for (const word of words) {
    const units = unitsOf(word);
    if (toPx(units, fontSize) <= maxWidth) {
      atoms.push({ text: word, units, after: 'space' });
      continue;
    }
    let start = 0;
    const stretch = (end: number, after: BreakAfter): void => {
      const text = word.slice(start, end);
      start = end;
      const stretchUnits = unitsOf(text);
      if (toPx(stretchUnits, fontSize) <= maxWidth) {
        atoms.push({ text, units: stretchUnits, after });
        return;
      }
      const chars = [...text];
      chars.forEach((char, k) =>
        atoms.push({
          text: char,
          units: advanceOf(char.codePointAt(0) ?? 0),
          after: k === chars.length - 1 ? after : 'char',
        }),
      );
    };
    for (const { offset, kind } of wordBreaks(word)) stretch(offset, kind);
    stretch(word.length, 'space');
  }
  const last = atoms[atoms.length - 1];
  if (last) last.after = 'end';
  return atoms;
}

/** A way of breaking a paragraph's atoms into lines. */
interface Breaking {
  /** Where each line ends (the index after its last atom), last line first. */
  ends: number[];
  /** Sum of `COST.break` over the breaks taken. */
  penalty: number;
  /** The widest line, font units. */
  widest: number;
}

/**
 * The least-`COST` way of breaking `atoms` into lines of at most `limit` font units (a single atom
 * wider than that takes a line of its own). Lines start at each atom once and end where the next
 * atom no longer fits, so this takes time in proportion to the atoms times the atoms a line holds.
 */
function breakAtoms(atoms: Atom[], limit: number, spaceUnits: number): Breaking {
  const n = atoms.length;
  // best[k]: the least cost of the atoms before k, broken into lines with a break before atom k.
  const best = new Float64Array(n + 1).fill(Infinity);
  const lineStart = new Int32Array(n + 1);
  const lineUnits = new Float64Array(n + 1);
  best[0] = 0;
  for (let start = 0; start < n; start++) {
    const before = best[start] as number;
    if (before === Infinity) continue;
    let units = 0;
    for (let end = start; end < n; end++) {
      const atom = atoms[end] as Atom;
      if (end > start && (atoms[end - 1] as Atom).after === 'space') units += spaceUnits;
      units += atom.units;
      if (units > limit && end > start) break;
      const shortfall = Math.max(0, limit - units) / limit;
      const cost =
        before + COST.line + COST.shortfall * shortfall * shortfall + COST.break[atom.after];
      if (cost < (best[end + 1] as number)) {
        best[end + 1] = cost;
        lineStart[end + 1] = start;
        lineUnits[end + 1] = units;
      }
    }
  }
  const ends: number[] = [];
  let penalty = 0;
  let widest = 0;
  for (let end = n; end > 0; end = lineStart[end] as number) {
    ends.push(end);
    penalty += COST.break[(atoms[end - 1] as Atom).after];
    widest = Math.max(widest, lineUnits[end] as number);
  }
  return { ends, penalty, widest };
}

/**
 * How a paragraph's lines are chosen: `even`, the least `COST` in the narrowest width that keeps it
 * (`breakAtoms`), or `filled`, each line holding the atoms that fit after the ones before it
 * (`fillAtoms`; the swimlanes' sizes, see sizes.ts `LANES_FIT`).
 */
export type LineFit = 'even' | 'filled';

/** Each line as full as it goes: an atom starts a new line only where it no longer fits. */
function fillAtoms(atoms: Atom[], limit: number, spaceUnits: number): Breaking {
  const ends: number[] = [];
  let penalty = 0;
  let widest = 0;
  let units = 0;
  for (let k = 0; k < atoms.length; k++) {
    const atom = atoms[k] as Atom;
    const gap = k > 0 && (atoms[k - 1] as Atom).after === 'space' ? spaceUnits : 0;
    if (k > 0 && units + gap + atom.units > limit) {
      ends.push(k);
      penalty += COST.break[(atoms[k - 1] as Atom).after];
      widest = Math.max(widest, units);
      units = atom.units;
    } else units += gap + atom.units;
  }
  ends.push(atoms.length);
  widest = Math.max(widest, units);
  return { ends: ends.reverse(), penalty, widest };
}

/**
 * Wraps one paragraph (no hard breaks): the least-`COST` lines over every way of breaking it at its
 * spaces, and inside a word wider than the line at that word's breaks; then, while the same number
 * of lines with breaks as good fits in less width, in the narrowest such width (the box is as wide
 * as its widest line). No line is wider than `maxWidth` unless it is a single character.
 */
function wrapParagraph(
  paragraph: string,
  fontSize: number,
  maxWidth: number,
  spaceUnits: number,
  fit: LineFit,
): MeasuredLine[] {
  const words = paragraph.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [{ text: '', units: 0 }];
  const atoms = atomsOf(words, fontSize, maxWidth);
  const limit = (maxWidth * UNITS_PER_EM) / fontSize;
  if (fit === 'filled') return linesOf(atoms, fillAtoms(atoms, limit, spaceUnits), spaceUnits);
  let chosen = breakAtoms(atoms, limit, spaceUnits);
  if (atoms.length <= NARROWING.atoms) {
    for (let round = 0; round < NARROWING.rounds && chosen.ends.length > 1; round++) {
      const narrower = breakAtoms(atoms, chosen.widest - 1, spaceUnits);
      if (
        narrower.ends.length !== chosen.ends.length ||
        narrower.penalty > chosen.penalty ||
        narrower.widest >= chosen.widest
      )
        break;
      chosen = narrower;
    }
  }
  return linesOf(atoms, chosen, spaceUnits);
}

/** The lines of a way of breaking `atoms`, first line first. */
function linesOf(atoms: Atom[], chosen: Breaking, spaceUnits: number): MeasuredLine[] {
  const lines: MeasuredLine[] = [];
  let end = atoms.length;
  for (const start of [...chosen.ends.slice(1), 0]) {
    let text = '';
    let units = 0;
    for (let k = start; k < end; k++) {
      const atom = atoms[k] as Atom;
      if (k > start && (atoms[k - 1] as Atom).after === 'space') {
        text += ' ';
        units += spaceUnits;
      }
      text += atom.text;
      units += atom.units;
    }
    lines.push({ text, units });
    end = start;
  }
  return lines.reverse();
}

/**
 * Breaks `text` into lines no wider than `maxWidth` (except that nothing is split below one character):
 * `\n` is a hard break, spaces are soft breaks; a word longer than the width breaks after `/`, `::`, `-`,
 * `_`, `.`, before `(` or at a camelCase boundary, and between characters only where none of those
 * fits. Of the ways with the fewest lines it takes the one with the best breaks and the most even
 * lines (`COST`), so a label that needs two lines gets two of about the same length, not a full line
 * and a stub, and its box is no wider than it must be; with `fit` 'filled', each line as full as it goes.
 */
export function wrapText(
  text: string,
  fontSize: number,
  maxWidth: number,
  fit: LineFit = 'even',
): TextBlock {
  const spaceUnits = advanceOf(0x20);
  const measured = text
    .split(/\r?\n/)
    .flatMap((paragraph) => wrapParagraph(paragraph, fontSize, maxWidth, spaceUnits, fit));
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
