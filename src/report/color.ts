/**
 * Terminal colour. Whether to colour is flowc's policy (`colorEnabled`): on for a terminal unless
 * NO_COLOR is set (https://no-color.org) or TERM is `dumb`; FORCE_COLOR (any value but "0" or
 * "false") forces it on and FORCE_COLOR=0 forces it off. It is decided per stream (a report to a
 * file or a pipe is never coloured) from the run's own environment, so tests pass theirs.
 *
 * The styling is chalk's (the brief names it), loaded only when colour is on: its load (with
 * node:tty and node:os) is a few milliseconds that a run writing to a pipe or a file never pays
 * (docs/performance.md).
 */

export interface Colors {
  enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

export function colorEnabled(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return isTTY;
}

const same = (text: string): string => text;

/** No colour: every style returns its text unchanged. */
export const PLAIN_COLORS: Colors = {
  enabled: false,
  red: same,
  yellow: same,
  green: same,
  cyan: same,
  dim: same,
  bold: same,
  underline: same,
};

/**
 * The styles for a report: chalk's basic 16 colours when `enabled` (flowc uses no other), else
 * PLAIN_COLORS.
 */
export async function loadColors(enabled: boolean): Promise<Colors> {
  if (!enabled) return PLAIN_COLORS;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    enabled: true,
    red: (text) => chalk.red(text),
    yellow: (text) => chalk.yellow(text),
    green: (text) => chalk.green(text),
    cyan: (text) => chalk.cyan(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
    underline: (text) => chalk.underline(text),
  };
}
