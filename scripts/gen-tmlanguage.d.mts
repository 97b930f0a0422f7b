/** Types of scripts/gen-tmlanguage.mjs for the tests that import it. */
export interface CompilerLists {
  shapes: readonly string[];
  sides: readonly string[];
  /** Each file-level setting and its values (SETTING_VALUES). */
  settings: Readonly<Record<string, readonly string[]>>;
  rules: readonly string[];
}
export function flowGrammar(lists: CompilerLists): Record<string, unknown>;
export function toPlist(value: unknown): string;
export function compilerLists(): Promise<CompilerLists>;
