/**
 * `unused-disable-directive` (warning, reported by the suppressions stage). Stale suppressions pile
 * up and would hide the next real problem on their line.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'unused-disable-directive',
    defaultSeverity: 'warning',
    description: 'a flowc-disable comment that suppresses nothing',
    docs: docsFor('unused-disable-directive'),
    configurable: true,
    suppressible: false,
  },
  producedBy: 'suppressions',
};
