/**
 * Array helpers that stay safe on arrays of any length. `Math.max(...xs)` and `a.push(...xs)` pass
 * every element as an argument on the stack: past about 100,000 elements V8 throws "Maximum call
 * stack size exceeded", which a 200,000-node diagram reaches (issue #14).
 */

/** The largest value, or `empty` for none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = -Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v > max || Number.isNaN(v)) max = v;
    if (Number.isNaN(max)) return NaN;
  }
  return any ? max : empty;
}

/** The smallest value, or `empty` for none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min = Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v < min || Number.isNaN(v)) min = v;
    if (Number.isNaN(min)) return NaN;
  }
  return any ? min : empty;
}

/** Appends every item to `target` (in order) and returns it. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
