/**
 * The names a file declares, as a tree of scopes: the top level, and inside it every group with its
 * nodes and its own groups. Edges are resolved against these after every declaration is known, so
 * an edge may name a node declared further down or in a later group.
 */
import type { Span } from '../diagnostics.js';

export interface DeclaredNode {
  kind: 'node';
  qualifiedId: string;
  span: Span;
  /** False when the declaration did not make it into the diagram (an unknown shape): edges to it are dropped quietly. */
  inDiagram: boolean;
}

export interface DeclaredGroup {
  kind: 'group';
  qualifiedId: string;
  span: Span;
  scope: Scope;
  /** False for a group left out of the diagram (its name was already taken by a node). */
  inDiagram: boolean;
}

export type Declared = DeclaredNode | DeclaredGroup;

export interface Scope {
  /** Qualified id of the group; null for the top level. */
  group: string | null;
  parent: Scope | null;
  /** Nodes and groups declared directly in this scope, by local name, in declaration order. */
  children: Map<string, Declared>;
}

export function newScope(group: string | null, parent: Scope | null): Scope {
  return { group, parent, children: new Map() };
}

export function qualify(group: string | null, localId: string): string {
  return group === null ? localId : `${group}.${localId}`;
}

/** Every declaration of the file with the local name it was declared under, in scope pre-order. */
export function* allDeclared(root: Scope): Generator<[string, Declared]> {
  const stack: Scope[] = [root];
  while (stack.length > 0) {
    const scope = stack.pop()!;
    const inner: Scope[] = [];
    for (const entry of scope.children) {
      yield entry;
      if (entry[1].kind === 'group') inner.push(entry[1].scope);
    }
    for (let k = inner.length - 1; k >= 0; k--) stack.push(inner[k]!);
  }
}

/** The scopes a reference written in `scope` sees, innermost first, ending with the top level. */
export function chainOf(scope: Scope): Scope[] {
  const chain: Scope[] = [];
  for (let s: Scope | null = scope; s; s = s.parent) chain.push(s);
  return chain;
}
