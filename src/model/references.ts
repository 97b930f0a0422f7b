/**
 * Edge endpoint lookup by the language's scoping rule, and the "did you mean" message when a
 * reference does not resolve. A reference `p1.p2…pn` written inside group S is looked up from S
 * outwards to the top level: in the first scope where `p1` names a child (a node or a group; a
 * group when more follows), `p2…pn` are followed down through that group's children. So `id` is a
 * node (or group) of the enclosing group, of a group around it, or of the top level, and
 * `Group.id` / `Outer.Inner.id` name things inside groups from anywhere.
 */
import type { Span, Suggestion } from '../diagnostics.js';
import { SIDES, type EndpointRef, type Identifier } from '../syntax/ast.js';
import { didYouMean } from '../util/suggest.js';
import {
  allDeclared,
  chainOf,
  qualify,
  type Declared,
  type DeclaredGroup,
  type Scope,
} from './scope.js';
import { pushAll } from '../util/arrays.js';

export type Lookup =
  { found: Declared } | { message: string; span: Span; suggestions?: Suggestion[] };

/** The "did you mean" edits: each text in place of the text at `span`. */
function replacing(span: Span, texts: readonly (string | null)[]): { suggestions?: Suggestion[] } {
  const suggestions = texts.filter((t) => t !== null).map((text) => ({ text, span }));
  return suggestions.length > 0 ? { suggestions } : {};
}

/** Every declaration by its local name (built on the first reference that does not resolve). */
export type NameIndex = ReadonlyMap<string, readonly Declared[]>;

export function buildNameIndex(root: Scope): NameIndex {
  const index = new Map<string, Declared[]>();
  for (const [name, declared] of allDeclared(root)) {
    const list = index.get(name);
    if (list) list.push(declared);
    else index.set(name, [declared]);
  }
  return index;
}

export function lookUpEndpoint(ref: EndpointRef, scope: Scope, index: () => NameIndex): Lookup {
  const path = ref.path;
  const first = path[0]!;
  const chain = chainOf(scope);
  if (path.length === 1) {
    for (const s of chain) {
      const found = s.children.get(first.name);
      if (found) return { found };
    }
    return unresolvedName(first, scope, chain, index());
  }
  for (const s of chain) {
    const found = s.children.get(first.name);
    if (found?.kind === 'group') return followPath(found, path);
  }
  return noGroup(path, chain, index());
}

/** `p2…pn` down from group `group` (named by `p1`). */
function followPath(group: DeclaredGroup, path: readonly Identifier[]): Lookup {
  let current: Declared = group;
  for (let i = 1; i < path.length; i++) {
    const part = path[i]!;
    if (current.kind === 'node') {
      const node = path.slice(0, i).map((p) => p.name);
      const written = node.join('.');
      const span = spanOfPath(path.slice(0, i + 1));
      if ((SIDES as readonly string[]).includes(part.name))
        return {
          message: `'${written}' is a node: to attach the edge to its ${part.name} side, write '${written}.handle(${part.name})'`,
          span,
          ...replacing(span, [`${written}.handle(${part.name})`]),
        };
      return { message: `'${written}' is a node, not a group: it has no '${part.name}'`, span };
    }
    const child: Declared | undefined = current.scope.children.get(part.name);
    if (!child) return missingChild(current, part, path.slice(0, i + 1));
    current = child;
  }
  return { found: current };
}

function missingChild(group: DeclaredGroup, part: Identifier, written: Identifier[]): Lookup {
  const where = `group '${group.qualifiedId}' has no node '${part.name}'`;
  const span = spanOfPath(written);
  const elsewhere: string[] = [];
  for (const [name, declared] of allDeclared(rootOf(group.scope))) {
    if (name === part.name) elsewhere.push(declared.qualifiedId);
  }
  if (elsewhere.length > 0)
    return {
      message: `${where}: did you mean ${alternatives(elsewhere)}?`,
      span,
      ...replacing(span, elsewhere),
    };
  const close = didYouMean(part.name, group.scope.children.keys());
  const qualified = close === null ? null : qualify(group.qualifiedId, close);
  return { message: withSuggestion(where, qualified), span, ...replacing(span, [qualified]) };
}

