/**
 * Whether the outputs a cache entry names are still on disk, for the planning phase of a batch
 * (before anything is written). A folder holding many of the outputs asked about is listed once
 * (one `readdir`) instead of one `stat` per output: a no-op batch of 1,000 files made 1,000 stat
 * calls for its outputs (docs/performance.md, "Issue #15"). The answer is the same as a `stat`'s:
 * a regular file is present; a symbolic link (or an entry of unknown type) is asked with `stat`,
 * which follows it; anything else, or a name not listed, is not present. A folder that cannot be
 * listed falls back to `stat` for each of its outputs.
 */
import type { Dirent } from 'node:fs';
import { isFile, type FileSystem } from '../files/fs.js';
import { isDirectChild, splitPath } from '../util/paths.js';

/** A folder is listed when at least this many of the outputs asked about are in it. */
export const LIST_FOLDER_MIN = 8;

export class OutputProbe {
  /** Folder → its entries by name, null when it could not be listed (then stat decides). */
  private readonly listed = new Map<string, Promise<Map<string, Dirent> | null>>();
  /** The listings made so far, to answer without waiting (`known`). */
  private readonly done = new Map<string, Map<string, Dirent> | null>();
  private readonly expected = new Map<string, number>();
  /** The listed folder `known` answered from last. */
  private lastKnown: { folder: string; entries: Map<string, Dirent> } | null = null;

  /** `outputs`: every output the run may ask about, so folders worth listing are known. */
  constructor(
    private readonly fs: FileSystem,
    outputs: readonly string[],
  ) {
    // Outputs come folder by folder: a run of outputs in one folder is counted at once.
    let folder: string | null = null;
    let count = 0;
    for (let i = 0; i < outputs.length; i++) {
      const output = outputs[i]!;
      if (folder !== null && isDirectChild(output, folder)) {
        count++;
        continue;
      }
      if (folder !== null) this.expected.set(folder, (this.expected.get(folder) ?? 0) + count);
      folder = splitPath(output).folder;
      count = 1;
    }
    if (folder !== null) this.expected.set(folder, (this.expected.get(folder) ?? 0) + count);
  }

  /**
   * Lists now every folder worth listing, so that `known` answers for all their outputs (a no-op
   * batch then plans each file without waiting on a listing).
   */
  async listAll(): Promise<void> {
    const folders: Promise<unknown>[] = [];
    for (const [folder, count] of this.expected)
      if (count >= LIST_FOLDER_MIN) folders.push(this.listing(folder));
    await Promise.all(folders);
  }

  /**
   * The answer `isFile` would give, when a listing made already gives it; undefined when only
   * `isFile` can tell (the folder not listed yet, or not worth listing, or a link to follow). A
   * no-op batch asks this for all but the first output of each folder: no promise, no await.
   */
  known(file: string): boolean | undefined {
    let entries: Map<string, Dirent> | null | undefined;
    let name: string;
    const last = this.lastKnown;
    if (last !== null && isDirectChild(file, last.folder)) {
      // The folder of the file asked before (a no-op batch asks folder by folder).
      entries = last.entries;
      name = file.slice(last.folder.length + 1);
    } else {
      const split = splitPath(file);
      entries = this.done.get(split.folder);
      if (entries === undefined || entries === null) return undefined;
      this.lastKnown = { folder: split.folder, entries };
      name = split.name;
    }
    const entry = entries.get(name);
    if (entry === undefined) return false;
    if (entry.isFile()) return true;
    if (entry.isSymbolicLink() || isUnknownType(entry)) return undefined;
    return false;
  }

  async isFile(file: string): Promise<boolean> {
    const { folder, name } = splitPath(file);
    if ((this.expected.get(folder) ?? 0) < LIST_FOLDER_MIN) return isFile(this.fs, file);
    const entries = await this.listing(folder);
    if (entries === null) return isFile(this.fs, file);
    const entry = entries.get(name);
    if (entry === undefined) return false;
    if (entry.isFile()) return true;
    if (entry.isSymbolicLink() || isUnknownType(entry)) return isFile(this.fs, file);
    return false;
  }

  /** The folder's listing, made once (the promise is kept: files planned side by side share it). */
  private listing(folder: string): Promise<Map<string, Dirent> | null> {
    let listing = this.listed.get(folder);
    if (listing === undefined) {
      listing = this.list(folder).then((entries) => {
        this.done.set(folder, entries);
        return entries;
      });
      this.listed.set(folder, listing);
    }
    return listing;
  }

  private async list(folder: string): Promise<Map<string, Dirent> | null> {
    let entries: Dirent[];
    try {
      entries = await this.fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      // A folder that is not there holds none of its outputs; any other problem: ask each one.
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Map() : null;
    }
    const byName = new Map<string, Dirent>();
    for (let i = 0; i < entries.length; i++) byName.set(entries[i]!.name, entries[i]!);
    return byName;
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
