/**
 * Whether an argument is a glob, decided without loading a glob library (tinyglobby and picomatch
 * cost tens of milliseconds at start-up; they are loaded only when a glob is really expanded).
 * A glob has a wildcard (`*`, `?`), a class (`[...]`), a brace set (`{a,b}`) or an extglob
 * (`@(...)`, `!(...)`, `+(...)`); a backslash-escaped character does not count.
 */
const GLOB_SYNTAX = /(?<!\\)(?:[*?]|\[[^\]]*\]|\{[^}]*\}|[@!+]\()/;

export function isGlobPattern(input: string): boolean {
  return GLOB_SYNTAX.test(input);
}
