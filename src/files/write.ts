/**
 * Writing an output (a rendered diagram, a lint report, the batch cache) so that a failed run
 * never destroys anything:
 *
 * - A regular file (or a new one) is written atomically: a temporary file in the same folder (same
 *   filesystem, so the rename is atomic) is renamed over it, keeping its permissions. Readers see
 *   the old content or the complete new content; on any failure the temporary file is removed and
 *   the existing file is left untouched.
 * - A symbolic link is followed: the file it leads to is replaced as above and the link stays a
 *   link (it was replaced by a regular file before).
 * - A character device (`/dev/null`, a terminal), a FIFO, or anything reached through `/dev/fd/N`
 *   or `/proc/…` (`/dev/stdout`, process substitution) is written in place, as `cat >` would: it
 *   is never replaced, created nor truncated. A write that fails there (`/dev/full`) is an error.
 * - A folder, a block device or a socket is refused with the reason.
 *
 * The temporary name (`.NAME.<pid>-<random>.flowc-tmp`) only has to be unlikely to meet another
 * writer's: node:crypto would cost a CQRS-sized render ~2 ms of start-up to load. A process killed
 * between the write and the rename (SIGKILL, a power cut) leaves one behind: `removeStaleTemps`
 * deletes those whose writer is gone.
 */
import * as path from 'node:path';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import type { FileSystem } from './fs.js';

/** Symbolic links followed at most (Linux's own limit is 40). */
const MAX_LINKS = 40;

/** An output that cannot be written for a reason of its own kind (not an errno from the system). */
export class OutputKindError extends Error {
  constructor(
    readonly file: string,
    readonly code: 'EISDIR' | 'EBLOCKDEVICE' | 'ESOCKET' | 'ELOOP',
    message: string,
  ) {
    super(message);
    this.name = 'OutputKindError';
  }
}

/** Where an output really goes, after following symbolic links. */
export type OutputTarget =
  { kind: 'replace'; file: string; mode: number | null } | { kind: 'in-place'; file: string };

/** Follows `target`'s symbolic links and decides how it is written (see the module comment). */
export async function outputTarget(fs: FileSystem, target: string): Promise<OutputTarget> {
  let file = path.resolve(target);
  for (let hops = 0; ; hops++) {
    if (isProcessLink(file)) return { kind: 'in-place', file };
    let stats: Stats;
    try {
      stats = await fs.lstat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { kind: 'replace', file, mode: null };
      throw error;
    }
    if (stats.isSymbolicLink()) {
      if (hops >= MAX_LINKS)
        throw new OutputKindError(target, 'ELOOP', 'too many levels of symbolic links');
      file = path.resolve(path.dirname(file), await fs.readlink(file));
      continue;
    }
    if (stats.isFile()) return { kind: 'replace', file, mode: stats.mode & 0o7777 };
    if (stats.isDirectory()) throw new OutputKindError(target, 'EISDIR', 'is a folder');
    if (stats.isBlockDevice())
      throw new OutputKindError(
        target,
        'EBLOCKDEVICE',
        'is a block device: flowc writes to files, pipes and character devices only',
      );
    if (stats.isSocket())
      throw new OutputKindError(target, 'ESOCKET', 'is a socket: flowc cannot write to it');
    return { kind: 'in-place', file }; // a character device or a FIFO
  }
}

/** `/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`: an open file of a process, written in place. */
function isProcessLink(file: string): boolean {
  return (
    file === '/dev/stdin' ||
    file === '/dev/stdout' ||
    file === '/dev/stderr' ||
    file.startsWith('/dev/fd/') ||
    file.startsWith('/proc/')
  );
}

/** Writes `data` to `target` by the rules above; returns where it went (links followed). */
export async function writeOutput(
  fs: FileSystem,
  target: string,
  data: string | Uint8Array,
): Promise<OutputTarget> {
  const where = await outputTarget(fs, target);
  if (where.kind === 'in-place') {
    await fs.writeInPlace(where.file, data);
    return where;
  }
  const dir = path.dirname(where.file);
  await fs.mkdir(dir, { recursive: true });
  const temp = tempName(where.file);
  try {
    await fs.writeFile(temp, data);
    if (where.mode !== null) await fs.chmod(temp, where.mode);
    await fs.rename(temp, where.file);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  return where;
}

/**
 * The same atomic replacement, synchronously, on the real file system: for fonts.conf, which must
 * exist before sharp first loads (src/emit/fonts.ts), and which several worker threads of one
 * process may write at once (hence a name unique per thread, not per process).
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const temp = tempName(target);
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

const TEMP_SUFFIX = '.flowc-tmp';
/** `.NAME.<pid base 36>-<random>.flowc-tmp` */
const TEMP_NAME = /^\.(.+)\.([0-9a-z]+)-[0-9a-z]+\.flowc-tmp$/;

let counter = 0;

function tempName(target: string): string {
  counter++;
  const unique = `${counter.toString(36)}${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid.toString(36)}-${unique}${TEMP_SUFFIX}`,
  );
}

/** A temporary file this old, whose writer is not running, was left by a killed process. */
export const STALE_TEMP_MS = 60_000;

/**
 * Removes the temporary files flowc left in `dir` when it was killed mid-write: those older than
 * STALE_TEMP_MS whose process is no longer running on this machine. Returns how many it removed;
 * a folder that cannot be read is left alone.
 */
export async function removeStaleTemps(
  fs: FileSystem,
  dir: string,
  now: number = Date.now(),
  isRunning: (pid: number) => boolean = processIsRunning,
): Promise<number> {
  let names: string[];
  try {
    names = (await fs.readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith(TEMP_SUFFIX))
      .map((entry) => entry.name);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const pid = parseInt(match[2]!, 36);
    const file = path.join(dir, name);
    try {
      const stats = await fs.lstat(file);
      if (now - stats.mtimeMs < STALE_TEMP_MS || isRunning(pid)) continue;
      await fs.unlink(file);
      removed++;
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/** Whether process `pid` runs on this machine (this process counts as running). */
export function processIsRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // running, as another user
  }
}
