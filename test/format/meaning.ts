/**
 * What a `.flow` text means, for comparing a file before and after `flowc fmt`: the resolved
 * diagram with source positions taken out (they move when lines are re-indented or blank lines
 * collapse), and the problems lint reports, by rule and severity (their messages cite lines).
 */
import { check } from '../../src/check.js';

export interface Meaning {
  diagram: unknown;
  problems: string[];
}

function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (key !== 'span') out[key] = withoutSpans(v);
    return out;
  }
  return value;
}

export function meaning(source: string): Meaning {
  const result = check(source);
  return {
    diagram: withoutSpans(result.diagram),
    problems: result.diagnostics.map((d) => `${d.ruleId} ${d.severity}`).sort(),
  };
}
