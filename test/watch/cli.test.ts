/**
 * `flowc watch` as a command: the URL as the first line of stdout, messages on stderr, usage
 * errors, --open (through $BROWSER), and the real executable stopped by Ctrl-C (SIGINT).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { runWatch } from '../../src/cli/watch.js';
import { UsageError } from '../../src/cli/errors.js';
import type { Io } from '../../src/cli/io.js';
import { nodeFileSystem } from '../../src/files/fs.js';
import { browserCommand } from '../../src/watch/open.js';
import { REPO } from '../cli/helpers.js';
import { run } from '../cli/helpers.js';
import { connects, CQRS, fileEvents, get, SMALL, tempTree, type Tree } from './helpers.js';
import { turnedMessage } from '../../src/compile.js';

let tree: Tree;
afterEach(() => tree?.cleanup());

function fakeIo(cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    cwd,
    env,
    stdout: { write: (c) => void out.push(String(c)), isTTY: false },
    stderr: { write: (c) => void err.push(String(c)), isTTY: false },
    readStdin: async () => Buffer.alloc(0),
    fs: nodeFileSystem,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('flowc watch (in process)', () => {
  test('prints the URL first on stdout, serves until stopped, then frees the port', async () => {
    tree = tempTree({ 'docs/a.flow': SMALL, 'docs/b.flow': SMALL });
    const { io, stdout, stderr } = fakeIo(tree.dir);
    const stop = new AbortController();
    let url = '';
    const done = runWatch('docs', { config: false }, io, {
      signal: stop.signal,
      started: (u) => (url = u),
    });
    await waitFor(() => url !== '');
    expect(stdout()).toBe(`${url}\n`);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stderr()).toContain('flowc: watching docs (2 diagram files); press Ctrl-C to stop');
    const port = Number(new URL(url).port);
    expect((await get(port, '/view/a.flow')).status).toBe(200);
    stop.abort();
    expect(await done).toBe(0);
    expect(stderr()).toMatch(/flowc: stopped\n$/);
    expect(await connects('127.0.0.1', port)).toBe(false);
  });

  test('--port N is used; a port in use is a usage error (exit 2)', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const { io } = fakeIo(tree.dir);
      await expect(runWatch('a.flow', { port: busy }, io)).rejects.toThrow(
        new UsageError(
          `port ${busy} is in use: choose another --port, or leave it out for a free one`,
        ),
      );
      const r = await run(['watch', 'a.flow', '--port', String(busy)], { cwd: tree.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`port ${busy} is in use`);
    } finally {
      blocker.close();
    }
    await new Promise<void>((resolve) => blocker.on('close', resolve));
    // The port is free now: --port uses it.
    const { io, stdout } = fakeIo(tree.dir);
    const stop = new AbortController();
    let url = '';
    const done = runWatch('a.flow', { port: busy }, io, {
      signal: stop.signal,
      started: (u) => (url = u),
    });
    await waitFor(() => url !== '');
    expect(stdout()).toBe(`http://127.0.0.1:${busy}/\n`);
    stop.abort();
    expect(await done).toBe(0);
  });

  test.each([
    [{}, [turnedMessage('TB', 'LR')]],
    [{ layout: 'layered' as const }, []],
  ])('--direction TB with %o: the page says when the lanes are turned', async (more, notices) => {
    tree = tempTree({ 'cqrs.flow': CQRS });
    const { io } = fakeIo(tree.dir);
    const stop = new AbortController();
    let url = '';
    const done = runWatch('cqrs.flow', { config: false, direction: 'TB', ...more }, io, {
      signal: stop.signal,
      started: (u) => (url = u),
    });
    await waitFor(() => url !== '');
    const events = fileEvents(Number(new URL(url).port), 'cqrs.flow');
    try {
      const state = await events.next((s) => s.diagrams[0]?.current === true);
      expect(state.diagrams[0]!.notices).toEqual(notices);
    } finally {
      events.close();
      stop.abort();
    }
    expect(await done).toBe(0);
  });

  test('a bad --layout is a usage error naming the choices', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const bad = await run(['watch', 'a.flow', '--layout', 'grid'], { cwd: tree.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('layered');
  });

  test('a missing path and a bad --port are usage errors', async () => {
    tree = tempTree({});
    const missing = await run(['watch', 'nope.flow'], { cwd: tree.dir });
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'flowc: nope.flow: no such file or folder\n',
    });
    const bad = await run(['watch', '.', '--port', '70000'], { cwd: tree.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a port number');
  });

  test('--open starts $BROWSER with the URL', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const opened = path.join(tree.dir, 'opened.txt');
    const browser = path.join(tree.dir, 'browser.sh');
    fs.writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
    const { io } = fakeIo(tree.dir, { BROWSER: browser });
    const stop = new AbortController();
    let url = '';
    const done = runWatch('a.flow', { open: true }, io, {
      signal: stop.signal,
      started: (u) => (url = u),
    });
    await waitFor(() => fs.existsSync(opened) && fs.readFileSync(opened, 'utf8') !== '');
    expect(fs.readFileSync(opened, 'utf8')).toBe(url);
    stop.abort();
    expect(await done).toBe(0);
  });

  test('--open without a usable browser says so and keeps serving', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const { io, stderr } = fakeIo(tree.dir, { BROWSER: '/nonexistent/browser' });
    const stop = new AbortController();
    const done = runWatch('a.flow', { open: true }, io, { signal: stop.signal });
    await waitFor(() => stderr().includes('could not open a browser'));
    expect(stderr()).toContain(
      'flowc: could not open a browser (/nonexistent/browser was not found): open http://127.0.0.1:',
    );
    stop.abort();
    expect(await done).toBe(0);
  });
});

describe('browserCommand', () => {
  test('$BROWSER, with %s or the URL appended; none; the platform opener otherwise', () => {
    const url = 'http://127.0.0.1:1/';
    expect(browserCommand(url, { BROWSER: 'firefox --new-tab' })).toEqual({
      command: 'firefox',
      args: ['--new-tab', url],
    });
    expect(browserCommand(url, { BROWSER: 'open -a Safari %s' })).toEqual({
      command: 'open',
      args: ['-a', 'Safari', url],
    });
    expect(browserCommand(url, { BROWSER: 'none' })).toBeNull();
    expect(browserCommand(url, {}, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand(url, {}, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, {}, 'win32')?.command).toBe('cmd');
  });
});

describe('the real executable', () => {
  test('Ctrl-C (SIGINT) stops it cleanly: exit code 0, "stopped", the port closed', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const child = spawn(process.execPath, [path.join(REPO, 'bin/flowc.js'), 'watch', 'a.flow'], {
      cwd: tree.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await waitFor(() => stdout.includes('\n'), 20000);
    const url = stdout.split('\n')[0]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = Number(new URL(url).port);
    expect((await get(port, '/')).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('flowc: stopped');
    expect(stderr).not.toMatch(/error|Error/);
    expect(await connects('127.0.0.1', port)).toBe(false);
  });
});

async function waitFor(test: () => boolean, timeoutMs = 10000): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
