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
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  stat(path: string): Promise<Stats>;
  readdir(path: string, options: { withFileTypes: true }): Promise<Dirent[]>;
  realpath(path: string): Promise<string>;
}

export interface Io {
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
  unlink: async (path) => fs.unlinkSync(path),
  mkdir: async (path, options) => fs.mkdirSync(path, options),
  stat: async (path) => fs.statSync(path),
  readdir: async (path, options) => fs.readdirSync(path, options),
  realpath: async (path) => fs.realpathSync.native(path),
};

/** The real process's Io. */
export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: {
      write: (chunk) => void process.stdout.write(chunk),
      isTTY: process.stdout.isTTY === true,
    },
    stderr: {
      write: (chunk) => void process.stderr.write(chunk),
      isTTY: process.stderr.isTTY === true,
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    fs: nodeFileSystem,
  };
}
