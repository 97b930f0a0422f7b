/**
 * `layout` (error, reported by `compile` when rendering): the layout engine could not place the
 * diagram. Nothing is written; it is listed so that reporters (SARIF) and settings know the id.
 * It cannot be turned off or suppressed: there is no drawing to fall back to.
 */
import { docsFor, type StageRule } from '../types.js';

export const rule: StageRule = {
  meta: {
    id: 'layout',
    defaultSeverity: 'error',
    description: 'the layout engine could not place the diagram, so nothing was drawn',
    docs: docsFor('layout'),
    configurable: false,
    suppressible: false,
  },
  producedBy: 'render',
};
