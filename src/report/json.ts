/**
 * The contract's lint JSON: the shape of ESLint's `json` formatter, so tools that read ESLint
 * reports read flowc's. `filePath` is relative to the cwd (reports stay the same wherever the
 * repository is checked out).
 */
import { safeJson } from '../util/printable.js';
import { displayPath } from './paths.js';
import type { Reporter } from './types.js';

export const json: Reporter = (results, context) => {
  const files = results.map((result) => {
    const messages = result.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity === 'error' ? 2 : 1,
      message: d.message,
      line: d.span.line,
      column: d.span.column,
      endLine: d.span.endLine,
      endColumn: d.span.endColumn,
    }));
    return {
      filePath: displayPath(result.filePath, context.cwd),
      messages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
    };
  });
  return `${safeJson(files, 2)}\n`;
};
