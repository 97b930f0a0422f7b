/**
 * flowc diagnostics as LSP diagnostics: the rule id as `code`, its documentation (docs/rules.md)
 * as `codeDescription`, the notes under the message, and the "did you mean" edits in `data` (the
 * code actions read them from the server's own analysis, so a client need not send them back).
 */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import type { Diagnostic } from '../diagnostics.js';
import { RULES_BY_ID } from '../validate/index.js';
import { toRange } from './positions.js';

export const SOURCE = 'flowc';

export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  const docs = RULES_BY_ID.get(diagnostic.ruleId)?.docs;
  const message = diagnostic.notes?.length
    ? `${diagnostic.message}\n${diagnostic.notes.join('\n')}`
    : diagnostic.message;
  return {
    range: toRange(diagnostic.span),
    severity:
      diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.ruleId,
    ...(docs ? { codeDescription: { href: docs } } : {}),
    source: SOURCE,
    message,
    ...(diagnostic.ruleId === 'unused-disable-directive'
      ? { tags: [DiagnosticTag.Unnecessary] }
      : {}),
    ...(diagnostic.suggestions ? { data: { suggestions: diagnostic.suggestions } } : {}),
  };
}
