/**
 * `duplicate-style` (error, reported by the resolve stage): a style name declared twice. Only the
 * first declaration counts; the second is ignored, which is rarely what its author meant.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'duplicate-style',
    defaultSeverity: 'error',
    description: 'a named style is declared twice; only the first declaration counts',
    docs: docsFor('duplicate-style'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
