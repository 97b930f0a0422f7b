/**
 * Which written path names which symbol from a given place, for completion: the language's
 * scoping rule (walk from the innermost enclosing group outwards; in the first scope where the
 * first segment names a child, follow the rest down through children) applied to the server's
 * symbol index. Definition, references and rename never use this: they read what `resolve`
 * recorded (`ResolveResult.references`).
 */
import type { Analysis, FlowSymbol } from './analysis.js';

/** Each scope's children by name (the first of a repeated name), built once per analysis. */
const indexes = new WeakMap<Analysis, Map<FlowSymbol | null, Map<string, FlowSymbol>>>();

function child(analysis: Analysis, scope: FlowSymbol | null, name: string): FlowSymbol | undefined {
  let index = indexes.get(analysis);
  if (!index) {
    index = new Map();
    indexes.set(analysis, index);
  }
  let names = index.get(scope);
  if (!names) {
    names = new Map();
    for (const s of scope ? scope.children : analysis.roots)
      if (!names.has(s.name.name)) names.set(s.name.name, s);
    index.set(scope, names);
  }
  return names.get(name);
}

/** The symbol `path` names when written inside `scope` (null: the top level). */
export function lookUpPath(
  analysis: Analysis,
  scope: FlowSymbol | null,
  path: readonly string[],
): FlowSymbol | null {
  const [first, ...rest] = path;
  if (first === undefined) return null;
  for (let s: FlowSymbol | null = scope; ; s = s.parent) {
    let found = child(analysis, s, first);
    if (found) {
      for (const name of rest) {
        found = found.kind === 'group' ? child(analysis, found, name) : undefined;
        if (!found) return null;
      }
      return found;
    }
    if (s === null) return null;
  }
}

/** The shortest path that names `target` from `scope`, e.g. `n8` or `CommandSide.n8`. */
export function shortestPath(
  analysis: Analysis,
  scope: FlowSymbol | null,
  target: FlowSymbol,
): string[] {
  const full: string[] = [];
  for (let s: FlowSymbol | null = target; s; s = s.parent) full.unshift(s.name.name);
  for (let start = full.length - 1; start >= 0; start--) {
    const path = full.slice(start);
    if (lookUpPath(analysis, scope, path) === target) return path;
  }
  return full;
}
