/**
 * `flowc fmt`: in place, --check, stdin, folders and globs, files with syntax errors, and what a
 * rewrite must never do (break a symbolic link, lose permissions, replace a FIFO, leave a
 * half-written file).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tempTree } from './helpers.js';

const MESSY = 'G {\nn: circle label:"Start"\n  end: circle\nn->end\n}\n';
const TIDY = 'G {\n  n: circle label:"Start"\n  end: circle\n  n -> end\n}\n';
const BROKEN = 'a: circle\nb ->\n';

describe('flowc fmt FILES', () => {
  test('rewrites a file that is not in canonical form, lists it, exit 0', async () => {
    const { dir, cleanup } = tempTree({ 'a.flow': MESSY, 'b.flow': TIDY });
    try {
      const before = fs.statSync(path.join(dir, 'b.flow'));
      const r = await run(['fmt', '.'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('a.flow\n');
      expect(r.stderr).toBe('flowc fmt: 1 file reformatted, 1 file already formatted\n');
      expect(fs.readFileSync(path.join(dir, 'a.flow'), 'utf8')).toBe(TIDY);
      // A file already formatted is not written at all.
      const after = fs.statSync(path.join(dir, 'b.flow'));
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
      expect(fs.readdirSync(dir).sort()).toEqual(['a.flow', 'b.flow']); // no temporary file left
    } finally {
      cleanup();
    }
  });

  test('the current folder by default; folders recursively, globs, the configuration ignores', async () => {
    const { dir, cleanup } = tempTree({
      'a.flow': MESSY,
      'deep/er/b.flow': MESSY,
      'skip/c.flow': MESSY,
      'flowc.config.json': '{ "ignore": ["skip/**"] }',
      'notes.txt': MESSY,
    });
    try {
      const r = await run(['fmt'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('a.flow\ndeep/er/b.flow\n');
      expect(fs.readFileSync(path.join(dir, 'skip/c.flow'), 'utf8')).toBe(MESSY);
      expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe(MESSY);
      fs.writeFileSync(path.join(dir, 'deep/er/b.flow'), MESSY);
      const glob = await run(['fmt', 'deep/**/*.flow'], { cwd: dir });
      expect([glob.code, glob.stdout]).toEqual([0, 'deep/er/b.flow\n']);
    } finally {
      cleanup();
    }
  });

  test('a file with syntax errors is left untouched, its errors reported, exit 1', async () => {
    const { dir, cleanup } = tempTree({ 'bad.flow': BROKEN, 'good.flow': MESSY });
    try {
      const r = await run(['fmt', '.'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(fs.readFileSync(path.join(dir, 'bad.flow'), 'utf8')).toBe(BROKEN);
      expect(fs.readFileSync(path.join(dir, 'good.flow'), 'utf8')).toBe(TIDY);
      expect(r.stderr).toContain('bad.flow:2:');
      expect(r.stderr).toContain('syntax');
      expect(r.stderr).toContain('1 file with syntax errors left as they are');
    } finally {
      cleanup();
    }
  });

  test('follows a symbolic link: the target is rewritten, the link stays a link', async () => {
    const { dir, cleanup } = tempTree({ 'real/a.flow': MESSY });
    try {
      fs.symlinkSync(path.join(dir, 'real/a.flow'), path.join(dir, 'link.flow'));
      const r = await run(['fmt', 'link.flow'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(fs.lstatSync(path.join(dir, 'link.flow')).isSymbolicLink()).toBe(true);
      expect(fs.readFileSync(path.join(dir, 'real/a.flow'), 'utf8')).toBe(TIDY);
    } finally {
      cleanup();
    }
  });

  test("keeps the file's permissions", async () => {
    const { dir, cleanup } = tempTree({ 'a.flow': MESSY });
    try {
      fs.chmodSync(path.join(dir, 'a.flow'), 0o640);
      await run(['fmt', 'a.flow'], { cwd: dir });
      expect(fs.statSync(path.join(dir, 'a.flow')).mode & 0o777).toBe(0o640);
    } finally {
      cleanup();
    }
  });

  test('a failed write leaves the original file whole and no temporary file, exit 2', async () => {
    const { dir, cleanup } = tempTree({ 'a.flow': MESSY });
    try {
      const r = await run(['fmt', 'a.flow'], {
        cwd: dir,
        fs: {
          rename: async () => {
            throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
          },
        },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('a.flow: cannot write: no space left on the device');
      expect(fs.readFileSync(path.join(dir, 'a.flow'), 'utf8')).toBe(MESSY);
      expect(fs.readdirSync(dir)).toEqual(['a.flow']);
    } finally {
      cleanup();
    }
  });

  test('a FIFO is read but never replaced by a regular file', async () => {
    const { dir, cleanup } = tempTree({});
    const fifo = path.join(dir, 'pipe.flow');
    try {
      const made = spawn('mkfifo', [fifo]);
      const ok = await new Promise<boolean>((resolve) => {
        made.on('error', () => resolve(false));
        made.on('exit', (code) => resolve(code === 0));
      });
      if (!ok) {
        console.log('skipped: mkfifo is not available');
        return;
      }
      const writer = spawn('sh', ['-c', `printf '%s' "$0" > "$1"`, MESSY, fifo]);
      const r = await run(['fmt', 'pipe.flow'], { cwd: dir });
      await new Promise((resolve) => writer.on('exit', resolve));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('pipe.flow: not a regular file: left as it is');
      expect(fs.statSync(fifo).isFIFO()).toBe(true);
    } finally {
      cleanup();
    }
  });
});

describe('flowc fmt --check', () => {
  test('writes nothing, lists the files that would change, exit 1', async () => {
    const { dir, cleanup } = tempTree({ 'a.flow': MESSY, 'b.flow': TIDY });
    try {
      const r = await run(['fmt', '--check', '.'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('a.flow\n');
      expect(r.stderr).toBe(
        'flowc fmt: 1 file would be reformatted (run flowc fmt to fix), 1 file already formatted\n',
      );
      expect(fs.readFileSync(path.join(dir, 'a.flow'), 'utf8')).toBe(MESSY);
    } finally {
      cleanup();
    }
  });

  test('exit 0 when every file is formatted', async () => {
    const { dir, cleanup } = tempTree({ 'b.flow': TIDY });
    try {
      const r = await run(['fmt', '--check', 'b.flow'], { cwd: dir });
      expect([r.code, r.stdout]).toEqual([0, '']);
      expect(r.stderr).toBe('flowc fmt: 1 file already formatted\n');
    } finally {
      cleanup();
    }
  });

  test('a file with syntax errors fails the check', async () => {
    const { dir, cleanup } = tempTree({ 'bad.flow': BROKEN });
    try {
      const r = await run(['fmt', '--check', 'bad.flow'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('bad.flow:2:');
    } finally {
      cleanup();
    }
  });

  test('the samples are formatted (flowc fmt --check samples/)', async () => {
    const r = await run(['fmt', '--check', 'samples/']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('flowc fmt -', () => {
  test('formats standard input to standard output, with nothing on stderr', async () => {
    const r = await run(['fmt', '-'], { stdin: MESSY });
    expect(r).toMatchObject({ code: 0, stdout: TIDY, stderr: '' });
  });

  test('with --check: exit 1 and <stdin> listed when it would change, 0 when not', async () => {
    const changed = await run(['fmt', '--check', '-'], { stdin: MESSY });
    expect([changed.code, changed.stdout]).toEqual([1, '<stdin>\n']);
    const same = await run(['fmt', '--check', '-'], { stdin: TIDY });
    expect([same.code, same.stdout]).toEqual([0, '']);
  });

  test('syntax errors: the input comes back unchanged, the errors on stderr, exit 1', async () => {
    const r = await run(['fmt', '-', '--stdin-filename', 'x.flow'], { stdin: BROKEN });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(BROKEN);
    expect(r.stderr).toContain('x.flow:2:');
  });
});
