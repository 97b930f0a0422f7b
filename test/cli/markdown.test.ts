/**
 * ```flow blocks in Markdown through the CLI: `render FILE.md` (images beside it, links in it,
 * a second run changes no byte), `lint` at .md positions, `render --check`, folders in batch mode
 * with the cache, `--details`, and the fences Markdown writers use (tildes, indentation, CRLF,
 * list items).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tempTree } from './helpers.js';

import { BROKEN, GOOD, md, OTHER } from '../support/markdown.js';

/** A README with three blocks, the second broken at .md line 15. */
const README = md(
  '# Checkout',
  '',
  '```flow id=checkout',
  ...GOOD,
  '```',
  '',
  'The broken one:',
  '',
  '```flow',
  ...BROKEN,
  '```',
  '',
  '- and one in a list:',
  '',
  '  ```flow',
  ...OTHER.map((l) => '  ' + l),
  '  ```',
);
const BROKEN_LINE = 15; // `w: rectangle label:"Work`

let tree: { dir: string; cleanup: () => void };
const __dirname_ = (): string => path.dirname(new URL(import.meta.url).pathname);
afterEach(() => tree?.cleanup());

/** Every file under `dir` (but the batch cache) with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== '.flowc-cache.json')
        result[path.relative(dir, full)] = crypto
          .createHash('sha1')
          .update(fs.readFileSync(full))
          .digest('hex');
    }
  };
  walk(dir);
  return result;
}

describe('flowc render README.md', () => {
  test('three blocks, one broken: two images, the broken block at its .md line, exit 1; a second run changes no byte', async () => {
    tree = tempTree({ 'README.md': README });
    expect(README.split('\n')[BROKEN_LINE - 1]).toBe('w: rectangle label:"Work');
    const first = await run(['render', 'README.md'], { cwd: tree.dir });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`README.md:${BROKEN_LINE}:20  error  unterminated string`);
    expect(first.stderr).toContain(`  ${BROKEN_LINE} | w: rectangle label:"Work`);
    expect(first.stderr).toContain('flowc: README.md: block 2 (line 13) was not rendered');
    expect(Object.keys(snapshot(tree.dir)).sort()).toEqual([
      'README-3.svg',
      'README-checkout.svg',
      'README.md',
    ]);
    const text = fs.readFileSync(path.join(tree.dir, 'README.md'), 'utf8');
    expect(text).toContain('```\n\n![checkout](README-checkout.svg)\n\nThe broken one:');
    expect(text).toContain('  ```\n\n  ![Diagram 3](README-3.svg)\n');
    expect(text.match(/!\[/g)).toHaveLength(2);

    const before = snapshot(tree.dir);
    const mtimes = fs.readdirSync(tree.dir).map((f) => fs.statSync(path.join(tree.dir, f)).mtimeMs);
    const second = await run(['render', 'README.md'], { cwd: tree.dir });
    expect(second.code).toBe(1);
    expect(snapshot(tree.dir)).toEqual(before);
    // Not even rewritten with the same bytes.
    expect(
      fs.readdirSync(tree.dir).map((f) => fs.statSync(path.join(tree.dir, f)).mtimeMs),
    ).toEqual(mtimes);
  });

  test('lint reports each block problem at its line and column in the .md', async () => {
    tree = tempTree({ 'README.md': README });
    const r = await run(['lint', 'README.md', '--format', 'compact'], { cwd: tree.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`README.md:${BROKEN_LINE}:20: error unterminated string`);
    expect(fs.readdirSync(tree.dir)).toEqual(['README.md']); // lint writes nothing
  });

  test('lint of an indented block counts the indentation in columns', async () => {
    tree = tempTree({ 'a.md': md('- item', '', '  ```flow', '  a: circle', '  a -> zz', '  ```') });
    const r = await run(['lint', 'a.md', '--format', 'unix'], { cwd: tree.dir });
    expect(r.stdout).toMatch(/^a\.md:5:8: .*'zz'/m);
  });

  test('--check: exit 1 while images or links are missing, 0 once rendered', async () => {
    tree = tempTree({ 'doc.md': md('```flow', ...GOOD, '```') });
    const stale = await run(['render', '--check', 'doc.md'], { cwd: tree.dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('missing  doc-1.svg  (from doc.md, block 1)');
    expect(stale.stdout).toContain('stale  doc.md  (its image links)');
    expect(fs.readdirSync(tree.dir)).toEqual(['doc.md']); // --check writes nothing
    expect((await run(['render', 'doc.md'], { cwd: tree.dir })).code).toBe(0);
    const fresh = await run(['render', '--check', 'doc.md'], { cwd: tree.dir });
    expect(fresh).toMatchObject({ code: 0, stdout: '✔ 2 outputs up to date\n' });
    // An edited block makes its image stale.
    const file = path.join(tree.dir, 'doc.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"Work"', '"Job"'));
    const edited = await run(['render', '--check', 'doc.md'], { cwd: tree.dir });
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('stale  doc-1.svg');
  });

  test('--details folds each block into <details> above its image; without it, it unfolds', async () => {
    tree = tempTree({ 'doc.md': md('```flow id=x', ...OTHER, '```') });
    const file = path.join(tree.dir, 'doc.md');
    expect((await run(['render', 'doc.md', '--details'], { cwd: tree.dir })).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      md(
        '<details><summary>Diagram source</summary>',
        '',
        '```flow id=x',
        ...OTHER,
        '```',
        '',
        '</details>',
        '',
        '![x](doc-x.svg)',
      ),
    );
    expect((await run(['render', 'doc.md'], { cwd: tree.dir })).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      md('```flow id=x', ...OTHER, '```', '', '![x](doc-x.svg)'),
    );
  });

  test('fences with tildes, indented fences, CRLF endings and blocks in lists', async () => {
    const crlf = [
      '~~~flow id=tilde',
      ...OTHER,
      '~~~',
      '',
      '   ```flow id=indented',
      ...OTHER.map((l) => '   ' + l),
      '   ```',
      '',
      '1. step',
      '',
      '   ```flow id=listed',
      ...OTHER.map((l) => '   ' + l),
      '   ```',
      '',
    ].join('\r\n');
    tree = tempTree({ 'doc.md': crlf });
    const r = await run(['render', 'doc.md', '-f', 'png'], { cwd: tree.dir });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(Object.keys(snapshot(tree.dir)).sort()).toEqual([
      'doc-indented.png',
      'doc-listed.png',
      'doc-tilde.png',
      'doc.md',
    ]);
    const text = fs.readFileSync(path.join(tree.dir, 'doc.md'), 'utf8');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('~~~\r\n\r\n![tilde](doc-tilde.png)\r\n');
    expect(text).toContain('   ```\r\n\r\n   ![indented](doc-indented.png)\r\n');
    expect(text).toContain('   ```\r\n\r\n   ![listed](doc-listed.png)\r\n');
    const before = snapshot(tree.dir);
    expect((await run(['render', 'doc.md', '-f', 'png'], { cwd: tree.dir })).code).toBe(0);
    expect(snapshot(tree.dir)).toEqual(before);
  });

  test('a Markdown file without flow blocks renders nothing and says so', async () => {
    tree = tempTree({ 'plain.md': '# Nothing here\n' });
    const r = await run(['render', 'plain.md'], { cwd: tree.dir });
    expect(r).toMatchObject({
      code: 0,
      stderr: 'flowc: plain.md has no ```flow blocks: nothing to render\n',
    });
  });

  test("a block's warning names the block, on its own and in a batch; -q keeps it quiet", async () => {
    // CQRS's handles run left to right: asked TB, its swimlanes are drawn LR, with a warning.
    const cqrs = fs
      .readFileSync(path.join(__dirname_(), '../../samples/cqrs.flow'), 'utf8')
      .trimEnd()
      .split('\n');
    tree = tempTree({
      'doc.md': md('# Two', '', '```flow', ...GOOD, '```', '', '```flow id=cqrs', ...cqrs, '```'),
      'more/other.md': md('```flow id=cqrs', ...cqrs, '```'),
    });
    const fenceLine = GOOD.length + 6;
    const one = await run(['render', 'doc.md', '--direction', 'TB'], { cwd: tree.dir });
    expect(one.code).toBe(0);
    expect(one.stderr).toBe(
      `flowc: warning: doc.md: block 'cqrs' (line ${fenceLine}): drawn LR instead of TB: ` +
        'the handles inside its groups ask for LR, and swimlanes drawn TB would stretch a lane ' +
        'across the whole drawing; --layout layered draws it TB\n',
    );
    const quiet = await run(['render', 'doc.md', '--direction', 'TB', '-q'], { cwd: tree.dir });
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    const batch = await run(['render', 'more', '--direction', 'TB'], { cwd: tree.dir });
    expect(batch.code).toBe(0);
    expect(batch.stderr).toMatch(
      /^more\/other\.md: warning: block 'cqrs' \(line 1\): drawn LR instead of TB: /m,
    );
  });

  test('-o FILE and standard input are refused for Markdown, with the reason', async () => {
    tree = tempTree({ 'doc.md': md('```flow', ...GOOD, '```') });
    const named = await run(['render', 'doc.md', '-o', 'x.svg'], { cwd: tree.dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('each flow block becomes its own image');
    const piped = await run(['render', '-', '--stdin-filename', 'doc.md'], {
      cwd: tree.dir,
      stdin: 'x',
    });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('rendered in place');
  });

  test('a symbolic link to the Markdown file stays a link; the file it names gets the links', async () => {
    tree = tempTree({ 'real/doc.md': md('```flow', ...GOOD, '```') });
    fs.symlinkSync(path.join(tree.dir, 'real/doc.md'), path.join(tree.dir, 'doc.md'));
    expect((await run(['render', 'doc.md'], { cwd: tree.dir })).code).toBe(0);
    expect(fs.lstatSync(path.join(tree.dir, 'doc.md')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(tree.dir, 'real/doc.md'), 'utf8')).toContain(
      '![Diagram 1](doc-1.svg)',
    );
  });
});

describe('Markdown in folders (batch mode) and the cache', () => {
  test('a folder renders its .flow files and its Markdown files with blocks; the second run is a no-op', async () => {
    tree = tempTree({
      'docs/a.flow': GOOD.join('\n') + '\n',
      'docs/guide/README.md': README,
      'docs/notes.md': '# no diagrams here\n',
    });
    const first = await run(['render', 'docs'], { cwd: tree.dir });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^docs\/guide\/README\.md:15:20 {2}unterminated string/m);
    expect(first.stderr).toMatch(/^rendered 1, skipped 0, failed 1 in /m);
    expect(Object.keys(snapshot(path.join(tree.dir, 'docs'))).sort()).toEqual([
      'a.flow',
      'a.svg',
      'guide/README-3.svg',
      'guide/README-checkout.svg',
      'guide/README.md',
      'notes.md',
    ]);
    const before = snapshot(tree.dir);
    const second = await run(['render', 'docs'], { cwd: tree.dir });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^rendered 0, skipped 1, failed 1 in /m);
    expect(snapshot(tree.dir)).toEqual(before);

    // Fixed: the block is drawn, its link put in, and the cache notices the change.
    const readme = path.join(tree.dir, 'docs/guide/README.md');
    fs.writeFileSync(
      readme,
      fs.readFileSync(readme, 'utf8').replace('"Work\n', '"Work"\ns -> w\nw -> e\n'),
    );
    const fixed = await run(['render', 'docs'], { cwd: tree.dir });
    expect(fixed.code).toBe(0);
    expect(fs.readFileSync(readme, 'utf8')).toContain('![Diagram 2](README-2.svg)');
    expect(fs.existsSync(path.join(tree.dir, 'docs/guide/README-2.svg'))).toBe(true);
    const after = snapshot(tree.dir);
    expect((await run(['render', 'docs'], { cwd: tree.dir })).stderr).toMatch(
      /^rendered 0, skipped 2, failed 0 in /m,
    );
    expect(snapshot(tree.dir)).toEqual(after);
  });

  test('-o DIR mirrors the images there; the links point to them', async () => {
    tree = tempTree({ 'docs/guide/doc.md': md('```flow', ...GOOD, '```') });
    const r = await run(['render', 'docs', '-o', 'out', '-f', 'svg,png'], { cwd: tree.dir });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(tree.dir, 'out/guide/doc-1.svg'))).toBe(true);
    expect(fs.existsSync(path.join(tree.dir, 'out/guide/doc-1.png'))).toBe(true);
    expect(fs.readFileSync(path.join(tree.dir, 'docs/guide/doc.md'), 'utf8')).toContain(
      '![Diagram 1](../../out/guide/doc-1.svg)',
    );
    expect(
      (await run(['render', '--check', 'docs', '-o', 'out', '-f', 'svg,png'], { cwd: tree.dir }))
        .code,
    ).toBe(0);
  });

  test('a deleted image is rendered again', async () => {
    tree = tempTree({ 'docs/doc.md': md('```flow', ...GOOD, '```') });
    expect((await run(['render', 'docs'], { cwd: tree.dir })).code).toBe(0);
    fs.rmSync(path.join(tree.dir, 'docs/doc-1.svg'));
    const again = await run(['render', 'docs'], { cwd: tree.dir });
    expect(again.stderr).toMatch(/^rendered 1, skipped 0, failed 0 in /m);
    expect(fs.existsSync(path.join(tree.dir, 'docs/doc-1.svg'))).toBe(true);
  });

  test('fmt of a folder leaves Markdown files alone', async () => {
    tree = tempTree({ 'docs/guide.md': README, 'docs/a.flow': GOOD.join('\n') + '\n' });
    const r = await run(['fmt', 'docs'], { cwd: tree.dir });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(tree.dir, 'docs/guide.md'), 'utf8')).toBe(README);
  });

  test('lint of a folder checks the Markdown blocks too, and leaves Markdown without blocks out', async () => {
    tree = tempTree({
      'docs/guide.md': README,
      'docs/notes.md': '# none\n',
      'docs/a.flow': GOOD.join('\n'),
    });
    const r = await run(['lint', 'docs', '--format', 'json'], { cwd: tree.dir });
    expect(r.code).toBe(1);
    const files = (JSON.parse(r.stdout) as Array<{ filePath: string; messages: unknown[] }>).map(
      (f) => [f.filePath, f.messages.length],
    );
    expect(files).toEqual([
      [path.join('docs', 'a.flow'), 0],
      [path.join('docs', 'guide.md'), 1],
    ]);
  });
});
