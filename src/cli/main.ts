/**
 * The process entry point (bundled to dist/cli.js, run by bin/flowc.js): binds `execute` to the
 * real process and sets the exit code without calling process.exit, so pending output drains.
 */
import { execute } from './execute.js';
import { processIo } from './io.js';

export async function main(): Promise<void> {
  process.exitCode = await execute(process.argv.slice(2), processIo());
}
