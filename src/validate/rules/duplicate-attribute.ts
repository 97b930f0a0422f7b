/**
 * `duplicate-attribute` (warning, reported by the resolve stage). Only one value can be shown; the
 * other is a leftover the reader of the file would believe in.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'duplicate-attribute',
    defaultSeverity: 'warning',
    description: 'an attribute given twice on one node or edge (the first one counts)',
    docs: docsFor('duplicate-attribute'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
