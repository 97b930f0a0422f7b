/**
 * `flowc import` as a library: Mermaid flowcharts → `.flow`, from a Mermaid file or from each
 * ```` ```mermaid ```` block of a Markdown file. A side entrance to the pipeline: it produces
 * `.flow` text, which then goes through parse → resolve → … like any other.
 */
import { importMermaid, type ImportOptions, type ImportResult } from './mermaid/index.js';
import { mermaidBlocks } from './markdown.js';
import { prepare } from './mermaid/source.js';

export { importMermaid, mermaidBlocks };
export type { ImportOptions, ImportResult };
export type { ImportError, ImportWarning } from './mermaid/index.js';
export type { MermaidBlock } from './markdown.js';
export { looksLikeMarkdown } from './markdown.js';

export interface MarkdownImport {
  /** Each flowchart block, converted (line numbers are the Markdown file's). */
  flowcharts: (ImportResult & { firstLine: number })[];
  /** Mermaid blocks that are other kinds of diagram (sequence, class, …): first line and kind. */
  skipped: { firstLine: number; kind: string }[];
}

/** Every Mermaid flowchart block of a Markdown file, converted; other Mermaid diagrams are skipped. */
export function importMarkdown(markdown: string, options: { from?: string } = {}): MarkdownImport {
  const result: MarkdownImport = { flowcharts: [], skipped: [] };
  for (const block of mermaidBlocks(markdown)) {
    const kind = diagramKind(block.text);
    if (kind !== 'flowchart') {
      result.skipped.push({ firstLine: block.firstLine, kind });
      continue;
    }
    const from = options.from ? `${options.from}, line ${block.firstLine - 1}` : undefined;
    result.flowcharts.push({
      ...importMermaid(block.text, { from, lineOffset: block.firstLine - 1 }),
      firstLine: block.firstLine,
    });
  }
  return result;
}

/**
 * What kind of Mermaid diagram a text is: its first word once Mermaid's preprocessing has taken
 * front matter, directives and comments off (`flowchart` for `flowchart` and `graph`).
 */
export function diagramKind(text: string): string {
  const word = /^\s*([A-Za-z][\w-]*)/.exec(prepare(text).text.text)?.[1] ?? '';
  return /^(flowchart|graph)/.test(word) ? 'flowchart' : word || 'empty';
}
