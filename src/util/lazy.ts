/**
 * Modules loaded where they are first used, not imported at the top: every `import` in a module the
 * CLI bundles runs at each start, and a small render needs none of these (docs/performance.md:
 * node:crypto ~5 ms, worker_threads and os a few ms; sharp ~100 ms). `require`, not `import()`:
 * the CLI runs as one CommonJS script from V8's code cache, where a dynamic import() has no
 * loader to call. Node caches each module after its first load.
 */
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

export const nodeCrypto = (): typeof import('node:crypto') =>
  requireHere('node:crypto') as typeof import('node:crypto');
export const nodeOs = (): typeof import('node:os') =>
  requireHere('node:os') as typeof import('node:os');
export const nodeWorkerThreads = (): typeof import('node:worker_threads') =>
  requireHere('node:worker_threads') as typeof import('node:worker_threads');

/** An installed package (sharp), resolved from flowc's own folder. */
export function requirePackage<T>(name: string): T {
  return requireHere(name) as T;
}
