/**
 * `unknown-color` (error, reported by the resolve stage): a `fill`, `stroke`, `text` or `color`
 * value that is neither a CSS colour name nor hex. The colour is left out (the theme's is drawn),
 * and no output ever gets the text as written.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'unknown-color',
    defaultSeverity: 'error',
    description: 'a colour that is neither a CSS colour name nor #rgb, #rgba, #rrggbb or #rrggbbaa',
    docs: docsFor('unknown-color'),
    configurable: true,
    suppressible: true,
  },
  producedBy: 'resolve',
};
