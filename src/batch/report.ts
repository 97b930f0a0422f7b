/**
 * What a batch run prints when it ends: one line per failure (sorted by path, so logs are
 * reproducible) with its first diagnostic, then one summary line.
 *   docs/a/broken.flow:3:5  expected '->' or ':'  [syntax] (+1 more error)
 *   rendered 998, skipped 0, failed 2 in 2.31 s (432 files/s)
 * With `--prune`, each output removed first (`removed out/old.svg (docs/old.flow is gone)`), and
 * `removed N` in the summary.
 */
import { shownPath } from '../util/paths.js';
import { printable } from '../util/printable.js';
import type { BatchSummary, FileOutcome } from './types.js';

export function failureLine(outcome: FileOutcome, cwd: string): string {
  const failure = outcome.failure!;
  const file = shownPath(cwd, outcome.source);
  const position = failure.line !== undefined ? `:${failure.line}:${failure.column ?? 1}` : '';
  const rule = failure.ruleId !== undefined ? `  [${failure.ruleId}]` : '';
  const more =
    failure.moreErrors > 0
      ? ` (+${failure.moreErrors} more error${failure.moreErrors === 1 ? '' : 's'})`
      : '';
  const drawn = !failure.drawn
    ? ''
    : failure.marked
      ? '; drawn with the offending nodes marked'
      : '; drawn all the same (no node to mark)';
  return `${file}${position}  ${printable(failure.message)}${rule}${more}${drawn}`;
}

export function summaryLine(summary: Omit<BatchSummary, 'exitCode' | 'failures'>): string {
  const seconds = summary.elapsedMs / 1000;
  const done = summary.rendered + summary.skipped + summary.failed;
  const rate = seconds > 0 ? Math.round(done / seconds) : done;
  const pruned = summary.pruned !== undefined ? `, removed ${summary.pruned.length}` : '';
  const counts = `rendered ${summary.rendered}, skipped ${summary.skipped}, failed ${summary.failed}${pruned}`;
  if (summary.interrupted) {
    return `interrupted: ${counts}, not rendered ${summary.total - done} in ${seconds.toFixed(2)} s`;
  }
  return `${counts} in ${seconds.toFixed(2)} s (${rate} files/s)`;
}
