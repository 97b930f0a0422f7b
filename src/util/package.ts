/**
 * flowc's own package folder and manifest. Modules run from `src/<stage>/` (tests), from the
 * bundles in `dist/` and from `dist/chunks/`, so a fixed relative path would not do: the folder is
 * found by walking up from this module to the package.json named "flowc".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Manifest {
  name?: unknown;
  version?: unknown;
}

let root: string | null = null;
let version: string | null = null;

function readManifest(path: string): Manifest {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Manifest) : {};
  } catch {
    return {};
  }
}

/** The folder holding flowc's package.json, above this module (or above `from`, a file path). */
export function packageRoot(from?: string): string {
  if (from === undefined && root !== null) return root;
  const start = dirname(from ?? fileURLToPath(import.meta.url));
  for (let dir = start; ;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readManifest(manifest).name === 'flowc') {
      if (from === undefined) root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find flowc's package folder above ${start}`);
    dir = parent;
  }
}

/** flowc's version from its package.json. */
export function packageVersion(): string {
  if (version !== null) return version;
  const v = readManifest(join(packageRoot(), 'package.json')).version;
  return (version = typeof v === 'string' ? v : '0.0.0');
}

/** The absolute path of a built script in dist/ (a worker thread's entry), or null when it is not built. */
export function distScript(name: string): string | null {
  const script = join(packageRoot(), 'dist', name);
  return existsSync(script) ? script : null;
}
