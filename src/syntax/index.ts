export { parse } from './parse.js';
export type * from './ast.js';
export { SIDES } from './ast.js';
export { parseLarge, PARALLEL_MIN_LINES } from './parallel.js';
export { IncrementalParser } from './incremental.js';
