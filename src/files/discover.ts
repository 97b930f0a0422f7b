/**
 * Turns what the user typed (files, folders, globs) into the list of `.flow` files to read.
 * Shared by `lint`, `render --check` and the batch renderer.
 *
 * - A file named explicitly is taken whatever its extension (symbolic links followed: the user
 *   named it).
 * - Markdown files (`.md`, `.markdown`) found in a folder or by a glob are taken when they hold a
 *   ```` ```flow ```` fence (a quick text test; src/markdown decides what is really a block).
 * - A folder is walked for `*.flow` (sorted, so runs are reproducible), skipping `node_modules` and
 *   `.git`. A symbolic link inside it is followed only when it leads to somewhere inside the same
 *   folder: a link in a repository cannot make flowc read (and print, as syntax-error excerpts)
 *   a file elsewhere on the machine, such as `/proc/self/environ` or a key. A folder already
 *   visited (by its real path) is not walked again, so a link loop ends.
 * - A glob (`docs/**\/*.flow`) is expanded with tinyglobby; only `*.flow` files are kept, and a
 *   match reached through a link must stay inside the glob's fixed part (`docs/`), as for folders.
 * - Files matching the configuration's `ignore` globs are left out (each path is matched against
 *   them: nothing is listed from the disk for them), and so is anything inside `excludeDirs` (an
 *   output folder inside the input tree is never read back as input).
 * Problems (a missing path, an unreadable folder, a pattern that matches nothing) are collected,
 * not thrown: the caller lints what it can and reports the rest.
 */
import * as path from 'node:path';
import type { Dirent } from 'node:fs';
import { isGlobPattern } from './glob-pattern.js';
import { printable } from '../util/printable.js';
import { childPath, pathBelow, splitPath } from '../util/paths.js';
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
  const isIgnored = options.ignore ? await ignoreMatcher(options.ignore) : () => false;
  const excluded = await Promise.all(
    (options.excludeDirs ?? []).map((dir) => realpathOr(fs, path.resolve(cwd, dir))),
  );
  const isExcluded = (real: string) => excluded.some((dir) => isInside(real, dir));

  const files: string[] = [];
  const seen = new Set<string>();
  /** A file whose real path is known (a walk or a glob found it): no promise per file. */
  const addFound = (file: string, real: string): boolean => {
    if (isIgnored(file) || isExcluded(real) || seen.has(real)) return false;
    seen.add(real);
    files.push(file);
    return true;
  };
  const add = async (file: string): Promise<boolean> =>
    !isIgnored(file) && addFound(file, await realpathOr(fs, file));
  /**
   * The files a glob or a folder walk found (Markdown kept only with flow blocks); a problem when
   * it found none, or when the configuration ignores every one.
   */
  const addAll = async (
    input: string,
    candidates: FoundFile[],
    messages: { none: string; ignored: string },
  ): Promise<void> => {
    const found = await withFlowBlocks(fs, candidates, (f) => f.file, markdown);
    let added = 0;
    for (let i = 0; i < found.length; i++) if (addFound(found[i]!.file, found[i]!.real)) added++;
    if (found.length === 0) problems.push({ input, message: messages.none });
    else if (added === 0 && found.every((f) => isIgnored(f.file)))
      problems.push({ input, message: messages.ignored });
  };

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stats;
    try {
      stats = await fs.stat(absolute);
    } catch (error) {
      if (!isFsError(error)) throw error;
      if (isGlobPattern(input)) {
        await addAll(input, await expandGlob(fs, input, cwd), {
          none: `no ${sources} files match '${printable(input)}'`,
          ignored: `every file matching '${printable(input)}' is ignored by the configuration`,
        });
        continue;
      }
      problems.push({ input, message: describeFsError(error, 'no such file or folder') });
      continue;
    }
    if (stats.isDirectory()) {
      await addAll(input, await walk(fs, absolute, problems, isExcluded), {
        none: `no ${sources} files in folder '${printable(input)}'`,
        ignored: `every ${sources} file in '${printable(input)}' is ignored by the configuration`,
      });
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
  real: string;
}

/** A folder being walked: its entries, sorted, and how far the walk has got through them. */
interface Frame {
  dir: string;
  real: string;
  entries: Dirent[];
  next: number;
}

/**
 * The `.flow` files under `root`, depth first in sorted order (a folder's entries in name order,
 * each subfolder's files where the subfolder stands). Iterative: a deep tree cannot overflow the
 * stack. A symbolic link is followed only when its real path is inside the root's.
 */
