import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { FLOW_GRAMMAR_RECIPE } from '../../src/syntax/grammar-recipe.js';

describe('grammar recipe', () => {
  test('src/syntax/grammar-recipe.ts is generated from the current grammar/flow.ohm', () => {
    const source = readFileSync(new URL('../../grammar/flow.ohm', import.meta.url), 'utf8');
    // toRecipe() is public Ohm API missing from its type declarations.
    const fresh = (ohm.grammar(source) as unknown as { toRecipe(): string }).toRecipe();
    // If this fails, grammar/flow.ohm changed: run `npm run build:grammar` and commit the result.
    expect(FLOW_GRAMMAR_RECIPE).toBe(fresh);
  });
});
