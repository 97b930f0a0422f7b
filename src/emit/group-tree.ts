/**
 * The nesting the text emitters (DOT, Mermaid) write: each group's block with its nodes and inner
 * groups. A node whose group is unknown, and a group whose parent is unknown, are written at the
 * top level rather than lost (a diagram with reference errors can still be exported).
 */
import type { Diagram, DiagramGroup, DiagramNode } from '../model/diagram.js';

export interface GroupTree {
  /** Nodes outside every (known) group, in declaration order. */
  topNodes: DiagramNode[];
  /** Groups outside every (known) group, in declaration order. */
  topGroups: DiagramGroup[];
  /** Each group by id. */
  groups: Map<string, DiagramGroup>;
  /** The nodes directly in each group, in declaration order. */
  nodesOf: Map<string, DiagramNode[]>;
}

export function groupTree(diagram: Diagram): GroupTree {
  const groups = new Map(diagram.groups.map((group) => [group.id, group] as const));
  const topNodes: DiagramNode[] = [];
  const nodesOf = new Map<string, DiagramNode[]>();
  for (const node of diagram.nodes) {
    if (node.group === null || !groups.has(node.group)) topNodes.push(node);
    else {
      const list = nodesOf.get(node.group);
      if (list) list.push(node);
      else nodesOf.set(node.group, [node]);
    }
  }
  const topGroups = diagram.groups.filter(
    (group) => group.parent === null || !groups.has(group.parent),
  );
  return { topNodes, topGroups, groups, nodesOf };
}
