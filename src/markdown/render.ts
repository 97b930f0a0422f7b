/**
 * `flowc render` on a Markdown file: each ```` ```flow ```` block drawn to an image file beside
 * the `.md` (or mirrored under an output folder), named `<md name>-<id>.<ext>` where the id is the
 * block's `id=` or its number, and the Markdown text with the image links put in (links.ts).
 *
 * Nothing here touches the file system: the caller writes the images and the new text, so the
 * CLI, the batch renderer, `--check` and `flowc watch` share this one function.
 */
import * as path from 'node:path';
import type { CheckOptions } from '../check.js';
import { compileFormats, type Format, type RenderOptions } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import { FORMAT_EXTENSIONS } from '../files/output-paths.js';
import { leavesBase, pathBelow } from '../util/paths.js';
import { eachBlock, mergeDiagnostics } from './check.js';
import { updateMarkdown, type ImageLink, type SourceMode } from './links.js';
import { scanMarkdown, type FlowBlock, type MarkdownDocument } from './scan.js';

/** The formats a Markdown image link may point to, in order of preference. */
const IMAGE_FORMATS: readonly Format[] = ['svg', 'png'];

export interface MarkdownRenderOptions extends CheckOptions, RenderOptions {
  /** Absolute path of the Markdown file (names the images and makes the links relative). */
  file: string;
  formats: readonly Format[];
  /** Absolute folder the images go to, mirroring `base`; null or absent: beside the `.md`. */
  outDir?: string | null;
  /** The folder mirrored under `outDir` (default: the `.md` file's folder). */
  base?: string;
  /** Keep each block visible (default) or fold it into `<details>`. */
  mode?: SourceMode;
}

export interface MarkdownImage {
  ordinal: number;
  id: string;
  format: Format;
  /** Absolute path of the image file. */
  file: string;
  data: string | Buffer;
}

export interface BlockRender {
  block: FlowBlock;
  diagnostics: Diagnostic[];
  /** False when nothing was drawn (its images are not written, its link is left as it is). */
  renderable: boolean;
  outputs: Partial<Record<Format, string | Buffer>>;
  /** The block's own warnings (compile's onWarning), without the block's name. */
  warnings: string[];
}

export interface MarkdownRenderResult {
  document: MarkdownDocument;
  blocks: BlockRender[];
  diagnostics: Diagnostic[];
  images: MarkdownImage[];
  /** The Markdown text with the image links in; the input itself when nothing changes. */
  text: string;
}

export async function renderMarkdown(
  text: string,
  options: MarkdownRenderOptions,
): Promise<MarkdownRenderResult> {
  const document = scanMarkdown(text);
  const warnings = new Map<FlowBlock, string[]>();
  const blocks: BlockRender[] = (
    await eachBlock(document, options, (source, block) => {
      const own: string[] = [];
      warnings.set(block, own);
      return compileFormats(source, options.formats, {
        ...options,
        onWarning: blockWarning(options, block, own),
      });
    })
  ).map(({ result, ...block }) => ({
    ...block,
    outputs: result?.outputs ?? {},
    warnings: warnings.get(block.block) ?? [],
  }));

  const images: MarkdownImage[] = [];
  const links = new Map<number, ImageLink>();
  const linked = IMAGE_FORMATS.find((f) => options.formats.includes(f));
  for (const { block, renderable, outputs } of blocks) {
    if (!renderable) continue;
    for (const format of options.formats) {
      const data = outputs[format];
      if (data === undefined) continue;
      const file = imagePath(options.file, block.id, format, options.outDir ?? null, options.base);
      images.push({ ordinal: block.ordinal, id: block.id, format, file, data });
      if (format === linked)
        links.set(block.ordinal, { href: imageHref(options.file, file), alt: altText(block) });
    }
  }
  const stem = markdownStem(options.file);
  const updated =
    links.size === 0
      ? text
      : updateMarkdown(document, {
          links,
          mode: options.mode ?? 'keep',
          isManagedTarget: (target) => isImageOf(stem, target),
        });
  return { document, blocks, diagnostics: mergeDiagnostics(blocks), images, text: updated };
}

/** How messages name a block: `block 'checkout' (line 12)`, `block 2 (line 30)`. */
export function blockName(block: FlowBlock): string {
  return `block ${block.explicitId ? `'${block.id}'` : block.ordinal} (line ${block.fenceIndex + 1})`;
}

/** A block's warnings are kept in `own`, and passed on saying which block (blockName). */
function blockWarning(
  options: MarkdownRenderOptions,
  block: FlowBlock,
  own: string[],
): (message: string) => void {
  const { onWarning } = options;
  return (message) => {
    own.push(message);
    onWarning?.(`${blockName(block)}: ${message}`);
  };
}

/** `README.md` → `README`. */
export function markdownStem(file: string): string {
  return path.basename(file).replace(/\.(md|markdown)$/i, '');
}

/** Where a block's image goes: `<folder>/<md name>-<id>.<ext>`. */
export function imagePath(
  markdownFile: string,
  id: string,
  format: Format,
  outDir: string | null,
  base?: string,
): string {
  const name = `${markdownStem(markdownFile)}-${id}${FORMAT_EXTENSIONS[format]}`;
  const folder = path.dirname(markdownFile);
  if (outDir === null) return path.join(folder, name);
  const relative = pathBelow(base ?? folder, folder);
  const inside = relative === '' || !leavesBase(relative);
  return path.join(outDir, inside ? relative : '', name);
}

/** The link target from the Markdown file to an image: relative, `/`-separated, URL-encoded. */
export function imageHref(markdownFile: string, imageFile: string): string {
  const relative = path.relative(path.dirname(markdownFile), imageFile);
  return relative
    .split(path.sep)
    .map((part) =>
      encodeURIComponent(part).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`),
    )
    .join('/');
}

/** Whether a link target names an image flowc makes for the Markdown file named `stem`. */
function isImageOf(stem: string, target: string): boolean {
  const name = target.split(/[\\/]/).pop() ?? '';
  if (!name.startsWith(`${stem}-`)) return false;
  return /^[A-Za-z0-9][A-Za-z0-9_-]*\.(svg|png)$/.test(name.slice(stem.length + 1));
}

function altText(block: FlowBlock): string {
  if (block.alt !== null) return block.alt;
  return block.explicitId ? block.id : `Diagram ${block.ordinal}`;
}
