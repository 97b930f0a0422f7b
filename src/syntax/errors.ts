/**
 * Turns an Ohm match failure on one line into a message a person can act on: what was found,
 * what was expected (in words, not grammar rule names), and a "did you mean" when a close
 * keyword exists. The column is the real column on the user's line.
 */
import type { FailedMatchResult } from 'ohm-js';
import type { Span, Suggestion } from '../diagnostics.js';
import { SHAPE_NAMES } from '../shapes/index.js';
import { didYouMean } from '../util/suggest.js';
import { SETTING_KEYS, SIDES } from './ast.js';

const SHAPES: readonly string[] = SHAPE_NAMES;
const EXPECTED_SHAPE = `expected a shape: ${SHAPES.slice(0, -1).join(', ')} or ${SHAPES[SHAPES.length - 1]!}`;

/** The parts of Ohm's failure objects we read (not in ohm-js's type declarations). */
interface OhmFailure {
  getText(): string;
  getType(): 'description' | 'string' | 'code';
  isFluffy(): boolean;
}

export interface SyntaxProblem {
  message: string;
  span: Span;
  notes?: string[];
  /** The "did you mean" as edits (see `Diagnostic.suggestions`). */
  suggestions?: Suggestion[];
}

const WORD = /[\p{L}\p{N}_-]/u;

export function describeFailure(
  line: string,
  lineNumber: number,
  result: FailedMatchResult,
): SyntaxProblem {
  const pos = result.getRightmostFailurePosition();
  const failures = (result as unknown as { getRightmostFailures(): OhmFailure[] })
    .getRightmostFailures()
    .filter((f) => !f.isFluffy());
  const expected = uniqueExpectations(failures);
  const word = wordAt(line, pos);
  // 0-based [start, end) on the line → 1-based span. An empty range covers one column, except at
  // the end of the line, where the span is empty: it never ends past the line.
  const span = (start: number, end: number): Span => {
    const from = Math.min(start, line.length);
    const to = from === line.length ? from : Math.min(Math.max(end, from + 1), line.length);
    return { line: lineNumber, column: from + 1, endLine: lineNumber, endColumn: to + 1 };
  };
  const wordSpan = span(pos, pos + Math.max(word.length, 1));

  if (line[pos] === '"' && expected.includes('a string')) {
    const problem = stringProblem(line, pos, span);
    if (problem) return problem;
  }
  if (expected.includes('a shape')) {
    return withSuggestion(
      word ? `unknown shape '${word}'` : "missing shape after ':'",
      wordSpan,
      word,
      SHAPES,
      EXPECTED_SHAPE,
    );
  }
  if (expected.includes('a side')) {
    return withSuggestion(
      word ? `unknown side '${word}'` : 'missing side in handle(...)',
      wordSpan,
      word,
      SIDES,
      'expected one of top, right, bottom, left',
    );
  }
  // `n1.handel(right)`: the word before an unexpected `(` is a misspelled `handle`.
  if (line[pos] === '(') {
    const before = wordBefore(line, pos);
    if (before && before !== 'handle' && didYouMean(before, ['handle'])) {
      const start = pos - before.length;
      return {
        message: `unknown '${before}(...)': did you mean 'handle(...)'?`,
        span: span(start, pos),
        notes: ["a handle is written 'node.handle(side)'"],
        suggestions: [{ text: 'handle', span: span(start, pos) }],
      };
    }
  }
  // `direciton TB`: a misspelled setting keyword at the start of the line.
  const firstWord = wordAt(line, line.length - line.trimStart().length);
  if (
    pos > 0 &&
    firstWord &&
    !(SETTING_KEYS as readonly string[]).includes(firstWord) &&
    didYouMean(firstWord, SETTING_KEYS) &&
    /^\s*\S+\s+\S+\s*$/.test(line)
  ) {
    const start = line.length - line.trimStart().length;
    const close = didYouMean(firstWord, SETTING_KEYS) as string;
    return {
      message: `unknown statement '${firstWord}': did you mean '${close}'?`,
      span: span(start, start + firstWord.length),
      notes: ['a file-level setting is written: direction LR|TB|RL|BT, or layout layered|lanes'],
      suggestions: [{ text: close, span: span(start, start + firstWord.length) }],
    };
  }
  // `n1 circle`: a node declaration without its colon.
  if (SHAPES.includes(word) && expected.includes("':'")) {
    return {
      message: `missing ':' before the shape '${word}'`,
      span: wordSpan,
      notes: ['a node is written \'id: shape label:"text"\''],
    };
  }
  // `n1: circle "Start"`: a string where an attribute's name should be.
  if (
    line[pos] === '"' &&
    expected.includes('an identifier') &&
    /:\s*\S+\s+$/.test(line.slice(0, pos))
  ) {
    const string = /^"(?:[^"\\]|\\.)*"/.exec(line.slice(pos))?.[0] ?? '"';
    return {
      message: `a string without an attribute name: did you mean 'label:${string}'?`,
      span: span(pos, pos + string.length),
      notes: ['a node\'s attributes are written name:"value", e.g. n1: circle label:"Start"'],
      suggestions: [{ text: `label:${string}`, span: span(pos, pos + string.length) }],
    };
  }
  const found = pos >= line.length ? 'end of line' : word ? `'${word}'` : `'${line[pos]}'`;
  return {
    message: `unexpected ${found}: expected ${joinAlternatives(expected)}`,
    span: pos >= line.length ? span(pos, pos) : wordSpan,
  };
}

