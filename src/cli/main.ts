/**
 * The process entry point (bundled to dist/cli.cjs, run by bin/flowc.js): binds `execute` to the
 * real process and sets the exit code without calling process.exit, so pending output drains.
 */
import { execute } from './execute.js';
import { processIo } from './io.js';

export async function main(): Promise<void> {
  // `flowc lint --help | head`: the reader went away. Stop quietly, as Unix tools do, instead of
  // dying on an unhandled EPIPE with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  process.exitCode = await execute(process.argv.slice(2), processIo());
}
