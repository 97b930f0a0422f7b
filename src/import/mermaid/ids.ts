/**
 * `.flow` identifiers for Mermaid ids. Mermaid ids may hold characters an identifier may not
 * (`.`, `/`, `&`, `:`, a leading digit…): each such character becomes `_`, an id that does not
 * start with a letter or `_` gets an `n` in front, and an id already taken gets `_2`, `_3`, …
 * Ids are given in the order they are asked for (the order things appear in the Mermaid text), so
 * the same diagram always gets the same names.
 */
import { isIdentifier } from '../../syntax/print.js';

/** The longest identifier made from a title (subgraphs without an id). */
const MAX_FROM_TEXT = 32;

export class IdAllocator {
  private readonly taken = new Set<string>();
  /** Per base, the next suffix to try (so a thousand ids with one base cost a thousand tries). */
  private readonly nextSuffix = new Map<string, number>();

  /** A fresh identifier close to `wanted`. */
  allocate(wanted: string): string {
    const base = toIdentifier(wanted);
    let candidate = base;
    let n = this.nextSuffix.get(base) ?? 2;
    while (this.taken.has(candidate)) candidate = `${base}_${n++}`;
    this.nextSuffix.set(base, n);
    this.taken.add(candidate);
    return candidate;
  }
}

export function toIdentifier(text: string): string {
  let id = [...text].map((c) => (/[\p{L}0-9_-]/u.test(c) ? c : '_')).join('');
  // `-` may not be followed by `>` (an arrow); it is only ever followed by identifier characters here.
  if (!/^[\p{L}_]/u.test(id)) id = `n${id}`;
  if (!isIdentifier(id)) id = id.replace(/[^\p{L}0-9_]/gu, '_');
  return id;
}

/** An identifier from a title: words joined by `_`, other characters left out, kept short. */
export function identifierFromTitle(title: string): string {
  const words = title.match(/[\p{L}0-9]+/gu) ?? [];
  let id = '';
  for (const word of words) {
    const next = id ? `${id}_${word}` : word;
    if (next.length > MAX_FROM_TEXT && id) break;
    id = next.slice(0, MAX_FROM_TEXT);
  }
  return id || 'group';
}
