import { createHash } from 'node:crypto';
import { fnv1a64, sha1 } from '../../src/util/hash.js';

describe('fnv1a64', () => {
  test.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('the published FNV-1a 64-bit value of %j', (text, expected) => {
    expect(fnv1a64(text)).toBe(expected);
  });

  test('hashes UTF-8 bytes, always 16 hex digits, and tells close keys apart', () => {
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
    expect(fnv1a64('{"rules":{"a":"off"}}')).not.toBe(fnv1a64('{"rules":{"a":"warn"}}'));
    for (const text of ['x', 'é', '{"flowc":"0.1.0"}'])
      expect(fnv1a64(text)).toMatch(/^[0-9a-f]{16}$/);
  });
});

test('sha1 is node:crypto SHA-1', () => {
  expect(sha1().update('abc').digest('hex')).toBe(createHash('sha1').update('abc').digest('hex'));
});
