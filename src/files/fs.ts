/**
 * The file operations flowc uses, behind an interface: the CLI, the batch renderer and the
 * configuration loader take a `FileSystem`, so tests can make any one operation fail or slow.
 * Also the words for the operating system's errors, shared by everything that reports them.
 */
import * as fs from 'node:fs';
import type { Dirent, Stats } from 'node:fs';

/** A subset of `node:fs` (as promises), so tests can make one operation fail. */
export interface FileSystem {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  stat(path: string): Promise<Stats>;
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
  readFile: async (path) => fs.readFileSync(path),
  writeFile: async (path, data) => fs.writeFileSync(path, data),
  rename: async (from, to) => fs.renameSync(from, to),
  unlink: async (path) => fs.unlinkSync(path),
  mkdir: async (path, options) => fs.mkdirSync(path, options),
  stat: async (path) => fs.statSync(path),
  readdir: async (path, options) => fs.readdirSync(path, options),
  realpath: async (path) => fs.realpathSync.native(path),
};

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
    default:
      return code ? `${fallback} (${code})` : fallback;
  }
}
