/**
 * One line per problem, `file:line:col: severity message [rule]`: what editors' problem matchers
 * and `grep` expect. `unix` is the same format under the name other linters use for it.
 */
import { printable, printablePath } from '../util/printable.js';
import { displayPath } from './paths.js';
import type { Reporter } from './types.js';

export const compact: Reporter = (results, context) => {
  let text = '';
  for (const result of results) {
    const file = printablePath(displayPath(result.filePath, context.cwd));
    for (const d of result.diagnostics) {
      text += `${file}:${d.span.line}:${d.span.column}: ${d.severity} ${printable(d.message)} [${printable(d.ruleId)}]\n`;
    }
  }
  return text;
};
