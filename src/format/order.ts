/**
 * The order attributes are written in by the formatter: the label first, then how the element
 * looks, then what it links to. Keys not listed (a misspelt one, which lint reports) follow in the
 * order they were written.
 */
export const NODE_ATTRIBUTE_ORDER: readonly string[] = [
  'label',
  'class',
  'fill',
  'stroke',
  'text',
  'style',
  'link',
  'tooltip',
];

export const EDGE_ATTRIBUTE_ORDER: readonly string[] = ['label', 'style', 'color', 'class'];

export const STYLE_ATTRIBUTE_ORDER: readonly string[] = ['fill', 'stroke', 'text', 'style'];
