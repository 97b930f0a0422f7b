/**
 * The parser's front path (src/syntax/fast-line.ts) against Ohm itself: whenever it answers for a
 * line, Ohm matches that line too and its semantic actions build the same AST, JSON byte for byte
 * (keys in the same order); and it answers for the everyday lines, or it would be no front path.
 * The whole parse through it is also compared with Ohm's in test/syntax/line-matcher.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { generateFlow, repeatSample } from '../../bench/generate.mjs';
import { fastLine } from '../../src/syntax/fast-line.js';
import { matchLineWithOhm } from '../../src/syntax/grammar.js';
import { splitLines } from '../../src/syntax/parse.js';
import { seedCqrsText } from '../support/seed.js';
import { mutate, mutationOf, syntaxUnit } from '../support/mutations.js';

/** Whether the front path answered for the line; when it did, Ohm's AST is the same. */
function expectOhmsAst(line: string, lineNumber = 7): boolean {
  const fast = fastLine(line, lineNumber);
  if (fast === null) return false;
  const ohm = matchLineWithOhm(line, lineNumber);
  expect([line, 'ast' in ohm ? JSON.stringify(ohm.ast) : 'Ohm does not match']).toEqual([
    line,
    JSON.stringify(fast),
  ]);
  return true;
}

function linesOf(text: string): string[] {
  return splitLines(text)
    .map((raw) => (raw.endsWith('\r') ? raw.slice(0, -1) : raw))
    .filter((line) => line.trim() !== '');
}

function flowFiles(dir: URL): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.flow'))
    .sort()
    .map((f) => readFileSync(new URL(f, dir), 'utf8'));
}

const samples = flowFiles(new URL('../../samples/', import.meta.url));
const invalid = flowFiles(new URL('../../samples/invalid/', import.meta.url));
const corpus = flowFiles(new URL('../../../shared/corpus/diagrams/', import.meta.url));
const cqrs = readFileSync(new URL('../../samples/cqrs.flow', import.meta.url), 'utf8');

describe('the front path gives the AST of the grammar, or declines', () => {
  test('on every line of the samples, where it answers for nearly every line', () => {
    const lines = samples.flatMap(linesOf);
    const answered = lines.filter((line, i) => expectOhmsAst(line, i + 1));
    expect(lines.length).toBeGreaterThan(200);
    expect(answered.length / lines.length).toBeGreaterThan(0.95);
  });

  test('on the invalid samples, the seed and the corpus', () => {
    for (const text of [...invalid, seedCqrsText(), ...corpus])
      linesOf(text).forEach((line, i) => expectOhmsAst(line, i + 1));
  });

  test("on the benchmarks' files: generated diagrams and repeated samples", () => {
    const text = [1, 2, 3].map((seed) => generateFlow({ nodes: 60, groups: 6, seed })).join('\n');
    const lines = [...linesOf(text), ...linesOf(repeatSample(cqrs, 3))];
    expect(lines.filter((line) => expectOhmsAst(line)).length).toBe(lines.length);
  });

  test.each([
    // Every statement, blanks and tabs where the grammar allows them, comments.
    ['  n1: circle label:"Start"  # the start'],
    ['n1 :\tcircle  label : "a \\"quoted\\" \\\\ word\\nnext"'],
    ['a.handle(right) -> G.b.handle( left ) [label="x" , style = "y"]'],
    ['a . b . c -> d [ ]'],
    ['Client { # Client Application'],
    ['}  # end'],
    ['# only a comment'],
    ['direction TB'],
    ['layout lanes # why'],
    ['style warn fill:"#fde" stroke:"#c33"'],
    ['my-node_2: rectangle'],
    ['a->b'],
    ['handle: circle'],
    ['a.handleX -> b'],
    ['direction: circle'],
    ['style: circle'],
    ['layout -> x'],
    ['n: rectangle label:"日本語 😀 \ud800"'],
    ['G {'],
  ])('answers for %j with the AST Ohm builds', (line) => {
    expect(expectOhmsAst(line)).toBe(true);
  });

  test.each([
    // Unicode identifiers, unknown escapes, anything left over: the compiled matcher and Ohm decide.
    ['é: circle'],
    ['a -> bé'],
    ['n: circle label:"a\\tb"'],
    ['n: circle label:"open'],
    ['a -> b [label="x",]'],
    ['a -> b [label="x"'],
    ['direction TB LR'],
    ['directionx TB'],
    ['a.handle(up) -> b'],
    ['n1: circle label'],
    ['a -> '],
    ['a b'],
    ['1a -> b'],
    ['} }'],
    ['a.é -> b'],
    ['a.handle(left)x -> b'],
  ])('declines %j', (line) => {
    expect(fastLine(line, 1)).toBeNull();
  });
});

const unit = syntaxUnit('handle', 'circle', 'direction', 'layout', 'style', 'label', 'top', '->');

describe('random text: whatever the front path answers, Ohm agrees', () => {
  test("lines made of the grammar's own characters and words", () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (line) => {
        expectOhmsAst(line);
      }),
      { numRuns: 20000 },
    );
  });

  test('random edits of sample lines', () => {
    const lines = samples.flatMap(linesOf);
    let answered = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...lines),
        fc.array(mutationOf(unit), { minLength: 1, maxLength: 3 }),
        (line, edits) => {
          if (expectOhmsAst(mutate(line, edits).replace(/[\r\n]/g, ' '))) answered++;
        },
      ),
      { numRuns: 20000 },
    );
    // Many edited lines are still lines the front path answers for: the comparison is not empty.
    expect(answered).toBeGreaterThan(2000);
  });
});
