import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIST_FOLDER_MIN, OutputProbe } from '../../src/batch/output-probe.js';
import { isFile, nodeFileSystem, type FileSystem } from '../../src/files/fs.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowc-probe-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real file system, counting the calls the probe makes. */
function counting(): { fs: FileSystem; calls: { stat: number; readdir: number } } {
  const calls = { stat: 0, readdir: 0 };
  const fs: FileSystem = {
    ...nodeFileSystem,
    stat: (path) => {
      calls.stat++;
      return nodeFileSystem.stat(path);
    },
    readdir: (path, options) => {
      calls.readdir++;
      return nodeFileSystem.readdir(path, options);
    },
  };
  return { fs, calls };
}

/** A folder of `count` outputs named o0.svg … */
function outputs(folder: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => join(folder, `o${i}.svg`));
}

test('a folder of many outputs is listed once, and each answer is the one stat gives', async () => {
  const folder = join(dir, 'out');
  mkdirSync(folder);
  const asked = outputs(folder, LIST_FOLDER_MIN + 4);
  const [file, , folderNamed, linkToFile, dangling, linkToFolder] = asked;
  writeFileSync(file!, 'x');
  mkdirSync(folderNamed!);
  symlinkSync(file!, linkToFile!);
  symlinkSync(join(dir, 'nowhere'), dangling!);
  symlinkSync(folderNamed!, linkToFolder!);
  for (const other of asked.slice(6)) writeFileSync(other, 'x');
  const { fs, calls } = counting();
  const probe = new OutputProbe(fs, asked);
  const answers = await Promise.all(asked.map((output) => probe.isFile(output)));
  const expected = await Promise.all(asked.map((output) => isFile(nodeFileSystem, output)));
  expect(answers).toEqual(expected);
  expect(answers.slice(0, 6)).toEqual([true, false, false, true, false, false]);
  expect(calls.readdir).toBe(1);
  // Only the three links are asked with stat (it follows them); regular files are not.
  expect(calls.stat).toBe(3);
});

test('known answers as isFile does once the folder is listed, and never guesses before', async () => {
  const folder = join(dir, 'known');
  mkdirSync(folder);
  const asked = outputs(folder, LIST_FOLDER_MIN + 2);
  const [file, missing, link] = asked;
  for (const other of asked.slice(3)) writeFileSync(other, 'x');
  writeFileSync(file!, 'x');
  symlinkSync(file!, link!);
  const { fs, calls } = counting();
  const probe = new OutputProbe(fs, asked);
  expect(asked.map((output) => probe.known(output))).toEqual(asked.map(() => undefined));
  expect(await probe.isFile(file!)).toBe(true);
  // Listed now: regular files and absent names are answered; a link still needs a stat.
  expect(probe.known(file!)).toBe(true);
  expect(probe.known(missing!)).toBe(false);
  expect(probe.known(link!)).toBeUndefined();
  for (const output of asked.slice(3)) expect(probe.known(output)).toBe(true);
  // A folder that is not worth listing is never answered without a stat.
  const few = outputs(join(dir, 'few-known'), 1)[0]!;
  expect(probe.known(few)).toBeUndefined();
  expect(calls.readdir).toBe(1);

  // listAll lists every folder worth listing up front (and only those).
  const ahead = new OutputProbe(fs, [...asked, few]);
  await ahead.listAll();
  expect(calls.readdir).toBe(2);
  expect(asked.map((output) => ahead.known(output))).toEqual(
    asked.map((output) => probe.known(output)),
  );
  expect(ahead.known(few)).toBeUndefined();
});

test('a folder of few outputs is asked with stat, never listed', async () => {
  const folder = join(dir, 'few');
  mkdirSync(folder);
  const asked = outputs(folder, 2);
  writeFileSync(asked[0]!, 'x');
  const { fs, calls } = counting();
  const probe = new OutputProbe(fs, asked);
  expect(await probe.isFile(asked[0]!)).toBe(true);
  expect(await probe.isFile(asked[1]!)).toBe(false);
  expect(calls).toEqual({ stat: 2, readdir: 0 });
});

test('a missing output folder holds no output; an unreadable one falls back to stat', async () => {
  const asked = outputs(join(dir, 'absent'), LIST_FOLDER_MIN);
  expect(await new OutputProbe(nodeFileSystem, asked).isFile(asked[0]!)).toBe(false);

  const folder = join(dir, 'locked');
  mkdirSync(folder);
  const present = outputs(folder, LIST_FOLDER_MIN);
  for (const output of present) writeFileSync(output, 'x');
  const refusing: FileSystem = {
    ...nodeFileSystem,
    readdir: () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })),
  };
  const probe = new OutputProbe(refusing, present);
  expect(await Promise.all(present.map((output) => probe.isFile(output)))).toEqual(
    present.map(() => true),
  );
});
