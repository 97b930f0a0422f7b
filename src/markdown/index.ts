/**
 * ```` ```flow ```` blocks in Markdown: find them (scan), check them with positions in the `.md`
 * (check), draw them and put their image links in (render, links).
 */
export { scanMarkdown, SKIP_COMMENT } from './scan.js';
export type { FlowBlock, MarkdownDocument } from './scan.js';
export { checkMarkdown } from './check.js';
export type { BlockCheck, MarkdownCheckResult } from './check.js';
export { renderMarkdown, imagePath, imageHref, markdownStem } from './render.js';
export type {
  BlockRender,
  MarkdownImage,
  MarkdownRenderOptions,
  MarkdownRenderResult,
} from './render.js';
export { updateMarkdown, SOURCE_MODES, DETAILS_SUMMARY } from './links.js';
export type { ImageLink, SourceMode } from './links.js';
export { isMarkdownPath, mayHaveFlowBlocks, MARKDOWN_EXTENSIONS } from '../files/markdown.js';
