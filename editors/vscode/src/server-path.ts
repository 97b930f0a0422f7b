/**
 * Which `flowc` the extension starts: the `flowc.path` setting, else the workspace's own
 * (`node_modules/.bin/flowc` in a workspace folder, so each project uses the flowc it pins), else
 * `flowc` on the PATH. No VS Code API here, so it is tested on its own.
 */
import * as path from 'node:path';

export interface ServerCommand {
  command: string;
  args: string[];
  /** Windows' npm shims are `.cmd` files, which only a shell runs. */
  shell: boolean;
  /** Where it came from, for the log. */
  origin: 'setting' | 'workspace' | 'path';
}

export function findServer(options: {
  configured: string;
  extraArgs: readonly string[];
  workspaceFolders: readonly string[];
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
}): ServerCommand {
  const windows = options.platform === 'win32';
  const args = ['lsp', '--stdio', ...options.extraArgs];
  const shell = (command: string) => windows && /\.(cmd|bat)$/i.test(command);
  if (options.configured.trim() !== '') {
    const command = options.configured.trim();
    return { command, args, shell: shell(command), origin: 'setting' };
  }
  const bin = windows ? 'flowc.cmd' : 'flowc';
  for (const folder of options.workspaceFolders) {
    const candidate = path.join(folder, 'node_modules', '.bin', bin);
    if (options.exists(candidate))
      return { command: candidate, args, shell: shell(candidate), origin: 'workspace' };
  }
  return { command: bin, args, shell: windows, origin: 'path' };
}
