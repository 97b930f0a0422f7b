/**
 * Turns what the user typed (files, folders, globs) into the list of `.flow` files to read.
 * Shared by `lint`, `render --check` and the batch renderer.
 *
 * - A file named explicitly is taken whatever its extension.
 * - Markdown files (`.md`, `.markdown`) found in a folder or by a glob are taken when they hold a
 *   ```` ```flow ```` fence (a quick text test; src/markdown decides what is really a block).
 * - A folder is walked recursively for `*.flow` (sorted, so runs are reproducible), skipping
 *   `node_modules` and `.git`; symbolic links are followed, and a folder already visited (by its
 *   real path) is not walked again, so a link loop ends.
 * - A glob (`docs/**\/*.flow`) is expanded with tinyglobby; only `*.flow` files are kept.
 * - Files matching the configuration's `ignore` globs are left out, and so is anything inside
 *   `excludeDirs` (an output folder inside the input tree is never read back as input).
 * Problems (a missing path, an unreadable folder, a pattern that matches nothing) are collected,
 * not thrown: the caller lints what it can and reports the rest.
 */
import * as path from 'node:path';
import type { Dirent } from 'node:fs';
import { isGlobPattern } from './glob-pattern.js';
import { isFsError, describeFsError, type FileSystem } from './fs.js';
import { isMarkdownPath, mayHaveFlowBlocks } from './markdown.js';
import { MAX_INPUT_BYTES } from '../limits.js';

export interface IgnoreRules {
  /** Globs, relative to `base` (the folder of the configuration file). */
  patterns: readonly string[];
  base: string;
}

export interface DiscoverOptions {
  cwd: string;
  fs: FileSystem;
  ignore?: IgnoreRules;
  /** Absolute folders never to read from (e.g. the output folder). */
  excludeDirs?: readonly string[];
  /**
   * Whether folder walks and globs take Markdown files that hold a flow fence (lint, render and
   * watch read their blocks; fmt does not).
   */
  markdown?: boolean;
}

export interface DiscoveryProblem {
  /** The argument or path concerned, as the user would recognise it. */
  input: string;
  message: string;
}

