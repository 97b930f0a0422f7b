/**
 * The names a file declares: its groups and, per group and at the top level, its nodes.
 * Edges are resolved against these after every declaration is known, so an edge may name a node
 * declared further down or in a later group.
 */
import type { Span } from '../diagnostics.js';

export interface DeclaredNode {
  qualifiedId: string;
  span: Span;
  /** False when the declaration did not make it into the diagram (an unknown shape): edges to it are dropped quietly. */
  inDiagram: boolean;
}

export interface DeclaredGroup {
  name: string;
  span: Span;
  nodes: Map<string, DeclaredNode>;
}

export class Declarations {
  readonly topLevel = new Map<string, DeclaredNode>();
  /** Groups in declaration order (a Map keeps insertion order). */
  readonly groups = new Map<string, DeclaredGroup>();

  scopeOf(group: string | null): Map<string, DeclaredNode> {
    return group === null ? this.topLevel : this.groups.get(group)!.nodes;
  }

  /** Qualified ids of the nodes called `localId` in every group other than `except`, in group order. */
  elsewhere(localId: string, except: string | null): string[] {
    const found: string[] = [];
    for (const [name, group] of this.groups) {
      if (name === except) continue;
      const node = group.nodes.get(localId);
      if (node) found.push(node.qualifiedId);
    }
    return found;
  }
}

export function qualify(group: string | null, localId: string): string {
  return group === null ? localId : `${group}.${localId}`;
}
