/** Which files are Markdown: the one list of their extensions. No Markdown parser is loaded here. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown'];

export function isMarkdownPath(file: string): boolean {
  const lower = file.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * A quick test that a text may hold a flow block: files without one skip the Markdown parser, and
 * a folder walk leaves them out. It never misses a block (it may find a fence inside other code).
 */
export function mayHaveFlowBlocks(text: string): boolean {
  return /(?:```|~~~)[ \t]*flow(?![^\s])/.test(text);
}
