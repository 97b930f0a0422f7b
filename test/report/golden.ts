/**
 * Golden files for reporter output. A mismatch fails and writes the actual output beside the
 * expected one as `NAME.got.EXT` (git-ignored); FLOWC_UPDATE_GOLDEN=1 rewrites the expected files.
 * A missing expected file fails too: golden files are only ever created on purpose.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const UPDATE = process.env['FLOWC_UPDATE_GOLDEN'] === '1';

export function expectGolden(file: string, actual: string): void {
  if (UPDATE) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  const got = file.replace(/(\.[^./]+)$/, '.got$1');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    fs.writeFileSync(got, actual);
    throw new Error(
      `missing golden file ${file}; review ${got} and run with FLOWC_UPDATE_GOLDEN=1 to accept it`,
    );
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected !== actual) fs.writeFileSync(got, actual);
  else if (fs.existsSync(got)) fs.rmSync(got);
  expect(actual).toBe(expected);
}
