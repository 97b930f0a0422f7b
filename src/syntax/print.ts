/**
 * Writing `.flow` text: the one place that knows how a string literal and an identifier are
 * spelled, for everything that produces `.flow` (the formatter, `flowc import`). What these write
 * is what grammar/flow.ohm reads back to the same value.
 */

/** A string literal: in double quotes, with `"`, `\` and line breaks escaped (the grammar's only escapes). */
export function printString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else out += c;
  }
  return `${out}"`;
}

/**
 * The grammar's `ident`: a letter (any Unicode letter) or `_`, then letters, ASCII digits, `_` or
 * `-` (a `-` never followed by `>`, which would start an arrow).
 */
const IDENTIFIER = /^[\p{L}_](?:[\p{L}0-9_]|-(?!>))*$/u;

/** Whether `name` is a valid identifier (node, group or style name). */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}
