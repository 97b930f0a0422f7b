import * as path from 'node:path';

/**
 * The path a reporter prints: relative to the cwd when the file is inside it (or near it), so
 * reports do not depend on where the repository is checked out. Names that are not paths
 * (`<stdin>`) are kept as they are.
 */
export function displayPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  const relative = path.relative(cwd, filePath);
  return relative === '' ? path.basename(filePath) : relative;
}

/** The same, with forward slashes whatever the platform (SARIF URIs, GitHub annotations). */
export function portablePath(filePath: string, cwd: string): string {
  return displayPath(filePath, cwd).split(path.sep).join('/');
}
