/**
 * The real file system, called synchronously. A batch run makes thousands of tiny calls (stat a
 * source, read 2 kB, stat an output); through node:fs/promises each one pays a thread-pool round
 * trip and a FileHandle, about five times the cost of the call itself (measured on the no-op
 * incremental run: 150 ms of 1,000 files' planning became 70 ms). On the coordinator the calls
 * are short and nothing else waits for the event loop; in a worker, blocking only blocks that
 * worker.
 *
 * Only methods that are the real file system's are replaced: a test's injected failure (a read
 * that throws EACCES) stays as it is.
 */
import * as fs from 'node:fs';
import { nodeFileSystem, type FileSystem } from '../cli/io.js';

export function synchronousWhereReal(files: FileSystem): FileSystem {
  const madeDirs = new Set<string>();
  const pick = <K extends keyof FileSystem>(name: K, fast: FileSystem[K]): FileSystem[K] =>
    files[name] === nodeFileSystem[name] ? fast : files[name];
  return {
    readFile: pick('readFile', async (p) => fs.readFileSync(p)),
    writeFile: pick('writeFile', async (p, data) => fs.writeFileSync(p, data)),
    rename: pick('rename', async (from, to) => fs.renameSync(from, to)),
    unlink: pick('unlink', async (p) => fs.unlinkSync(p)),
    // Every output of a folder asks for the folder again: ask the disk once per run.
    mkdir: pick('mkdir', async (p, options) => {
      if (madeDirs.has(p)) return undefined;
      const made = fs.mkdirSync(p, options);
      madeDirs.add(p);
      return made;
    }),
    stat: pick('stat', async (p) => fs.statSync(p)),
    readdir: pick('readdir', async (p, options) => fs.readdirSync(p, options)),
    realpath: pick('realpath', async (p) => fs.realpathSync.native(p)),
  };
}
