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
  text = type === 'markdown' ? markdownToHtml(text, dropped) : text.replace(/\\n|\n/g, '<br>');
  text = htmlToText(text, dropped, links);
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

const HTML_TAG = /<!--[\s\S]*?-->|<\/?([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

function htmlToText(html: string, dropped: Set<string>, links: string[]): string {
  // Elements whose content is not shown either.
  let text = html.replace(
    /<(script|style|template)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi,
    (_m, tag: string) => {
      dropped.add(`<${tag.toLowerCase()}> elements`);
      return '';
    },
  );
  text = text.replace(
    HTML_TAG,
    (whole, tag: string | undefined, attributes: string | undefined) => {
      if (tag === undefined) return ''; // a comment
      const name = tag.toLowerCase();
      if (name === 'br') return '\n';
      if (name === 'a' && !whole.startsWith('</')) {
        const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes ?? '');
        const target = href?.[1] ?? href?.[2] ?? href?.[3];
        if (target !== undefined) links.push(decodeEntities(target, dropped));
      } else if (!whole.startsWith('</')) dropped.add(`<${name}> markup`);
      return '';
    },
  );
  const lines = decodeEntities(text, dropped)
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t\f\r]+/g, ' ')
        .replace(/\u00a0/g, ' ')
        .trim(),
    );
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
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
