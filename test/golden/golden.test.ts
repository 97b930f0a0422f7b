/**
 * Golden tests: every sample rendered to every format must match the committed file in
 * test/golden/expected/. On a mismatch the new output is written beside it as `<sample>.got.<ext>`
 * (gitignored) and the test fails; expected files change only through `npm run golden:update`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Format } from '../../src/compile.js';
import { compareText, comparePng } from './compare.js';
import {
  EXPECTED_DIR,
  GOLDEN_FORMATS,
  ROOT,
  expectedPath,
  gotPath,
  renderSample,
  sampleNames,
} from './render.js';

const samples = sampleNames();

test('there are samples to compare', () => {
  expect(samples.length).toBeGreaterThan(0);
});

describe.each(samples)('samples/%s.flow', (sample) => {
  let outputs: Record<Format, string | Buffer>;
  beforeAll(async () => {
    mkdirSync(EXPECTED_DIR, { recursive: true });
    outputs = await renderSample(sample);
  });

  test.each(GOLDEN_FORMATS)('%s matches the expected file', async (format) => {
    const expectedFile = expectedPath(sample, format);
    const gotFile = gotPath(sample, format);
    const actual = outputs[format];
    const show = (file: string): string => relative(ROOT, file);
    if (!existsSync(expectedFile)) {
      writeFileSync(gotFile, actual);
      throw new Error(
        `${show(expectedFile)} does not exist (the output is in ${show(gotFile)}). ` +
          'Run `npm run golden:update` to create the expected files, look at them, and commit them.',
      );
    }
    const comparison =
      format === 'png'
        ? await comparePng(readFileSync(expectedFile), actual as Buffer)
        : compareText(readFileSync(expectedFile, 'utf8'), actual as string);
    if (!comparison.equal) {
      writeFileSync(gotFile, actual);
      throw new Error(
        `${show(expectedFile)} differs from the output: ${comparison.reason}.\n` +
          `See \`diff ${show(expectedFile)} ${show(gotFile)}\`. If the change is intended, run \`npm run golden:update\` and commit.`,
      );
    }
    rmSync(gotFile, { force: true });
  });
});
