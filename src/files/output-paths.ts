/**
 * Where a rendered file goes. Shared by `render --check` and batch rendering so that the file
 * checked is the file written: `docs/a/b.flow` → `OUTDIR/a/b.svg` (mirrored under the output
 * folder, relative to the inputs' common base), or `docs/a/b.svg` beside the source when there is
 * no output folder.
 */
import * as path from 'node:path';
import type { Format } from '../compile.js';
import { isGlobPattern } from './glob-pattern.js';
import { isFolder, type FileSystem } from './fs.js';
import { leavesBase, pathBelow } from '../util/paths.js';

export const FORMAT_EXTENSIONS: Readonly<Record<Format, string>> = {
  svg: '.svg',
  png: '.png',
  json: '.json',
  mermaid: '.mmd',
  dot: '.dot',
};

const EXTENSION_FORMATS: Readonly<Record<string, Format>> = {
  '.svg': 'svg',
  '.png': 'png',
  '.json': 'json',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.dot': 'dot',
  '.gv': 'dot',
};

/** The format an output file name implies, or null for an extension flowc does not write. */
export function formatFromExtension(file: string): Format | null {
  return EXTENSION_FORMATS[path.extname(file).toLowerCase()] ?? null;
}

/**
 * The folder outputs are mirrored from: the deepest folder containing every input argument
 * (a folder argument counts as itself, a file as its folder, a glob as its static prefix).
 */
export function commonBase(
  inputs: readonly string[],
  cwd: string,
  isFolder: (absolute: string) => boolean,
): string {
  const roots = inputs.map((input) => {
    if (isGlobPattern(input)) return path.resolve(cwd, staticPrefix(input));
    const absolute = path.resolve(cwd, input);
    return isFolder(absolute) ? absolute : path.dirname(absolute);
  });
  if (roots.length === 0) return path.resolve(cwd);
  let base = roots[0]!;
  for (const root of roots.slice(1)) {
    while (!isInside(root, base)) {
      const parent = path.dirname(base);
      if (parent === base) break;
      base = parent;
    }
  }
  return base;
}

/** `commonBase` of the arguments as they are on disk (a glob or a missing path is not a folder). */
export async function inputsBase(
  inputs: readonly string[],
  cwd: string,
  fs: FileSystem,
): Promise<string> {
  const folders = new Set<string>();
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    if (await isFolder(fs, absolute)) folders.add(absolute); // a glob or a missing path is not
  }
  return commonBase(inputs, cwd, (absolute) => folders.has(absolute));
}

/**
 * The output file for `source` in `format`. `source` and `outDir` are absolute and normalised (as
 * discovery and the CLI give them): a plain mirror of its source (`mirroredOutput`) is made by
 * joining strings, without `path.join`'s normalising pass (most of planning a no-op batch of 1,000
 * files, with the cost of `path.extname`); anywhere else `path` decides.
 */
export function outputPathFor(
  source: string,
  format: Format,
  outDir: string | null,
  base: string,
): string {
  const extension = FORMAT_EXTENSIONS[format];
  const mirrored = mirroredOutput(source, extension, outDir, withSeparator(base));
  if (mirrored !== null) return mirrored;
  const relative = outDir === null ? null : pathBelow(base, source);
  // A source outside the base (possible with an explicit --base) keeps only its name.
  const placed =
    outDir === null
      ? source
      : relative !== null && !leavesBase(relative)
        ? path.join(outDir, relative)
        : path.join(outDir, path.basename(source));
  const ext = path.extname(placed);
  return (ext === FLOW_EXTENSION ? placed.slice(0, -ext.length) : placed) + extension;
}

/** A folder with its trailing separator: the prefix of every path below it. */
export function withSeparator(folder: string): string {
  return folder.endsWith(path.sep) ? folder : folder + path.sep;
}

/**
 * `outputPathFor` of a `.flow` source that is a plain mirror of it, else null (then `path`
 * decides): under `outDir`, the source's path below the base (`below`: the base with its trailing
 * separator, `withSeparator`) without `.flow`, plus `extension`; beside the source (`outDir` null),
 * the source without `.flow`, plus `extension`. Two different sources never have the same
 * mirrored output (the parts kept differ), nor do two different extensions: a batch whose outputs
 * are all mirrored has no two sources writing one file (src/batch, markOutputClashes).
 */
export function mirroredOutput(
  source: string,
  extension: string,
  outDir: string | null,
  below: string,
): string | null {
  if (!source.endsWith(FLOW_EXTENSION)) return null;
  const end = source.length - FLOW_EXTENSION.length;
  if (outDir === null) {
    // A file named `.flow` has no extension for `path` (it is `.flow.svg`'s source): not mirrored.
    const before = source.charCodeAt(end - 1);
    return end > 0 && before !== 47 /* / */ && before !== 92 /* \ */
      ? source.slice(0, end) + extension
      : null;
  }
  if (!source.startsWith(below) || outDir.endsWith(path.sep)) return null;
  const relative = source.slice(below.length, end);
  return isPlainRelative(relative) ? outDir + path.sep + relative + extension : null;
}

/** The extension of a diagram file: the one source for discovery, planning and output paths. */
export const FLOW_EXTENSION = '.flow';

/**
 * A path `path.join` would leave as it is: no empty, `.` or `..` segment (so not outside the base;
 * a segment such as `..x` is a name). The last segment is a file name without its `.flow`, so it is not empty
 * either (`x/.flow` is the hidden file `.flow`, whose extension `path.extname` says is none).
 */
function isPlainRelative(relative: string): boolean {
  if (relative === '') return false;
  const sep = path.sep;
  for (let start = 0; ;) {
    const end = relative.indexOf(sep, start);
    const segment = end < 0 ? relative.slice(start) : relative.slice(start, end);
    if (segment === '' || segment === '.' || segment === '..') return false;
    if (end < 0) return !(path.sep === '\\' && relative.includes('/'));
    start = end + 1;
  }
}

function staticPrefix(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const part of parts) {
    if (isGlobPattern(part)) break;
    fixed.push(part);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || !leavesBase(relative);
}
