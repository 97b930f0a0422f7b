/** Types of scripts/gen-grammar.mjs, for the test that checks the generated files are current. */
export function recipeFromSource(source: string): string;
/** The generated src/syntax/line-matcher.ts for the grammar text `source`, formatted. */
export function lineMatcherFromSource(source: string): Promise<string>;
