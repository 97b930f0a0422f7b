/**
 * `flowc lint` in-process: inputs, reporters and destinations, exit codes, error paths.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CLEAN_FLOW,
  FIXTURES,
  RULES_FLOW,
  SYNTAX_FLOW,
  WARNINGS_FLOW,
  run,
  tempTree,
} from './helpers.js';

let tree: { dir: string; cleanup: () => void };

beforeEach(() => {
  tree = tempTree({
    'flows/clean.flow': CLEAN_FLOW,
    'flows/nested/deep/also-clean.flow': CLEAN_FLOW,
    'flows/notes.txt': 'not a diagram',
    'warn.flow': WARNINGS_FLOW,
    'bad/syntax.flow': SYNTAX_FLOW,
    'bad/rules.flow': RULES_FLOW,
    '.git/HEAD': 'ref: refs/heads/main\n',
  });
});
afterEach(() => tree.cleanup());

const lint = (args: string[], options: Parameters<typeof run>[1] = {}) =>
  run(['lint', ...args], { cwd: tree.dir, ...options });

describe('flowc lint: inputs', () => {
  test('a clean file exits 0 and says so', async () => {
    const r = await lint(['flows/clean.flow']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('✔ 1 file checked, no problems\n');
  });

  test('a folder is searched recursively for .flow files only', async () => {
    const r = await lint(['flows', '--format', 'json']);
    expect(r.code).toBe(0);
    const files = (JSON.parse(r.stdout) as Array<{ filePath: string }>).map((f) => f.filePath);
    expect(files).toEqual([
      path.join('flows', 'clean.flow'),
      path.join('flows', 'nested', 'deep', 'also-clean.flow'),
    ]);
  });

  test('globs are expanded', async () => {
    const r = await lint(['bad/*.flow', '--format', 'json']);
    expect((JSON.parse(r.stdout) as Array<{ filePath: string }>).map((f) => f.filePath)).toEqual([
      path.join('bad', 'rules.flow'),
      path.join('bad', 'syntax.flow'),
    ]);
    expect(r.code).toBe(1);
  });

  test('no path lints the current folder', async () => {
    const r = await lint(['--format', 'compact']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bad/syntax.flow:3:4: error');
    expect(r.stdout).toContain('warn.flow:4:1: warning');
  });

  test('a file named twice (or through a folder and by name) is linted once', async () => {
    const r = await lint(['flows/clean.flow', 'flows', './flows/clean.flow', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
  });

  test('- reads standard input, shown as <stdin> or the --stdin-filename', async () => {
    const r = await lint(['-', '--format', 'compact'], { stdin: RULES_FLOW });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^<stdin>:5:1: error .* \[unreachable-node\]$/);
    const named = await lint(['-', '--stdin-filename', 'docs/x.flow', '--format', 'compact'], {
      stdin: RULES_FLOW,
    });
    expect(named.stdout.split('\n')[0]).toMatch(/^docs\/x\.flow:5:1: error/);
  });

  test('a missing path or an empty folder exits 2 but the other files are still reported', async () => {
    fs.mkdirSync(path.join(tree.dir, 'empty'));
    const r = await lint(['flows/clean.flow', 'nope.flow', 'empty', 'nothing/*.flow']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('✔ 1 file checked, no problems\n');
    expect(r.stderr).toContain('flowc: nope.flow: no such file or folder\n');
    expect(r.stderr).toContain("flowc: empty: no .flow or Markdown files in folder 'empty'\n");
    expect(r.stderr).toContain(
      "flowc: nothing/*.flow: no .flow or Markdown files match 'nothing/*.flow'\n",
    );
  });

  test('an unreadable file exits 2 with the reason', async () => {
    const r = await lint(['flows/clean.flow'], {
      fs: {
        readFile: async () =>
          Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('flowc: flows/clean.flow: permission denied\n');
  });

  test("'-' twice is misuse", async () => {
    expect((await lint(['-', '-'])).code).toBe(2);
  });
});

describe('flowc lint: exit codes and filters', () => {
  test('errors exit 1; warnings alone exit 0', async () => {
    expect((await lint(['bad/rules.flow'])).code).toBe(1);
    const warn = await lint(['warn.flow']);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('✖ 2 problems (0 errors, 2 warnings)');
  });

  test('--max-warnings fails when exceeded, not when reached', async () => {
    expect((await lint(['warn.flow', '--max-warnings', '2'])).code).toBe(0);
    const over = await lint(['warn.flow', '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('flowc: too many warnings (2); at most 1 allowed by --max-warnings\n');
    expect((await lint(['warn.flow', '--max-warnings', '0'])).code).toBe(1);
  });

  test('--max-warnings rejects a value that is not a whole number', async () => {
    const r = await lint(['warn.flow', '--max-warnings', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'many' is invalid");
  });

  test('--quiet reports errors only (warnings still count for --max-warnings)', async () => {
    const quiet = await lint(['warn.flow', 'bad/rules.flow', '--quiet', '--format', 'compact']);
    expect(quiet.stdout).not.toContain('warning');
    expect(quiet.stdout).toContain('error');
    const onlyWarnings = await lint(['warn.flow', '--quiet']);
    expect(onlyWarnings).toMatchObject({ code: 0, stdout: '✔ 1 file checked, no problems\n' });
    expect((await lint(['warn.flow', '--quiet', '--max-warnings', '0'])).code).toBe(1);
  });

  test('--rule changes a severity, or turns a rule off', async () => {
    const off = await lint(['warn.flow', '--rule', 'dead-end=off', '--format', 'compact']);
    expect(off.stdout).not.toContain('dead-end');
    expect(off.stdout).toContain('single-branch');
    const error = await lint(['warn.flow', '--rule', 'dead-end=error', '--format', 'compact']);
    expect(error.code).toBe(1);
    expect(error.stdout).toContain(': error the flow stops at');
  });

  test('--rule with an unknown rule, a bad severity or a bad shape exits 2 with a suggestion', async () => {
    const unknown = await lint(['warn.flow', '--rule', 'dead-ends=off']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      "flowc: --rule 'dead-ends=off': unknown rule 'dead-ends' (did you mean 'dead-end'?)\n",
    );
    const severity = await lint(['warn.flow', '--rule', 'dead-end=warning']);
    expect(severity.stderr).toContain(
      `invalid severity "warning": expected "off", "warn" or "error" (did you mean 'warn'?)`,
    );
    expect((await lint(['warn.flow', '--rule', 'dead-end'])).stderr).toContain(
      'expected RULE=SEVERITY',
    );
    const fixed = await lint(['bad/syntax.flow', '--rule', 'syntax=off']);
    expect(fixed.code).toBe(2);
    expect(fixed.stderr).toContain(`rule 'syntax' cannot be set to "off"`);
  });
});

describe('flowc lint: reports', () => {
  test('stylish is the default, on stdout, without colour when stdout is not a terminal', async () => {
    const r = await lint(['bad/rules.flow']);
    expect(r.stdout).toContain('bad/rules.flow:5:1  error');
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toBe('');
  });

  test('colour on a terminal, not with NO_COLOR; FORCE_COLOR forces it', async () => {
    expect((await lint(['bad/rules.flow'], { stdoutIsTTY: true })).stdout).toContain(
      '\u001b[31merror\u001b[39m',
    );
    expect(
      (await lint(['bad/rules.flow'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain('\u001b[');
    expect((await lint(['bad/rules.flow'], { env: { FORCE_COLOR: '1' } })).stdout).toContain(
      '\u001b[',
    );
    expect(
      (await lint(['bad/rules.flow'], { stdoutIsTTY: true, env: { FORCE_COLOR: '0' } })).stdout,
    ).not.toContain('\u001b[');
  });

  test('-o writes the report to a file (no colour, parent folders created) and nothing to stdout', async () => {
    const r = await lint(['bad/rules.flow', '--format', 'json', '-o', 'reports/lint.json'], {
      stdoutIsTTY: true,
    });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    const report = JSON.parse(fs.readFileSync(path.join(tree.dir, 'reports/lint.json'), 'utf8'));
    expect(report[0].errorCount).toBe(3);
  });

  test('two formats in one run: one to stdout, one to its own file', async () => {
    const r = await lint([
      'bad/rules.flow',
      '--format',
      'github',
      '--format',
      'sarif:out/flowc.sarif',
    ]);
    expect(r.stdout.startsWith('::error file=bad/rules.flow,line=5,')).toBe(true);
    const log = JSON.parse(fs.readFileSync(path.join(tree.dir, 'out/flowc.sarif'), 'utf8'));
    expect(log.runs[0].results).toHaveLength(3);
  });

  test('-o goes with the format given without a file', async () => {
    await lint(['bad/rules.flow', '-f', 'sarif:a.sarif', '-f', 'compact', '-o', 'b.txt']);
    expect(fs.readFileSync(path.join(tree.dir, 'b.txt'), 'utf8')).toMatch(
      /^bad\/rules\.flow:5:1: error/,
    );
    expect(fs.existsSync(path.join(tree.dir, 'a.sarif'))).toBe(true);
  });

  test('ambiguous or impossible destinations are misuse (exit 2)', async () => {
    const twoToStdout = await lint(['warn.flow', '-f', 'json', '-f', 'compact']);
    expect(twoToStdout).toMatchObject({ code: 2 });
    expect(twoToStdout.stderr).toContain('only one report can go to standard output');
    expect((await lint(['warn.flow', '-f', 'json', '-f', 'compact', '-o', 'x'])).stderr).toContain(
      '-o/--output is ambiguous',
    );
    expect((await lint(['warn.flow', '-f', 'json:a.json', '-o', 'x'])).stderr).toContain(
      '-o/--output has no report',
    );
    expect((await lint(['warn.flow', '-f', 'json:a', '-f', 'sarif:a'])).stderr).toContain(
      'two reports would be written to the same file',
    );
    expect((await lint(['warn.flow', '-f', 'json:'])).stderr).toContain('missing file name');
  });

  test('an unknown format is rejected with a suggestion', async () => {
    const r = await lint(['warn.flow', '--format', 'sarf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "flowc: unknown format 'sarf': expected one of stylish, json, sarif, github, compact, unix (did you mean 'sarif'?)\n",
    );
  });

  test('a report that cannot be written exits 2 and leaves no temporary file', async () => {
    const r = await lint(['warn.flow', '-f', 'json', '-o', 'out.json'], {
      fs: {
        rename: async () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('flowc: cannot write out.json: permission denied\n');
    expect(fs.readdirSync(tree.dir).filter((n) => n.includes('out.json'))).toEqual([]);
  });

  test('the invalid fixtures lint with exit 1 from the repository root', async () => {
    const r = await run(
      ['lint', path.relative(path.resolve(FIXTURES, '../../..'), path.join(FIXTURES, 'invalid'))],
      { cwd: path.resolve(FIXTURES, '../../..') },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✖ 9 problems (7 errors, 2 warnings)');
  });
});
