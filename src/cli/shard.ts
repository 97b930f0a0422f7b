/** `--shard K/N` as typed: parsed and checked (the slicing itself is in src/batch/shard.ts). */
import type { Shard } from '../batch/shard.js';
import { UsageError } from './errors.js';

/** Parses `K/N` (1 ≤ K ≤ N); anything else is a usage error (exit 2). */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match)
    throw new UsageError(`--shard '${text}': expected K/N, e.g. --shard 2/4 (the 2nd of 4 slices)`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new UsageError(`--shard '${text}': the number of slices must be at least 1`);
  if (index < 1 || index > count)
    throw new UsageError(`--shard '${text}': K must be between 1 and ${count}`);
  if (!Number.isSafeInteger(count))
    throw new UsageError(`--shard '${text}': the number of slices is too large`);
  return { index, count };
}
