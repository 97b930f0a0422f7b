/**
 * `invalid-directive` (warning, reported by the suppressions stage). A misspelt directive silently
 * does nothing, so the problem it was meant to silence shows up with no hint why.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'invalid-directive',
    defaultSeverity: 'warning',
    description:
      'a flowc-disable or flowc-enable comment that is misspelt, names an unknown rule, or names a rule that cannot be disabled',
    docs: docsFor('invalid-directive'),
    configurable: true,
    suppressible: false,
  },
  producedBy: 'suppressions',
};
