/**
 * Numbers written into outputs: rounded to 2 decimals, without trailing zeros and never `-0`, so the
 * same drawing gives the same bytes on every machine.
 */

/** Rounds to 2 decimals (for JSON output, where numbers stay numbers). */
export function roundNumber(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** A coordinate rounded to 2 decimals, without trailing zeros and never `-0`. */
export function formatNumber(value: number): string {
  return String(roundNumber(value));
}
