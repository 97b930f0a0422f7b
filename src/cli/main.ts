/**
 * The process entry point (bundled to dist/cli.cjs, run by bin/flowc.js): binds `execute` to the
 * real process and sets the exit code without calling process.exit, so pending output drains.
 */
import { execute } from './execute.js';
import { processIo, type ProcessIoOptions } from './io.js';

export type MainOptions = ProcessIoOptions;

export async function main(options: MainOptions = {}): Promise<void> {
  process.exitCode = await execute(process.argv.slice(2), processIo(options));
}
