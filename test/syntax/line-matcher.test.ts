/**
 * The compiled line matcher (src/syntax/line-matcher.ts, generated from grammar/flow.ohm) against
 * Ohm itself: on every sample, invalid sample, corpus diagram, the seed and random text, a parse
 * through the compiled matcher gives byte for byte the AST and diagnostics of a parse through Ohm
 * alone. The matcher only decides whether a line matches and builds its tree; Ohm explains the
 * lines it declines, so any difference here is a difference in the language.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { matchLine, matchLineWithOhm } from '../../src/syntax/grammar.js';
import { LINE_MATCHER_COMPILED, matchCompiled } from '../../src/syntax/line-matcher.js';
import { parse, parseWithOhm, splitLines } from '../../src/syntax/parse.js';
import { seedCqrsText } from '../support/seed.js';
import { mutate, mutationOf, syntaxUnit } from '../support/mutations.js';

/**
 * Same AST and diagnostics, and every line matched by the compiled matcher exactly when Ohm
 * matches it (a line it wrongly declined would still parse right, through Ohm, but slowly).
 */
function expectSameParse(source: string): void {
  expect(JSON.stringify(parse(source))).toBe(JSON.stringify(parseWithOhm(source)));
  for (const raw of splitLines(source)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    expect([line, matchCompiled(line) !== null]).toEqual([
      line,
      'ast' in matchLineWithOhm(line, 1),
    ]);
  }
}

function flowFiles(dir: URL): [string, string][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.flow'))
    .sort()
    .map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]);
}

const samples = flowFiles(new URL('../../samples/', import.meta.url));
const invalid = flowFiles(new URL('../../samples/invalid/', import.meta.url));
const corpusDir = new URL('../../../shared/corpus/diagrams/', import.meta.url);
const corpus = flowFiles(corpusDir);
if (corpus.length === 0)
  console.log(`test/syntax: ${corpusDir.pathname} is not here: the corpus is not compared`);
const texts: [string, string][] = [['the seed', seedCqrsText()], ...samples, ...invalid, ...corpus];

describe('the compiled line matcher', () => {
  test('is compiled for the current grammar (not the Ohm-only fallback)', () => {
    // If this fails, grammar/flow.ohm uses something scripts/gen-line-matcher.mjs does not compile
    // (the generated file's header says what): every line then goes through Ohm, ~10x slower.
    expect(LINE_MATCHER_COMPILED).toBe(true);
  });

  test.each(texts)('gives the same AST and diagnostics as Ohm: %s', (_name, text) => {
    expectSameParse(text);
  });

  test('declines a line that does not match, and Ohm explains it', () => {
    expect(matchCompiled('n1: circle label:"x')).toBeNull();
    const result = matchLine('n1: circle label:"x', 3);
    expect('failure' in result).toBe(true);
  });

  test("builds Ohm's tree: intervals and children of a matched line", () => {
    const cst = matchCompiled('  a.handle(left) -> G.b [label="x", style="y"]  # c')!;
    expect(cst.ctorName).toBe('Line');
    expect([cst.startIdx, cst.endIdx]).toEqual([2, 51]);
    const [statement, comment] = cst.children;
    expect(statement!.isIteration() && statement!.isOptional()).toBe(true);
    expect(statement!.children[0]!.sourceString).toBe(
      'a.handle(left) -> G.b [label="x", style="y"]',
    );
    expect(comment!.children[0]!.sourceString).toBe('# c');
    const edge = statement!.children[0]!.children[0]!;
    expect(edge.ctorName).toBe('edge');
    expect(edge.children.map((c) => c.ctorName)).toEqual([
      'endpoint',
      'sp',
      'arrow',
      'sp',
      'endpoint',
      '_iter',
    ]);
  });
});

// Characters (and words) that matter to the grammar, so random text hits its decisions often.
const syntaxChar = syntaxUnit(
  'handle',
  'circle',
  'terminator',
  'direction',
  'style',
  'label',
  'fill',
  '\ud800',
);
const mutation = mutationOf(syntaxChar);

describe('the compiled line matcher and Ohm agree on random text', () => {
  test("text made of the grammar's own characters and words", () => {
    fc.assert(fc.property(fc.string({ unit: syntaxChar, maxLength: 120 }), expectSameParse), {
      numRuns: 3000,
    });
  });

  test('arbitrary Unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), expectSameParse), {
      numRuns: 500,
    });
  });

  test('random edits of the samples', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts.map(([, t]) => t)),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (source, edits) => expectSameParse(mutate(source, edits)),
      ),
      { numRuns: 400 },
    );
  });

  test('lines longer than the memo', () => {
    for (const text of [
      `n: rectangle label:"${'x'.repeat(2000)}"`,
      `${'a.'.repeat(600)}handle(left) -> b`,
      `a -> b [${Array.from({ length: 200 }, (_, i) => `k${i}="v"`).join(', ')}]`,
      `G { # ${'t'.repeat(1000)}`,
    ])
      expectSameParse(text);
  });
});
