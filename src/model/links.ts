/**
 * Links on nodes (`link:"https://…"`): only `http:`, `https:`, `mailto:` and relative links
 * (no scheme) are allowed. Anything else — `javascript:`, `data:`, `file:`, `vbscript:` — is an
 * `unsafe-link` error and the node gets no link at all, whatever the rule settings say.
 *
 * A safe link is normalised before any output sees it: every character outside the URL
 * characters of RFC 3986 (spaces, quotes, `<`, `>`, backslashes, non-ASCII text) is
 * percent-encoded, and so is an `&` that starts something like an HTML character reference
 * (`&#58;`), so no output format, and no consumer that decodes entities, can read it as anything
 * but one URL.
 */

export const SAFE_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

export type LinkResult = { link: string } | { problem: string; notes?: string[] };

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** C0 controls and DEL: browsers drop tabs and line breaks from URLs, which can hide a scheme. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const ALLOWED_NOTE = 'a link is http:, https:, mailto: or relative (no scheme, e.g. docs/setup.md)';

export function checkLink(text: string): LinkResult {
  if (text === '') return { problem: 'the link is empty', notes: [ALLOWED_NOTE] };
  if (CONTROL.test(text))
    return {
      problem: 'a link cannot contain control characters (tabs, line breaks)',
      notes: [ALLOWED_NOTE],
    };
  if (text.trim() !== text)
    return { problem: 'a link cannot start or end with spaces', notes: [ALLOWED_NOTE] };
  const scheme = SCHEME.exec(text)?.[1] ?? hiddenScheme(text);
  if (scheme !== undefined && !SAFE_SCHEMES.includes(scheme.toLowerCase())) {
    return {
      problem: `unsafe link: '${scheme}:' links are not allowed, only http:, https:, mailto: and relative links`,
      notes: [
        "the link is left out of every output; a relative link that starts with a word and ':' needs './' in front",
      ],
    };
  }
  return { link: encodeLink(text) };
}

/**
 * A scheme spelt in escapes (`&#106;avascript&#58;…`, `javascript%3A…`), which a consumer that
 * decodes entities or percent-encoding before it follows the link would read as one: decoded a few
 * times over, blanks dropped as browsers drop them.
 */
function hiddenScheme(text: string): string | undefined {
  let decoded = text;
  for (let round = 0; round < 3; round++) {
    const before = decoded;
    decoded = decoded
      .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => fromCode(parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_m, dec: string) => fromCode(parseInt(dec, 10)))
      .replace(/&colon;/gi, ':')
      .replace(/&(tab|newline);/gi, '')
      .replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => fromCode(parseInt(hex, 16)));
    if (decoded === before) break;
  }
  return SCHEME.exec(decoded.replace(/[\u0000-\u0020\u007f]/g, ''))?.[1];
}

function fromCode(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** Unreserved and reserved URL characters of RFC 3986, kept as written. */
const KEPT = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;

/**
 * `&` and `#` starting what reads as an HTML character reference (`&#58;`, `&colon;`), which a
 * consumer that decodes entities in attributes could turn into a scheme's colon.
 */
const REFERENCE = /&(#?[A-Za-z0-9]+;)/g;

function encodeLink(text: string): string {
  let out = '';
  text = text.replace(REFERENCE, (_m, rest: string) => `%26${rest.replace('#', '%23')}`);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (KEPT.test(c)) out += c;
    else if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) out += c;
    else {
      const code = text.codePointAt(i)!;
      const char = String.fromCodePoint(code);
      if (char.length === 2) i++;
      // A lone surrogate cannot be encoded as UTF-8: it is dropped.
      if (code >= 0xd800 && code <= 0xdfff) continue;
      out += encodeURIComponent(char);
    }
  }
  return out;
}
