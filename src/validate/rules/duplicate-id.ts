/**
 * `duplicate-id` (error, reported by the resolve stage). Which of the two the edges mean is a
 * guess, so this error cannot be turned off or suppressed.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'duplicate-id',
    defaultSeverity: 'error',
    description: 'a node id repeats in one group (or at the top level), or a group name repeats',
    docs: docsFor('duplicate-id'),
    configurable: false,
    suppressible: false,
  },
  producedBy: 'resolve',
};
