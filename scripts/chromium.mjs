// Debian's Chromium (apt-get install chromium) driven by playwright-core, never a downloaded
// browser, and the real `flowc watch` executable: shared by the browser suite
// (test/watch/browser.test.ts), the latency benchmark (bench/watch.mjs) and the screenshots of the
// docs (scripts/watch-screenshots.mjs).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.FLOWC_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const repo = fileURLToPath(new URL('..', import.meta.url));

/** What this machine's Chromium needs as root and with no network (.library machine notes). */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** Starts `bin/flowc.js watch ...args` in `cwd`; resolves once its URL (the first line) is out. */
export function startWatch(cwd, args) {
  const child = spawn(process.execPath, [join(repo, 'bin/flowc.js'), 'watch', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c.toString()));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`flowc watch did not start: ${stderr}`)),
      30000,
    );
    child.on('exit', (code) => reject(new Error(`flowc watch exited ${code}: ${stderr}`)));
    child.stdout.on('data', (c) => {
      stdout += c.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      const url = stdout.slice(0, newline);
      resolve({
        url,
        port: Number(new URL(url).port),
        child,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGINT');
          return exited;
        },
      });
    });
  });
}
