/** `render --check`: does a file on disk hold exactly the bytes a fresh render gives? */
import { InputTooLargeError } from '../files/fs.js';
import type { Io } from './io.js';

/** Reads at most the expected length, so a longer file (or /dev/zero) is stale without reading it all. */
export async function compareWithFile(
  io: Io,
  file: string,
  expected: string | Buffer,
): Promise<'up-to-date' | 'stale' | 'missing'> {
  const wanted = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
  let actual: Buffer;
  try {
    // More bytes than expected is stale whatever they are (and /dev/zero is not read forever).
    actual = await io.fs.readFile(file, wanted.length);
  } catch (error) {
    return error instanceof InputTooLargeError ? 'stale' : 'missing';
  }
  return actual.equals(wanted) ? 'up-to-date' : 'stale';
}
