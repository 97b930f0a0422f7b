/**
 * The attributes each kind of statement takes, in the order the docs list them: the resolver reads
 * them, the language server completes them, and `flowc fmt` writes a statement's attributes in this
 * order (keys not listed, e.g. a misspelt one that lint reports, follow in the order written).
 */
export const NODE_ATTRIBUTES: readonly string[] = [
  'label',
  'class',
  'fill',
  'stroke',
  'text',
  'style',
  'link',
  'tooltip',
];

export const EDGE_ATTRIBUTES: readonly string[] = ['label', 'style', 'color', 'class'];

/** The keys of a named style. */
export const STYLE_ATTRIBUTES: readonly string[] = ['fill', 'stroke', 'text', 'style'];
