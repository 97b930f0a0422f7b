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
  homepage?: unknown;
  repository?: unknown;
}

let root: string | null = null;
/** flowc's own package.json, read once: packageRoot() reads it to recognise the folder. */
let manifest: Manifest | null = null;
let version: string | null = null;
let links: PackageLinks | null = null;

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
    const path = join(dir, 'package.json');
    const found = existsSync(path) ? readManifest(path) : null;
    if (found?.name === 'flowc') {
      if (from === undefined) {
        root = dir;
        manifest = found;
      }
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find flowc's package folder above ${start}`);
    dir = parent;
  }
}

/** flowc's own package.json (the one packageRoot() found), read from disk once per process. */
function ownManifest(): Manifest {
  if (manifest === null) packageRoot();
  return manifest ?? {};
}

/** flowc's version from its package.json. */
export function packageVersion(): string {
  if (version !== null) return version;
  const v = ownManifest().version;
  return (version = typeof v === 'string' ? v : '0.0.0');
}

/**
 * Where flowc is published, from its package.json: `homepage`, and `repository` as a web address.
 * Both are null while package.json names none: flowc then prints no address rather than a guess.
 */
export interface PackageLinks {
  homepage: string | null;
  repository: string | null;
}

export function packageLinks(): PackageLinks {
  if (links !== null) return links;
  let own: Manifest = {};
  try {
    own = ownManifest();
  } catch {
    // Bundled into another program without its package.json: no addresses.
  }
  const repository = repositoryWebUrl(own.repository);
  const homepage = httpUrl(own.homepage) ?? repository;
  return (links = { homepage, repository });
}

const HOSTS: Record<string, string> = {
  github: 'https://github.com',
  gitlab: 'https://gitlab.com',
  bitbucket: 'https://bitbucket.org',
};

/**
 * package.json's `repository` (a string or `{ url }`, in any of the forms npm accepts) as the
 * address of its web page: `git+https://github.com/o/n.git`, `git@github.com:o/n.git`,
 * `github:o/n` and `o/n` all give `https://github.com/o/n`. Null for anything else.
 */
export function repositoryWebUrl(repository: unknown): string | null {
  const raw =
    typeof repository === 'object' && repository !== null
      ? (repository as { url?: unknown }).url
      : repository;
  if (typeof raw !== 'string') return null;
  const text = raw
    .trim()
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(text);
  if (short) return `${HOSTS[short[1] ?? 'github']}/${short[2]}`;
  const scp = /^[\w.-]+@([\w.-]+):([\w./-]+)$/.exec(text);
  if (scp) return httpUrl(`https://${scp[1]}/${scp[2]}`);
  return httpUrl(text.replace(/^git\+/, '').replace(/^(?:git|ssh):\/\/(?:[^@/]+@)?/, 'https://'));
}

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * The web address of a file of flowc's repository (`docs/rules.md#dead-end`), on the repository's
 * default branch; null when package.json names no repository.
 */
export function repositoryFileUrl(
  path: string,
  known: PackageLinks = packageLinks(),
): string | null {
  const { repository } = known;
  if (repository === null) return null;
  const blob = repository.startsWith(HOSTS.gitlab ?? '') ? '-/blob' : 'blob';
  return `${repository}/${blob}/HEAD/${path}`;
}

/** The absolute path of a built script in dist/ (a worker thread's entry), or null when it is not built. */
export function distScript(name: string): string | null {
  const script = join(packageRoot(), 'dist', name);
  return existsSync(script) ? script : null;
}
