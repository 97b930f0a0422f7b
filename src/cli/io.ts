/**
 * Everything the CLI touches outside itself, passed in: tests drive `execute` in-process with a
 * fake `Io`, and only `main.ts` binds it to the real process.
 */
import * as fs from 'node:fs';
import type { Dirent, Stats } from 'node:fs';

export interface OutputStream {
  write(chunk: string | Uint8Array): void;
  /** True when the stream is a terminal (colour, and no binary output to it). */
  isTTY: boolean;
}

/** The file operations the CLI uses; a subset of `node:fs/promises`, so tests can make one fail. */
export interface FileSystem {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  stat(path: string): Promise<Stats>;
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>;
  realpath(path: string): Promise<string>;
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

export interface Io {
  /**
   * Called once the run turns out to be long: more than LONG_RUN_BYTES of input read, or a batch
   * about to render two files or more. The real process then lets V8 optimise hot code as soon as
   * it normally would (bin/flowc.js delays that for short runs, see there). Tests leave it out.
   */
  longRun?(): void;
  /** The directory relative paths are resolved against and reported relative to. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Reads all of standard input. */
  readStdin(): Promise<Buffer>;
  fs: FileSystem;
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
  chmod: async (path, mode) => fs.chmodSync(path, mode),
  unlink: async (path) => fs.unlinkSync(path),
  mkdir: async (path, options) => fs.mkdirSync(path, options),
  stat: async (path) => fs.statSync(path),
  readdir: async (path, options) => fs.readdirSync(path, options),
  realpath: async (path) => fs.realpathSync.native(path),
};

/** Input beyond this many bytes makes a run long (a CQRS-sized file is ~2 KB, 200 nodes ~13 KB). */
export const LONG_RUN_BYTES = 32 * 1024;

export interface ProcessIoOptions {
  /** See `Io.longRun`. */
  onLongRun?: () => void;
}

export interface ProcessIo extends Io {
  /** True when nothing written to stdout or stderr is still waiting to be flushed. */
  outputFlushed(): boolean;
}

/**
 * The real process's Io. Nothing here touches `process.stdout` or `process.stderr` before the
 * first write or `isTTY` question: creating those streams loads Node's stream modules, which a
 * render to a file with nothing to report never needs (a few milliseconds of a ~120 ms run).
 */
export function processIo(options: ProcessIoOptions = {}): ProcessIo {
  let bytesRead = 0;
  let longRunCalled = false;
  const longRun = (): void => {
    if (longRunCalled) return;
    longRunCalled = true;
    options.onLongRun?.();
  };
  const counted = (data: Buffer): Buffer => {
    bytesRead += data.length;
    if (bytesRead > LONG_RUN_BYTES) longRun();
    return data;
  };
  const stdout = lazyStream(() => process.stdout);
  const stderr = lazyStream(() => process.stderr);
  return {
    longRun,
    outputFlushed: () => stdout.flushed() && stderr.flushed(),
    cwd: process.cwd(),
    env: process.env,
    stdout,
    stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return counted(Buffer.concat(chunks));
    },
    fs: {
      ...nodeFileSystem,
      readFile: async (path) => counted(await nodeFileSystem.readFile(path)),
    },
  };
}

/**
 * One of the process's output streams, created on first use. `flowc lint --help | head`: when the
 * reader goes away, stop quietly as Unix tools do, instead of dying on an unhandled EPIPE.
 */
function lazyStream(get: () => NodeJS.WriteStream): OutputStream & { flushed(): boolean } {
  let stream: NodeJS.WriteStream | undefined;
  const open = (): NodeJS.WriteStream => {
    if (stream) return stream;
    stream = get();
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
    return stream;
  };
  return {
    // On Linux writes to files, pipes and terminals are synchronous; elsewhere a pipe may buffer.
    flushed: () => stream === undefined || stream.writableLength === 0,
    write: (chunk) => void open().write(chunk),
    get isTTY() {
      return open().isTTY === true;
    },
  };
}
