/**
 * The default, human report. Each problem on one line that editors and terminals make clickable,
 * then the source line with the span underlined, then any notes:
 *
 *   samples/invalid/unlabelled-branch.flow:7:1  error  Edge leaving decision "n3" has no label  unlabelled-branch
 *     7 | n3 -> n5
 *       | ^~~~~~~~
 *       = every branch of a decision needs a label
 *
 *   ✖ 1 problem (1 error, 0 warnings)
 */
import type { Diagnostic } from '../diagnostics.js';
import { printable, printablePath } from '../util/printable.js';
import { buildExcerpt } from './excerpt.js';
import { displayPath } from './paths.js';
import { countProblems, plural } from './summary.js';
import type { LintResult, Reporter, ReportContext } from './types.js';

export const stylish: Reporter = (results, context) => {
  const blocks: string[] = [];
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    blocks.push(fileBlock(result, context));
  }
  const { errors, warnings } = countProblems(results);
  const { colors } = context;
  if (errors + warnings === 0) {
    if (results.length === 0) return '';
    return `${colors.green('✔')} ${plural(results.length, 'file')} checked, no problems\n`;
  }
  const summary = `✖ ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  const paint = errors > 0 ? colors.red : colors.yellow;
  return `${blocks.join('')}${paint(colors.bold(summary))}\n`;
};

function fileBlock(result: LintResult, context: ReportContext): string {
  const file = printablePath(displayPath(result.filePath, context.cwd));
  let gutter = 1;
  for (const d of result.diagnostics) gutter = Math.max(gutter, String(d.span.line).length);
  return result.diagnostics.map((d) => problem(file, d, result.source, gutter, context)).join('');
}

function problem(
  file: string,
  d: Diagnostic,
  source: string,
  gutter: number,
  context: ReportContext,
): string {
  const { colors } = context;
  const paint = d.severity === 'error' ? colors.red : colors.yellow;
  const location = `${file}:${d.span.line}:${d.span.column}`;
  const severity = paint(d.severity === 'error' ? 'error' : 'warning');
  let text = `${colors.bold(location)}  ${severity}  ${printable(d.message)}  ${colors.dim(printable(d.ruleId))}\n`;
  const excerpt = buildExcerpt(source, d.span);
  const pad = ' '.repeat(gutter);
  const bar = colors.dim('|');
  text += `  ${colors.dim(String(excerpt.lineNumber).padStart(gutter))} ${bar} ${excerpt.text}\n`;
  text += `  ${pad} ${bar} ${paint(excerpt.marker)}\n`;
  for (const note of d.notes ?? []) text += `  ${pad} ${colors.dim('=')} ${printable(note)}\n`;
  return `${text}\n`;
}
