/**
 * One line per problem, `file:line:col: severity message [rule]`: what editors' problem matchers
 * and `grep` expect. `unix` is the same format under the name other linters use for it.
 */
import { displayPath } from './paths.js';
import type { Reporter } from './types.js';

export const compact: Reporter = (results, context) => {
  let text = '';
  for (const result of results) {
    const file = displayPath(result.filePath, context.cwd);
    for (const d of result.diagnostics) {
      const message = d.message.replace(/\r?\n/g, ' ');
      text += `${file}:${d.span.line}:${d.span.column}: ${d.severity} ${message} [${d.ruleId}]\n`;
    }
  }
  return text;
};
