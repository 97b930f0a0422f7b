/**
 * The seed document flowc was created from (../shared/seeds/000_22ef9003f52c1977.txt), copied into
 * test/fixtures/seed/ so the tests run in a clone without the shared folder beside it;
 * test/fixtures/seed.test.ts checks the copy against the original when the original is there.
 */
import { readFileSync } from 'node:fs';

export const SEED_COPY = new URL('../fixtures/seed/000_22ef9003f52c1977.txt', import.meta.url);
export const SEED_ORIGINAL = new URL(
  '../../../shared/seeds/000_22ef9003f52c1977.txt',
  import.meta.url,
);

/** The seed's CQRS diagram: from its `Client { # Client Application` line to the line before the next `patterns`, with a final newline. */
export function seedCqrsText(): string {
  const lines = readFileSync(SEED_COPY, 'utf8').split('\n');
  const first = lines.indexOf('Client { # Client Application');
  const stop = lines.indexOf('patterns', first);
  if (first < 0 || stop < 0)
    throw new Error('the seed no longer holds the CQRS diagram between its markers');
  return lines.slice(first, stop).join('\n') + '\n';
}
