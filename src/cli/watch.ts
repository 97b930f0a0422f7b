/**
 * `flowc watch [FILE|DIR]`: serves a live page of a diagram (or an index of a folder's diagrams) on
 * 127.0.0.1 until Ctrl-C. The URL is the first line on stdout; what happens (a file drawn, an error
 * found) is logged on stderr. The server itself is src/watch.
 */
import * as path from 'node:path';
import type { RenderOptions } from '../compile.js';
import { EXIT_OK, UsageError } from './errors.js';
import type { Io } from './io.js';
import { isFile, isFolder } from '../files/fs.js';
import { ignoreRules, loadSettings, type CommonOptions } from './settings.js';

export interface WatchCommandOptions extends CommonOptions {
  port?: number;
  open?: boolean;
  direction?: RenderOptions['direction'];
  layout?: RenderOptions['layout'];
  edges?: RenderOptions['edges'];
  theme?: 'light' | 'dark' | 'auto';
}

export interface WatchHooks {
  /** Stops the server; defaults to the process's SIGINT and SIGTERM. */
  signal?: AbortSignal;
  /** Called with the server once it listens (tests). */
  started?: (url: string) => void;
}

export async function runWatch(
  input: string | undefined,
  options: WatchCommandOptions,
  io: Io,
  hooks: WatchHooks = {},
): Promise<number> {
  const settings = await loadSettings(options, io);
  const target = path.resolve(io.cwd, input ?? '.');
  const shown = input ?? '.';
  if (!(await isFolder(io.fs, target)) && !(await isFile(io.fs, target)))
    throw new UsageError(`${shown}: no such file or folder`);
  io.longRun?.(); // a server: let V8 optimise as usual
  const defaults = settings.loaded.config.render;
  const { startWatchServer, PortInUseError, openBrowser } = await import('../watch/index.js');
  const time = (): string => new Date().toTimeString().slice(0, 8);
  let server;
  try {
    server = await startWatchServer({
      root: target,
      shownRoot: shown,
      port: options.port,
      theme: options.theme ?? defaults.theme ?? 'auto',
      render: {
        direction: options.direction ?? defaults.direction,
        layout: options.layout ?? defaults.layout,
        edges: options.edges ?? defaults.edges,
      },
      rules: settings.ruleSettings,
      ignore: ignoreRules(settings),
      log: (line) => io.stderr.write(`${time()} ${line}\n`),
    });
  } catch (error) {
    if (error instanceof PortInUseError)
      throw new UsageError(
        `port ${error.port} is in use: choose another --port, or leave it out for a free one`,
      );
    throw error;
  }
  io.stdout.write(`${server.url}\n`);
  const count = server.files();
  io.stderr.write(
    `flowc: watching ${shown} (${count === 1 ? '1 diagram file' : `${count} diagram files`}); press Ctrl-C to stop\n`,
  );
  hooks.started?.(server.url);
  if (options.open) {
    const problem = await openBrowser(server.url, io.env);
    if (problem)
      io.stderr.write(`flowc: could not open a browser (${problem}): open ${server.url}\n`);
  }
  await stopped(hooks.signal);
  await server.close();
  io.stderr.write('flowc: stopped\n');
  return EXIT_OK;
}

function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal) {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
