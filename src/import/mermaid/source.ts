/**
 * What Mermaid does to a diagram's text before its flowchart parser sees it (mermaid 11:
 * preprocessDiagram, Diagram.fromText, the flowchart parser's wrapper), done the same way, with
 * every character of the result still knowing where it came from, so that a warning can name the
 * line of the original text:
 *
 * 1. line ends: `\r\n` and `\r` become `\n`;
 * 2. in HTML tags, attribute values in double quotes are put in single quotes (`<a href="x">`
 *    would otherwise start a string);
 * 3. YAML front matter (`---` … `---`) is taken off: its `title` is kept, `config` is reported;
 * 4. directives (`%%{init: …}%%`) are taken off and reported;
 * 5. comment lines (`%% …`) are taken off (and kept, to be written as `.flow` comments);
 * 6. entity codes (`#quot;`, `#35;`) are replaced by placeholders the lexer reads as text, and
 *    the `;` ending a `style`/`classDef` line with a `#` colour is dropped;
 * 7. blanks between a `}` and the end of its line are dropped.
 */

/** A text and, for each of its characters, its offset in the original (one more entry for the end). */
export class MappedText {
  constructor(
    readonly text: string,
    readonly origin: Int32Array,
  ) {}

  static of(text: string): MappedText {
    const origin = new Int32Array(text.length + 1);
    for (let i = 0; i <= text.length; i++) origin[i] = i;
    return new MappedText(text, origin);
  }

  /**
   * `String.replace` with a global RegExp, keeping origins: kept characters keep theirs, the i-th
   * character of a replacement gets the origin of the i-th character of what it replaced (the last
   * one's when the replacement is longer).
   */
  replace(pattern: RegExp | Matcher, replacement: (match: RegExpExecArray) => string): MappedText {
    if (pattern instanceof RegExp && !pattern.global)
      throw new Error('MappedText.replace needs a global RegExp');
    const parts: string[] = [];
    let origins = new Int32Array(this.text.length + 1);
    let length = 0;
    const room = (more: number): void => {
      if (length + more < origins.length) return;
      const grown = new Int32Array(Math.max(origins.length * 2, length + more + 1));
      grown.set(origins.subarray(0, length));
      origins = grown;
    };
    const keep = (from: number, to: number): void => {
      if (to <= from) return;
      parts.push(this.text.slice(from, to));
      room(to - from);
      origins.set(this.origin.subarray(from, to), length);
      length += to - from;
    };
    let last = 0;
    let changed = false;
    for (const m of pattern instanceof RegExp
      ? regExpMatches(pattern, this.text)
      : pattern(this.text)) {
      if (m[0].length === 0) continue;
      changed = true;
      keep(last, m.index);
      const out = replacement(m);
      parts.push(out);
      room(out.length);
      for (let i = 0; i < out.length; i++)
        origins[length++] = this.origin[m.index + Math.min(i, m[0].length - 1)]!;
      last = m.index + m[0].length;
    }
    if (!changed) return this;
    keep(last, this.text.length);
    room(1);
    origins[length++] = this.origin[this.text.length]!;
    return new MappedText(parts.join(''), origins.slice(0, length));
  }

  /** The text from `start` on. */
  slice(start: number): MappedText {
    return new MappedText(this.text.slice(start), this.origin.slice(start));
  }

  /** The text with a suffix whose characters all map to the end of the original. */
  append(suffix: string): MappedText {
    const origin = new Int32Array(this.text.length + suffix.length + 1);
    origin.set(this.origin.subarray(0, this.text.length));
    origin.fill(this.origin[this.text.length]!, this.text.length);
    return new MappedText(this.text + suffix, origin);
  }
}

/**
 * What a RegExp's `exec` loop yields, found by code: for the patterns of Mermaid's preprocessing
 * that a backtracking engine would take quadratic (or cubic) time on, as on a long line of
 * `classDef c fill:#fff,…` without a `;`, or thousands of blank lines.
 */
export type Matcher = (text: string) => Iterable<RegExpExecArray>;

function* regExpMatches(pattern: RegExp, text: string): Iterable<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) pattern.lastIndex++;
    yield m;
  }
}

/** A match as `exec` returns it: the whole match at `index`, then the groups. */
function found(text: string, index: number, end: number, ...groups: string[]): RegExpExecArray {
  const match = [text.slice(index, end), ...groups] as unknown as RegExpExecArray;
  return Object.assign(match, { index, input: text });
}

/** Characters that end a line for a RegExp (`.` does not match them; `^` and `$` with `m` do). */
const LINE_END = /[\n\r\u2028\u2029]/;
const BLANK = /\s/;

/**
 * `/^\s*%%(?!{)([^\n]+)\n?/gm`, in linear time: a comment line with the blank lines before it
 * (the RegExp would scan a run of blank lines again from each of its line starts).
 */
export function* commentLines(text: string): Iterable<RegExpExecArray> {
  let start = 0;
  while (start <= text.length) {
    let at = start;
    while (at < text.length && BLANK.test(text[at]!)) at++;
    if (text.startsWith('%%', at) && at + 2 < text.length && !'{\n'.includes(text[at + 2]!)) {
      const lineEnd = text.indexOf('\n', at + 2);
      const end = lineEnd < 0 ? text.length : lineEnd + 1;
      yield found(text, start, end, text.slice(at + 2, lineEnd < 0 ? text.length : lineEnd));
      if (lineEnd < 0) return;
      start = end;
      continue;
    }
    // No line start from `start` to `at` can begin a match (they all reach `at`): the next one is
    // after the end of `at`'s line.
    while (at < text.length && !LINE_END.test(text[at]!)) at++;
    start = at + 1;
  }
}

