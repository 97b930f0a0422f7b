/**
 * What a run checks before it has read its input, kept apart from compile.ts, which loads the
 * whole pipeline when first imported: `checkPngOptions()`, `--scale`, `--width` and
 * `--background` checked before anything is drawn.
 */
export { checkPngOptions } from './emit/png.js';