function rootOf(scope: Scope): Scope {
  let s = scope;
  while (s.parent) s = s.parent;
  return s;
}

function unresolvedName(id: Identifier, scope: Scope, chain: Scope[], index: NameIndex): Lookup {
  const name = id.name;
  let where: string;
  if (scope.group === null) where = `'${name}' is not a top-level node`;
  else {
    const groups = chain.slice(0, -1).map((s) => `'${s.group!}'`);
    const around = groups
      .slice(1)
      .map((g) => `, of ${g}`)
      .join('');
    where = `'${name}' is not a node of group ${groups[0]!}${around} or of the top level`;
  }
  const elsewhere = (index.get(name) ?? []).map((d) => d.qualifiedId);
  if (elsewhere.length > 0)
    return {
      message: `${where}: did you mean ${alternatives(elsewhere)}?`,
      span: id.span,
      ...replacing(id.span, elsewhere),
    };
  const visible: string[] = [];
  for (const s of chain) pushAll(visible, s.children.keys());
  let suggestion = didYouMean(name, visible);
  if (suggestion === null) {
    const other = didYouMean(name, index.keys());
    suggestion = other === null ? null : index.get(other)![0]!.qualifiedId;
  }
  return {
    message: withSuggestion(where, suggestion),
    span: id.span,
    ...replacing(id.span, [suggestion]),
  };
}

function noGroup(path: readonly Identifier[], chain: Scope[], index: NameIndex): Lookup {
  const [first, second] = [path[0]!, path[1]!];
  const visibleNode = chain.some((s) => s.children.get(first.name)?.kind === 'node');
  if (visibleNode && path.length === 2 && (SIDES as readonly string[]).includes(second.name)) {
    return {
      message: `there is no group '${first.name}': to attach the edge to the ${second.name} side of node '${first.name}', write '${first.name}.handle(${second.name})'`,
      span: spanOfPath([first, second]),
      ...replacing(spanOfPath([first, second]), [`${first.name}.handle(${second.name})`]),
    };
  }
  const rest = path.slice(1).map((p) => p.name);
  // A group of that name further in, not visible from here: name it in full.
  const hidden = (index.get(first.name) ?? []).filter((d) => d.kind === 'group');
  if (hidden.length > 0) {
    const full = hidden.map((g) => [g.qualifiedId, ...rest].join('.'));
    return {
      message: `there is no group '${first.name}' here: did you mean ${alternatives(full)}?`,
      span: first.span,
      ...replacing(spanOfPath(path), full),
    };
  }
  const visibleGroups = new Map<string, DeclaredGroup>();
  for (const s of chain)
    for (const [name, d] of s.children)
      if (d.kind === 'group' && !visibleGroups.has(name)) visibleGroups.set(name, d);
  const close = didYouMean(first.name, visibleGroups.keys());
  const suggestion =
    close === null
      ? null
      : visibleGroups.get(close)!.scope.children.has(second.name)
        ? [close, ...rest].join('.')
        : close;
  // A path suggestion replaces the whole path; a group name only the group's segment.
  const replaced = suggestion === close ? first.span : spanOfPath(path);
  return {
    message: withSuggestion(`there is no group '${first.name}'`, suggestion),
    span: first.span,
    ...replacing(replaced, [suggestion]),
  };
}

function withSuggestion(message: string, suggestion: string | null): string {
  return suggestion === null ? message : `${message}: did you mean '${suggestion}'?`;
}

/** `'A.x'`, `'A.x' or 'B.x'`, `'A.x', 'B.x' or 'C.x'`. */
function alternatives(names: string[]): string {
  return orList(names.map((n) => `'${n}'`));
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(words: readonly string[]): string {
  return words.length === 1
    ? words[0]!
    : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}`;
}

export function spanOfPath(path: readonly Identifier[]): Span {
  const first = path[0]!.span;
  const last = path[path.length - 1]!.span;
  return {
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}
