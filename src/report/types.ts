/**
 * What every reporter receives. Reporters are pure functions `(results, context) => string`:
 * no I/O, no clock, no environment, so their output is golden-testable byte for byte.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Colors } from './color.js';

export interface LintResult {
  /** Absolute path of the file, or a display name such as `<stdin>` for standard input. */
  filePath: string;
  /** The file's text (for excerpts). */
  source: string;
  /** Sorted by position. */
  diagnostics: Diagnostic[];
}

/** A rule as the reporters describe it (SARIF's rule list); mirrors the validate registry's RuleMeta. */
export interface ReportRule {
  id: string;
  defaultSeverity: 'error' | 'warning';
  description: string;
  /** The web address of the rule's documentation; null when flowc knows of none (package.json). */
  docs: string | null;
}

export interface ReportContext {
  /** Paths are shown relative to this directory. */
  cwd: string;
  colors: Colors;
  /** Every known rule (for SARIF's `tool.driver.rules`). */
  rules: readonly ReportRule[];
  /** flowc's version (SARIF's `tool.driver.version`). */
  version: string;
  /** flowc's web page (SARIF's `tool.driver.informationUri`), when package.json names one. */
  informationUri?: string | null;
}

export type Reporter = (results: readonly LintResult[], context: ReportContext) => string;
