/**
 * `empty-group` (warning): a group that declares no node and no group. It is drawn as an empty box; most
 * often its nodes were moved elsewhere, or declared outside its braces by mistake.
 */
import { docsFor, type DiagramRule } from '../types.js';

export const rule: DiagramRule = {
  meta: {
    id: 'empty-group',
    defaultSeverity: 'warning',
    description: 'a group declares no node (and no group inside it)',
    docs: docsFor('empty-group'),
    configurable: true,
    suppressible: true,
  },
  needsCompleteDiagram: false,
  check({ diagram, report }) {
    for (const group of diagram.groups) {
      if (group.nodeIds.length === 0 && group.groupIds.length === 0)
        report(
          `group '${group.id}' declares no node: it would be drawn as an empty box`,
          group.span,
        );
    }
  },
};
