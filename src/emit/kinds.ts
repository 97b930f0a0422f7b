/**
 * What a circle means, from its edges (the contract: a circle with no incoming edge is a start,
 * one with no outgoing edge an end). Shared by the emitters: Mermaid and DOT pass the resolved
 * diagram, SVG the layout (both have nodes with an id and a shape, and edges with from and to).
 */
import type { Shape } from '../model/diagram.js';

export type CircleKind = 'start' | 'end' | 'terminal';

interface KindSource {
  nodes: ReadonlyArray<{ id: string; shape: Shape }>;
  edges: ReadonlyArray<{ from: string; to: string }>;
}

export function circleKinds(diagram: KindSource): Map<string, CircleKind> {
  const hasIncoming = new Set(diagram.edges.map((e) => e.to));
  const hasOutgoing = new Set(diagram.edges.map((e) => e.from));
  const kinds = new Map<string, CircleKind>();
  for (const node of diagram.nodes) {
    if (node.shape !== 'circle') continue;
    if (!hasIncoming.has(node.id)) kinds.set(node.id, 'start');
    else if (!hasOutgoing.has(node.id)) kinds.set(node.id, 'end');
    else kinds.set(node.id, 'terminal');
  }
  return kinds;
}
