/**
 * Writes a file so that readers only ever see the old content or the complete new content:
 * write a temporary file in the same folder (same filesystem, so the rename is atomic), then
 * rename it over the target. On any failure the temporary file is removed and the existing
 * file is left untouched.
 *
 * The temporary name only has to be unlikely to meet another writer's (process id, a counter and a
 * random part): node:crypto would cost a CQRS-sized render ~2 ms of start-up to load.
 */
import * as path from 'node:path';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { FileSystem } from '../cli/io.js';

export interface AtomicWriteOptions {
  /** Permission bits for the new file (e.g. those of the file it replaces); default: the umask's. */
  mode?: number;
}

export async function writeFileAtomic(
  fs: FileSystem,
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${uniqueSuffix()}.tmp`);
  try {
    await fs.writeFile(temp, data);
    if (options.mode !== undefined) await fs.chmod(temp, options.mode);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * The same, synchronously, on the real file system: for fonts.conf, which must exist before sharp
 * first loads (src/emit/fonts.ts), and which several worker threads of one process may write at
 * once (hence a name unique per thread, not per process).
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${uniqueSuffix()}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

let counter = 0;

function uniqueSuffix(): string {
  counter++;
  return `${process.pid.toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}
