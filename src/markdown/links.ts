/**
 * Puts each rendered block's image link right after the block, and folds the block into a
 * `<details>` element when asked:
 *
 *     ```flow id=checkout                 <details><summary>Diagram source</summary>
 *     …  
 *     ```                                 ```flow id=checkout
 *                                         …
 *     ![checkout](README-checkout.svg)    ```
 *
 *                                         </details>
 *
 *                                         ![checkout](README-checkout.svg)
 *
 * A link flowc wrote before (an image line after the block whose file name is one flowc gives:
 * `<md name>-<id>.svg|png`) is updated in place; any other line is left alone. Lines are added
 * with the block's container prefix (list indentation, `> `), so a block in a list item or a quote
 * keeps its image there. Applying the result again changes nothing.
 */
import type { FlowBlock, MarkdownDocument } from './scan.js';
import { dominantEol, joinLines, type Line } from './lines.js';

/** `keep`: the block stays visible above its image; `details`: it is folded into `<details>`. */
export type SourceMode = 'keep' | 'details';
export const SOURCE_MODES: readonly SourceMode[] = ['keep', 'details'];

export const DETAILS_SUMMARY = 'Diagram source';
const OUR_DETAILS_OPEN = `<details><summary>${DETAILS_SUMMARY}</summary>`;
const DETAILS_OPEN = /^<details>\s*<summary>.*<\/summary>\s*$/i;
const DETAILS_CLOSE = /^<\/details>\s*$/i;
const IMAGE_LINE = /^!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+"(?:[^"\\]|\\.)*")?\s*\)$/;

export interface ImageLink {
  /** The link target, relative to the Markdown file, `/`-separated and URL-encoded. */
  href: string;
  alt: string;
}

export interface LinkUpdate {
  /** The image link wanted after each block, by ordinal; blocks without one are left as they are. */
  links: ReadonlyMap<number, ImageLink>;
  mode: SourceMode;
  /** Whether an image link target (decoded) is a file flowc made for this Markdown file. */
  isManagedTarget(target: string): boolean;
}

/** The Markdown text with every block's image link and `<details>` as `update` asks. */
export function updateMarkdown(document: MarkdownDocument, update: LinkUpdate): string {
  const lines = [...document.lines];
  const eol = dominantEol(lines);
  const blocks = [...document.blocks].sort((a, b) => b.fenceIndex - a.fenceIndex);
  for (const block of blocks) {
    const link = update.links.get(block.ordinal);
    if (link === undefined || block.closeIndex === null || block.skipped) continue;
    const edit = editBlock(lines, block, link, update, eol);
    lines.splice(edit.start, edit.end - edit.start + 1, ...edit.lines);
  }
  return joinLines(lines);
}

/** What stands on a line once the container's prefix (`  `, `> `) is taken off. */
function inner(line: Line | undefined): string {
  return line === undefined ? '' : line.text.replace(/^[ \t>]*/, '').trimEnd();
}

/** `inner`, and a list marker taken off too (`- <details>…` opens a list item with the block). */
function innerItem(line: Line | undefined): string {
  return inner(line).replace(/^(?:[-*+]|\d{1,9}[.)])[ \t]+/, '');
}

function isBlank(line: Line | undefined): boolean {
  return line !== undefined && inner(line) === '';
}

export function imageTarget(text: string): string | null {
  const match = IMAGE_LINE.exec(text);
  if (!match) return null;
  const raw = match[1]!.startsWith('<') ? match[1]!.slice(1, -1) : match[1]!;
  try {
    return decodeURI(raw);
  } catch {
    return raw;
  }
}

export function imageMarkdown(link: ImageLink): string {
  const alt = link.alt.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
  return `![${alt}](${link.href})`;
}

function editBlock(
  lines: readonly Line[],
  block: FlowBlock,
  link: ImageLink,
  update: LinkUpdate,
  eol: string,
): { start: number; end: number; lines: Line[] } {
  const f = block.fenceIndex;
  const c = block.closeIndex!;
  const prefix = block.prefix;
  const blankLine = (): Line => ({ text: prefix.trimEnd(), eol });

  let open: number | null = null;
  let i = f - 1;
  if (isBlank(lines[i])) i--;
  if (i >= 0 && DETAILS_OPEN.test(innerItem(lines[i]))) open = i;
  let close: number | null = null;
  let j = c + 1;
  if (isBlank(lines[j])) j++;
  if (DETAILS_CLOSE.test(inner(lines[j]))) close = j;
  const wrapped = open !== null && close !== null;
  const ours = wrapped && innerItem(lines[open!]) === OUR_DETAILS_OPEN;

  const after = wrapped ? close! : c;
  let image: number | null = null;
  let k = after + 1;
  if (isBlank(lines[k])) k++;
  const target = k < lines.length ? imageTarget(inner(lines[k])) : null;
  if (target !== null && update.isManagedTarget(target)) image = k;

  const start = wrapped ? open! : f;
  const end = image ?? after;
  const out: Line[] = [];
  const fenceRest = lines[f]!.text.slice(block.fencePrefix.length);
  const blockLines = (fencePrefix: string): Line[] => [
    { ...lines[f]!, text: fencePrefix + fenceRest },
    ...lines.slice(f + 1, c + 1),
  ];

  if (update.mode === 'details' || (wrapped && !ours)) {
    if (wrapped) {
      out.push(...lines.slice(open!, c + 1), ...lines.slice(c + 1, close! + 1));
    } else {
      out.push({ text: block.fencePrefix + OUR_DETAILS_OPEN, eol }, blankLine());
      out.push(...blockLines(prefix));
      out.push(blankLine(), { text: prefix + '</details>', eol });
    }
  } else if (wrapped) {
    // Unfold flowc's own <details>: the fence takes the place (and any list marker) of its first line.
    const openText = lines[open!]!.text;
    out.push(...blockLines(openText.slice(0, openText.indexOf('<'))));
  } else {
    out.push(...blockLines(block.fencePrefix));
  }

  const blankAfter = after + 1;
  out.push(image !== null && blankAfter < image ? lines[blankAfter]! : blankLine());
  out.push({ text: prefix + imageMarkdown(link), eol });
  const next = lines[end + 1];
  if (next !== undefined && !isBlank(next)) out.push(blankLine());

  const result = out.map((line) => (line.eol === '' ? { ...line, eol } : line));
  // The file's last line keeps its ending (or its lack of one).
  if (next === undefined) result[result.length - 1] = { ...result.at(-1)!, eol: lines[end]!.eol };
  return { start, end, lines: result };
}
