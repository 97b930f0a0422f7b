/**
 * What each reference names, segment by segment, for editors (definition, references, rename):
 * `ResolveResult.references`.
 */
import type { Identifier } from '../syntax/ast.js';

/** What one written segment of a reference names. */
export interface ReferenceSegment {
  name: Identifier;
  /** Qualified id of the node or group the segment names. */
  id: string;
  kind: 'node' | 'group';
}

/** One reference as written (an edge endpoint) and what each of its segments names. */
export interface ResolvedReference {
  segments: ReferenceSegment[];
}

/**
 * The segments of a path that resolved to `qualifiedId`: a path is followed down through groups,
 * so its names are the last components of the qualified id (`Inner.x` in `Outer` →
 * `Outer.Inner`, `Outer.Inner.x`).
 */
export function segmentsOf(
  path: readonly Identifier[],
  qualifiedId: string,
  kind: 'node' | 'group',
): ReferenceSegment[] {
  const parts = qualifiedId.split('.');
  const offset = parts.length - path.length;
  return path.map((name, i) => ({
    name,
    id: parts.slice(0, offset + i + 1).join('.'),
    kind: i === path.length - 1 ? kind : 'group',
  }));
}