async function walk(
  fs: FileSystem,
  root: string,
  problems: DiscoveryProblem[],
  isExcluded: (real: string) => boolean,
): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const visited = new Set<string>();
  const stack: Frame[] = [];
  let rootReal: string | null = null;
  const enter = async (dir: string): Promise<void> => {
    try {
      const real = await fs.realpath(dir);
      rootReal ??= real;
      if (visited.has(real) || isExcluded(real)) return;
      visited.add(real);
      const entries = await fs.readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      stack.push({ dir, real, entries, next: 0 });
    } catch (error) {
      if (!isFsError(error)) throw error;
      problems.push({ input: dir, message: describeFsError(error, 'cannot read folder') });
    }
  };
  await enter(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const entry = frame.entries[frame.next++];
    if (entry === undefined) {
      stack.pop();
      continue;
    }
    const full = childPath(frame.dir, entry.name);
    if (entry.isSymbolicLink()) {
      let real: string;
      let stats;
      try {
        real = await fs.realpath(full);
        stats = await fs.stat(full);
      } catch {
        continue; // a dangling link is not a file to lint
      }
      if (rootReal === null || !isInside(real, rootReal)) continue; // leads out of the folder
      if (stats.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await enter(full);
      } else if (stats.isFile() && isSourceName(entry.name)) {
        found.push({ file: full, real });
      }
    } else if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await enter(full);
    } else if (entry.isFile() && isSourceName(entry.name)) {
      // One realpath per folder, not per file (a no-op batch of 1,000 files spent 10 ms on them).
      found.push({ file: full, real: childPath(frame.real, entry.name) });
    }
  }
  return found;
}

async function expandGlob(fs: FileSystem, pattern: string, cwd: string): Promise<FoundFile[]> {
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
  const base = await realpathOr(fs, path.resolve(cwd, globBase(pattern)));
  const found: FoundFile[] = [];
  for (const match of matches.filter((file) => isSourceName(file)).sort()) {
    const file = path.normalize(match);
    const real = await realpathOr(fs, file);
    // A match reached through a link that leads out of the glob's fixed part is not read.
    if (isInside(real, base)) found.push({ file, real });
  }
  return found;
}

/** The fixed folder a glob starts from: `docs/` of `docs/**\/*.flow`, `.` of `*.flow`. */
function globBase(pattern: string): string {
  const fixed: string[] = [];
  for (const part of pattern.split(/[\\/]/)) {
    if (isGlobPattern(part)) break;
    fixed.push(part);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
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
  for (let i = 0; i < found.length; i++) {
    const item = found[i]!;
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

/**
 * Whether a path matches one of the configuration's ignore globs. Each path is matched on its own,
 * relative to the configuration's folder (`/`-separated); a glob naming a folder (`drafts`) also
 * ignores everything in it. Nothing is read from the disk for the globs.
 *
 * What is asked of a file's folder (its path relative to the base, whether a glob matches it or a
 * folder above it) is kept per folder: a folder of 1,000 files is worked out once, and each file
 * costs one match of its own path (a no-op batch of 1,000 files outside the configuration's folder
 * spent ~15 % of its run in `path.relative` and the folder globs, docs/performance.md).
 */
export async function ignoreMatcher(ignore: IgnoreRules): Promise<(file: string) => boolean> {
  if (ignore.patterns.length === 0) return () => false;
  const { default: picomatch } = await import('picomatch');
  const patterns = ignore.patterns.map((p) => (p.startsWith('./') ? p.slice(2) : p));
  const matches = picomatch(patterns, { dot: true });
  const folders = new Map<string, IgnoreFolder>();
  const folderOf = (dir: string): IgnoreFolder => {
    let known = folders.get(dir);
    if (known === undefined) {
      const relative = pathBelow(ignore.base, dir).split(path.sep).join('/');
      // A file's path is its folder's and its name: `prefix` + name.
      const prefix = relative === '' || relative.endsWith('/') ? relative : `${relative}/`;
      // A glob matching a folder ignores what is inside it: this folder or one above it.
      let ignored = false;
      for (let slash = prefix.indexOf('/'); slash > 0; slash = prefix.indexOf('/', slash + 1))
        if (matches(prefix.slice(0, slash))) {
          ignored = true;
          break;
        }
      known = { prefix, ignored };
      // Bounded for a long-lived caller (the language server asks about files as they open).
      if (folders.size >= MAX_IGNORE_FOLDERS) folders.clear();
      folders.set(dir, known);
    }
    return known;
  };
  return (file) => {
    const { folder: dir, name } = splitPath(file);
    const folder = folderOf(dir);
    return folder.ignored || matches(folder.prefix + name);
  };
}

interface IgnoreFolder {
  /** The folder relative to the base, `/`-separated, with a trailing `/` ('' for the base). */
  prefix: string;
  /** An ignore glob matches the folder or one above it. */
  ignored: boolean;
}

const MAX_IGNORE_FOLDERS = 4096;

function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

async function realpathOr(fs: FileSystem, file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}
