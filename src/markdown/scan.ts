/**
 * Finds the ```` ```flow ```` blocks of a Markdown file.
 *
 * The block structure comes from markdown-it (the CommonMark parser VS Code's Markdown preview
 * uses), so flowc sees a block exactly where a renderer does: fences of backticks or tildes, of
 * any length, indented up to three spaces, inside list items and block quotes; and never a
 * "```flow" line that sits inside another fence, an indented code block or an HTML block.
 * Positions stay those of the `.md` file: each block knows the line its text starts on and, for
 * each of its lines, how many characters of container (indentation, `> `) were taken off.
 */
import MarkdownIt from 'markdown-it';
import type { Diagnostic } from '../diagnostics.js';
import { FLOW_LANGUAGE, infoLanguage, parseInfo } from './info.js';
import { splitLines, type Line } from './lines.js';
import { mayHaveFlowBlocks } from '../files/markdown.js';

/** An HTML comment on the line before a block that makes flowc leave the block alone (ESLint's `eslint-skip`). */
export const SKIP_COMMENT = '<!-- flowc-skip -->';

export interface FlowBlock {
  /** 1-based position among the file's flow blocks (skipped ones included). */
  ordinal: number;
  /** The `id=` of the info string, or the ordinal: it names the block's image files. */
  id: string;
  explicitId: boolean;
  /** `alt=` of the info string. */
  alt: string | null;
  /** 0-based index of the opening fence's line. */
  fenceIndex: number;
  /** 0-based index of the closing fence's line; null when the block is never closed. */
  closeIndex: number | null;
  /** The diagram's text: container prefixes removed, `\n` line endings. */
  source: string;
  /** For each line of `source`, how many characters of the `.md` line come before it. */
  offsets: number[];
  /** What a line added after the block starts with to stay in the block's container. */
  prefix: string;
  /** The fence line's own text before the fence (it may hold a list marker). */
  fencePrefix: string;
  /** Marked with `<!-- flowc-skip -->`: neither checked nor rendered. */
  skipped: boolean;
  /** Problems of the block itself (info string, unclosed fence, duplicate id), at `.md` positions. */
  problems: Diagnostic[];
  /** True when a problem leaves nothing to draw (unclosed fence, bad or duplicate id). */
  blocked: boolean;
  /** Where `id=…` is on the fence line (1-based columns), or the fence itself. */
  idColumns: { column: number; endColumn: number };
}

export interface MarkdownDocument {
  lines: Line[];
  blocks: FlowBlock[];
}

type Parser = InstanceType<typeof MarkdownIt>;
let parser: Parser | null = null;

function blockParser(): Parser {
  if (parser === null) {
    parser = new MarkdownIt('commonmark');
    // Only the block structure is needed: inline parsing would be wasted work.
    parser.core.ruler.disable(['inline', 'text_join'], true);
  }
  return parser;
}

export function scanMarkdown(text: string): MarkdownDocument {
  const lines = splitLines(text);
  const blocks: FlowBlock[] = [];
  if (!mayHaveFlowBlocks(text)) return { lines, blocks };
  const tokens = blockParser().parse(text, {});
  for (const token of tokens) {
    if (token.type !== 'fence' || token.map === null) continue;
    if (infoLanguage(token.info) !== FLOW_LANGUAGE) continue;
    blocks.push(
      readBlock(lines, token.map, token.markup, token.info, token.content, blocks.length),
    );
  }
  markDuplicateIds(blocks);
  return { lines, blocks };
}

