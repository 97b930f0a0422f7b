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
import { REPO } from '../cli/helpers.js';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  license: string;
  files: string[];
};

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

  test('no source maps in the tarball (they were 2.8 of its 6.3 MB)', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const [packed] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = packed!.files.map((f) => f.path);
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
});
