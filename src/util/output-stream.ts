/** Where text goes: the process's stdout or stderr, or a test's buffer. */
export interface OutputStream {
  write(chunk: string | Uint8Array): void;
  /** True when the stream is a terminal (colour, and no binary output to it). */
  isTTY: boolean;
}
