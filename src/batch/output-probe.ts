/**
 * Whether the outputs a cache entry names are still on disk, for the planning phase of a batch
 * (before anything is written). A folder holding many of the outputs asked about is listed once
 * (one `readdir`) instead of one `stat` per output: a no-op batch of 1,000 files made 1,000 stat
 * calls for its outputs (docs/performance.md, "Issue #15"). The answer is the same as a `stat`'s:
 * a regular file is present; a symbolic link (or an entry of unknown type) is asked with `stat`,
 * which follows it; anything else, or a name not listed, is not present. A folder that cannot be
 * listed falls back to `stat` for each of its outputs.
 */
import * as path from 'node:path';
import type { Dirent } from 'node:fs';
import { isFile, type FileSystem } from '../files/fs.js';

/** A folder is listed when at least this many of the outputs asked about are in it. */
export const LIST_FOLDER_MIN = 8;

export class OutputProbe {
  /** Folder → its entries by name, null when it could not be listed (then stat decides). */
  private readonly listed = new Map<string, Promise<Map<string, Dirent> | null>>();
  private readonly expected = new Map<string, number>();

  /** `outputs`: every output the run may ask about, so folders worth listing are known. */
  constructor(
    private readonly fs: FileSystem,
    outputs: Iterable<string>,
  ) {
    for (const output of outputs) {
      const folder = path.dirname(output);
      this.expected.set(folder, (this.expected.get(folder) ?? 0) + 1);
    }
  }

  async isFile(file: string): Promise<boolean> {
    const folder = path.dirname(file);
    if ((this.expected.get(folder) ?? 0) < LIST_FOLDER_MIN) return isFile(this.fs, file);
    let listing = this.listed.get(folder);
    if (listing === undefined) {
      // The promise is kept, so files planned side by side share one listing.
      listing = this.list(folder);
      this.listed.set(folder, listing);
    }
    const entries = await listing;
    if (entries === null) return isFile(this.fs, file);
    const entry = entries.get(path.basename(file));
    if (entry === undefined) return false;
    if (entry.isFile()) return true;
    if (entry.isSymbolicLink() || isUnknownType(entry)) return isFile(this.fs, file);
    return false;
  }

  private async list(folder: string): Promise<Map<string, Dirent> | null> {
    let entries: Dirent[];
    try {
      entries = await this.fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      // A folder that is not there holds none of its outputs; any other problem: ask each one.
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Map() : null;
    }
    return new Map(entries.map((entry) => [entry.name, entry]));
  }
}

/** A file system that does not report types in its listing (DT_UNKNOWN): every is* is false. */
function isUnknownType(entry: Dirent): boolean {
  return (
    !entry.isDirectory() &&
    !entry.isBlockDevice() &&
    !entry.isCharacterDevice() &&
    !entry.isFIFO() &&
    !entry.isSocket()
  );
}
