/**
 * `unused-style` (warning, reported by the resolve stage): a named style that no node or edge has
 * in its `class`. Most often the class was misspelt where it is used, or the style is left over.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'unused-style',
    defaultSeverity: 'warning',
    description: 'a named style that no node or edge uses',
    docs: docsFor('unused-style'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
