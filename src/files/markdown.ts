/** Which files are Markdown: the one list of their extensions. No Markdown parser is loaded here. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown'];

export function isMarkdownPath(file: string): boolean {
  // Each extension is one dot and letters: the path ends with one exactly when the part from its
  // last dot is that extension (lower-cased: only that part, not the whole path).
  const dot = file.lastIndexOf('.');
  if (dot === -1) return false;
  const extension = file.slice(dot).toLowerCase();
  return MARKDOWN_EXTENSIONS.includes(extension);
}

/**
 * A quick test that a text may hold a flow block: files without one skip the Markdown parser, and
 * a folder walk leaves them out. It never misses a block (it may find a fence inside other code).
 */
export function mayHaveFlowBlocks(text: string): boolean {
  return /(?:```|~~~)[ \t]*flow(?![^\s])/.test(text);
}
