/**
 * Everything the CLI touches outside itself, passed in: tests drive `execute` in-process with a
 * fake `Io`, and only `main.ts` binds it to the real process.
 */
import * as fsp from 'node:fs/promises';
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

export const nodeFileSystem: FileSystem = {
  readFile: (path) => fsp.readFile(path),
  writeFile: (path, data) => fsp.writeFile(path, data),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  mkdir: (path, options) => fsp.mkdir(path, options),
  stat: (path) => fsp.stat(path),
  readdir: (path, options) => fsp.readdir(path, options),
  realpath: (path) => fsp.realpath(path),
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
