/**
 * GitHub Actions workflow commands: each problem becomes an annotation on its line of the pull
 * request. Escaping follows the Actions runner (toolkit `command.ts`): in the message `%`, `\r` and
 * `\n`; in property values also `:` and `,`. Text from the file (a label in a message, the file
 * name) first has its control characters made visible (src/util/printable.ts): a line break in a
 * label shows as `\n` in the annotation, not as a second line.
 */
import { printable } from '../util/printable.js';
import { portablePath } from './paths.js';
import type { Reporter } from './types.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Reporter = (results, context) => {
  let text = '';
  for (const result of results) {
    const file = printable(portablePath(result.filePath, context.cwd));
    for (const d of result.diagnostics) {
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${d.span.line}`,
        `col=${d.span.column}`,
        `endLine=${d.span.endLine}`,
        `endColumn=${d.span.endColumn}`,
        `title=${escapeProperty(`flowc ${printable(d.ruleId)}`)}`,
      ].join(',');
      const message = [d.message, ...(d.notes ?? [])].map(printable).join('\n');
      text += `::${d.severity} ${properties}::${escapeData(message)}\n`;
    }
  }
  return text;
};
