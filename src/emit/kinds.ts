/**
 * What a node is drawn as. A terminal (circle, terminator) means what its edges say (the language:
 * one with no incoming edge is a start, one with no outgoing edge an end); other shapes take their
 * role from the shape registry (step, decision, data). Shared by the emitters: Mermaid and DOT
 * pass the resolved diagram, SVG the layout (both have nodes with an id and a shape, and edges with
 * from and to; an edge to a group names the group, which is no node, so it changes no node's kind).
 */
import type { Shape } from '../model/diagram.js';
import { groupEnds, type GroupEndsSource } from '../model/group-ends.js';
import { shapeModule, type ShapeRole } from '../shapes/index.js';

export type TerminalKind = 'start' | 'end' | 'terminal';
export type NodeKind = TerminalKind | ShapeRole;

interface KindSource extends GroupEndsSource {
  nodes: ReadonlyArray<{ id: string; group: string | null; shape: Shape }>;
}

/**
 * The kind of every terminal node (start, end, or neither). An edge into a group comes into each
 * of its entry nodes, one out of a group leaves each of its exit nodes, as for the flow rules.
 */
export function terminalKinds(diagram: KindSource): Map<string, TerminalKind> {
  const hasIncoming = new Set<string>();
  const hasOutgoing = new Set<string>();
  const ends = diagram.edges.some((e) => e.fromKind === 'group' || e.toKind === 'group')
    ? groupEnds(diagram)
    : null;
  for (const e of diagram.edges) {
    if (e.toKind === 'group') for (const id of ends?.entries.get(e.to) ?? []) hasIncoming.add(id);
    else hasIncoming.add(e.to);
    if (e.fromKind === 'group') for (const id of ends?.exits.get(e.from) ?? []) hasOutgoing.add(id);
    else hasOutgoing.add(e.from);
  }
  const kinds = new Map<string, TerminalKind>();
  for (const node of diagram.nodes) {
    if (!shapeModule(node.shape).terminal) continue;
    if (!hasIncoming.has(node.id)) kinds.set(node.id, 'start');
    else if (!hasOutgoing.has(node.id)) kinds.set(node.id, 'end');
    else kinds.set(node.id, 'terminal');
  }
  return kinds;
}

/** The kind of every node: its terminal kind, else its shape's role. */
export function nodeKinds(diagram: KindSource): Map<string, NodeKind> {
  const kinds = new Map<string, NodeKind>(terminalKinds(diagram));
  for (const node of diagram.nodes)
    if (!kinds.has(node.id)) kinds.set(node.id, shapeModule(node.shape).role);
  return kinds;
}
