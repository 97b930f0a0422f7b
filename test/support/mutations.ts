/**
 * Random edits of a file for the fuzz tests (parser, compiled line matcher, formatter): the
 * characters that matter to the grammar, so edits hit its decisions often, and a mutation applied
 * at a position taken modulo the text's length.
 */
import fc from 'fast-check';

/** Characters that decide the grammar's paths: punctuation, blanks, line ends, letters, digits. */
export const SYNTAX_CHARACTERS = [...'{}:->.()[]=,"\\# \t\n\raé1_😀\u0000'.split('')];

/** One grammar character, or one of `extra` (whole words, lone surrogates...). */
export function syntaxUnit(...extra: string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...SYNTAX_CHARACTERS, ...extra);
}

export interface Mutation {
  at: number;
  kind: 'insert' | 'delete' | 'replace';
  text: string;
}

export function mutationOf(unit: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  return fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('insert' as const, 'delete' as const, 'replace' as const),
    text: fc.string({ unit, minLength: 1, maxLength: 4 }),
  });
}

/** `source` with each edit applied in turn (positions wrap around the text's length). */
export function mutate(source: string, edits: readonly Mutation[]): string {
  let s = source;
  for (const e of edits) {
    const i = s.length === 0 ? 0 : e.at % s.length;
    if (e.kind === 'insert') s = s.slice(0, i) + e.text + s.slice(i);
    else if (e.kind === 'delete') s = s.slice(0, i) + s.slice(i + e.text.length);
    else s = s.slice(0, i) + e.text + s.slice(i + e.text.length);
  }
  return s;
}
