/**
 * Go to definition, find references and rename, for node and group ids written plain or qualified.
 * Everything is read from the analysis' occurrences: declarations from the Ast, references from
 * what `resolve` recorded for each segment, so `Client.n1` and a plain `n1` inside `Client` are
 * the same node, and a plain `n1` elsewhere is another.
 */
import {
  ResponseError,
  ErrorCodes,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Analysis, Occurrence } from './analysis.js';
import { occurrenceAt } from './analysis.js';
import { toRange } from './positions.js';

export function definition(analysis: Analysis, uri: string, position: Position): Location | null {
  const at = occurrenceAt(analysis, position);
  if (!at) return null;
  const symbol = analysis.symbols.get(at.id);
  if (!symbol) return null;
  return { uri, range: toRange(symbol.name.span) };
}

export function references(
  analysis: Analysis,
  uri: string,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const at = occurrenceAt(analysis, position);
  if (!at) return [];
  return (analysis.occurrencesById.get(at.id) ?? [])
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri, range: toRange(o.span) }));
}

/** The same occurrences, for `textDocument/documentHighlight`. */
export function highlights(analysis: Analysis, position: Position): Occurrence[] {
  const at = occurrenceAt(analysis, position);
  return at ? (analysis.occurrencesById.get(at.id) ?? []) : [];
}

export function prepareRename(
  analysis: Analysis,
  position: Position,
): { range: Range; placeholder: string } | null {
  const at = occurrenceAt(analysis, position);
  if (!at || !analysis.symbols.has(at.id)) return null;
  const name = analysis.lines[at.span.line - 1]!.slice(at.span.column - 1, at.span.endColumn - 1);
  return { range: toRange(at.span), placeholder: name };
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*(?:-(?!>)[\p{L}\p{N}_]*)*$/u;
const KEYWORDS = new Set(['handle', 'direction']);

/**
 * Every written occurrence of the name under the cursor, renamed. Refused (an error the editor
 * shows) when the new name is not an identifier, or when the renamed file would not mean the
 * same diagram: a name already used in that scope, or a reference that would now find another
 * node (a plain name shadowed by the new one). `reanalyze` checks the edited text.
 */
export function rename(
  analysis: Analysis,
  uri: string,
  position: Position,
  newName: string,
  reanalyze: (text: string) => Analysis,
): WorkspaceEdit | ResponseError {
  const at = occurrenceAt(analysis, position);
  const symbol = at ? analysis.symbols.get(at.id) : undefined;
  if (!at || !symbol) return refuse('there is no node, group or style name here to rename');
  if (!IDENTIFIER.test(newName) || KEYWORDS.has(newName))
    return refuse(
      `'${newName}' is not a valid id: a letter or '_', then letters, digits, '_' or '-'`,
    );
  const oldName = symbol.name.name;
  if (newName === oldName) return { changes: { [uri]: [] } };
  const siblings =
    symbol.kind === 'style'
      ? analysis.styles
      : symbol.parent
        ? symbol.parent.children
        : analysis.roots;
  const clash = siblings.find((s) => s !== symbol && s.name.name === newName);
  if (clash) {
    const where =
      symbol.kind === 'style'
        ? 'in this file'
        : symbol.parent
          ? `in group '${symbol.parent.id}'`
          : 'at the top level';
    return refuse(
      `'${newName}' is already a ${clash.kind} ${where} (line ${clash.span.line}): ids must be unique in their scope`,
    );
  }

  const edits: TextEdit[] = (analysis.occurrencesById.get(at.id) ?? []).map((o) => ({
    range: toRange(o.span),
    newText: newName,
  }));
  const after = reanalyze(applyEdits(analysis, edits));
  const problem = changedMeaning(analysis, after, symbol.id, renamedId(symbol.id, newName));
  if (problem)
    return refuse(`renaming '${oldName}' to '${newName}' would change the diagram: ${problem}`);
  return { changes: { [uri]: edits } };
}

function refuse(message: string): ResponseError {
  return new ResponseError(ErrorCodes.InvalidRequest, message);
}

function renamedId(id: string, newName: string): string {
  const dot = id.lastIndexOf('.');
  return dot < 0 ? newName : `${id.slice(0, dot + 1)}${newName}`;
}

/** The id after the rename: itself, or with the renamed prefix replaced. */
function mapId(id: string, from: string, to: string): string {
  if (id === from) return to;
  return id.startsWith(`${from}.`) ? `${to}${id.slice(from.length)}` : id;
}

/** Why the renamed text means something else, or null when every reference finds the same thing. */
function changedMeaning(
  before: Analysis,
  after: Analysis,
  from: string,
  to: string,
): string | null {
  const count = (a: Analysis, rule: string): number =>
    a.diagnostics.filter((d) => d.ruleId === rule).length;
  for (const rule of [
    'duplicate-id',
    'unresolved-reference',
    'syntax',
    'duplicate-style',
    'unknown-class',
  ])
    if (count(after, rule) > count(before, rule)) {
      const first = after.diagnostics.find((d) => d.ruleId === rule)!;
      return `line ${first.span.line}: ${first.message}`;
    }
  if (after.references.length !== before.references.length) return 'the edges read differently';
  for (let i = 0; i < before.references.length; i++) {
    const was = before.references[i]!.segments.map((s) => mapId(s.id, from, to));
    const now = after.references[i]!.segments.map((s) => s.id);
    if (was.join('\n') !== now.join('\n')) {
      const line = after.references[i]!.segments[0]?.name.span.line;
      return `the reference on line ${line ?? '?'} would name '${now[now.length - 1] ?? '?'}' instead of '${was[was.length - 1] ?? '?'}'`;
    }
  }
  return null;
}

function applyEdits(analysis: Analysis, edits: readonly TextEdit[]): string {
  const lines = [...analysis.lines];
  const sorted = [...edits].sort(
    (a, b) =>
      b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
  );
  for (const edit of sorted) {
    const i = edit.range.start.line;
    const text = lines[i]!;
    lines[i] =
      text.slice(0, edit.range.start.character) +
      edit.newText +
      text.slice(edit.range.end.character);
  }
  return lines.join('\n');
}
