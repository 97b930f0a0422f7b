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
import type { FileSystem } from './io.js';

export async function writeFileAtomic(fs: FileSystem, target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${uniqueSuffix()}.tmp`);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

let counter = 0;

function uniqueSuffix(): string {
  counter++;
  return `${process.pid.toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}
