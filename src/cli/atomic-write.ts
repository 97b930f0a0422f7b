/**
 * Writes a file so that readers only ever see the old content or the complete new content:
 * write a temporary file in the same folder (same filesystem, so the rename is atomic), then
 * rename it over the target. On any failure the temporary file is removed and the existing
 * file is left untouched.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FileSystem } from './io.js';

export async function writeFileAtomic(fs: FileSystem, target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}
