/**
 * The package as a user gets it (issue 14, item 14): `require('flowc')` from CommonJS, `compile`
 * typed per format, a LICENSE, no source maps in the tarball, and no link to files a clone or the
 * npm page does not have (the team's ../shared folder).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compile } from '../../src/index.js';
import { packageLinks, repositoryFileUrl, repositoryWebUrl } from '../../src/util/package.js';
import { REPO } from '../cli/helpers.js';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  license: string;
  files: string[];
  repository?: unknown;
  homepage?: unknown;
};

/** The files `npm pack` puts in the tarball. */
function packedFiles(): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  const [packed] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
  return packed!.files.map((f) => f.path);
}

describe('require() from CommonJS', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-cjs-'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(REPO, path.join(dir, 'node_modules', 'flowc'), 'dir');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (script: string) => {
    fs.writeFileSync(path.join(dir, 'main.cjs'), script);
    return spawnSync(process.execPath, ['main.cjs'], { cwd: dir, encoding: 'utf8' });
  };

  test("require('flowc') gives the library", () => {
    const r = run(
      `const { compile } = require('flowc');
       compile('a: circle label:"A"\\nb: circle label:"B"\\na -> b\\n', { format: 'svg' })
         .then((result) => process.stdout.write(String(result.output.includes('</svg>'))));`,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('true');
    expect(r.status).toBe(0);
  });

  test("require('flowc/lsp') gives the language server", () => {
    const r = run(`process.stdout.write(typeof require('flowc/lsp').startServer);`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('function');
  });
});

describe('compile is typed per format', () => {
  const source = 'a: circle label:"A"\nb: circle label:"B"\na -> b\n';

  test('text formats give a string, PNG a Buffer', async () => {
    // Compile-time checks (tsc in npm test): each line fails to compile if output were string | Buffer.
    const svg: string | null = (await compile(source, { format: 'svg' })).output;
    const dot: string | null = (await compile(source, { format: 'dot' })).output;
    const png: Buffer | null = (await compile(source, { format: 'png' })).output;
    // @ts-expect-error a PNG is not text
    const notText: string | null = (await compile(source, { format: 'png', scale: 0.1 })).output;
    expect(typeof svg).toBe('string');
    expect(typeof dot).toBe('string');
    expect(Buffer.isBuffer(png)).toBe(true);
    expect(Buffer.isBuffer(notText)).toBe(true);
  });
});

describe('what the package holds', () => {
  test('a LICENSE file that matches package.json', () => {
    expect(pkg.license).toBe('MIT');
    expect(fs.readFileSync(path.join(REPO, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  let files: string[] = [];
  beforeAll(() => {
    files = packedFiles();
  });

  test('no source maps in the tarball (they were 2.8 of its 6.3 MB)', () => {
    expect(files).toContain('dist/cli.cjs');
    expect(files).toContain('LICENSE');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  test('README and docs link to nothing outside the repository (../shared is not in a clone)', () => {
    const documents = [
      'README.md',
      ...fs.readdirSync(path.join(REPO, 'docs')).map((f) => path.join('docs', f)),
    ].filter((f) => f.endsWith('.md'));
    for (const file of documents)
      expect([
        file,
        fs.readFileSync(path.join(REPO, file), 'utf8').match(/\.\.\/shared\b/g),
      ]).toEqual([file, null]);
  });

  test('every file README links to is in the tarball (the npm page and node_modules/flowc have no clone)', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    // Links outside fenced blocks (a block may show a Markdown example with its own image).
    const prose = readme.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
    const targets = [...prose.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
    expect(targets.length).toBeGreaterThan(10);
    for (const target of new Set(targets))
      expect([target, files.includes(target)]).toEqual([target, true]);
  });

  test('the documents error messages name are in the tarball (docs/limits.md, docs/rules.md)', () => {
    const named = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else
          for (const line of fs.readFileSync(file, 'utf8').split('\n'))
            // Code, not comments (a comment may show a user's file, `docs/flow.md, line 12`).
            if (!/^\s*(?:\/\/|\/?\*)/.test(line))
              for (const m of line.matchAll(/\bdocs\/[\w-]+\.md\b/g)) named.add(m[0]);
      }
    };
    walk(path.join(REPO, 'src'));
    expect(named.has('docs/limits.md')).toBe(true);
    // Names of flowc's own documents (a message may also show an example of a user's, docs/setup.md).
    const own = [...named].filter((doc) => fs.existsSync(path.join(REPO, doc)));
    expect(own).toEqual(expect.arrayContaining(['docs/limits.md', 'docs/rules.md']));
    for (const doc of own) expect([doc, files.includes(doc)]).toEqual([doc, true]);
  });
});

describe('addresses: only those package.json gives, never a guessed one', () => {
  test('no placeholder address of flowc in the sources, README or docs', () => {
    const texts = [
      'README.md',
      ...fs.readdirSync(path.join(REPO, 'docs')).map((f) => path.join('docs', f)),
    ].filter((f) => f.endsWith('.md'));
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else texts.push(path.relative(REPO, file));
      }
    };
    walk(path.join(REPO, 'src'));
    for (const file of texts)
      expect([
        file,
        fs
          .readFileSync(path.join(REPO, file), 'utf8')
          .match(/[\w.-]+\.\w+\/(?:package\/)?flowc\/flowc|npmjs\.com\/package\/flowc/g),
      ]).toEqual([file, null]);
  });

  test('package.json and the addresses flowc prints agree', () => {
    const links = packageLinks();
    expect(links.repository).toBe(repositoryWebUrl(pkg.repository));
    if (pkg.repository === undefined) {
      expect(links.repository).toBeNull();
      expect(repositoryFileUrl('docs/rules.md#dead-end')).toBeNull();
    }
    if (pkg.homepage === undefined) expect(links.homepage).toBe(links.repository);
  });

  test.each([
    ['git+https://github.com/acme/flowc.git', 'https://github.com/acme/flowc'],
    [{ type: 'git', url: 'https://github.com/acme/flowc.git' }, 'https://github.com/acme/flowc'],
    ['git@github.com:acme/flowc.git', 'https://github.com/acme/flowc'],
    ['ssh://git@gitlab.com/acme/tools/flowc.git', 'https://gitlab.com/acme/tools/flowc'],
    ['github:acme/flowc', 'https://github.com/acme/flowc'],
    ['gitlab:acme/flowc', 'https://gitlab.com/acme/flowc'],
    ['acme/flowc', 'https://github.com/acme/flowc'],
    ['https://user:secret@example.com/flowc.git', null],
    ['file:///srv/flowc', null],
    ['not a url', null],
    [42, null],
    [undefined, null],
  ])('repository %j is shown as %s', (repository, web) => {
    expect(repositoryWebUrl(repository)).toBe(web);
  });

  test('a rule documented in the repository: its page on the default branch', () => {
    const github = { homepage: null, repository: 'https://github.com/acme/flowc' };
    expect(repositoryFileUrl('docs/rules.md#dead-end', github)).toBe(
      'https://github.com/acme/flowc/blob/HEAD/docs/rules.md#dead-end',
    );
    const gitlab = { homepage: null, repository: 'https://gitlab.com/acme/flowc' };
    expect(repositoryFileUrl('docs/rules.md#dead-end', gitlab)).toBe(
      'https://gitlab.com/acme/flowc/-/blob/HEAD/docs/rules.md#dead-end',
    );
    expect(repositoryFileUrl('docs/rules.md', { homepage: null, repository: null })).toBeNull();
  });
});
