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
import { childPath, isDirectChild, pathBelow, splitPath } from '../util/paths.js';
import { isFsError, describeFsError, type FileSystem } from './fs.js';
import { isMarkdownPath, mayHaveFlowBlocks } from './markdown.js';
import { MAX_INPUT_BYTES } from '../limits.js';
import { FLOW_EXTENSION } from './output-paths.js';

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
  const ignore = options.ignore ? new IgnoreMatcher(options.ignore) : null;
  const isIgnored = (file: string): boolean => ignore !== null && ignore.matches(file);
  const excluded = await Promise.all(
    (options.excludeDirs ?? []).map((dir) => realpathOr(fs, path.resolve(cwd, dir))),
  );
  // Each excluded folder with its trailing separator, made once (every file found is asked).
  const excludedPrefixes = excluded.map((dir) => (dir.endsWith(path.sep) ? dir : dir + path.sep));
  const isExcluded = (real: string): boolean => {
    for (let i = 0; i < excluded.length; i++)
      if (real === excluded[i] || real.startsWith(excludedPrefixes[i]!)) return true;
    return false;
  };

  const files: string[] = [];
  const seen = new Set<string>();
  /** A file whose real path is known (a walk or a glob found it): no promise per file. */
  const addFound = (file: string, real: string): boolean => {
    if (isIgnored(file) || isExcluded(real) || seen.has(real)) return false;
    seen.add(real);
    files.push(file);
    return true;
  };
  const add = async (file: string): Promise<boolean> => {
    await ignore?.prepare([file]);
    return !isIgnored(file) && addFound(file, await realpathOr(fs, file));
  };
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
    if (ignore !== null) await ignore.prepare(found.map((f) => f.file));
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
  /** The folder's path is its real path (no link on the way). */
  isReal: boolean;
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
      stack.push({ dir, real, isReal: dir === real, entries, next: 0 });
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
      // One realpath per folder, not per file (a no-op batch of 1,000 files spent 10 ms on them);
      // a folder that is its real path gives the same string.
      const real = frame.isReal ? full : childPath(frame.real, entry.name);
      found.push({ file: full, real });
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
 */
export async function ignoreMatcher(ignore: IgnoreRules): Promise<(file: string) => boolean> {
  const matcher = new IgnoreMatcher(ignore);
  await matcher.loadGlobs();
  return (file) => matcher.matches(file);
}

/**
 * `ignoreMatcher`'s answers, with the glob library (picomatch) loaded only for a folder where a
 * glob may match. A glob's leading plain names (`samples/invalid` of `samples/invalid/**`) must
 * start any path it matches, so a folder whose path differs from them in one of those places
 * holds no ignored file and is below no ignored folder: `docs/` for `drafts/**`, or every folder
 * of a batch whose files are outside the configuration's folder (`../../tmp/...`). Callers ask
 * `prepare` with the files first (it loads the globs when one of them needs them), then `matches`.
 *
 * What is asked of a file's folder (its path relative to the base, whether a glob may match in
 * it, whether one matches it or a folder above it) is kept per folder: a folder of 1,000 files is
 * worked out once (a no-op batch of 1,000 files outside the configuration's folder spent ~15 % of
 * its run in `path.relative` and the folder globs, then ~7 % loading picomatch and matching each
 * file; docs/performance.md).
 */
export class IgnoreMatcher {
  private readonly patterns: string[];
  /** Each pattern's leading plain names; empty when it starts with glob syntax (it may match anywhere). */
  private readonly heads: string[][];
  private globs: ((relative: string) => boolean) | null = null;
  private readonly folders = new Map<string, IgnoreFolder>();
  /** The last folder asked about, for the next file of the same folder (no split, no lookup). */
  private last: { dir: string; folder: IgnoreFolder } | null = null;

  constructor(private readonly ignore: IgnoreRules) {
    this.patterns = ignore.patterns.map((p) => (p.startsWith('./') ? p.slice(2) : p));
    this.heads = this.patterns.map(plainHead);
  }

