/**
 * Special files and symbolic links as outputs and inputs of the command line (issue 14, items 1,
 * 4 and 7): nothing is replaced that is not a regular file, a lost stdout fails the run, and no
 * input is read without bound.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatLimit, MAX_IGNORE_GLOBS, MAX_INPUT_BYTES } from '../../src/limits.js';
import { CLEAN_FLOW, REPO, run, tempTree } from './helpers.js';

const BIN = path.join(REPO, 'bin/flowc.js');
const BROKEN_FLOW = 'a: circle\na -> nowhere\n';

let tree: { dir: string; cleanup: () => void };
beforeEach(() => {
  tree = tempTree({ 'clean.flow': CLEAN_FLOW, 'broken.flow': BROKEN_FLOW, '.git/HEAD': 'x\n' });
});
afterEach(() => tree.cleanup());

const at = (name: string) => path.join(tree.dir, name);
const cli = (argv: string[]) => run(argv, { cwd: tree.dir });

/** A reader for a FIFO (another process, since opening a FIFO for writing waits for one). */
function readFifo(fifo: string): Promise<string> {
  const child = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', () => resolve(text)));
}

/** Runs the real executable; `stdout` is a file descriptor or 'pipe'. */
function bin(argv: string[], stdio: { stdin?: number | 'pipe'; stdout?: number | 'pipe' } = {}) {
  return spawnSync(process.execPath, [BIN, ...argv], {
    cwd: tree.dir,
    stdio: [stdio.stdin ?? 'pipe', stdio.stdout ?? 'pipe', 'pipe'],
    encoding: 'utf8',
  });
}

