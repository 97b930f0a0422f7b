/**
 * `unknown-class` (error, reported by the resolve stage): a name in a `class` attribute that no
 * `style NAME …` line declares. The node or edge is drawn without it.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'unknown-class',
    defaultSeverity: 'error',
    description: 'a class names a style that the file does not declare',
    docs: docsFor('unknown-class'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
