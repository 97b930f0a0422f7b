/** Where the batch worker thread's script is: `<package root>/dist/batch-worker.js`, built by scripts/build.mjs. */
import { distScript } from '../util/package.js';

/** The worker script's absolute path, or null when it has not been built. */
export function workerScriptPath(): string | null {
  return distScript('batch-worker.js');
}
