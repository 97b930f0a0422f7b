/**
 * `invalid-value` (error, reported by the resolve stage): an attribute value outside its list: a
 * `style` other than solid, dashed, dotted or thick, or an empty `class`. The value is left out.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'invalid-value',
    defaultSeverity: 'error',
    description: 'an attribute value outside the values it may take (a style, an empty class list)',
    docs: docsFor('invalid-value'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
