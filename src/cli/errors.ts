/**
 * Errors the CLI turns into an exit code and a one-line message (never a stack trace).
 * `UsageError`: the command was misused or could not run (exit 2).
 */
export const EXIT_OK = 0;
export const EXIT_INPUT_ERRORS = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
