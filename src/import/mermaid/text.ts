/**
 * A Mermaid label as the plain text a `.flow` label holds. Mermaid draws labels as HTML (after its
 * Markdown for "`…`" strings), so the text a reader sees is what the browser shows: line breaks
 * from `<br>`, `\n` and new lines; entity codes (`#quot;`, `&amp;`) decoded; runs of blanks
 * shown as one; tags not shown. What a `.flow` label cannot hold (bold, italics, other markup,
 * Font Awesome icons, control characters) is reported in `dropped`, never lost silently; a link
 * inside a label (`<a href>`) is returned, to become the node's link.
 */
import { namedEntity } from './entities.js';
import type { LabelType } from './graph.js';
import { decodeEntityPlaceholders } from './source.js';

export interface PlainText {
  text: string;
  /** What the label had that the plain text does not (one phrase each, no duplicates). */
  dropped: string[];
  /** Targets of `<a href>` tags in the label, in order. */
  links: string[];
}

export function plainText(raw: string, type: LabelType): PlainText {
  const dropped = new Set<string>();
  const links: string[] = [];
  let text = decodeEntityPlaceholders(raw);
  // Mermaid sanitises a label's HTML before its Markdown is read or its `\n` become breaks: a tag
  // left open at the end (`**<a**`, `<a\na`) is gone by then.
  text = htmlToText(text, dropped, []).kept;
  if (type === 'markdown') text = markdownToHtml(text, dropped);
  else text = text.replace(/\\n|\n/g, '<br>');
  text = htmlToText(text, dropped, links).text;
  if (/fa[bklrs]?:fa-[\w-]+/.test(text)) dropped.add('Font Awesome icons (kept as text)');
  // Control characters have no place in a label (a tab shows as a blank).
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g, '');
  if (clean !== text) dropped.add('control characters');
  return { text: clean, dropped: [...dropped], links };
}

/** A link as written in Mermaid: entity codes decoded, nothing else changed. */
export function plainUrl(raw: string): string {
  return decodeEntities(decodeEntityPlaceholders(raw), new Set()).trim();
}

// ---- Markdown (what Mermaid's markdownToHTML keeps: paragraphs, bold, italics, escapes)

function markdownToHtml(markdown: string, dropped: Set<string>): string {
  const paragraphs = markdown
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim())
        .filter((line, i, all) => line !== '' || (i > 0 && i < all.length - 1))
        .join('\n'),
    )
    .filter((p) => p !== '');
  return paragraphs.map((p) => inlineMarkdown(p, dropped).replace(/\n/g, '<br>')).join('<br>');
}

const PUNCTUATION = /[!-/:-@[-`{-~\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;

/**
 * Bold and italic markers taken out, escapes resolved: CommonMark's delimiter runs and its
 * "process emphasis" pairing (without the rule of three, which labels never meet).
 */
function inlineMarkdown(text: string, dropped: Set<string>): string {
  const chars = [...text];
  type Piece = { text: string } | Delimiter;
  interface Delimiter {
    char: string;
    count: number;
    canOpen: boolean;
    canClose: boolean;
  }
  const pieces: Piece[] = [];
  let plain = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length && /[!-/:-@[-`{-~]/.test(chars[i + 1]!)) {
      plain += chars[++i]!;
      continue;
    }
    if (c !== '*' && c !== '_') {
      plain += c;
      continue;
    }
    let j = i;
    while (j < chars.length && chars[j] === c) j++;
    const before = i > 0 ? chars[i - 1]! : ' ';
    const after = j < chars.length ? chars[j]! : ' ';
    const left =
      !WHITESPACE.test(after) &&
      (!PUNCTUATION.test(after) || WHITESPACE.test(before) || PUNCTUATION.test(before));
    const right =
      !WHITESPACE.test(before) &&
      (!PUNCTUATION.test(before) || WHITESPACE.test(after) || PUNCTUATION.test(after));
    if (plain) pieces.push({ text: plain });
    plain = '';
    pieces.push({
      char: c,
      count: j - i,
      canOpen: c === '*' ? left : left && (!right || PUNCTUATION.test(before)),
      canClose: c === '*' ? right : right && (!left || PUNCTUATION.test(after)),
    });
    i = j - 1;
  }
  if (plain) pieces.push({ text: plain });

  const isDelimiter = (p: Piece): p is Delimiter => 'char' in p;
  for (let c = 0; c < pieces.length; c++) {
    const closer = pieces[c]!;
    if (!isDelimiter(closer) || !closer.canClose) continue;
    while (closer.count > 0) {
      let o = c - 1;
      for (; o >= 0; o--) {
        const opener = pieces[o]!;
        if (
          isDelimiter(opener) &&
          opener.canOpen &&
          opener.char === closer.char &&
          opener.count > 0
        )
          break;
      }
      if (o < 0) break;
      const opener = pieces[o] as Delimiter;
      const used = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      opener.count -= used;
      closer.count -= used;
      dropped.add('bold and italic formatting');
      // Delimiters between the pair can no longer pair up: they are text.
      for (let k = o + 1; k < c; k++) {
        const inner = pieces[k]!;
        if (isDelimiter(inner)) inner.canOpen = inner.canClose = false;
      }
    }
  }
  return pieces.map((p) => (isDelimiter(p) ? p.char.repeat(p.count) : p.text)).join('');
}

