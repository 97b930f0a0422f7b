/** flowc's version, from its package.json (see src/util/package.ts). */
export { packageVersion as flowcVersion } from '../util/package.js';
