import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { lineMatcherFromSource } from '../../scripts/gen-grammar.mjs';
import { FLOW_GRAMMAR_RECIPE } from '../../src/syntax/grammar-recipe.js';

const source = readFileSync(new URL('../../grammar/flow.ohm', import.meta.url), 'utf8');

describe('generated from grammar/flow.ohm', () => {
  // If one of these fails, grammar/flow.ohm changed: run `npm run build:grammar` and commit the result.
  test('src/syntax/grammar-recipe.ts is the current grammar', () => {
    // toRecipe() is public Ohm API missing from its type declarations.
    const fresh = (ohm.grammar(source) as unknown as { toRecipe(): string }).toRecipe();
    expect(FLOW_GRAMMAR_RECIPE).toBe(fresh);
  });

  test('src/syntax/line-matcher.ts is compiled from the current grammar', async () => {
    const committed = readFileSync(
      new URL('../../src/syntax/line-matcher.ts', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(await lineMatcherFromSource(source));
  });
});
