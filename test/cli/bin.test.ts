/**
 * The real executable in child processes: exit codes, and what goes to stdout versus stderr.
 * Runs the built bundle (`npm test` builds it first, in `pretest`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLEAN_FLOW, FIXTURES, REPO, WARNINGS_FLOW, tempTree } from './helpers.js';

const BIN = path.join(REPO, 'bin/flowc.js');

beforeAll(() => {
  if (!fs.existsSync(path.join(REPO, 'dist/cli.cjs'))) {
    throw new Error(
      'dist/cli.cjs is missing: run `npm run build` (npm test does it in pretest) before these tests',
    );
  }
});

function flowc(
  args: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
) {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', ...options.env };
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/flowc.js', () => {
  test('lint of the samples: exit 0, the result on stdout, nothing on stderr', () => {
    const r = flowc(['lint', 'samples/cqrs.flow']);
    expect(r).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });
  });

  test('lint errors: exit 1, a JSON report on stdout alone', () => {
    const r = flowc(['lint', path.join(FIXTURES, 'invalid'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toHaveLength(4);
  });

  test('render to stdout: the drawing on stdout, the warnings on stderr, exit 0', () => {
    const r = flowc(['render', '-', '--stdin-filename', 'w.flow'], { input: WARNINGS_FLOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<(\?xml|svg)/);
    expect(r.stdout.trimEnd().endsWith('</svg>')).toBe(true);
    expect(r.stderr).toContain('w.flow:4:1  warning');
  });

  test('render to a file, then --check it', () => {
    const tree = tempTree({ 'a.flow': CLEAN_FLOW });
    try {
      expect(flowc(['render', 'a.flow', '-o', 'a.svg'], { cwd: tree.dir })).toEqual({
        code: 0,
        stdout: '',
        stderr: '',
      });
      expect(flowc(['render', '--check', 'a.flow', '-o', 'a.svg'], { cwd: tree.dir }).code).toBe(0);
      fs.writeFileSync(path.join(tree.dir, 'a.svg'), 'stale');
      expect(flowc(['render', '--check', 'a.flow', '-o', 'a.svg'], { cwd: tree.dir }).code).toBe(1);
    } finally {
      tree.cleanup();
    }
  });

  test('every format through the real executable, PNG included (sharp loads from the bundled CLI)', () => {
    const tree = tempTree({ 'a.flow': CLEAN_FLOW });
    try {
      for (const ext of ['svg', 'png', 'json', 'mmd', 'dot']) {
        expect(flowc(['render', 'a.flow', '-o', `a.${ext}`], { cwd: tree.dir })).toEqual({
          code: 0,
          stdout: '',
          stderr: '',
        });
      }
      const png = fs.readFileSync(path.join(tree.dir, 'a.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(fs.readFileSync(path.join(tree.dir, 'a.dot'), 'utf8')).toMatch(/^digraph /m);
      expect(fs.readFileSync(path.join(tree.dir, 'a.mmd'), 'utf8')).toMatch(/^flowchart LR$/m);
      expect(JSON.parse(fs.readFileSync(path.join(tree.dir, 'a.json'), 'utf8')).version).toBe(1);
    } finally {
      tree.cleanup();
    }
  });

  test('misuse: exit 2, the message on stderr, nothing on stdout, no stack trace', () => {
    const r = flowc(['lint', '--fromat', 'json', 'samples/cqrs.flow']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("flowc: unknown option '--fromat'\n(Did you mean --format?)\n");
    const missing = flowc(['render', 'nope.flow', '-o', 'x.svg']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'flowc: nope.flow: no such file or folder\n',
    });
  });

  test('a reader that goes away (| head) ends the run with one line saying so, exit 2, no stack trace', () => {
    // `head` exits after its line; flowc's next write fails (the help is longer than one pipe read).
    const result = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" render --help | head -n 1; echo "exit \${PIPESTATUS[0]}"`,
      ],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(result.stdout).toMatch(
      /^Usage: flowc render \[options\] \[inputs\.\.\.\]\nexit [02]\n$/,
    );
    // The help may have fit in the pipe before head closed it: then nothing was lost.
    if (result.stdout.endsWith('exit 2\n'))
      expect(result.stderr).toBe(
        'flowc: cannot write to standard output (the reader at the other end went away): the output is incomplete\n',
      );
    else expect(result.stderr).toBe('');
  });

  test('--version and --help exit 0 on stdout', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(flowc(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = flowc(['render', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--direction <dir>');
  });
});

describe('the CLI in pieces (scripts/build.mjs, bin/flowc.js)', () => {
  const chunks = path.join(REPO, 'dist/cli-chunks');
  const pieces = [
    path.join(REPO, 'dist/cli.cjs'),
    ...fs
      .readdirSync(chunks)
      .filter((f) => f.endsWith('.cjs'))
      .map((f) => path.join(chunks, f)),
  ];

  test('every piece is ASCII, so the bin reads it as latin1 without changing a character', () => {
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) {
      const bytes = fs.readFileSync(piece);
      expect([piece, bytes.findIndex((b) => b > 0x7f)]).toEqual([piece, -1]);
    }
  });

  test("the pieces the build's warm-up runs loaded have their code cache", () => {
    const cached = pieces.filter((p) => fs.existsSync(p.replace(/\.cjs$/, '.cache')));
    // The warm-up runs load the entry, the commands' pieces and the pipeline's.
    expect(cached).toContain(path.join(REPO, 'dist/cli.cjs'));
    expect(cached.length).toBeGreaterThan(pieces.length / 2);
  });

  test('a piece requires the others by relative paths the bin resolves; Node resolves the rest', () => {
    for (const piece of pieces) {
      const text = fs.readFileSync(piece, 'latin1');
      for (const [, request] of text.matchAll(/\brequire\("(\.[^"]*)"\)/g))
        expect([piece, request]).toEqual([
          piece,
          expect.stringMatching(/^\.\/(?:cli-chunks\/)?[\w-]+-[A-Z0-9]{8}\.cjs$|^\.\/lsp\.cjs$/),
        ]);
    }
  });
});
