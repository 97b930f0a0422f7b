/**
 * `--shard K/N`: render only the K-th of N slices of the file list, so a CI matrix can split a
 * large repository across runners.
 *
 * A file's slice is a stable hash of its path relative to the base folder (with `/` separators),
 * not its position in the sorted list: adding or removing a file never moves any other file to a
 * different slice, so each runner's incremental cache stays warm. Every file is in exactly one
 * slice for a given N; slices are balanced on average (not exactly for a handful of files).
 */
import { sha1 } from '../util/hash.js';

export interface Shard {
  /** 1-based slice number. */
  index: number;
  count: number;
}

/** The 1-based slice a file belongs to, out of `count`. */
export function sliceOf(relativePath: string, count: number): number {
  const key = relativePath.split('\\').join('/');
  const digest = sha1().update(key, 'utf8').digest();
  // 48 bits of the digest: uniform enough that `% count` shows no bias for any realistic count.
  return (digest.readUIntBE(0, 6) % count) + 1;
}

export function inShard(relativePath: string, shard: Shard | null): boolean {
  return shard === null || shard.count === 1 || sliceOf(relativePath, shard.count) === shard.index;
}
