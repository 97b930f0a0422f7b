/**
 * `--prune`: the outputs of sources that no longer exist. Only files the cache says flowc wrote
 * are candidates (an entry's `outputs`), and only when all of these hold:
 *
 * - the entry's source (its key, relative to the base folder) is gone: `lstat` says ENOENT (a
 *   source that cannot be read for another reason is kept);
 * - the output lies inside the cache's folder (the output folder, or the base folder when outputs
 *   sit beside their sources): a damaged or hand-edited cache cannot point anywhere else;
 * - it is a regular file (a link, a folder or a device is never removed), and no source that still
 *   exists, nor any file of this run, claims it as an output.
 *
 * The outputs a source that still exists no longer has (a format dropped from `-f`) are removed
 * under the same conditions. With `--shard K/N` only the entries of slice K are looked at. Folders of the output folder left
 * empty are removed too (never the output folder itself, never a folder beside the sources).
 */
import * as path from 'node:path';
import type { FileSystem } from '../files/fs.js';
import { RenderCache } from './cache.js';
import { inShard, type Shard } from './shard.js';
import { leavesBase } from '../util/paths.js';

export interface Orphan {
  /** The cache key of the source that is gone; absent for outputs a source no longer has. */
  key?: string;
  /** Its absolute source path. */
  source: string;
  /** The outputs to remove (absolute), those that exist and are flowc's. */
  outputs: string[];
}

/**
 * The cache entries whose source is gone, with the outputs that may be removed. `keep` holds
 * absolute paths never to remove (this run's sources and outputs).
 */
export async function findOrphans(
  fs: FileSystem,
  cache: RenderCache,
  base: string,
  options: {
    shard: Shard | null;
    keep: ReadonlySet<string>;
    /** Outputs this run's renders no longer write (a format dropped): relative to the cache's folder. */
    dropped?: readonly { source: string; outputs: readonly string[] }[];
  },
): Promise<Orphan[]> {
  const folder = cache.folder;
  const outputPath = (relative: string): string | null => {
    const file = path.resolve(folder, ...relative.split('/'));
    const below = path.relative(folder, file);
    return below === '' || leavesBase(below) ? null : file;
  };
  const gone: [string | undefined, string, string[]][] = [];
  const claimed = new Set(options.keep);
  claimed.add(cache.file);
  for (const [key, entry] of cache.all()) {
    const source = path.resolve(base, ...key.split('/'));
    const outputs = entry.outputs.map(outputPath).filter((o): o is string => o !== null);
    if (inShard(key, options.shard) && (await isGone(fs, source)))
      gone.push([key, source, outputs]);
    else for (const output of outputs) claimed.add(output);
  }
  for (const { source, outputs } of options.dropped ?? [])
    gone.push([undefined, source, outputs.map(outputPath).filter((o): o is string => o !== null)]);
  const orphans: Orphan[] = [];
  const realFolder = gone.length > 0 ? await realpathOrNull(fs, folder) : null;
  for (const [key, source, outputs] of gone) {
    const removable: string[] = [];
    for (const output of outputs)
      if (
        !claimed.has(output) &&
        (await isRegularFile(fs, output)) &&
        (await reachedWithoutLinks(fs, output, folder, realFolder))
      )
        removable.push(output);
    orphans.push({ ...(key !== undefined ? { key } : {}), source, outputs: removable });
  }
  return orphans.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** The orphans of the cache of a run writing under `outDir` (or beside sources under `base`). */
export async function orphansOf(
  fs: FileSystem,
  where: { outDir: string | null; base: string },
  options: { shard: Shard | null; keep: ReadonlySet<string> },
): Promise<Orphan[]> {
  const cache = await RenderCache.load(fs, where.outDir ?? where.base);
  return findOrphans(fs, cache, where.base, options);
}

/**
 * Removes the orphans' outputs and their cache entries; with `outDir`, folders under it left
 * empty. Returns the files removed and the problems met (a file that could not be removed keeps
 * its entry, so the next `--prune` tries again).
 */
export async function removeOrphans(
  fs: FileSystem,
  cache: RenderCache,
  orphans: readonly Orphan[],
  outDir: string | null,
): Promise<{ removed: string[]; problems: { file: string; error: unknown }[] }> {
  const removed: string[] = [];
  const problems: { file: string; error: unknown }[] = [];
  const emptied = new Set<string>();
  for (const orphan of orphans) {
    let whole = true;
    for (const output of orphan.outputs) {
      try {
        await fs.unlink(output);
        removed.push(output);
        emptied.add(path.dirname(output));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        problems.push({ file: output, error });
        whole = false;
      }
    }
    if (whole && orphan.key !== undefined) cache.delete(orphan.key);
  }
  if (outDir !== null) await removeEmptyFolders(fs, emptied, outDir);
  return { removed, problems };
}

/** Each folder, then its parents, while empty and strictly inside `root`. */
async function removeEmptyFolders(
  fs: FileSystem,
  folders: ReadonlySet<string>,
  root: string,
): Promise<void> {
  // Deepest first, so a parent is tried after its children.
  const sorted = [...folders].sort((a, b) => b.length - a.length);
  for (let folder of sorted) {
    while (isStrictlyInside(root, folder)) {
      try {
        await fs.rmdir(folder);
      } catch {
        break; // not empty (or not ours to remove)
      }
      folder = path.dirname(folder);
    }
  }
}

function isStrictlyInside(root: string, folder: string): boolean {
  const below = path.relative(root, folder);
  return below !== '' && !leavesBase(below);
}

async function isGone(fs: FileSystem, file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** The output's folder is where its path says, not through a link out of the cache's folder. */
async function reachedWithoutLinks(
  fs: FileSystem,
  output: string,
  folder: string,
  realFolder: string | null,
): Promise<boolean> {
  if (realFolder === null) return false;
  const realParent = await realpathOrNull(fs, path.dirname(output));
  return (
    realParent !== null &&
    path.join(realFolder, path.relative(folder, path.dirname(output))) === realParent
  );
}

async function realpathOrNull(fs: FileSystem, file: string): Promise<string | null> {
  try {
    return await fs.realpath(file);
  } catch {
    return null;
  }
}

async function isRegularFile(fs: FileSystem, file: string): Promise<boolean> {
  try {
    return (await fs.lstat(file)).isFile();
  } catch {
    return false;
  }
}
