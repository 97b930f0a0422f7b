/**
 * Modules loaded where they are first used, not imported at the top: every `import` in a module the
 * CLI bundles runs at each start, and a small render needs none of these (docs/performance.md:
 * node:crypto ~5 ms, worker_threads and os a few ms; sharp ~100 ms). Node's own modules come from
 * `process.getBuiltinModule` (Node ≥ 20.16), which loads nothing else; a package (sharp, ohm-js) through a
 * `require` made on first use, because node:module itself loads part of Node's ES module loader
 * (a no-op batch paid for it on every run). Node caches each module after its first load.
 */
export const nodeCrypto = (): typeof import('node:crypto') =>
  process.getBuiltinModule('node:crypto');
export const nodeOs = (): typeof import('node:os') => process.getBuiltinModule('node:os');
export const nodeWorkerThreads = (): typeof import('node:worker_threads') =>
  process.getBuiltinModule('node:worker_threads');

let requireHere: NodeJS.Require | undefined;

/** An installed package (sharp; ohm-js for a line only Ohm can explain), resolved from flowc's own folder. */
export function requirePackage<T>(name: string): T {
  requireHere ??= process.getBuiltinModule('node:module').createRequire(import.meta.url);
  return requireHere(name) as T;
}
