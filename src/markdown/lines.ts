/**
 * A Markdown file as lines that keep their own line endings, so an edit changes only the lines it
 * means to: a CRLF file stays CRLF, a file without a final newline stays without one.
 */

export interface Line {
  /** The line without its ending. */
  text: string;
  /** `\n`, `\r\n`, or '' for a last line without one. */
  eol: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r?\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    lines.push({ text: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  let text = '';
  for (const line of lines) text += line.text + line.eol;
  return text;
}

/** The ending new lines get: the file's first one, else `\n`. */
export function dominantEol(lines: readonly Line[]): string {
  return lines.find((line) => line.eol !== '')?.eol ?? '\n';
}
