/**
 * `unknown-setting` (error, reported by the resolve stage). The setting is ignored, so the diagram
 * would be drawn in a direction the file does not ask for.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'unknown-setting',
    defaultSeverity: 'error',
    description: 'a file-level setting with a name or value flowc does not know',
    docs: docsFor('unknown-setting'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
