/**
 * The model stage: `resolve(ast)` turns what was written into what it means (a `Diagram` of
 * qualified node and group ids, nested groups, resolved edges and looks), reporting references
 * that do not resolve, repeated ids, unknown attributes, bad values and bad settings.
 */
export { resolve, type ResolveResult } from './resolve.js';
export { NODE_ATTRIBUTES, EDGE_ATTRIBUTES, STYLE_ATTRIBUTES } from './attributes.js';
export type { ResolvedReference, ReferenceSegment } from './resolved-references.js';
export type * from './diagram.js';
export { SHAPES, DIRECTIONS, LAYOUT_KINDS, LINE_STYLES, SETTING_VALUES } from './diagram.js';
export { parseColor } from './colors.js';
export { checkLink, SAFE_SCHEMES } from './links.js';
export { groupEnds, type GroupEnds } from './group-ends.js';
