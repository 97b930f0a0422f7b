/**
 * The incremental cache: `.flowc-cache.json` in the output folder (or, when outputs go beside
 * their sources, in the base folder). One entry per source, keyed by its path relative to the
 * base folder: a hash of everything that decides the outputs (source bytes, formats, render
 * options, rule severities, flowc version), the outputs it wrote, and the failure it reported, so
 * an unchanged broken file is reported again without being rendered again. The source's stat
 * signature lets an unchanged file skip even the read (as git's index does); a fresh checkout
 * (new timestamps, same bytes) falls back to the hash.
 *
 * The file is always replaced atomically, and saved now and then during a run, so a crash keeps
 * the entries of the files that finished and never leaves half a file. Saving merges with what is
 * on disk, under a lock file (`.flowc-cache.json.lock`, src/files/lock.ts): two runs sharing an
 * output folder (two shards, two pipelines) keep each other's entries even when they save at the
 * same moment (read, merge and replace are one step for the other writers).
 */
import * as path from 'node:path';
import { writeOutput } from '../files/write.js';
import { withFileLock, type LockOptions } from '../files/lock.js';
import type { FileSystem } from '../files/fs.js';
import type { Failure } from './types.js';
import { MAX_CACHE_BYTES } from '../limits.js';

export const CACHE_FILE = '.flowc-cache.json';
/** Held while the cache is read, merged and replaced (see the module comment). */
export const CACHE_LOCK_FILE = `${CACHE_FILE}.lock`;
const CACHE_FORMAT = 1;

export interface CacheEntry {
  /** Hash of the options digest and the source bytes: what decides the outputs. */
  hash: string;
  /** The options digest alone (formats, render options, rules, flowc version). */
  options?: string;
  /**
   * The source's size, modification and change times and inode when it was hashed
   * (`size:mtimeMs:ctimeMs:ino`): while they are unchanged the file is not read again. Recorded
   * only for files last modified and changed well before they were read, so an edit in the same
   * clock tick as the read is never missed (see trustedSignature in index.ts).
   */
  stat?: string;
  /** Output files, relative to the cache's folder, `/`-separated. */
  outputs: string[];
  /** The input failure of the last render (rule errors, unrenderable diagram). */
  failure?: Failure;
}

interface CacheFile {
  format: number;
  entries: Record<string, CacheEntry>;
}

export class RenderCache {
  private readonly changed = new Map<string, CacheEntry | null>();
  /** The folder the cache is in: output paths in entries are relative to it. */
  readonly folder: string;

  private constructor(
    private readonly fs: FileSystem,
    readonly file: string,
    private entries: Record<string, CacheEntry>,
    private readonly lockOptions: LockOptions,
  ) {
    this.folder = path.dirname(file);
  }

  /** Reads the cache in `dir`; a missing, unreadable or foreign file is an empty cache. */
  static async load(
    fs: FileSystem,
    dir: string,
    lockOptions: LockOptions = {},
  ): Promise<RenderCache> {
    const file = path.join(dir, CACHE_FILE);
    return new RenderCache(fs, file, await readEntries(fs, file), lockOptions);
  }

  get(key: string): CacheEntry | undefined {
    const changed = this.changed.get(key);
    if (changed !== undefined) return changed ?? undefined;
    return Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
  }

  /** Every entry, with this run's changes. */
  all(): [string, CacheEntry][] {
    const all = new Map(Object.entries(this.entries));
    for (const [key, entry] of this.changed)
      if (entry === null) all.delete(key);
      else all.set(key, entry);
    return [...all];
  }

  set(key: string, entry: CacheEntry): void {
    this.changed.set(key, entry);
  }

  delete(key: string): void {
    this.changed.set(key, null);
  }

  /** Writes the entries changed in this run over what is on disk now. */
  async save(): Promise<void> {
    if (this.changed.size === 0) return;
    // Entries set while this save is in flight go to the next save.
    const pending = new Map(this.changed);
    this.changed.clear();
    this.entries = applyChanges(this.entries, pending);
    try {
      await this.fs.mkdir(this.folder, { recursive: true });
      await withFileLock(
        this.fs,
        path.join(this.folder, CACHE_LOCK_FILE),
        async () => {
          const merged = applyChanges(await readEntries(this.fs, this.file), pending);
          const sorted: Record<string, CacheEntry> = {};
          for (const key of Object.keys(merged).sort()) setOwn(sorted, key, merged[key]!);
          const content: CacheFile = { format: CACHE_FORMAT, entries: sorted };
          await writeOutput(this.fs, this.file, JSON.stringify(content) + '\n');
        },
        this.lockOptions,
      );
    } catch (error) {
      for (const [key, entry] of pending) if (!this.changed.has(key)) this.changed.set(key, entry);
      throw error;
    }
  }
}

function applyChanges(
  entries: Record<string, CacheEntry>,
  changes: ReadonlyMap<string, CacheEntry | null>,
): Record<string, CacheEntry> {
  const result = { ...entries };
  for (const [key, entry] of changes) {
    if (entry === null) delete result[key];
    else setOwn(result, key, entry);
  }
  return result;
}

/**
 * `record[key] = value` as an own property whatever the key: a source named `__proto__` (a key is
 * a relative path) would otherwise set the object's prototype and lose its entry.
 */
function setOwn(record: Record<string, CacheEntry>, key: string, value: CacheEntry): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

async function readEntries(fs: FileSystem, file: string): Promise<Record<string, CacheEntry>> {
  let text: string;
  try {
    text = (await fs.readFile(file, MAX_CACHE_BYTES)).toString('utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as Partial<CacheFile> | null;
    if (
      parsed?.format !== CACHE_FORMAT ||
      typeof parsed.entries !== 'object' ||
      parsed.entries === null
    )
      return {};
    // Kept as parsed (its keys are own properties, `__proto__` too), without what is not an entry.
    const entries = parsed.entries as Record<string, unknown>;
    const keys = Object.keys(entries);
    for (let i = 0; i < keys.length; i++) if (!isEntry(entries[keys[i]!])) delete entries[keys[i]!];
    return entries as Record<string, CacheEntry>;
  } catch {
    return {}; // a damaged cache only costs a full render
  }
}

function isEntry(value: unknown): value is CacheEntry {
  const entry = value as Partial<CacheEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.hash === 'string' &&
    (entry.options === undefined || typeof entry.options === 'string') &&
    (entry.stat === undefined || typeof entry.stat === 'string') &&
    Array.isArray(entry.outputs) &&
    allStrings(entry.outputs)
  );
}

function allStrings(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'string') return false;
  return true;
}
