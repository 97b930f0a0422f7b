/**
 * What the golden tests compare: every sample in samples/*.flow rendered to every format through
 * the real pipeline (`compileFormats`). Shared by golden.test.ts (which compares) and
 * scripts/update-golden.mjs (which rewrites the expected files, and only when asked).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { compileFormats, type Format } from '../../src/compile.js';
import { packageRoot } from '../../src/emit/fonts.js';

export const ROOT = packageRoot();
export const SAMPLES_DIR = join(ROOT, 'samples');
export const EXPECTED_DIR = join(ROOT, 'test', 'golden', 'expected');

export const GOLDEN_FORMATS: readonly Format[] = ['svg', 'json', 'mermaid', 'dot', 'png'];
export const EXTENSIONS: Record<Format, string> = {
  svg: 'svg',
  json: 'json',
  mermaid: 'mmd',
  dot: 'dot',
  png: 'png',
};
/** PNG goldens at 1 px per unit keep the repository small; scaling has its own tests. */
export const GOLDEN_PNG_SCALE = 1;

/** The sample names (file names without `.flow`), sorted. Only the top folder: samples/invalid holds lint fixtures. */
export function sampleNames(): string[] {
  if (!existsSync(SAMPLES_DIR)) return [];
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith('.flow'))
    .map((file) => basename(file, '.flow'))
    .sort();
}

export function expectedPath(sample: string, format: Format): string {
  return join(EXPECTED_DIR, `${sample}.${EXTENSIONS[format]}`);
}

/** Where a mismatching output is written for inspection (gitignored: test/**\/*.got.*). */
export function gotPath(sample: string, format: Format): string {
  return join(EXPECTED_DIR, `${sample}.got.${EXTENSIONS[format]}`);
}

/** Renders one sample to every golden format; throws with the diagnostics if it cannot be rendered. */
export async function renderSample(sample: string): Promise<Record<Format, string | Buffer>> {
  const source = readFileSync(join(SAMPLES_DIR, `${sample}.flow`), 'utf8');
  const result = await compileFormats(source, GOLDEN_FORMATS, { scale: GOLDEN_PNG_SCALE });
  const missing = GOLDEN_FORMATS.filter((format) => result.outputs[format] === undefined);
  if (missing.length > 0) {
    const problems = result.diagnostics.map(
      (d) => `  ${sample}.flow:${d.span.line}:${d.span.column} ${d.ruleId}: ${d.message}`,
    );
    throw new Error(
      `samples/${sample}.flow could not be rendered to ${missing.join(', ')}:\n${problems.join('\n')}`,
    );
  }
  return result.outputs as Record<Format, string | Buffer>;
}
