/**
 * `syntax` (error, reported by the parse stage). A line that does not parse has no meaning to draw,
 * so this error cannot be turned off or suppressed.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'syntax',
    defaultSeverity: 'error',
    description: 'the text does not match the grammar',
    docs: docsFor('syntax'),
    configurable: false,
    suppressible: false,
  },
  producedBy: 'parse',
};
