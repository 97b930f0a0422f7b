/**
 * `unsafe-link` (error, reported by the resolve stage): a node's `link` that is not http:, https:,
 * mailto: or relative (`javascript:`, `data:`, `file:`…), or that holds control characters. The
 * link is left out of every output whatever the rule settings say: turning the rule off or
 * suppressing it silences the report, never lets the link through.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'unsafe-link',
    defaultSeverity: 'error',
    description:
      'a link that is not http:, https:, mailto: or relative; it never reaches an output',
    docs: docsFor('unsafe-link'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
