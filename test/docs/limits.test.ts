/** docs/limits.md lists every limit of src/limits.ts, with the value the code enforces. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatLimit, LIMITS } from '../../src/limits.js';
import { REPO } from '../cli/helpers.js';

const page = fs.readFileSync(path.join(REPO, 'docs/limits.md'), 'utf8');
const rows = page.split('\n').filter((line) => line.startsWith('| '));

test.each(Object.entries(LIMITS))('docs/limits.md: %s with its value', (name, limit) => {
  const row = rows.find((line) => line.includes(`\`${name}\``));
  expect(row).toBeDefined();
  expect(row!.split('|').map((cell) => cell.trim())).toContain(
    formatLimit(limit.value, limit.unit),
  );
});

test('every constant the table names exists in src/limits.ts', () => {
  const named = [...page.matchAll(/`(MAX_[A-Z_]+)`/g)].map((m) => m[1]!);
  for (const name of named) expect(Object.keys(LIMITS)).toContain(name);
});
