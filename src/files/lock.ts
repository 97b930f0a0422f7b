/**
 * A lock file, for a read-modify-write of a shared file by several processes (two batch runs
 * saving their cache into one output folder). Node has no `flock`; the lock is a file created
 * exclusively (`O_CREAT | O_EXCL`, atomic on local file systems) holding `PID HOSTNAME`, removed
 * when the work is done.
 *
 * A lock left behind by a killed process is broken: at once when its process no longer runs on
 * this machine, after STALE_LOCK_MS otherwise (another machine's process, or a reused pid). A
 * lock held longer than LOCK_WAIT_MS by a live process is an error, never a silent write.
 */
import type { FileSystem } from './fs.js';
import { processIsRunning } from './write.js';
import { nodeOs } from '../util/lazy.js';

/** A lock older than this is broken whoever holds it: the work under it takes milliseconds. */
export const STALE_LOCK_MS = 20_000;
/** How long a writer waits for a lock held by a live process. */
export const LOCK_WAIT_MS = 30_000;

export interface LockOptions {
  waitMs?: number;
  staleMs?: number;
  now?: () => number;
  isRunning?: (pid: number) => boolean;
}

/** The lock could not be taken in time: another process holds it. */
export class LockTimeoutError extends Error {
  readonly code = 'ELOCKED';
  constructor(
    readonly file: string,
    holder: string,
  ) {
    super(
      `locked by ${holder} for too long (if no flowc is running, remove ${file.split(/[\\/]/).pop()})`,
    );
    this.name = 'LockTimeoutError';
  }
}

/** Runs `work` while holding the lock file `file`; the lock is removed afterwards, always. */
export async function withFileLock<T>(
  fs: FileSystem,
  file: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  await acquire(fs, file, options);
  try {
    return await work();
  } finally {
    await fs.unlink(file).catch(() => undefined);
  }
}

async function acquire(fs: FileSystem, file: string, options: LockOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? STALE_LOCK_MS;
  const isRunning = options.isRunning ?? processIsRunning;
  // node:os when a lock is taken: a batch with nothing to save does not load it.
  const host = nodeOs().hostname();
  const started = now();
  let delay = 1;
  for (;;) {
    try {
      await fs.writeNew(file, `${process.pid} ${host}\n`);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(fs, file);
    if (holder === null) continue; // released between the two calls
    const sameHost = holder.host === host && holder.pid !== null;
    const stale = now() - holder.mtimeMs > staleMs || (sameHost && !isRunning(holder.pid!));
    if (stale) {
      await fs.unlink(file).catch(() => undefined);
      continue;
    }
    if (now() - started >= waitMs)
      throw new LockTimeoutError(
        file,
        holder.pid === null ? 'another process' : `process ${holder.pid} on ${holder.host}`,
      );
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 50);
  }
}

interface Holder {
  pid: number | null;
  host: string;
  mtimeMs: number;
}

async function readHolder(fs: FileSystem, file: string): Promise<Holder | null> {
  try {
    const stats = await fs.lstat(file);
    const text = (await fs.readFile(file, 4096)).toString('utf8');
    const match = /^(\d+) (\S*)\n$/.exec(text);
    // An empty or partial file: its writer is between create and write (or died there); its age decides.
    return {
      pid: match ? Number(match[1]) : null,
      host: match ? match[2]! : '',
      mtimeMs: stats.mtimeMs,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
