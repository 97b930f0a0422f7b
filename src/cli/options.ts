/**
 * Option-value parsers for commander. Each throws commander's InvalidArgumentError with a message
 * that says what was expected (and "did you mean" when a close value exists); execute() turns
 * that into exit 2.
 */
import { InvalidArgumentError } from 'commander';
import { didYouMean } from '../util/suggest.js';

export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    const exact = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    const suggestion = exact ?? didYouMean(value, allowed);
    throw new InvalidArgumentError(
      `expected one of ${allowed.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}.`,
    );
  };
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive number.');
  return n;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n <= 0)
    throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

export function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return Number(value);
}

/** For repeatable options: `--rule a=off --rule b=warn` collects ['a=off', 'b=warn']. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A TCP port: 0 (any free one) to 65535. */
export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535)
    throw new InvalidArgumentError('expected a port number, 0 to 65535 (0: any free port).');
  return n;
}
