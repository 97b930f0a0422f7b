/**
 * Where the worker thread's script is: `<package root>/dist/batch-worker.js`, built by
 * scripts/build.mjs. The package root is found by walking up from this module to the
 * package.json named "flowc", so the CLI bundle (dist/) and the sources (src/, under tests)
 * both start the same built worker.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null | undefined;

/** The worker script's absolute path, or null when it has not been built. */
export function workerScriptPath(): string | null {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'flowc') {
        const script = join(dir, 'dist', 'batch-worker.js');
        return (cached = existsSync(script) ? script : null);
      }
    } catch {
      // no package.json here: keep walking up
    }
    dir = dirname(dir);
  }
  return (cached = null);
}
