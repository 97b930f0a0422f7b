/**
 * `duplicate-setting` (warning, reported by the resolve stage). Two settings that disagree leave
 * the reader of the file guessing which one is used.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'duplicate-setting',
    defaultSeverity: 'warning',
    description: 'a file-level setting given twice (the first one counts)',
    docs: docsFor('duplicate-setting'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
