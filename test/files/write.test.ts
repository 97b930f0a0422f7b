/**
 * Writing outputs (src/files/write.ts): regular files are replaced atomically, links are followed
 * and kept, special files are written in place and never replaced, folders and block devices are
 * refused, and temporary files left by a killed process are removed by the next run.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeFileSystem } from '../../src/files/fs.js';
import {
  outputTarget,
  removeStaleTemps,
  STALE_TEMP_MS,
  writeFileAtomicSync,
  writeOutput,
} from '../../src/files/write.js';

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-write-')));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => path.join(dir, name);

/** Starts `cat FIFO > OUT` (a reader for the FIFO); resolves with what it read once it ends. */
function readFifo(fifo: string): Promise<string> {
  const child = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', () => resolve(text)));
}

describe('writeOutput', () => {
  test('a new file in a new folder, and no temporary file left', async () => {
    await writeOutput(nodeFileSystem, at('sub/out.svg'), '<svg/>');
    expect(fs.readFileSync(at('sub/out.svg'), 'utf8')).toBe('<svg/>');
    expect(fs.readdirSync(at('sub'))).toEqual(['out.svg']);
  });

  test('an existing file is replaced whole and keeps its permissions', async () => {
    fs.writeFileSync(at('out.svg'), 'old');
    fs.chmodSync(at('out.svg'), 0o640);
    await writeOutput(nodeFileSystem, at('out.svg'), 'new');
    expect(fs.readFileSync(at('out.svg'), 'utf8')).toBe('new');
    expect(fs.statSync(at('out.svg')).mode & 0o777).toBe(0o640);
  });

  test('a symbolic link stays a link; the file it leads to gets the content', async () => {
    fs.mkdirSync(at('real'));
    fs.writeFileSync(at('real/target.svg'), 'old');
    fs.symlinkSync('real/target.svg', at('link.svg'));
    fs.symlinkSync('link.svg', at('link2.svg')); // a chain of two
    const where = await writeOutput(nodeFileSystem, at('link2.svg'), 'new');
    expect(where).toEqual({
      kind: 'replace',
      file: at('real/target.svg'),
      mode: expect.any(Number),
    });
    expect(fs.lstatSync(at('link.svg')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(at('link2.svg')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(at('real/target.svg'), 'utf8')).toBe('new');
    expect(fs.readdirSync(at('real'))).toEqual(['target.svg']);
  });

  test('a dangling link: the file it names is created, the link kept', async () => {
    fs.symlinkSync('made.svg', at('link.svg'));
    await writeOutput(nodeFileSystem, at('link.svg'), 'new');
    expect(fs.lstatSync(at('link.svg')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(at('made.svg'), 'utf8')).toBe('new');
  });

  test('a link loop is refused, nothing created', async () => {
    fs.symlinkSync('b', at('a'));
    fs.symlinkSync('a', at('b'));
    await expect(writeOutput(nodeFileSystem, at('a'), 'x')).rejects.toThrow(
      'too many levels of symbolic links',
    );
    expect(fs.readdirSync(dir).sort()).toEqual(['a', 'b']);
  });

  test('a FIFO is written in place, and stays a FIFO', async () => {
    const fifo = at('pipe');
    spawnSync('mkfifo', [fifo]);
    const read = readFifo(fifo);
    await writeOutput(nodeFileSystem, fifo, 'through the pipe');
    expect(await read).toBe('through the pipe');
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['pipe']);
  });

  test('/dev/null is written in place and stays a character device', async () => {
    await expect(outputTarget(nodeFileSystem, '/dev/null')).resolves.toEqual({
      kind: 'in-place',
      file: '/dev/null',
    });
    await writeOutput(nodeFileSystem, '/dev/null', 'gone');
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('/dev/full: the write fails with ENOSPC and the device is untouched', async () => {
    await expect(writeOutput(nodeFileSystem, '/dev/full', 'x')).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    expect(fs.statSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(fs.lstatSync('/dev/full').isSymbolicLink()).toBe(false);
  });

  test('a link to a character device is followed, not replaced', async () => {
    fs.symlinkSync('/dev/null', at('null-link'));
    await writeOutput(nodeFileSystem, at('null-link'), 'x');
    expect(fs.readlinkSync(at('null-link'))).toBe('/dev/null');
  });

  test('/dev/stdout and /dev/fd/N are written in place (never renamed over)', async () => {
    for (const file of ['/dev/stdout', '/dev/stderr', '/dev/fd/1', '/proc/self/fd/2'])
      await expect(outputTarget(nodeFileSystem, file)).resolves.toEqual({ kind: 'in-place', file });
    fs.symlinkSync('/proc/self/fd/1', at('out-link'));
    await expect(outputTarget(nodeFileSystem, at('out-link'))).resolves.toEqual({
      kind: 'in-place',
      file: '/proc/self/fd/1',
    });
  });

  test('a folder is refused, and left as it was', async () => {
    fs.mkdirSync(at('folder.svg'));
    await expect(writeOutput(nodeFileSystem, at('folder.svg'), 'x')).rejects.toThrow('is a folder');
    expect(fs.readdirSync(dir)).toEqual(['folder.svg']);
  });

  test('a block device is refused', async () => {
    const block = fs
      .readdirSync('/dev')
      .map((name) => path.join('/dev', name))
      .find((file) => fs.lstatSync(file).isBlockDevice());
    if (block === undefined) return; // no block device visible in this container
    await expect(outputTarget(nodeFileSystem, block)).rejects.toThrow('is a block device');
  });

  test('a failed write leaves the old file and no temporary file', async () => {
    fs.writeFileSync(at('out.svg'), 'old');
    const failing = {
      ...nodeFileSystem,
      rename: async () => {
        throw Object.assign(new Error('no'), { code: 'EIO' });
      },
    };
    await expect(writeOutput(failing, at('out.svg'), 'new')).rejects.toMatchObject({ code: 'EIO' });
    expect(fs.readFileSync(at('out.svg'), 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['out.svg']);
  });
});

describe('removeStaleTemps', () => {
  /** A clock this far after the files were made. */
  const later = () => Date.now() + STALE_TEMP_MS + 1000;

  test('removes the temporary files of a writer that is gone, keeps everything else', async () => {
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    const deadPid = Number(dead).toString(36);
    const alivePid = process.pid.toString(36);
    const names = [
      `.a.svg.${deadPid}-k3x9.flowc-tmp`, // killed writer: removed
      `.a.svg.${alivePid}-k3x9.flowc-tmp`, // this process: kept
      `.b.svg.${deadPid}-zz.tmp`, // not flowc's name: kept
      'a.svg',
    ];
    for (const name of names) fs.writeFileSync(at(name), 'x');
    expect(await removeStaleTemps(nodeFileSystem, dir, later())).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(names.slice(1).sort());
  });

  test('keeps a recent one (its writer may be another machine on a shared disk)', async () => {
    fs.writeFileSync(at('.a.svg.zzzzzz-1.flowc-tmp'), 'x');
    expect(await removeStaleTemps(nodeFileSystem, dir, Date.now(), () => false)).toBe(0);
    expect(await removeStaleTemps(nodeFileSystem, dir, later(), () => false)).toBe(1);
  });

  test('a missing folder is nothing to clean', async () => {
    expect(await removeStaleTemps(nodeFileSystem, at('missing'))).toBe(0);
  });
});

describe('writeFileAtomicSync', () => {
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
