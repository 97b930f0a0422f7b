/**
 * The live preview: `flowc watch FILE` serves the diagram on 127.0.0.1 and prints its URL as the
 * first line of its output; the page is shown beside the editor (VS Code's Simple Browser, else
 * the system browser). One watcher per file, stopped with the extension.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Preview {
  url: string;
  process: ChildProcess;
}

/** The URL on the first line `flowc watch` prints, or null if that line is not one. */
export function previewUrl(firstLine: string): string | null {
  const url = firstLine.trim();
  return /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+(\/\S*)?$/.test(url) ? url : null;
}

/** Starts `flowc watch FILE`; resolves once it printed its URL (rejects with its error output). */
export function startPreview(
  command: { command: string; shell: boolean },
  file: string,
  cwd: string | undefined,
  timeoutMs = 20000,
): Promise<Preview> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.command, ['watch', file], {
      cwd,
      shell: command.shell,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`flowc watch printed no URL within ${timeoutMs / 1000} s: ${err.trim()}`));
    }, timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      const url = previewUrl(out.slice(0, newline));
      if (url) resolve({ url, process: child });
      else {
        child.kill();
        reject(new Error(`flowc watch printed '${out.slice(0, newline)}' instead of a URL`));
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`flowc watch exited (${code ?? 'signal'}): ${err.trim()}`));
    });
  });
}