// ---- HTML

const BLANK = /[\t\n\f\r ]/;
const LETTER = /[A-Za-z]/;

interface Tag {
  name: string;
  end: boolean;
  /** Attribute names (lower case) and values, entity codes not yet decoded. */
  attributes: Map<string, string>;
}

/**
 * The text a browser shows of an HTML fragment, read the way its tokenizer reads it (tags, quoted
 * and unquoted attribute values, comments, `<!…>` and `<?…>`, and the rule that a tag or comment
 * still open at the end shows nothing), in one pass: no backtracking, whatever the input.
 * `<br>` is a line break; the content of `<script>`, `<style>` and `<template>` is not shown.
 */
function htmlToText(
  html: string,
  dropped: Set<string>,
  links: string[],
): { text: string; kept: string } {
  let out = '';
  let i = 0;
  const n = html.length;
  /** The HTML up to a tag or comment left open at the end. */
  let kept = html;
  const unclosed = (): void => {
    dropped.add('a tag left open at the end of the label');
    kept = html.slice(0, i);
    i = n;
  };
  /** Skips to just past `close` (searched from `from`); false (and the rest dropped) if absent. */
  const skipPast = (close: string, from: number): boolean => {
    const at = html.indexOf(close, from);
    if (at < 0) {
      unclosed();
      return false;
    }
    i = at + close.length;
    return true;
  };
  const lower = html.toLowerCase();
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    i = lt;
    const next = html[lt + 1];
    if (html.startsWith('<!--', lt)) {
      if (html.startsWith('<!-->', lt)) i = lt + 5;
      else if (html.startsWith('<!--->', lt)) i = lt + 6;
      else skipPast('-->', lt + 4);
    } else if (next === '!' || next === '?') {
      skipPast('>', lt + 2);
    } else if (next === '/' && html[lt + 2] === '>') {
      i = lt + 3;
    } else if (next === '/' && lt + 2 >= n) {
      out += '</';
      i = n;
    } else if (next === '/' && !LETTER.test(html[lt + 2]!)) {
      skipPast('>', lt + 2);
    } else if (next !== undefined && (LETTER.test(next) || next === '/')) {
      const tag = readTag(html, lt);
      if (tag === null) {
        unclosed();
        break;
      }
      i = tag.next;
      const { name, end, attributes } = tag.tag;
      if (name === 'br') out += '\n';
      else if (!end && (name === 'script' || name === 'style' || name === 'template')) {
        dropped.add(`<${name}> elements`);
        const close = lower.indexOf(`</${name}`, i);
        if (close < 0) i = n;
        else {
          const after = html.indexOf('>', close);
          i = after < 0 ? n : after + 1;
        }
      } else if (name === 'a' && !end) {
        const href = attributes.get('href');
        if (href !== undefined) links.push(decodeEntities(href, dropped));
      } else if (!end) dropped.add(`<${name}> markup`);
    } else {
      out += '<';
      i = lt + 1;
    }
  }
  const lines = decodeEntities(out, dropped)
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t\f\r]+/g, ' ')
        .replace(/\u00a0/g, ' ')
        .trim(),
    );
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first] === '') first++;
  while (last > first && lines[last - 1] === '') last--;
  return { text: lines.slice(first, last).join('\n'), kept };
}

/**
 * The tag starting at `lt` (`<name` or `</name`), and where the text after it starts; null when
 * it is not closed before the end (a browser then drops it and everything after it).
 */
function readTag(html: string, lt: number): { tag: Tag; next: number } | null {
  const n = html.length;
  const end = html[lt + 1] === '/';
  let i = lt + (end ? 2 : 1);
  const nameStart = i;
  while (i < n && !BLANK.test(html[i]!) && html[i] !== '/' && html[i] !== '>') i++;
  const tag: Tag = { name: html.slice(nameStart, i).toLowerCase(), end, attributes: new Map() };
  for (;;) {
    while (i < n && (BLANK.test(html[i]!) || html[i] === '/')) i++;
    if (i >= n) return null;
    if (html[i] === '>') return { tag, next: i + 1 };
    // An attribute name: up to a blank, `/`, `>` or `=` (a first `=` belongs to the name).
    const attrStart = i++;
    while (i < n && !BLANK.test(html[i]!) && !'/>='.includes(html[i]!)) i++;
    const attr = html.slice(attrStart, i).toLowerCase();
    let j = i;
    while (j < n && BLANK.test(html[j]!)) j++;
    let value = '';
    if (html[j] === '=') {
      i = j + 1;
      while (i < n && BLANK.test(html[i]!)) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) return null;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < n && !BLANK.test(html[i]!) && html[i] !== '>') i++;
        value = html.slice(valueStart, i);
      }
    }
    if (!tag.attributes.has(attr)) tag.attributes.set(attr, value);
  }
}

/** `&name;`, `&#n;` and `&#xh;` decoded; a name HTML 4 does not have is kept and reported. */
export function decodeEntities(text: string, dropped: Set<string>): string {
  return text.replace(
    /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/g,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) {
        const code = namedEntity(name);
        if (code === undefined) {
          dropped.add(`unknown entity ${whole} (kept as written)`);
          return whole;
        }
        return String.fromCodePoint(code);
      }
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    },
  );
}
