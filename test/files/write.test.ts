import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomicSync } from '../../src/files/write.js';

describe('writeFileAtomicSync', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('creates the folder, replaces the file whole, and leaves no temporary file', () => {
    const target = path.join(dir, 'sub', 'fonts.conf');
    writeFileAtomicSync(target, 'first');
    writeFileAtomicSync(target, 'second');
    expect(fs.readFileSync(target, 'utf8')).toBe('second');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['fonts.conf']);
  });

  test('a failed rename removes the temporary file and throws', () => {
    const target = path.join(dir, 'taken');
    fs.mkdirSync(path.join(target, 'inside'), { recursive: true }); // a non-empty folder cannot be renamed over
    expect(() => writeFileAtomicSync(target, 'x')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });
});
