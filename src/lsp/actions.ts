/**
 * Code actions for the diagnostics under the cursor:
 * - each "did you mean" as a quick fix (the preferred one when it is the only suggestion);
 * - "add a label" to a decision's unlabelled branch (the other branch's counterpart when it has a
 *   known one, e.g. "No" beside "Yes");
 * - "disable RULE for this line" (a `# flowc-disable-next-line` comment) for the rules a comment
 *   may silence.
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import type { Diagnostic } from '../diagnostics.js';
import { RULES_BY_ID } from '../validate/index.js';
import type { Analysis } from './analysis.js';
import { toLspDiagnostic } from './diagnostics.js';
import { toRange } from './positions.js';

export function codeActions(analysis: Analysis, uri: string, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
  for (const diagnostic of analysis.diagnostics) {
    if (!overlaps(toRange(diagnostic.span), range)) continue;
    const lsp = toLspDiagnostic(diagnostic);
    const suggestions = diagnostic.suggestions ?? [];
    for (const suggestion of suggestions)
      actions.push({
        title: `Change to '${suggestion.text}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        isPreferred: suggestions.length === 1,
        edit: edit([{ range: toRange(suggestion.span), newText: suggestion.text }]),
      });
    if (diagnostic.ruleId === 'unlabelled-branch') {
      const stub = labelStub(analysis, diagnostic);
      if (stub)
        actions.push({
          title: `Add a label: "${stub.label}"`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lsp],
          isPreferred: true,
          edit: edit([stub.edit]),
        });
    }
    const disable = disableForLine(analysis, diagnostic);
    if (disable)
      actions.push({
        title: `Disable ${diagnostic.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        edit: edit([disable]),
      });
  }
  return actions;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

const ANSWERS: readonly (readonly [string, string])[] = [
  ['Yes', 'No'],
  ['True', 'False'],
  ['OK', 'Failed'],
  ['Success', 'Failure'],
  ['Valid', 'Invalid'],
  ['Hit', 'Miss'],
  ['Found', 'Not found'],
];

function labelStub(
  analysis: Analysis,
  diagnostic: Diagnostic,
): { label: string; edit: TextEdit } | null {
  const { span } = diagnostic;
  const written = analysis.edges.find(
    (e) => e.decl.span.line === span.line && e.decl.span.column === span.column,
  );
  const edge = analysis.diagram.edges.find(
    (e) => e.span.line === span.line && e.span.column === span.column,
  );
  if (!written || !edge) return null;
  const others = analysis.diagram.edges
    .filter((e) => e.from === edge.from && e !== edge && e.label?.trim())
    .map((e) => e.label!.trim().toLowerCase());
  let label = others.length === 0 ? 'Yes' : 'Other';
  for (const pair of ANSWERS) {
    const [a, b] = pair;
    if (others.includes(a.toLowerCase()) && !others.includes(b.toLowerCase())) label = b;
    else if (others.includes(b.toLowerCase()) && !others.includes(a.toLowerCase())) label = a;
    else continue;
    break;
  }
  const quoted = JSON.stringify(label);
  const attributes = written.decl.attributes;
  const existing = attributes.find((a) => a.key.name === 'label');
  if (existing) return { label, edit: { range: toRange(existing.value.span), newText: quoted } };
  const first = attributes[0];
  if (first) {
    const at = toRange(first.span).start;
    return { label, edit: { range: { start: at, end: at }, newText: `label=${quoted}, ` } };
  }
  const end = toRange(written.decl.target.span).end;
  return { label, edit: { range: { start: end, end }, newText: ` [label=${quoted}]` } };
}

/** A `# flowc-disable-next-line RULE` above the line (added to one already there). */
function disableForLine(analysis: Analysis, diagnostic: Diagnostic): TextEdit | null {
  if (!RULES_BY_ID.get(diagnostic.ruleId)?.suppressible) return null;
  const line = diagnostic.span.line - 1;
  const previous = line > 0 ? analysis.lines[line - 1]! : null;
  const directive =
    previous === null
      ? null
      : /^(\s*#\s*flowc-disable-next-line\s+)(.*?)(\s+--(?:\s.*)?)?$/.exec(previous);
  if (previous !== null && directive && directive[2]!.trim() !== '') {
    const end = directive[1]!.length + directive[2]!.length;
    const at = { line: line - 1, character: end };
    return { range: { start: at, end: at }, newText: `, ${diagnostic.ruleId}` };
  }
  const indent = /^\s*/.exec(analysis.lines[line] ?? '')![0];
  const at = { line, character: 0 };
  return {
    range: { start: at, end: at },
    newText: `${indent}# flowc-disable-next-line ${diagnostic.ruleId}\n`,
  };
}
