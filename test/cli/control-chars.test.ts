/**
 * File names and arguments with control characters, through the command line (issue 14, item 3):
 * lint reports, render messages and batch failure lines show them as escapes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tempTree } from './helpers.js';

const RAW_CONTROL =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const NAME = 'evil\u001b[2J\n::error file=a::b\r.flow';
const BROKEN = 'a: circle\na -> nowhere\n';

let tree: { dir: string; cleanup: () => void };
beforeEach(() => {
  tree = tempTree({ '.git/HEAD': 'x\n' });
  fs.mkdirSync(path.join(tree.dir, 'docs'));
  fs.writeFileSync(path.join(tree.dir, 'docs', NAME), BROKEN);
});
afterEach(() => tree.cleanup());

const noRawControls = (text: string) => {
  expect(text).not.toMatch(RAW_CONTROL);
  for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
};

test.each(['stylish', 'compact', 'unix'])('lint --format %s of a folder', async (format) => {
  const r = await run(['lint', 'docs', '--format', format], { cwd: tree.dir });
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('evil\\x1b[2J\\n::error file=a::b\\r.flow');
  noRawControls(r.stdout);
  noRawControls(r.stderr);
});

test('render of the file: the messages on stderr', async () => {
  const r = await run(['render', path.join('docs', NAME), '-o', 'out.svg'], { cwd: tree.dir });
  expect(r.code).toBe(1);
  noRawControls(r.stderr);
  expect(r.stderr).toContain('was not rendered');
});

test('batch render: the failure line', async () => {
  const r = await run(['render', 'docs', '-o', 'out', '--jobs', '1'], { cwd: tree.dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('evil\\x1b[2J');
  noRawControls(r.stderr);
});

test('a missing path and a bad --rule, typed with controls', async () => {
  const missing = await run(['lint', 'no\u001b]0;title\u0007pe.flow'], { cwd: tree.dir });
  expect(missing.code).toBe(2);
  noRawControls(missing.stderr);
  const rule = await run(['lint', 'docs', '--rule', 'x\n::error::y=off'], { cwd: tree.dir });
  expect(rule.code).toBe(2);
  noRawControls(rule.stderr);
});
