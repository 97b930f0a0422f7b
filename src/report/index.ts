/**
 * The reporters by name. Each is a pure function in its own file; adding one is one file and
 * one line here.
 */
import { compact } from './compact.js';
import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

export type ReporterName = 'stylish' | 'json' | 'sarif' | 'github' | 'compact' | 'unix';

export const reporters: Readonly<Record<ReporterName, Reporter>> = {
  stylish,
  json,
  sarif,
  github,
  compact,
  unix: compact,
};

export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}

export type { LintResult, Reporter, ReportContext, ReportRule } from './types.js';
export { loadColors, colorEnabled, PLAIN_COLORS, type Colors } from './color.js';
export { buildExcerpt, type Excerpt } from './excerpt.js';
