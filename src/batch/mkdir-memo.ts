/**
 * The batch renderer's file system: the caller's, with the real `mkdir` asked once per folder per
 * run. Every output written asks for its folder again (writeOutput makes it first), and a run
 * only adds files, so after the first success the answer cannot change.
 *
 * (The real file system's calls are already synchronous: see nodeFileSystem in src/files/fs.ts.)
 * A `mkdir` that is not the real one (a test's injected failure) is called every time.
 */
import { nodeFileSystem, type FileSystem } from '../files/fs.js';

export function withMkdirMemo(files: FileSystem): FileSystem {
  if (files.mkdir !== nodeFileSystem.mkdir) return files;
  const madeDirs = new Set<string>();
  return {
    ...files,
    mkdir: async (dir, options) => {
      if (madeDirs.has(dir)) return undefined;
      const made = await files.mkdir(dir, options);
      madeDirs.add(dir);
      return made;
    },
  };
}
