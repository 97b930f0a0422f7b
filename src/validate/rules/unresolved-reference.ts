/**
 * `unresolved-reference` (error, reported by the resolve stage). The edge is left out of the
 * diagram; drawing without it would show a different flow, so this error cannot be turned off or
 * suppressed.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'unresolved-reference',
    defaultSeverity: 'error',
    description: 'an edge names a node or group that does not exist',
    docs: docsFor('unresolved-reference'),
    configurable: false,
    suppressible: false,
  },
  producedBy: 'resolve',
};