function readBlock(
  lines: readonly Line[],
  map: [number, number],
  markup: string,
  info: string,
  content: string,
  index: number,
): FlowBlock {
  const [fenceIndex, end] = map;
  const fenceText = lines[fenceIndex]?.text ?? '';
  const markupStart = Math.max(0, fenceText.indexOf(markup));
  const fencePrefix = fenceText.slice(0, markupStart);
  const lastIndex = end - 1;
  const closingFence = new RegExp(`^${markup[0] === '`' ? '`' : '~'}{${markup.length},}[ \\t]*$`);
  const closed =
    lastIndex > fenceIndex &&
    closingFence.test((lines[lastIndex]?.text ?? '').replace(/^[ \t>]*/, ''));
  const contentLines = content.split('\n');
  if (contentLines[contentLines.length - 1] === '') contentLines.pop();
  const firstContent = fenceIndex + 1;
  const offsets = contentLines.map((line, k) => {
    const original = lines[firstContent + k]?.text ?? '';
    return original.endsWith(line) ? original.length - line.length : 0;
  });
  const ordinal = index + 1;
  const line = fenceIndex + 1;
  const parsed = parseInfo(info);
  const rawInfo = fenceText.slice(markupStart + markup.length);
  const infoColumn = markupStart + markup.length + (rawInfo.length - rawInfo.trimStart().length);
  const problems: Diagnostic[] = parsed.problems.map((p) => ({
    ruleId: p.ruleId,
    severity: 'error',
    message: p.message,
    span: {
      line,
      column: infoColumn + p.offset + 1,
      endLine: line,
      endColumn: infoColumn + p.offset + p.length + 1,
    },
  }));
  if (!closed) {
    problems.push({
      ruleId: 'syntax',
      severity: 'error',
      message: `this ${markup}flow block is never closed: add a line '${markup}' after the diagram`,
      span: {
        line,
        column: markupStart + 1,
        endLine: line,
        endColumn: markupStart + markup.length + 1,
      },
    });
  }
  const id = parsed.attributes.id;
  const idColumns = id
    ? { column: infoColumn + id.offset + 1, endColumn: infoColumn + id.offset + id.length + 1 }
    : { column: markupStart + 1, endColumn: markupStart + markup.length + 1 };
  return {
    idColumns,
    ordinal,
    id: id?.value ?? String(ordinal),
    explicitId: id !== undefined,
    alt: parsed.attributes.alt?.value ?? null,
    fenceIndex,
    closeIndex: closed ? lastIndex : null,
    source: contentLines.map((l) => l + '\n').join(''),
    offsets,
    prefix: continuationPrefix(fencePrefix),
    fencePrefix,
    skipped: isSkipped(lines, fenceIndex),
    problems,
    blocked: problems.some((p) => p.ruleId === 'syntax'),
  };
}

/**
 * A list marker on the fence's own line (`- ```flow`, `1. ```flow`) becomes spaces on the lines
 * after it; block quote markers stay.
 */
export function continuationPrefix(fencePrefix: string): string {
  return fencePrefix.replace(/[^\s>]/g, ' ');
}

function isSkipped(lines: readonly Line[], fenceIndex: number): boolean {
  for (let i = fenceIndex - 1; i >= 0; i--) {
    const text = lines[i]!.text.replace(/^[ \t>]*/, '').trim();
    if (text === '') continue;
    return text === SKIP_COMMENT;
  }
  return false;
}

/** A second block with an id already taken (two `id=`s, or an `id=` equal to a block's number). */
function markDuplicateIds(blocks: FlowBlock[]): void {
  const owners = new Map<string, FlowBlock>();
  // Numbers first: an explicit id that equals a block's number is the one reported (it is the
  // one the writer chose), and of two equal explicit ids the later one.
  const ordered = [...blocks.filter((b) => !b.explicitId), ...blocks.filter((b) => b.explicitId)];
  for (const block of ordered) {
    if (block.skipped || block.blocked) continue;
    const owner = owners.get(block.id);
    if (owner === undefined) {
      owners.set(block.id, block);
      continue;
    }
    const line = block.fenceIndex + 1;
    block.problems.push({
      ruleId: 'duplicate-id',
      severity: 'error',
      message: `block id '${block.id}' is already ${owner.explicitId ? 'the id' : 'the number'} of the block at line ${owner.fenceIndex + 1}: choose another id=`,
      span: { line, ...block.idColumns, endLine: line },
    });
    block.blocked = true;
  }
}
