/**
 * The emitters, one module per format. SVG, PNG and JSON read the layout (PNG via the SVG);
 * Mermaid and DOT read the resolved diagram (those tools lay it out again). png.ts imports sharp
 * only inside `emitPng`, so importing this index stays cheap.
 */
export { emitSvg } from './svg.js';
export type { SvgOptions, Theme } from './svg.js';
export { THEMES } from './theme.js';
export { emitJson } from './json.js';
export { emitMermaid } from './mermaid.js';
export type { MermaidOptions } from './mermaid.js';
export { emitDot } from './dot.js';
export type { DotOptions } from './dot.js';
export { emitPng } from './png.js';
export type { PngOptions } from './png.js';
