/**
 * What a run can start before it has read its input: work whose cost does not depend on the
 * diagram, begun on another thread so it overlaps parsing and layout. Kept apart from compile.ts,
 * which loads the whole pipeline when first imported.
 *
 * - `startPngThread()`: sharp loaded and warmed up on a worker thread; emitPng then draws there
 *   (src/emit/png-thread.ts). `flowc render x.flow -o x.png` calls it as soon as it knows the format.
 */
export { startPngThread, type PngThread } from './emit/png-thread.js';
