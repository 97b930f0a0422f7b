export { parse, parseLarge, parseWithOhm } from './parse.js';
export type * from './ast.js';
export { SIDES } from './ast.js';
export { IncrementalParser } from './incremental.js';
