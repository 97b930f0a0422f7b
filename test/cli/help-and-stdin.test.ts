/**
 * Issue 14, item 13: `flowc help` and `flowc help COMMAND` succeed, `-V` prints the version like
 * `-v`, and what is piped into `flowc lint` / `flowc render` without a path is read.
 */
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { flowcVersion } from '../../src/cli/version.js';
import { CLEAN_FLOW, REPO, RULES_FLOW, run, tempTree } from './helpers.js';

const BIN = path.join(REPO, 'bin/flowc.js');

describe('help and version', () => {
  test('flowc help: the program help on stdout, exit 0', async () => {
    const r = await run(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: flowc [options] [command]');
    expect(r.stderr).toBe('');
  });

  test.each(['lint', 'render'])('flowc help %s: that command’s help, exit 0', async (name) => {
    const r = await run(['help', name]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: flowc ${name} [options]`);
    expect(r.stderr).toBe('');
  });

  test('flowc help NOPE: exit 2 and the commands there are, with a "did you mean"', async () => {
    const r = await run(['help', 'rendr']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^flowc: no command 'rendr' to show help for: the commands are lint, render(, [a-z]+)* \(did you mean 'render'\?\)\n$/,
    );
  });

  test.each(['-V', '-v', '--version'])('%s prints the version, exit 0', async (flag) => {
    expect(await run([flag])).toMatchObject({ code: 0, stdout: `${flowcVersion()}\n`, stderr: '' });
  });

  test('flowc alone: the help on stderr, exit 2 (a command is missing)', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: flowc');
  });

  test('through the real executable too', () => {
    for (const argv of [['help'], ['help', 'render'], ['-V']]) {
      const r = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stdout).not.toBe('');
    }
  });
});

describe('standard input without a path', () => {
  let tree: { dir: string; cleanup: () => void };
  beforeEach(() => {
    tree = tempTree({ 'folder.flow': RULES_FLOW, '.git/HEAD': 'x\n' });
  });
  afterEach(() => tree.cleanup());

  test('cat a.flow | flowc lint: the piped diagram is linted, not the folder', async () => {
    const r = await run(['lint', '--format', 'compact'], {
      cwd: tree.dir,
      stdin: RULES_FLOW,
      stdinKind: 'pipe',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:/);
    expect(r.stdout).not.toContain('folder.flow');
  });

  test('flowc lint < a.flow (a file as stdin) and --stdin-filename', async () => {
    const r = await run(['lint', '--stdin-filename', 'docs/a.flow'], {
      cwd: tree.dir,
      stdin: CLEAN_FLOW,
      stdinKind: 'file',
    });
    expect(r).toMatchObject({ code: 0, stdout: '✔ 1 file checked, no problems\n' });
  });

  test('an empty pipe (as CI runners give) means nothing was piped: the folder is linted', async () => {
    const r = await run(['lint', '--format', 'compact'], {
      cwd: tree.dir,
      stdin: '',
      stdinKind: 'pipe',
    });
    expect(r.stdout).toContain('folder.flow');
  });

  test('a terminal or /dev/null as stdin is never read', async () => {
    // Were it read, this text would be linted instead of the folder.
    const r = await run(['lint', '--format', 'compact'], {
      cwd: tree.dir,
      stdin: CLEAN_FLOW,
      stdinKind: 'other',
    });
    expect(r.stdout).toContain('folder.flow');
  });

  test('cat a.flow | flowc render -o a.svg renders the piped diagram', async () => {
    const r = await run(['render', '-o', 'piped.svg'], {
      cwd: tree.dir,
      stdin: CLEAN_FLOW,
      stdinKind: 'pipe',
    });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(tree.dir, 'piped.svg'), 'utf8')).toContain('<svg');
  });

  test('flowc render with nothing piped and no input: the usage error', async () => {
    const r = await run(['render'], { cwd: tree.dir, stdinKind: 'other' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no input: name a .flow file');
  });

  test('the real executable reads a pipe, and an empty one lints the folder', () => {
    const piped = spawnSync(process.execPath, [BIN, 'lint', '--format', 'compact'], {
      cwd: tree.dir,
      input: RULES_FLOW,
      encoding: 'utf8',
    });
    expect(piped.status).toBe(1);
    expect(piped.stdout).toMatch(/^<stdin>:/);
    const empty = spawnSync(process.execPath, [BIN, 'lint', '--format', 'compact'], {
      cwd: tree.dir,
      input: '',
      encoding: 'utf8',
    });
    expect(empty.stdout).toContain('folder.flow');
  });
});
