/**
 * `unknown-attribute` (error, reported by the resolve stage). The attribute is ignored; most often
 * it is a misspelt label, which would silently vanish from the drawing.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'unknown-attribute',
    defaultSeverity: 'error',
    description: 'a node or edge attribute that the language does not define',
    docs: docsFor('unknown-attribute'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