/**
 * `new RegExp(keyword + '.*:\\S*#.*;', 'g')` (Mermaid drops the `;` ending a `style` or
 * `classDef` line with a `#` colour), in linear time: on a line with `keyword`, then a `:`, then
 * a `#` with no blank between them, then a `;`, the match runs from the keyword to the line's last
 * `;`. (The RegExp backtracks over every `:` and `#` of a line that has no `;`.)
 */
export function keywordToSemicolon(keyword: string): Matcher {
  return function* (text: string) {
    let lineStart = 0;
    let at = text.indexOf(keyword);
    while (lineStart <= text.length && at >= 0) {
      let lineEnd = lineStart;
      while (lineEnd < text.length && !LINE_END.test(text[lineEnd]!)) lineEnd++;
      if (at < lineStart) at = text.indexOf(keyword, lineStart);
      if (at >= 0 && at < lineEnd) {
        const semicolon = text.lastIndexOf(';', lineEnd - 1);
        let colon = false;
        for (let i = at + keyword.length; i < semicolon; i++) {
          const c = text[i]!;
          if (c === '#' && colon) {
            yield found(text, at, semicolon + 1);
            break;
          }
          if (c === ':') colon = true;
          else if (BLANK.test(c)) colon = false;
        }
      }
      lineStart = lineEnd + 1;
    }
  };
}

/**
 * `/<(\w+)([^>]*)>/g` on the text up to its last `>`: past it no tag can close, and the RegExp
 * would scan to the end from every `<` there.
 */
function* htmlTags(text: string): Iterable<RegExpExecArray> {
  yield* regExpMatches(/<(\w+)([^>]*)>/g, text.slice(0, text.lastIndexOf('>') + 1));
}

/** Line numbers (1-based) of offsets in a text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

export interface SourceComment {
  /** The text after `%%`, trimmed. */
  text: string;
  /** Offset in the original text. */
  offset: number;
}

export interface Prepared {
  /** What the lexer reads. */
  text: MappedText;
  /** The front matter's `title`, if any. */
  title: string | null;
  /** Things taken off that change how Mermaid draws (front-matter config, directives): offset and a description. */
  dropped: { offset: number; what: string }[];
  comments: SourceComment[];
}

const FRONT_MATTER = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;
const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;

/** Mermaid's preprocessing of one diagram's text (see the module comment). */
export function prepare(source: string): Prepared {
  const dropped: { offset: number; what: string }[] = [];
  let text = MappedText.of(source)
    .replace(/\r\n?/g, () => '\n')
    .replace(htmlTags, (m) => `<${m[1]}${m[2]!.replace(/="([^"]*)"/g, "='$1'")}>`);

  let title: string | null = null;
  const front = FRONT_MATTER.exec(text.text);
  if (front) {
    const yaml = readFrontMatter(front[2]!);
    title = yaml.title;
    for (const key of yaml.otherKeys)
      dropped.push({ offset: text.origin[0]!, what: `front-matter setting '${key}'` });
    text = text.slice(front[0].length);
  }

  text = text.replace(DIRECTIVE, (m) => {
    dropped.push({ offset: text.origin[m.index]!, what: `directive '${m[0].split('\n')[0]}'` });
    return '';
  });

  const comments: SourceComment[] = [];
  const withComments = text;
  text = text.replace(commentLines, (m) => {
    const at = m.index + m[0].indexOf('%%');
    comments.push({ text: m[1]!.trim(), offset: withComments.origin[at]! });
    return '';
  });
  const firstNonBlank = text.text.search(/\S/);
  if (firstNonBlank > 0) text = text.slice(firstNonBlank);

  text = text
    .replace(keywordToSemicolon('style'), (m) => m[0].slice(0, -1))
    .replace(keywordToSemicolon('classDef'), (m) => m[0].slice(0, -1))
    .replace(/#\w+;/g, (m) => encodeEntity(m[0].slice(1, -1)))
    .append('\n')
    .replace(/}\s*\n/g, () => '}\n');
  return { text, title, dropped, comments };
}

/** Mermaid's placeholder for an entity code: `#quot;` → `ﬂ°quot¶ß`, `#35;` → `ﬂ°°35¶ß`. */
export function encodeEntity(inner: string): string {
  return /^\+?\d+$/.test(inner)
    ? `\uFB02\u00B0\u00B0${inner}\u00B6\u00DF`
    : `\uFB02\u00B0${inner}\u00B6\u00DF`;
}

/** The placeholders back to HTML entity text (`&quot;`, `&#35;`), as Mermaid does when it draws. */
export function decodeEntityPlaceholders(text: string): string {
  return text
    .replace(/\uFB02\u00B0\u00B0/g, '&#')
    .replace(/\uFB02\u00B0/g, '&')
    .replace(/\u00B6\u00DF/g, ';');
}

/** The front matter's title, and the other top-level keys (their settings are not kept). */
function readFrontMatter(yaml: string): { title: string | null; otherKeys: string[] } {
  let title: string | null = null;
  const otherKeys: string[] = [];
  for (const line of yaml.split(/\r?\n|\r/)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'title') title = unquoteYaml(m[2]!.trim());
    else otherKeys.push(m[1]!);
  }
  return { title, otherKeys };
}

function unquoteYaml(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return value.slice(1, -1).replace(/''/g, "'");
  return value.replace(/\s+#.*$/, '');
}
