/**
 * The shell around the commands: help, version, commander's errors (exit 2 with "did you
 * mean"), and internal errors (one line, the stack only with --debug / FLOWC_DEBUG=1).
 */
import { execute } from '../../src/cli/execute.js';
import type { Io } from '../../src/cli/io.js';
import { nodeFileSystem } from '../../src/files/fs.js';
import { colorEnabled } from '../../src/report/color.js';
import { flowcVersion } from '../../src/cli/version.js';
import { REPO, run } from './helpers.js';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('help and version', () => {
  test('--help lists the commands, with examples, on stdout, exit 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('lint [options] [paths...]');
    expect(r.stdout).toContain('render [options] [inputs...]');
    expect(r.stdout).toContain('$ flowc render samples/cqrs.flow -o cqrs.svg');
  });

  test.each(['lint', 'render'])(
    '%s --help shows every option, and an example using each',
    async (command) => {
      const r = await run([command, '--help']);
      expect(r.code).toBe(0);
      const options = [...r.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!);
      expect(options.length).toBeGreaterThan(5);
      const examples = r.stdout.slice(r.stdout.indexOf('Examples:'));
      const withoutExample = options.filter(
        (o) =>
          !['--help', '--debug', '--jobs', '--force', '--shard', '--base'].includes(o) &&
          !examples.includes(o) &&
          !(o === '--output' && examples.includes(' -o ')) &&
          !(o === '--format' && examples.includes(' -f ')),
      );
      expect(withoutExample).toEqual([]);
    },
  );

  test('help COMMAND is the same as COMMAND --help', async () => {
    expect((await run(['help', 'lint'])).stdout).toBe((await run(['lint', '--help'])).stdout);
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(flowcVersion()).toBe(pkg.version);
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect((await run(['-v'])).stdout).toBe(`${pkg.version}\n`);
  });
});

describe('misuse exits 2 with a clear message', () => {
  test('no command shows the help on stderr', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: flowc');
  });

  test('a misspelt command gets a suggestion', async () => {
    const r = await run(['lnit', 'x.flow']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe("flowc: unknown command 'lnit'\n(Did you mean lint?)\n");
  });

  test('a misspelt option gets a suggestion', async () => {
    const r = await run(['lint', '--max-warning', '0', 'x.flow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "flowc: unknown option '--max-warning'\n(Did you mean --max-warnings?)\n",
    );
    const render = await run(['render', 'x.flow', '--directon', 'TB']);
    expect(render.stderr).toContain('(Did you mean --direction?)');
  });

  test('an option without its value', async () => {
    const r = await run(['render', 'x.flow', '-o']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("flowc: option '-o, --output <path>' argument missing\n");
  });
});

describe('internal errors', () => {
  const failingIo = (env: Record<string, string>): { io: Io; err: () => string } => {
    let err = '';
    const io: Io = {
      cwd: REPO,
      env,
      stdout: { write: () => undefined, isTTY: false },
      stderr: { write: (chunk) => void (err += String(chunk)), isTTY: false },
      readStdin: async () => Buffer.alloc(0),
      fs: {
        ...nodeFileSystem,
        stat: () => {
          throw new TypeError('something unexpected\nwith a second line');
        },
      },
    };
    return { io, err: () => err };
  };

  test('become one line and exit 2, without a stack trace', async () => {
    const { io, err } = failingIo({});
    expect(await execute(['lint', 'samples/cqrs.flow', '--no-config'], io)).toBe(2);
    expect(err()).toBe(
      'flowc: internal error: something unexpected\nflowc: run again with --debug (or FLOWC_DEBUG=1) for the stack trace, and please report it\n',
    );
  });

  test('--debug and FLOWC_DEBUG=1 add the stack', async () => {
    const withFlag = failingIo({});
    expect(
      await execute(['lint', 'samples/cqrs.flow', '--no-config', '--debug'], withFlag.io),
    ).toBe(2);
    expect(withFlag.err()).toMatch(
      /^flowc: internal error: something unexpected\nTypeError: something unexpected\n[\s\S]*\n {4}at /,
    );
    const withEnv = failingIo({ FLOWC_DEBUG: '1' });
    await execute(['lint', 'samples/cqrs.flow', '--no-config'], withEnv.io);
    expect(withEnv.err()).toContain('    at ');
  });
});

describe('colour decision', () => {
  test.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { TERM: 'dumb' }, false],
  ] as const)('tty=%s env=%j → %s', (tty, env, expected) => {
    expect(colorEnabled(tty, env)).toBe(expected);
  });
});