export interface Discovery {
  /** Absolute paths, in argument order, each folder's files sorted; no duplicates. */
  files: string[];
  problems: DiscoveryProblem[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const FLOW_EXTENSION = '.flow';

/** A file a folder walk or a glob takes: `.flow`, or Markdown (kept if it has flow blocks). */
function isSourceName(name: string): boolean {
  return name.endsWith(FLOW_EXTENSION) || isMarkdownPath(name);
}

export async function discoverFiles(
  inputs: readonly string[],
  options: DiscoverOptions,
): Promise<Discovery> {
  const { cwd, fs } = options;
  const markdown = options.markdown === true;
  const sources = markdown ? `${FLOW_EXTENSION} or Markdown` : FLOW_EXTENSION;
  const problems: DiscoveryProblem[] = [];
  const ignored = options.ignore ? await ignoredFiles(options.ignore) : new Set<string>();
  const excluded = await Promise.all(
    (options.excludeDirs ?? []).map((dir) => realpathOr(fs, path.resolve(cwd, dir))),
  );
  const isExcluded = (real: string) =>
    excluded.some((dir) => real === dir || real.startsWith(dir + path.sep));

  const files: string[] = [];
  const seen = new Set<string>();
  /** `real`: the file's real path when the folder walk already knows it (no symbolic link on the way). */
  const add = async (file: string, knownReal?: string): Promise<boolean> => {
    if (ignored.has(file)) return false;
    const real = knownReal ?? (await realpathOr(fs, file));
    if (isExcluded(real) || seen.has(real)) return false;
    seen.add(real);
    files.push(file);
    return true;
  };

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stats;
    try {
      stats = await fs.stat(absolute);
    } catch (error) {
      if (!isFsError(error)) throw error;
      if (isGlobPattern(input)) {
        const found = await withFlowBlocks(fs, await expandGlob(input, cwd), (f) => f, markdown);
        let added = 0;
        for (const file of found) if (await add(file)) added++;
        if (found.length === 0)
          problems.push({ input, message: `no ${sources} files match '${input}'` });
        else if (added === 0 && found.every((f) => ignored.has(f))) {
          problems.push({
            input,
            message: `every file matching '${input}' is ignored by the configuration`,
          });
        }
        continue;
      }
      problems.push({ input, message: describeFsError(error, 'no such file or folder') });
      continue;
    }
    if (stats.isDirectory()) {
      const walked: FoundFile[] = [];
      await walk(fs, absolute, walked, problems, new Set(), isExcluded);
      const found = await withFlowBlocks(fs, walked, (f) => f.file, markdown);
      let added = 0;
      for (const { file, real } of found) if (await add(file, real)) added++;
      if (found.length === 0)
        problems.push({ input, message: `no ${sources} files in folder '${input}'` });
      else if (added === 0 && found.every((f) => ignored.has(f.file))) {
        problems.push({
          input,
          message: `every ${sources} file in '${input}' is ignored by the configuration`,
        });
      }
    } else {
      // An explicitly named file is read even without the .flow extension; an ignored one is
      // skipped quietly (a pre-commit hook passes every changed file, ignored ones included).
      await add(absolute);
    }
  }
  return { files, problems };
}

interface FoundFile {
  file: string;
  /** Its real path, when no symbolic link leads to it from the walked folder's real path. */
  real?: string;
}

async function walk(
  fs: FileSystem,
  dir: string,
  found: FoundFile[],
  problems: DiscoveryProblem[],
  visited: Set<string>,
  isExcluded: (real: string) => boolean,
): Promise<void> {
  let real: string;
  let entries: Dirent[];
  try {
    real = await fs.realpath(dir);
    if (visited.has(real) || isExcluded(real)) return;
    visited.add(real);
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (!isFsError(error)) throw error;
    problems.push({ input: dir, message: describeFsError(error, 'cannot read folder') });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    const isLink = entry.isSymbolicLink();
    if (isLink) {
      try {
        const stats = await fs.stat(full);
        isDir = stats.isDirectory();
        isFile = stats.isFile();
      } catch {
        continue; // a dangling link is not a file to lint
      }
    }
    if (isDir) {
      if (!SKIPPED_FOLDERS.has(entry.name))
        await walk(fs, full, found, problems, visited, isExcluded);
    } else if (isFile && isSourceName(entry.name)) {
      // One realpath per folder, not per file (a no-op batch of 1,000 files spent 10 ms on them).
      found.push(isLink ? { file: full } : { file: full, real: path.join(real, entry.name) });
    }
  }
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  // Like folder walks, globs skip node_modules and .git unless the pattern itself names them.
  const ignore = [...SKIPPED_FOLDERS]
    .filter((name) => !pattern.includes(name))
    .map((name) => `**/${name}/**`);
  const { glob } = await import('tinyglobby');
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    onlyFiles: true,
    expandDirectories: false,
    dot: false,
    ignore,
  });
  return matches
    .filter((file) => isSourceName(file))
    .map((file) => path.normalize(file))
    .sort();
}

/**
 * The files found, without the Markdown files that hold no flow fence (a folder of docs is not a
 * folder of diagrams), or without any Markdown file when the caller reads `.flow` files only. An
 * unreadable Markdown file is kept: reading it later reports why.
 */
async function withFlowBlocks<T>(
  fs: FileSystem,
  found: readonly T[],
  fileOf: (item: T) => string,
  markdown: boolean,
): Promise<T[]> {
  const kept: T[] = [];
  for (const item of found) {
    const file = fileOf(item);
    if (!isMarkdownPath(file)) kept.push(item);
    else if (markdown) {
      const text = await fs.readFile(file, MAX_INPUT_BYTES).then(
        (data) => data.toString('utf8'),
        () => null,
      );
      if (text === null || mayHaveFlowBlocks(text)) kept.push(item);
    }
  }
  return kept;
}

/** Every file the configuration's ignore globs cover (absolute, normalised paths). */
export async function ignoredFiles(ignore: IgnoreRules): Promise<Set<string>> {
  if (ignore.patterns.length === 0) return new Set();
  const { glob } = await import('tinyglobby');
  const matches = await glob([...ignore.patterns], {
    cwd: ignore.base,
    absolute: true,
    onlyFiles: true,
    dot: true,
  });
  return new Set(matches.map((file) => path.normalize(file)));
}

async function realpathOr(fs: FileSystem, file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}
