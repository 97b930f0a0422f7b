/**
 * Text from a file (labels, ids, lines shown as excerpts) and file names reach the terminal and CI
 * logs through the reports. Raw, they could move the cursor, recolour or clear the screen (ESC),
 * overwrite a line (CR), reorder what is shown (bidirectional overrides), or start a new line that
 * a CI system reads as a command (a label holding `\n::error file=…` forges a GitHub annotation).
 *
 * So every human-readable report shows such characters as visible escapes (`\n`, `\x1b`, `\u202e`),
 * and the machine formats (JSON, SARIF) escape them inside their strings, where a JSON parser gives
 * the original text back.
 */

/**
 * Characters never printed as they are: C0 controls, DEL, C1 controls, the line and paragraph
 * separators, and the bidirectional embeddings, overrides and isolates ("Trojan source").
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** The visible escape for one unprintable character: `\n`, `\x1b`, `\u202e`. */
export function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Whether `char` (one UTF-16 code unit) is shown as an escape. */
export function isUnprintable(char: string): boolean {
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.test(char);
}

/** `text` with every unprintable character shown as its escape (a backslash itself is left as is). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeChar);
}

/**
 * A file path that starts a line of a report: escaped, and with `./` before a relative path that
 * begins with `::`, which a GitHub Actions runner would read as a workflow command.
 */
export function printablePath(path: string): string {
  const shown = printable(path);
  return /^\s*::/.test(shown) ? `./${shown}` : shown;
}

/** Several lines of a message: each made printable, the line breaks between them kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** Characters JSON.stringify leaves raw that a terminal or log viewer would act on. */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with the characters it leaves raw (DEL, C1 controls, U+2028/2029, bidirectional
 * controls) written as `\uXXXX`: the same JSON value, safe to print.
 */
export function safeJson(value: unknown, indent?: number): string {
  // JSON.stringify gives undefined for undefined, a function or a symbol: shown as their names.
  const text = JSON.stringify(value, null, indent) as string | undefined;
  if (text === undefined) return String(value);
  return text.replace(
    JSON_UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