/** A node whose shape is not in the registry (the grammar reads any identifier there). */
export function unknownShape(word: string, span: Span): SyntaxProblem {
  return withSuggestion(`unknown shape '${word}'`, span, word, SHAPES, EXPECTED_SHAPE);
}

function withSuggestion(
  message: string,
  span: Span,
  word: string,
  candidates: readonly string[],
  expectedNote: string,
): SyntaxProblem {
  const suggestion = word ? didYouMean(word, candidates) : null;
  return {
    message: suggestion
      ? `${message}: did you mean '${suggestion}'?`
      : `${message}: ${expectedNote}`,
    span,
    notes: suggestion ? [expectedNote] : undefined,
    ...(suggestion ? { suggestions: [{ text: suggestion, span }] } : {}),
  };
}

/** A string that starts at `pos` but does not match: unterminated, or with an invalid escape. */
function stringProblem(
  line: string,
  pos: number,
  span: (s: number, e: number) => Span,
): SyntaxProblem | null {
  for (let i = pos + 1; i < line.length; i++) {
    const c = line[i];
    if (c === '"') return null;
    if (c === '\\') {
      const next = line[i + 1];
      if (next === '"' || next === '\\' || next === 'n') {
        i++;
        continue;
      }
      const shown = next === undefined ? '\\' : `\\${next}`;
      return {
        message: `invalid escape '${shown}' in string`,
        span: span(i, Math.min(i + 2, line.length)),
        notes: ['the escapes are \\" (quote), \\\\ (backslash) and \\n (line break)'],
      };
    }
  }
  return {
    message: "unterminated string: expected a closing '\"' on the same line",
    span: span(pos, line.length),
    notes: ['a string cannot contain a raw line break; write \\n for a line break in a label'],
  };
}

/** Ohm's words for what it expected, as a user reads them (each line is matched on its own). */
const PLAIN_WORDS: Record<string, string> = {
  'end of input': 'the end of the line',
  "'#'": "a comment ('#')",
};

function uniqueExpectations(failures: OhmFailure[]): string[] {
  const out: string[] = [];
  for (const f of failures) {
    // Blanks are allowed almost everywhere; listing them as "expected" helps nobody.
    if (f.getType() === 'string' && (f.getText() === ' ' || f.getText() === '\t')) continue;
    const text = f.getType() === 'string' ? `'${f.getText()}'` : f.getText();
    const shown = PLAIN_WORDS[text] ?? text;
    if (!out.includes(shown)) out.push(shown);
  }
  return out;
}

function joinAlternatives(items: string[]): string {
  if (items.length === 0) return 'the end of the line';
  if (items.length === 1) return items[0]!;
  return `one of ${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function wordAt(line: string, pos: number): string {
  let end = pos;
  while (end < line.length && WORD.test(line[end]!)) end++;
  return line.slice(pos, end);
}

function wordBefore(line: string, pos: number): string {
  let start = pos;
  while (start > 0 && WORD.test(line[start - 1]!)) start--;
  return line.slice(start, pos);
}
