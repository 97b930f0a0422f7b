/**
 * parseLarge splits a large file's lines between this thread and a worker (dist/parse-worker.js,
 * built by `npm test`'s pretest): the Ast must be exactly parse()'s, wherever the split falls,
 * including syntax errors and groups that span the split.
 */
import { generateFlow } from '../../bench/generate.mjs';
import { parse, parseLarge, PARALLEL_MIN_LINES } from '../../src/syntax/index.js';
import { distScript } from '../../src/util/package.js';

beforeAll(() => {
  // Without the built worker parseLarge would quietly parse on one thread and prove nothing here.
  if (distScript('parse-worker.js') === null)
    throw new Error(
      'dist/parse-worker.js is missing: run `npm run build` (npm test does it in pretest)',
    );
});

test('a large generated file: the same Ast as parse()', async () => {
  const source = generateFlow({ nodes: 3000, groups: 250, seed: 3 });
  expect(source.split('\n').length).toBeGreaterThan(PARALLEL_MIN_LINES);
  expect(await parseLarge(source)).toEqual(parse(source));
});

test('broken lines, CRLF, a BOM and an unclosed group across the split: the same Ast and diagnostics', async () => {
  const lines = generateFlow({ nodes: 2500, groups: 200, seed: 9 }).split('\n');
  // Damage lines all over the file, and drop a closing brace near the middle.
  for (let i = 7; i < lines.length; i += 97) lines[i] = `${lines[i]} ((broken`;
  const middle = lines.findIndex((l, i) => i > lines.length / 2 && l.trim() === '}');
  lines.splice(middle, 1);
  const source = '\uFEFF' + lines.join('\r\n');
  const expected = parse(source);
  expect(expected.diagnostics.length).toBeGreaterThan(20);
  expect(await parseLarge(source)).toEqual(expected);
});

test("a small file takes the one-thread path and still gives parse()'s Ast", async () => {
  const source = 'n1: circle label:"Start"\nn2: circle label:"End"\nn1 -> n2\n';
  expect(await parseLarge(source)).toEqual(parse(source));
});
