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
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot, repositoryFileUrl } from '../util/package.js';
import { RULES_BY_ID } from '../validate/index.js';
import { toRange } from './positions.js';

export const SOURCE = 'flowc';

export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  const rule = RULES_BY_ID.get(diagnostic.ruleId);
  const docs = rule ? docsAddress(rule.docs) : null;
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

const addresses = new Map<string, string | null>();

/**
 * A rule's documentation for the editor to open: the repository's page when package.json names the
 * repository, else the copy of docs/rules.md shipped in flowc's package (a file: address).
 */
export function docsAddress(docs: string): string | null {
  const known = addresses.get(docs);
  if (known !== undefined) return known;
  let address = repositoryFileUrl(docs);
  if (address === null) {
    const [file = '', anchor] = docs.split('#');
    try {
      const path = join(packageRoot(), file);
      if (existsSync(path)) address = `${pathToFileURL(path).href}${anchor ? `#${anchor}` : ''}`;
    } catch {
      // No package folder (flowc bundled into another program): no address.
    }
  }
  addresses.set(docs, address);
  return address;
}
