/**
 * What a circle means, from its edges (the contract: a circle with no incoming edge is a start,
 * one with no outgoing edge an end). Shared by the emitters that read the resolved diagram.
 */
import type { Diagram } from '../model/diagram.js';

export type CircleKind = 'start' | 'end' | 'terminal';

export function circleKinds(diagram: Diagram): Map<string, CircleKind> {
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
