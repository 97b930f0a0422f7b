/**
 * Test helpers: reading SVG with real XML parsers (fast-xml-parser's validator and jsdom's XML DOM),
 * and what a label should look like once it has gone through an emitter.
 */
import { XMLValidator } from 'fast-xml-parser';
import { JSDOM } from 'jsdom';
import { stripIllegalChars } from '../../src/emit/text.js';

/** Validates the SVG as XML (failing the test with the validator's message) and returns its DOM. */
export function parseSvg(svg: string): Document {
  const result = XMLValidator.validate(svg);
  if (result !== true) throw new Error(`invalid XML: ${result.err.msg} at line ${result.err.line}`);
  return new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;
}

/** The text of a <text> element, one line per <tspan>. */
export function textLines(text: Element): string[] {
  return [...text.querySelectorAll('tspan')].map((span) => span.textContent ?? '');
}

/** A label as every format must show it: the characters XML 1.0 forbids are the only ones removed. */
export function shownLabel(label: string): string {
  return stripIllegalChars(label);
}

/** Every element name in the document, for "no <script> anywhere" checks. */
export function elementNames(doc: Document): string[] {
  return [...doc.getElementsByTagName('*')].map((element) => element.localName);
}
