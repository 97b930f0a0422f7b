import type { LintResult } from './types.js';

export interface Counts {
  errors: number;
  warnings: number;
}

export function countProblems(results: readonly LintResult[]): Counts {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The result without its warnings (`--quiet`). */
export function errorsOnly(result: LintResult): LintResult {
  return { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') };
}
