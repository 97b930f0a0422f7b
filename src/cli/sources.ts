/**
 * Reading the inputs: standard input (`-`) and files, with failures as messages, not throws.
 */
import * as path from 'node:path';
import { describeFsError, isFsError } from '../files/fs.js';
import type { Io } from './io.js';
import { UsageError } from './errors.js';
import { MAX_INPUT_BYTES } from '../limits.js';

export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

export interface Source {
  /** Absolute path, or `<stdin>` (or the absolute `--stdin-filename`). */
  filePath: string;
  text: string;
}

export async function readStdinSource(io: Io, stdinFilename?: string): Promise<Source> {
  let bytes: Buffer;
  try {
    bytes = await io.readStdin(MAX_INPUT_BYTES);
  } catch (error) {
    if (!isFsError(error)) throw error;
    throw new UsageError(`standard input: ${describeFsError(error, 'cannot read')}`);
  }
  const text = bytes.toString('utf8');
  return { filePath: stdinFilename ? path.resolve(io.cwd, stdinFilename) : STDIN_NAME, text };
}

export async function readSource(
  io: Io,
  file: string,
): Promise<Source | { filePath: string; problem: string }> {
  try {
    const text = (await io.fs.readFile(file, MAX_INPUT_BYTES)).toString('utf8');
    return { filePath: file, text };
  } catch (error) {
    if (!isFsError(error)) throw error;
    return { filePath: file, problem: describeFsError(error, 'cannot read file') };
  }
}
