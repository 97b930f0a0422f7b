/**
 * The model stage: `resolve(ast)` turns what was written into what it means (a `Diagram` of
 * qualified node ids, groups and resolved edges), reporting references that do not resolve,
 * repeated ids, unknown attributes and bad settings.
 */
export { resolve, NODE_ATTRIBUTES, EDGE_ATTRIBUTES, type ResolveResult } from './resolve.js';
export type { ResolvedReference, ReferenceSegment } from './resolved-references.js';
export type * from './diagram.js';
export { SHAPES, DIRECTIONS } from './diagram.js';
