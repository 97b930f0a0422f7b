/**
 * Text helpers shared by the emitters: removing characters no output format can carry, XML escaping,
 * and number formatting that is the same on every machine.
 */

/**
 * Characters XML 1.0 does not allow anywhere (C0 controls other than tab/line feed/carriage return,
 * lone surrogates, U+FFFE/U+FFFF). Graphviz and Mermaid choke on them too, so every emitter drops them.
 */
const ILLEGAL_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripIllegalChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '');
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  // Attribute-value normalisation would turn these into spaces; character references keep them.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes text content of an XML element. */
export function xmlText(text: string): string {
  return stripIllegalChars(text).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Escapes a value written inside a double-quoted XML attribute. */
export function xmlAttribute(text: string): string {
  return stripIllegalChars(text).replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

export { formatNumber, roundNumber } from '../util/number.js';