describe('outputs that are not regular files (item 1)', () => {
  test('render -o /dev/full: exit 2, the reason, and /dev/full is still the device', async () => {
    const r = await cli(['render', 'clean.flow', '-o', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no space left on the device');
    expect(fs.lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  test('render -o /dev/null: exit 0, /dev/null still the device', async () => {
    expect((await cli(['render', 'clean.flow', '-o', '/dev/null'])).code).toBe(0);
    expect(fs.lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('render -o LINK: the linked file gets the diagram, the link stays', async () => {
    fs.mkdirSync(at('img'));
    fs.writeFileSync(at('img/diagram.svg'), 'old');
    fs.symlinkSync('img/diagram.svg', at('current.svg'));
    expect((await cli(['render', 'clean.flow', '-o', 'current.svg'])).code).toBe(0);
    expect(fs.lstatSync(at('current.svg')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(at('img/diagram.svg'), 'utf8')).toMatch(/^<\?xml[^]*<svg/);
  });

  test('render -o FIFO: the diagram goes through the pipe, the FIFO stays', async () => {
    spawnSync('mkfifo', [at('pipe.svg')]);
    const read = readFifo(at('pipe.svg'));
    expect((await cli(['render', 'clean.flow', '-o', 'pipe.svg'])).code).toBe(0);
    expect(await read).toMatch(/<svg[^]*<\/svg>\n?$/);
    expect(fs.lstatSync(at('pipe.svg')).isFIFO()).toBe(true);
  });

  test('lint -o FIFO and --format json:FIFO write through the pipe', async () => {
    spawnSync('mkfifo', [at('report')]);
    let read = readFifo(at('report'));
    expect((await cli(['lint', 'broken.flow', '-o', 'report'])).code).toBe(1);
    expect(await read).toContain('unresolved-reference');
    read = readFifo(at('report'));
    expect((await cli(['lint', 'broken.flow', '--format', 'json:report'])).code).toBe(1);
    expect(JSON.parse(await read)).toHaveLength(1);
    expect(fs.lstatSync(at('report')).isFIFO()).toBe(true);
  });

  test('lint --format json:/dev/full and -o /dev/full: exit 2, the device untouched', async () => {
    for (const argv of [
      ['lint', 'broken.flow', '--format', 'json:/dev/full'],
      ['lint', 'broken.flow', '-o', '/dev/full'],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no space left on the device');
    }
    expect(fs.lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  test('lint --format json:LINK: the link stays a link', async () => {
    fs.writeFileSync(at('real.json'), '[]');
    fs.symlinkSync('real.json', at('report.json'));
    expect((await cli(['lint', 'broken.flow', '--format', 'json:report.json'])).code).toBe(1);
    expect(fs.lstatSync(at('report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(at('real.json'), 'utf8'))).toHaveLength(1);
  });

  test('render -o FOLDER-that-exists-as-a-file-name: a folder is never replaced', async () => {
    fs.mkdirSync(at('out.svg'));
    fs.writeFileSync(at('out.svg/keep'), 'x');
    const r = await cli(['render', 'clean.flow', '-o', 'out.svg', '-f', 'svg', '--jobs', '1']);
    // A folder given as -o is the batch output folder: the diagram lands inside it.
    expect(r.code).toBe(0);
    expect(fs.readFileSync(at('out.svg/keep'), 'utf8')).toBe('x');
  });
});

describe('a lost standard output (item 4)', () => {
  test('stdout on /dev/full: exit 2 and the reason on stderr', () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = bin(['render', 'clean.flow'], { stdout: full });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        'flowc: cannot write to standard output (no space left on the device): the output is incomplete\n',
      );
    } finally {
      fs.closeSync(full);
    }
  });

  test('lint report on /dev/full: exit 2 (not 1, the lint result)', () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = bin(['lint', 'broken.flow'], { stdout: full });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('cannot write to standard output');
    } finally {
      fs.closeSync(full);
    }
  });

  test('a reader that went away (closed pipe): exit 2 and the reason', async () => {
    const child = spawn(process.execPath, [BIN, 'render', 'clean.flow'], {
      cwd: tree.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the reader goes away before flowc writes
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('standard output (the reader at the other end went away)');
  });

  test('stdout fine: exit 0 and nothing on stderr', () => {
    const r = bin(['render', 'clean.flow']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^<\?xml[^]*<svg/);
  });
});

describe('inputs without end (item 7)', () => {
  const tooLarge = `larger than ${formatLimit(MAX_INPUT_BYTES, 'bytes')}, the most flowc reads`;

  test('/dev/zero as an input file: exit 2, the limit named', async () => {
    for (const command of ['lint', 'render']) {
      const r = await cli([command, '/dev/zero']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(tooLarge);
    }
  });

  test('/dev/zero as standard input: exit 2, the limit named', () => {
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      const r = bin(['lint', '-'], { stdin: zero });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(tooLarge);
    } finally {
      fs.closeSync(zero);
    }
  });

  test('a FIFO fed without end: exit 2 once the limit is passed', async () => {
    spawnSync('mkfifo', [at('endless.flow')]);
    const writer = spawn('sh', ['-c', `exec yes 'a: circle' > '${at('endless.flow')}'`], {
      stdio: 'ignore',
    });
    try {
      const r = await cli(['lint', 'endless.flow']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(tooLarge);
    } finally {
      writer.kill();
    }
  });

  test('a FIFO fed one diagram (process substitution) is linted like a file', async () => {
    spawnSync('mkfifo', [at('once.flow')]);
    const writer = spawn('sh', ['-c', `cat clean.flow > once.flow`], {
      cwd: tree.dir,
      stdio: 'ignore',
    });
    const r = await cli(['lint', 'once.flow']);
    writer.kill();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  test('a regular file over the limit is refused before it is read', async () => {
    const big = at('big.flow');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: no 8 MiB written
    let reads = 0;
    const r = await run(['lint', 'big.flow'], {
      cwd: tree.dir,
      fs: {
        readFile: async (file: string, maxBytes?: number) => {
          reads++;
          const { nodeFileSystem } = await import('../../src/files/fs.js');
          return nodeFileSystem.readFile(file, maxBytes);
        },
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`big.flow: ${tooLarge}`);
    expect(reads).toBe(1);
  });

  test('a batch skips an oversized file with the reason, renders the others', async () => {
    fs.writeFileSync(at('big.flow'), '');
    fs.truncateSync(at('big.flow'), MAX_INPUT_BYTES + 1);
    const r = await cli(['render', 'clean.flow', 'big.flow', '-o', 'out', '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`big.flow  cannot read: ${tooLarge}`);
    expect(fs.existsSync(at('out/clean.svg'))).toBe(true);
  });

  test('a configuration with 200,000 ignore globs (3.4 MB): exit 2 with the limit, no crash', () => {
    const globs = Array.from({ length: 200_000 }, (_, i) => `drafts/${i}/**`);
    fs.writeFileSync(at('flowc.config.json'), JSON.stringify({ ignore: globs }));
    const r = bin(['lint', 'clean.flow']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('larger than 1 MiB, the most flowc reads');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('more ignore globs than the limit, in a small file: exit 2, the count named', async () => {
    const globs = Array.from({ length: MAX_IGNORE_GLOBS + 1 }, (_, i) => `d/${i}`);
    fs.writeFileSync(at('flowc.config.json'), JSON.stringify({ ignore: globs }));
    const r = await cli(['lint', 'clean.flow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `ignore: ${formatLimit(MAX_IGNORE_GLOBS + 1)} globs, more than the ${formatLimit(MAX_IGNORE_GLOBS)} flowc accepts`,
    );
  });

  test('a configuration file over its limit: exit 2, the limit named', async () => {
    fs.writeFileSync(at('flowc.config.json'), '');
    fs.truncateSync(at('flowc.config.json'), 2 * 1024 * 1024);
    const r = await cli(['lint', 'clean.flow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('larger than 1 MiB, the most flowc reads');
  });
});
