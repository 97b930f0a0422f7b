/**
 * `flowc watch --open`: the page in the default browser. `$BROWSER` wins when set (a command, with
 * `%s` for the URL or the URL appended; `none` opens nothing), else the platform's opener.
 */
import { spawn } from 'node:child_process';

export interface OpenCommand {
  command: string;
  args: string[];
}

export function browserCommand(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): OpenCommand | null {
  const browser = env['BROWSER']?.trim();
  if (browser) {
    if (browser === 'none') return null;
    const words = browser.split(/\s+/);
    const args = words.slice(1).map((w) => w.replace('%s', url));
    if (!browser.includes('%s')) args.push(url);
    return { command: words[0]!, args };
  }
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Starts the browser; resolves to null once it started, or to why it could not. */
export function openBrowser(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | null> {
  const opener = browserCommand(url, env);
  if (opener === null) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(opener.command, opener.args, { detached: true, stdio: 'ignore' });
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? `${opener.command} was not found`
          : `${opener.command}: ${error.message}`,
      ),
    );
    child.once('spawn', () => {
      child.unref();
      resolve(null);
    });
  });
}