  /** Loads the globs if a file of `files` (absolute paths) is in a folder where one may match. */
  async prepare(files: readonly string[]): Promise<void> {
    if (this.globs !== null || this.patterns.length === 0) return;
    for (let i = 0; i < files.length; i++)
      if (this.folderOf(files[i]!).mayMatch) return this.loadGlobs();
  }

  async loadGlobs(): Promise<void> {
    if (this.globs !== null || this.patterns.length === 0) return;
    const { default: picomatch } = await import('picomatch');
    this.globs = picomatch(this.patterns, { dot: true });
  }

  /** Whether `file` (absolute) is ignored; its folder must have been `prepare`d (or the globs loaded). */
  matches(file: string): boolean {
    if (this.patterns.length === 0) return false;
    const folder = this.folderOf(file);
    if (!folder.mayMatch) return false;
    const globs = this.globs;
    if (globs === null) throw new Error(`ignore globs not loaded for ${file}`);
    if (folder.ignored === undefined) {
      // A glob matching a folder ignores what is inside it: this folder or one above it.
      const prefix = folder.prefix;
      folder.ignored = false;
      for (let slash = prefix.indexOf('/'); slash > 0; slash = prefix.indexOf('/', slash + 1))
        if (globs(prefix.slice(0, slash))) {
          folder.ignored = true;
          break;
        }
    }
    return folder.ignored || globs(folder.prefix + splitPath(file).name);
  }

  private folderOf(file: string): IgnoreFolder {
    const last = this.last;
    // The same folder as the last file's: `file` is that folder, a separator and a name.
    if (last !== null && isDirectChild(file, last.dir)) return last.folder;
    const { folder: dir } = splitPath(file);
    let known = this.folders.get(dir);
    if (known === undefined) {
      const relative = pathBelow(this.ignore.base, dir).split(path.sep).join('/');
      // A file's path is its folder's and its name: `prefix` + name.
      const prefix = relative === '' || relative.endsWith('/') ? relative : `${relative}/`;
      known = { prefix, mayMatch: this.heads.some((head) => mayLeadInto(head, prefix)) };
      // Bounded for a long-lived caller (the language server asks about files as they open).
      if (this.folders.size >= MAX_IGNORE_FOLDERS) this.folders.clear();
      this.folders.set(dir, known);
    }
    this.last = { dir, folder: known };
    return known;
  }
}

interface IgnoreFolder {
  /** The folder relative to the base, `/`-separated, with a trailing `/` ('' for the base). */
  prefix: string;
  /** A glob may match a file in the folder, the folder, or a folder above it. */
  mayMatch: boolean;
  /** A glob matches the folder or one above it (worked out when first asked, globs loaded). */
  ignored?: boolean;
}

const MAX_IGNORE_FOLDERS = 4096;

/**
 * A glob segment that picomatch matches only by itself, character for character (letters, digits,
 * `_`, `-` and `.`, not `.` or `..`); anything else (wildcards, classes, braces, extglobs, `!`,
 * escapes, an empty segment) ends a glob's plain head.
 */
const PLAIN_SEGMENT = /^[\w.-]+$/;

/** The leading segments of a glob that are plain names. */
function plainHead(pattern: string): string[] {
  const head: string[] = [];
  for (const segment of pattern.split('/')) {
    if (!PLAIN_SEGMENT.test(segment) || segment === '.' || segment === '..') break;
    head.push(segment);
  }
  return head;
}

/**
 * Whether a glob with plain head `head` may match a path starting with `prefix` (a folder's
 * relative path with its trailing `/`) or a folder above it: a match starts with all of the head's
 * names, so it may unless one of the folder's first names differs from the head's name there.
 */
function mayLeadInto(head: readonly string[], prefix: string): boolean {
  let at = 0;
  for (let i = 0; i < head.length; i++) {
    const slash = prefix.indexOf('/', at);
    if (slash === -1) return true; // the folder's path is shorter than the head: a file in it may match
    if (slash - at !== head[i]!.length || !prefix.startsWith(head[i]!, at)) return false;
    at = slash + 1;
  }
  return true;
}

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
