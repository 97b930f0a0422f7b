/**
 * The file operations flowc uses, behind an interface: the CLI, the batch renderer and the
 * configuration loader take a `FileSystem`, so tests can make any one operation fail or slow.
 * Also the words for the operating system's errors, shared by everything that reports them.
 */
import * as fs from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { formatLimit } from '../limits.js';

/** A subset of `node:fs` (as promises), so tests can make one operation fail. */
export interface FileSystem {
  /**
   * The whole file; with `maxBytes`, at most that many bytes are read, and a longer file (or an
   * endless one: `/dev/zero`, a FIFO that never ends) is an `InputTooLargeError`.
   */
  readFile(path: string, maxBytes?: number): Promise<Buffer>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Creates `path` with `data`; fails with EEXIST when anything is there already (a lock). */
  writeNew(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Removes an empty folder (ENOTEMPTY otherwise). */
  rmdir(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  stat(path: string): Promise<Stats>;
  /** `stat` of the path itself: a symbolic link is not followed. */
  lstat(path: string): Promise<Stats>;
  readlink(path: string): Promise<string>;
  chmod(path: string, mode: number): Promise<void>;
  /**
   * Writes into an existing file that is not replaced: a character device, a FIFO, or what a
   * `/dev/fd/N` link leads to. Opened write-only and appending, never created nor truncated.
   */
  writeInPlace(path: string, data: string | Uint8Array): Promise<void>;
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>;
  realpath(path: string): Promise<string>;
}

/**
 * The real file system. The interface is asynchronous (so tests can inject slow or failing
 * operations), but the calls are made synchronously: a CLI run makes a handful of small calls
 * (the configuration search walks up the folders, the input is read, the output written) with
 * nothing else to do meanwhile, and through node:fs/promises each one paid a thread-pool round
 * trip (strace of a small `flowc render`: a dozen round trips, ~6 ms of the process idle).
 */
export const nodeFileSystem: FileSystem = {
  readFile: async (path, maxBytes) =>
    maxBytes === undefined ? fs.readFileSync(path) : readBounded(path, maxBytes),
  writeFile: async (path, data) => fs.writeFileSync(path, data),
  writeNew: async (path, data) => fs.writeFileSync(path, data, { flag: 'wx' }),
  rename: async (from, to) => fs.renameSync(from, to),
  unlink: async (path) => fs.unlinkSync(path),
  rmdir: async (path) => fs.rmdirSync(path),
  mkdir: async (path, options) => fs.mkdirSync(path, options),
  stat: async (path) => fs.statSync(path),
  lstat: async (path) => fs.lstatSync(path),
  readlink: async (path) => fs.readlinkSync(path),
  chmod: async (path, mode) => fs.chmodSync(path, mode),
  writeInPlace: async (path, data) => {
    const { O_WRONLY, O_APPEND, O_NOCTTY } = fs.constants;
    const fd = fs.openSync(path, O_WRONLY | O_APPEND | O_NOCTTY);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at);
    } finally {
      fs.closeSync(fd);
    }
  },
  readdir: async (path, options) => fs.readdirSync(path, options),
  realpath: async (path) => fs.realpathSync.native(path),
};

/** An input longer than the most flowc reads (src/limits.ts). */
export class InputTooLargeError extends Error {
  readonly code = 'ETOOLARGE';
  constructor(readonly maxBytes: number) {
    super(`larger than ${formatLimit(maxBytes, 'bytes')}, the most flowc reads (docs/limits.md)`);
    this.name = 'InputTooLargeError';
  }
}

/**
 * Reads at most `maxBytes` (+1, to tell a file of exactly that size from a longer one). A regular
 * file's size is known before reading; a device or a FIFO is read until it ends or passes the limit.
 */
function readBounded(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const stats = fs.fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (stats.isFile() && stats.size > maxBytes) throw new InputTooLargeError(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // A regular file in one read (plus one byte, to see it end); anything else 64 KiB at a time.
      const want = stats.isFile() ? Math.max(stats.size + 1 - total, 4096) : 1 << 16;
      const chunk = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, want));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw new InputTooLargeError(maxBytes);
    }
    // A regular file is one chunk: returned as it is, not copied (4 MB for a 100,000-line file).
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether `file` is a regular file; false when it is missing or cannot be reached. */
export async function isFile(fs: FileSystem, file: string): Promise<boolean> {
  return (await statOrNull(fs, file))?.isFile() === true;
}

/** Whether `file` is a folder; false when it is missing or cannot be reached. */
export async function isFolder(fs: FileSystem, file: string): Promise<boolean> {
  return (await statOrNull(fs, file))?.isDirectory() === true;
}

/** Whether anything is at `file`. */
export async function pathExists(fs: FileSystem, file: string): Promise<boolean> {
  return (await statOrNull(fs, file)) !== null;
}

async function statOrNull(fs: FileSystem, file: string): Promise<Stats | null> {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

/** An error from the operating system (it has an errno code), as opposed to a bug. */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  // Duck-typed: errors from another realm (a VM context, a worker) fail `instanceof Error`.
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as NodeJS.ErrnoException).code === 'string'
  );
}

/** "permission denied", "no such file or folder": the system error in words, without a stack. */
export function describeFsError(error: unknown, fallback: string): string {
  // An output of a kind flowc will not write (src/files/write.ts), an input over the size limit:
  // their messages say why.
  if (
    error instanceof Error &&
    (error.name === 'OutputKindError' ||
      error.name === 'InputTooLargeError' ||
      error.name === 'LockTimeoutError')
  )
    return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'EFBIG':
      return 'the file is too large for the device';
    case 'ENXIO':
      return 'no reader at the other end (a socket, or a FIFO opened without a reader)';
    case 'EPIPE':
      return 'the reader at the other end went away';
    default:
      return code ? `${fallback} (${code})` : fallback;
  }
}
