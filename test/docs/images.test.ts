/**
 * The pictures in docs/ (shown by the README) are what flowc draws today: regenerate them with
 * `npm run golden:update` when the drawing changes on purpose.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { compile } from '../../src/compile.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url));
const source = read('samples/cqrs.flow').toString('utf8');

test('docs/cqrs.svg is the current rendering of samples/cqrs.flow', async () => {
  const { output } = await compile(source, { format: 'svg' });
  expect(read('docs/cqrs.svg').toString('utf8')).toBe(output);
});

test('docs/cqrs.png has the pixels of the current rendering (scale 2)', async () => {
  const { output } = await compile(source, { format: 'png' });
  const expected = await sharp(read('docs/cqrs.png')).raw().toBuffer({ resolveWithObject: true });
  const actual = await sharp(output as Buffer)
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect(actual.info.width).toBe(expected.info.width);
  expect(actual.info.height).toBe(expected.info.height);
  expect(actual.data.equals(expected.data)).toBe(true);
});
