/**
 * Element ids for the SVG output, derived from node and group ids so that they are stable across
 * runs and readable in a diff. The encoding is injective (two different node ids never give the same
 * element id) and the result is a valid XML name whatever the node is called.
 */

/**
 * ASCII letters, digits, `.` and `-` are kept; `_` is doubled; any other character becomes `_<hex>_`.
 * A single `_` therefore always starts an escape, which is what makes the mapping reversible.
 */
export function encodeIdPart(id: string): string {
  let out = '';
  for (const char of id) {
    if (/^[A-Za-z0-9.-]$/.test(char)) out += char;
    else if (char === '_') out += '__';
    else out += `_${(char.codePointAt(0) ?? 0).toString(16)}_`;
  }
  return out;
}

export function nodeElementId(nodeId: string): string {
  return `node-${encodeIdPart(nodeId)}`;
}

export function groupElementId(groupId: string): string {
  return `group-${encodeIdPart(groupId)}`;
}

/** Edges have no name of their own: their position in declaration order identifies them. */
export function edgeElementId(index: number): string {
  return `edge-${index}`;
}
