/**
 * Hashes that do not need node:crypto, whose load (~5 ms) a batch with nothing to render would
 * otherwise pay for one small digest; and SHA-1 from node:crypto, loaded on first use, for the real work.
 */
import { nodeCrypto } from './lazy.js';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/**
 * FNV-1a, 64 bits, of the UTF-8 bytes of `text`, as 16 hex digits. Not cryptographic: for short
 * keys that only need to tell different option sets apart (a collision needs ~2^32 of them).
 */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/** A SHA-1 hash object; node:crypto is loaded on the first call. */
export function sha1(): import('node:crypto').Hash {
  return nodeCrypto().createHash('sha1');
}
