/**
 * The process entry point (bundled to dist/cli.cjs, run by bin/flowc.js): binds `execute` to the
 * real process and sets the exit code; bin/flowc.js ends the process (see `MainResult`).
 */
import { execute } from './execute.js';
import { processIo, type ProcessIoOptions } from './io.js';
import { EXIT_USAGE } from './errors.js';

export type MainOptions = ProcessIoOptions;

export interface MainResult {
  /**
   * True when the run's output has all been written, so the process may exit at once. Waiting
   * for the event loop to empty instead lets V8 run the garbage collections it scheduled for
   * later before Node exits (~13 ms after a batch with nothing to render).
   */
  outputFlushed(): boolean;
}

export async function main(options: MainOptions = {}): Promise<MainResult> {
  const io = processIo(options);
  const code = await execute(process.argv.slice(2), io);
  await io.settle();
  const lost = io.lostOutput();
  if (lost !== null) {
    // The output is incomplete: say so (if standard error still works) and fail the run.
    io.stderr.write(`flowc: cannot write to ${lost}: the output is incomplete\n`);
    await io.settle();
    process.exitCode = Math.max(code, EXIT_USAGE);
  } else process.exitCode = code;
  return { outputFlushed: io.outputFlushed };
}
