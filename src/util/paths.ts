/**
 * Paths as flowc shows and derives them, shared by the CLI, the batch renderer and the
 * configuration loader (reporters have their own rules: src/report/paths.ts).
 */
import * as path from 'node:path';
import { printable } from './printable.js';

/**
 * Whether a path made by `path.relative(base, x)` leaves the base: `..`, `../…` or another root.
 * A name that only starts with two dots (`..x`, `...flow`) is inside.
 */
export function leavesBase(relative: string): boolean {
  return relative === '..' || relative.startsWith('..' + path.sep) || path.isAbsolute(relative);
}

/**
 * A path as the user would recognise it in a message: relative to `cwd`; names that are not paths
 * (`<stdin>`) as they are. Control characters in it are shown as escapes (src/util/printable.ts):
 * a file name cannot act on the terminal or start a line of its own in a log.
 */
export function shownPath(cwd: string, file: string): string {
  if (!path.isAbsolute(file)) return printable(file);
  return printable(path.relative(cwd, file) || file);
}

/**
 * `file` relative to the folder `base`, both absolute and normalised. A file inside the base (the
 * usual case) is the rest of its path, sliced: `path.relative` resolves both paths again, which was
 * most of planning a 1,000-file batch. Outside the base it is `path.relative`'s answer (`../x`).
 */
export function pathBelow(base: string, file: string): string {
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  return file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(base, file);
}

/**
 * `path.join(folder, name)` for a normalised absolute folder and one entry name as `readdir`
 * gives it (no separator, never `.` or `..`): the same string, without `path.join`'s normalising
 * pass over the whole path (a folder walk makes one per file).
 */
export function childPath(folder: string, name: string): string {
  return folder.endsWith(path.sep) ? folder + name : folder + path.sep + name;
}

/**
 * Whether `file` is `folder`, a separator and a name (what `splitPath(file).folder === folder`
 * says, without slicing): a loop over the files of a folder asks it of each file against the
 * last file's folder. Where `/` is not the only separator (Windows) it says no, and the caller
 * splits the path.
 */
export function isDirectChild(file: string, folder: string): boolean {
  return (
    path.sep === '/' &&
    file.length > folder.length + 1 &&
    file.charCodeAt(folder.length) === 47 /* / */ &&
    file.startsWith(folder) &&
    file.indexOf('/', folder.length + 1) === -1
  );
}

/**
 * `path.dirname` and `path.basename` of a normalised absolute file path at once, by its last
 * separator, without their scans of the whole path (a no-op batch asks for every output). The
 * root, a trailing separator and Windows (where `/` separates too) are left to `path`.
 */
export function splitPath(file: string): { folder: string; name: string } {
  const at = path.sep === '/' ? file.lastIndexOf('/') : -1;
  if (at > 0 && at < file.length - 1)
    return { folder: file.slice(0, at), name: file.slice(at + 1) };
  return { folder: path.dirname(file), name: path.basename(file) };
}
