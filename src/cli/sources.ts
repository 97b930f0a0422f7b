/**
 * Reading the inputs: standard input (`-`) and files, with failures as messages, not throws.
 */
import * as path from 'node:path';
import { discoverFiles, type IgnoreRules } from '../files/discover.js';
import { describeFsError, isFsError } from '../files/fs.js';
import { shownPath } from '../util/paths.js';
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

/** Standard input, read once per run (a second reader gets the same bytes). */
const stdinOf = new WeakMap<Io, Promise<Buffer>>();

async function stdinBytes(io: Io): Promise<Buffer> {
  let read = stdinOf.get(io);
  if (read === undefined) stdinOf.set(io, (read = io.readStdin(MAX_INPUT_BYTES)));
  try {
    return await read;
  } catch (error) {
    if (!isFsError(error)) throw error;
    throw new UsageError(`standard input: ${describeFsError(error, 'cannot read')}`);
  }
}

export async function readStdinSource(io: Io, stdinFilename?: string): Promise<Source> {
  const text = (await stdinBytes(io)).toString('utf8');
  return { filePath: stdinFilename ? path.resolve(io.cwd, stdinFilename) : STDIN_NAME, text };
}

/**
 * With no input named: whether something was piped in (`cat a.flow | flowc lint`). Standard input
 * is read only when it is a pipe or a file (never a terminal or a device such as /dev/null), and
 * an empty one means nothing was piped: CI runners often give steps an empty pipe (GitHub Actions
 * does), where `flowc lint` must still lint the current folder.
 */
export async function stdinWasPiped(io: Io): Promise<boolean> {
  const kind = io.stdinKind?.() ?? 'other';
  if (kind !== 'pipe' && kind !== 'file') return false;
  return (await stdinBytes(io)).length > 0;
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

/**
 * The files the `inputs` name (folders walked, globs expanded, the configuration's ignore rules
 * applied), read one at a time as they are asked for. An input that names nothing and a file that
 * cannot be read each add a line to `problems` (the path as the user would recognise it).
 */
export async function* readInputFiles(
  io: Io,
  inputs: readonly string[],
  options: { ignore: IgnoreRules; markdown?: boolean },
  problems: string[],
): AsyncGenerator<Source> {
  const discovery = await discoverFiles(inputs, { cwd: io.cwd, fs: io.fs, ...options });
  for (const p of discovery.problems) problems.push(`${shownPath(io.cwd, p.input)}: ${p.message}`);
  for (const file of discovery.files) {
    const read = await readSource(io, file);
    if ('problem' in read) problems.push(`${shownPath(io.cwd, file)}: ${read.problem}`);
    else yield read;
  }
}
