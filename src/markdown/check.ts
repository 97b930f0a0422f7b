/**
 * `flowc lint` on a Markdown file: every ```` ```flow ```` block checked as a `.flow` file would
 * be, and every diagnostic reported at its line and column in the `.md` file. Loads parse,
 * resolve and validate only (never layout or emit).
 */
import { checkAsync, type CheckOptions } from '../check.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import { applySeverities } from '../validate/index.js';
import { toMarkdownDiagnostic } from './positions.js';
import { scanMarkdown, type FlowBlock, type MarkdownDocument } from './scan.js';

export interface BlockCheck {
  block: FlowBlock;
  /** The block's own problems and its diagram's diagnostics, at `.md` positions, sorted. */
  diagnostics: Diagnostic[];
  /** False when nothing can be drawn (a blocking error, or a block problem such as an unclosed fence). */
  renderable: boolean;
}

export interface MarkdownCheckResult {
  document: MarkdownDocument;
  /** One per block that is not skipped, in document order. */
  blocks: BlockCheck[];
  /** Every block's diagnostics, sorted by position in the `.md` file. */
  diagnostics: Diagnostic[];
}

export async function checkMarkdown(
  text: string,
  options: CheckOptions = {},
): Promise<MarkdownCheckResult> {
  const document = scanMarkdown(text);
  const blocks = (await eachBlock(document, options, (source) => checkAsync(source, options))).map(
    ({ block, diagnostics, renderable }) => ({ block, diagnostics, renderable }),
  );
  return { document, blocks, diagnostics: mergeDiagnostics(blocks) };
}

/**
 * Every block that is not skipped, with `run`'s result on its source (null for a blocked block,
 * which is not run) and its diagnostics: the block's own problems (severities as configured) and
 * the result's, at `.md` positions, sorted. `lint` runs the checks, `render` compiles.
 */
export async function eachBlock<R extends { diagnostics: Diagnostic[]; renderable: boolean }>(
  document: MarkdownDocument,
  options: Pick<CheckOptions, 'rules'>,
  run: (source: string, block: FlowBlock) => Promise<R>,
): Promise<(BlockCheck & { result: R | null })[]> {
  const blocks: (BlockCheck & { result: R | null })[] = [];
  for (const block of document.blocks) {
    if (block.skipped) continue;
    const own = applySeverities(block.problems, options.rules);
    if (block.blocked) {
      blocks.push({
        block,
        diagnostics: own.sort(compareDiagnostics),
        renderable: false,
        result: null,
      });
      continue;
    }
    const result = await run(block.source, block);
    const diagnostics = [
      ...own,
      ...result.diagnostics.map((d) => toMarkdownDiagnostic(block, d)),
    ].sort(compareDiagnostics);
    blocks.push({ block, diagnostics, renderable: result.renderable, result });
  }
  return blocks;
}

export function mergeDiagnostics(blocks: readonly { diagnostics: Diagnostic[] }[]): Diagnostic[] {
  return blocks.flatMap((b) => b.diagnostics).sort(compareDiagnostics);
}
