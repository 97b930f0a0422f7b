/**
 * The ```` ```mermaid ```` blocks of a Markdown file (fenced code blocks, CommonMark rules: a fence
 * of three or more backticks or tildes, indented by any amount, closed by a fence of the same
 * character at least as long; the content's indentation up to the fence's is removed).
 */

export interface MermaidBlock {
  /** The block's text, without its fences. */
  text: string;
  /** 1-based line of the Markdown file the block's first content line is on. */
  firstLine: number;
}

const OPEN = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;

export function mermaidBlocks(markdown: string): MermaidBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MermaidBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const fence = open[2]!;
    const info = open[3]!.toLowerCase();
    const close = new RegExp(`^[ \\t]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    const content: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]!); j++) {
      const line = lines[j]!;
      let cut = 0;
      while (cut < indent && (line[cut] === ' ' || line[cut] === '\t')) cut++;
      content.push(line.slice(cut));
    }
    if (info === 'mermaid') blocks.push({ text: `${content.join('\n')}\n`, firstLine: i + 2 });
    i = j; // a fence's content is never itself a fence
  }
  return blocks;
}

/** Whether a text is Markdown holding Mermaid blocks rather than Mermaid itself. */
export function looksLikeMarkdown(text: string): boolean {
  return /^[ \t]*(`{3,}|~{3,})[ \t]*mermaid\b/im.test(text);
}
