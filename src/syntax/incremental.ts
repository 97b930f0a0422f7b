/**
 * Parsing a file again after an edit, for editors: `IncrementalParser.parse(source)` gives the same
 * Ast as `parse(source)`, but a line whose text was already matched (anywhere in the previous
 * version of the file) is not matched again. Lines are independent until `assemble` (see parse.ts),
 * so a keystroke on a 2,000-line file costs one Ohm match, not 2,000.
 *
 * A remembered line that stays on the same line number is handed out as it is (parsed lines are
 * frozen: no stage may change them); one that moved is copied with its spans on its new line.
 */
import type { Ast } from './ast.js';
import { assemble, parseLine, splitLines, type ParsedLine } from './parse.js';

export class IncrementalParser {
  /** The parsed lines of the previous version of the file, by their text (without `\r`). */
  private known = new Map<string, ParsedLine>();

  /** A parser that starts from what this one knows, without changing it (to try an edit). */
  fork(): IncrementalParser {
    const copy = new IncrementalParser();
    copy.known = new Map(this.known);
    return copy;
  }

  parse(source: string): Ast {
    const lines = splitLines(source);
    const seen = new Map<string, ParsedLine>();
    const parsed: ParsedLine[] = [];
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const line = i + 1;
      const earlier = seen.get(text) ?? this.known.get(text);
      if (earlier) {
        seen.set(text, earlier);
        parsed.push(earlier.line === line ? earlier : onLine(earlier, line));
        continue;
      }
      const fresh = parseLine(text, line);
      if (!fresh) continue;
      deepFreeze(fresh);
      seen.set(text, fresh);
      parsed.push(fresh);
    }
    // Only the current version's lines are kept: memory stays proportional to the file.
    this.known = seen;
    return assemble(parsed, lines.length);
  }
}

/** A deep copy of a parsed line (plain data) with every `line`/`endLine` set to `line`, frozen. */
function onLine<T>(value: T, line: number): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = onLine(value[i] as unknown, line);
    return Object.freeze(items) as T;
  }
  const copy: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key in source)
    copy[key] = key === 'line' || key === 'endLine' ? line : onLine(source[key], line);
  return Object.freeze(copy) as T;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
}
