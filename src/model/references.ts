/**
 * Edge endpoint lookup by the contract's scoping rules, and the "did you mean" message when a
 * reference does not resolve:
 * - `id`: a node of the enclosing group, else a top-level node (never a node of another group);
 * - `Group.id`: the node `id` of group `Group`, from anywhere in the file.
 */
import type { Span, Suggestion } from '../diagnostics.js';
import { SIDES, type EndpointRef, type Identifier } from '../syntax/ast.js';
import { didYouMean } from '../util/suggest.js';
import { qualify, type Declarations, type DeclaredNode } from './scope.js';

export type Lookup =
  { node: DeclaredNode } | { message: string; span: Span; suggestions?: Suggestion[] };

/** The "did you mean" edits: each text in place of the text at `span`. */
function replacing(span: Span, texts: readonly (string | null)[]): { suggestions?: Suggestion[] } {
  const suggestions = texts.filter((t) => t !== null).map((text) => ({ text, span }));
  return suggestions.length > 0 ? { suggestions } : {};
}

export function lookUpEndpoint(
  ref: EndpointRef,
  enclosing: string | null,
  declarations: Declarations,
): Lookup {
  const path = ref.path;
  if (path.length === 1) return lookUpUnqualified(path[0]!, enclosing, declarations);
  if (path.length === 2) return lookUpQualified(path[0]!, path[1]!, enclosing, declarations);
  const written = path.map((p) => p.name).join('.');
  return {
    message: `'${written}' is not a node reference: write 'id' or 'Group.id' (groups do not nest)`,
    span: spanOfPath(path),
  };
}

function lookUpUnqualified(
  id: Identifier,
  enclosing: string | null,
  declarations: Declarations,
): Lookup {
  const name = id.name;
  const local = enclosing === null ? undefined : declarations.scopeOf(enclosing).get(name);
  const found = local ?? declarations.topLevel.get(name);
  if (found) return { node: found };

  const where =
    enclosing === null
      ? `'${name}' is not a top-level node`
      : `'${name}' is not a node of group '${enclosing}' or of the top level`;
  const elsewhere = declarations.elsewhere(name, enclosing);
  if (elsewhere.length > 0)
    return {
      message: `${where}: did you mean ${alternatives(elsewhere)}?`,
      span: id.span,
      ...replacing(id.span, elsewhere),
    };
  if (declarations.groups.has(name)) {
    const first = declarations.groups.get(name)!.nodes.values().next().value;
    const example = first ? `, e.g. '${first.qualifiedId}'` : '';
    return {
      message: `'${name}' is a group, not a node: an edge connects nodes${example}`,
      span: id.span,
    };
  }
  const close = suggestVisible(name, enclosing, declarations);
  return { message: withSuggestion(where, close), span: id.span, ...replacing(id.span, [close]) };
}

/** A close name among those visible where the reference stands, else a close name of another group (qualified). */
function suggestVisible(
  name: string,
  enclosing: string | null,
  declarations: Declarations,
): string | null {
  const visible = enclosing === null ? [] : [...declarations.scopeOf(enclosing).keys()];
  visible.push(...declarations.topLevel.keys());
  const close = didYouMean(name, visible);
  if (close !== null) return close;
  const qualified = new Map<string, string>();
  for (const [groupName, group] of declarations.groups) {
    if (groupName === enclosing) continue;
    for (const localId of group.nodes.keys())
      if (!qualified.has(localId)) qualified.set(localId, qualify(groupName, localId));
  }
  const other = didYouMean(name, qualified.keys());
  return other === null ? null : qualified.get(other)!;
}

function lookUpQualified(
  groupId: Identifier,
  id: Identifier,
  enclosing: string | null,
  declarations: Declarations,
): Lookup {
  const group = declarations.groups.get(groupId.name);
  if (group) {
    const found = group.nodes.get(id.name);
    if (found) return { node: found };
    const where = `group '${group.name}' has no node '${id.name}'`;
    const elsewhere = declarations.elsewhere(id.name, group.name);
    if (declarations.topLevel.has(id.name)) elsewhere.push(id.name);
    if (elsewhere.length > 0)
      return {
        message: `${where}: did you mean ${alternatives(elsewhere)}?`,
        span: spanOfPath([groupId, id]),
        ...replacing(spanOfPath([groupId, id]), elsewhere),
      };
    const close = didYouMean(id.name, group.nodes.keys());
    const qualified = close === null ? null : qualify(group.name, close);
    return {
      message: withSuggestion(where, qualified),
      span: spanOfPath([groupId, id]),
      ...replacing(spanOfPath([groupId, id]), [qualified]),
    };
  }

  const visibleNode =
    (enclosing !== null && declarations.scopeOf(enclosing).has(groupId.name)) ||
    declarations.topLevel.has(groupId.name);
  if (visibleNode && (SIDES as readonly string[]).includes(id.name)) {
    return {
      message: `there is no group '${groupId.name}': to attach the edge to the ${id.name} side of node '${groupId.name}', write '${groupId.name}.handle(${id.name})'`,
      span: spanOfPath([groupId, id]),
      ...replacing(spanOfPath([groupId, id]), [`${groupId.name}.handle(${id.name})`]),
    };
  }
  const closeGroup = didYouMean(groupId.name, declarations.groups.keys());
  const suggestion =
    closeGroup === null
      ? null
      : declarations.groups.get(closeGroup)!.nodes.has(id.name)
        ? qualify(closeGroup, id.name)
        : closeGroup;
  // A qualified suggestion replaces the whole path; a group name only the group's segment.
  const replaced = suggestion === closeGroup ? groupId.span : spanOfPath([groupId, id]);
  return {
    message: withSuggestion(`there is no group '${groupId.name}'`, suggestion),
    span: groupId.span,
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

function spanOfPath(path: Identifier[]): Span {
  const first = path[0]!.span;
  const last = path[path.length - 1]!.span;
  return {
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}
