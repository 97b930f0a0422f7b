/**
 * Where an edge to or from a group goes in the flow. An edge into group G reaches G's entry nodes:
 * the nodes inside G (at any depth) that no edge from inside G leads to. An edge out of G leaves
 * from G's exit nodes: those with no edge to inside G. "Inside G" is a node of G or of a group
 * within it, or a group strictly within it (whose own entries and exits then count).
 *
 * A group whose nodes all have such an edge (one loop) would have no entry: its first node is then
 * the entry (its last node the exit), so an edge to it still reaches something. An empty group has
 * neither. The flow rules (validate) and the layout both read these sets.
 */
import type { EndpointKind } from './diagram.js';

/** What the computation reads: the resolved diagram, or a layout (which carries the same fields). */
export interface GroupEndsSource {
  groups: ReadonlyArray<{ id: string; parent: string | null }>;
  nodes: ReadonlyArray<{ id: string; group: string | null }>;
  edges: ReadonlyArray<{ from: string; to: string; fromKind: EndpointKind; toKind: EndpointKind }>;
}

export interface GroupEnds {
  /** Qualified ids of every node inside each group, at any depth, in declaration order. */
  members: ReadonlyMap<string, readonly string[]>;
  entries: ReadonlyMap<string, readonly string[]>;
  exits: ReadonlyMap<string, readonly string[]>;
}

export function groupEnds(diagram: GroupEndsSource): GroupEnds {
  const parentOf = new Map<string, string | null>();
  const depth = new Map<string, number>();
  for (const group of diagram.groups) {
    parentOf.set(group.id, group.parent);
    // Parents are listed before their children, so the parent's depth is known.
    depth.set(group.id, group.parent === null ? 0 : (depth.get(group.parent) ?? 0) + 1);
  }
  const members = new Map<string, string[]>(diagram.groups.map((g) => [g.id, []]));
  const nodeGroup = new Map<string, string | null>();
  for (const node of diagram.nodes) {
    nodeGroup.set(node.id, node.group);
    for (let g = node.group; g !== null && g !== undefined; g = parentOf.get(g) ?? null)
      members.get(g)?.push(node.id);
  }
  const entries = new Map<string, string[]>();
  const exits = new Map<string, string[]>();
  if (diagram.groups.length === 0) return { members, entries, exits };

  // The group an endpoint lies strictly inside: a node's group, a group's parent.
  const containerOf = (id: string, kind: 'node' | 'group'): string | null =>
    (kind === 'node' ? nodeGroup.get(id) : parentOf.get(id)) ?? null;
  const lowestCommon = (a: string | null, b: string | null): string | null => {
    let x = a;
    let y = b;
    while (x !== null && y !== null && x !== y) {
      if ((depth.get(x) ?? 0) >= (depth.get(y) ?? 0)) x = parentOf.get(x) ?? null;
      else y = parentOf.get(y) ?? null;
    }
    return x !== null && x === y ? x : null;
  };
  // The edges inside each group: both ends inside it.
  const internal = new Map<string, number[]>();
  diagram.edges.forEach((edge, k) => {
    const common = lowestCommon(
      containerOf(edge.from, edge.fromKind),
      containerOf(edge.to, edge.toKind),
    );
    for (let g = common; g !== null; g = parentOf.get(g) ?? null) {
      const list = internal.get(g);
      if (list) list.push(k);
      else internal.set(g, [k]);
    }
  });
  // Deepest groups first: an edge inside G to a group H within G needs H's entries.
  const order = [...diagram.groups].sort((a, b) => depth.get(b.id)! - depth.get(a.id)!);
  for (const group of order) {
    const inside = members.get(group.id)!;
    const entered = new Set<string>();
    const left = new Set<string>();
    for (const k of internal.get(group.id) ?? []) {
      const edge = diagram.edges[k]!;
      for (const id of edge.toKind === 'node' ? [edge.to] : (entries.get(edge.to) ?? []))
        entered.add(id);
      for (const id of edge.fromKind === 'node' ? [edge.from] : (exits.get(edge.from) ?? []))
        left.add(id);
    }
    let groupEntries = inside.filter((id) => !entered.has(id));
    let groupExits = inside.filter((id) => !left.has(id));
    if (groupEntries.length === 0 && inside.length > 0) groupEntries = [inside[0]!];
    if (groupExits.length === 0 && inside.length > 0) groupExits = [inside[inside.length - 1]!];
    entries.set(group.id, groupEntries);
    exits.set(group.id, groupExits);
  }
  return { members, entries, exits };
}
