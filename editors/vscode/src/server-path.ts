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

export interface FindOptions {
  configured: string;
  extraArgs: readonly string[];
  workspaceFolders: readonly string[];
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
}

/** `flowc lsp --stdio` with the extra arguments, from the flowc `findFlowc` picks. */
export function findServer(options: FindOptions): ServerCommand {
  return { ...findFlowc(options), args: ['lsp', '--stdio', ...options.extraArgs] };
}

/** The flowc executable: the setting, else the workspace's, else the PATH's. */
export function findFlowc(options: Omit<FindOptions, 'extraArgs'>): Omit<ServerCommand, 'args'> {
  const windows = options.platform === 'win32';
  const shell = (command: string) => windows && /\.(cmd|bat)$/i.test(command);
  if (options.configured.trim() !== '') {
    const command = options.configured.trim();
    return { command, shell: shell(command), origin: 'setting' };
  }
  const bin = windows ? 'flowc.cmd' : 'flowc';
  for (const folder of options.workspaceFolders) {
    const candidate = path.join(folder, 'node_modules', '.bin', bin);
    if (options.exists(candidate))
      return { command: candidate, shell: shell(candidate), origin: 'workspace' };
  }
  return { command: bin, shell: windows, origin: 'path' };
}
