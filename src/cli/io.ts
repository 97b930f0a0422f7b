/**
 * Everything the CLI touches outside itself, passed in: tests drive `execute` in-process with a
 * fake `Io`, and only `main.ts` binds it to the real process.
 */
import {
  describeFsError,
  InputTooLargeError,
  nodeFileSystem,
  type FileSystem,
} from '../files/fs.js';
import type { OutputStream } from '../util/output-stream.js';

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
  /** Reads all of standard input; more than `maxBytes` is an `InputTooLargeError`. */
  readStdin(maxBytes?: number): Promise<Buffer>;
  fs: FileSystem;
}

/** Input beyond this many bytes makes a run long (a CQRS-sized file is ~2 KB, 200 nodes ~13 KB). */
export const LONG_RUN_BYTES = 32 * 1024;

export interface ProcessIoOptions {
  /** See `Io.longRun`. */
  onLongRun?: () => void;
}

export interface ProcessIo extends Io {
  /** True when nothing written to stdout or stderr is still waiting to be flushed. */
  outputFlushed(): boolean;
  /**
   * Waits until what was written has reached stdout and stderr or failed to: a write to a file
   * on a full disk or to a pipe whose reader has gone fails after `write` has returned.
   */
  settle(): Promise<void>;
  /** The first output that could not be written ('standard output (no space left…)'), or null. */
  lostOutput(): string | null;
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
  let lost: string | null = null;
  const onLost = (name: string, error: NodeJS.ErrnoException): void => {
    lost ??= `${name} (${describeFsError(error, 'write failed')})`;
  };
  const stdout = lazyStream(() => process.stdout, 'standard output', onLost);
  const stderr = lazyStream(() => process.stderr, 'standard error', onLost);
  return {
    longRun,
    outputFlushed: () => stdout.flushed() && stderr.flushed(),
    settle: async () => {
      await stdout.settle();
      await stderr.settle();
    },
    lostOutput: () => lost,
    cwd: process.cwd(),
    env: process.env,
    stdout,
    stderr,
    readStdin: async (maxBytes) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        if (maxBytes !== undefined && total > maxBytes) {
          process.stdin.destroy();
          throw new InputTooLargeError(maxBytes);
        }
      }
      return counted(Buffer.concat(chunks));
    },
    fs: {
      ...nodeFileSystem,
      readFile: async (path, maxBytes) => counted(await nodeFileSystem.readFile(path, maxBytes)),
    },
  };
}

/**
 * One of the process's output streams, created on first use. A write that fails (a full disk, a
 * reader that went away: `flowc lint | head`) is reported once through `onLost`, and nothing more
 * is written to that stream; the run then ends with exit code 2 (src/cli/main.ts), since a
 * truncated report or diagram must not pass for a complete one.
 */
function lazyStream(
  get: () => NodeJS.WriteStream,
  name: string,
  onLost: (name: string, error: NodeJS.ErrnoException) => void,
): OutputStream & { flushed(): boolean; settle(): Promise<void> } {
  let stream: NodeJS.WriteStream | undefined;
  let failed = false;
  const open = (): NodeJS.WriteStream => {
    if (stream) return stream;
    stream = get();
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (failed) return;
      failed = true;
      onLost(name, error);
    });
    return stream;
  };
  return {
    // On Linux writes to files, pipes and terminals are synchronous; elsewhere a pipe may buffer.
    flushed: () => stream === undefined || failed || stream.writableLength === 0,
    settle: async () => {
      if (stream === undefined || failed) return;
      const opened = stream;
      // A synchronous write's failure is emitted on the next tick: let it arrive.
      await new Promise((resolve) => setImmediate(resolve));
      if (failed || opened.writableLength === 0) return;
      await new Promise((resolve) => {
        opened.once('drain', resolve);
        opened.once('error', resolve);
        opened.once('close', resolve);
      });
    },
    write: (chunk) => {
      if (!failed) open().write(chunk);
    },
    get isTTY() {
      return open().isTTY === true;
    },
  };
}
