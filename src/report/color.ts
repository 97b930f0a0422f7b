/**
 * Terminal colour without a dependency: a handful of ANSI styles. Colour is on for a TTY unless
 * NO_COLOR is set (https://no-color.org); FORCE_COLOR (any value but "0"/"false") forces it on,
 * and FORCE_COLOR=0 forces it off.
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

function style(open: number, close: number, enabled: boolean): (text: string) => string {
  return enabled
    ? (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`)
    : (text) => text;
}

export function createColors(enabled: boolean): Colors {
  return {
    enabled,
    red: style(31, 39, enabled),
    yellow: style(33, 39, enabled),
    green: style(32, 39, enabled),
    cyan: style(36, 39, enabled),
    dim: style(2, 22, enabled),
    bold: style(1, 22, enabled),
    underline: style(4, 24, enabled),
  };
}
