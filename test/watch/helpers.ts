/**
 * Helpers for the watch server's tests: temporary trees, raw HTTP requests (paths sent exactly as
 * written), and a server-sent-events reader that waits for the state a test expects.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileState, IndexState } from '../../src/watch/protocol.js';

export const SAMPLES = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../samples',
);
export const CQRS = fs.readFileSync(path.join(SAMPLES, 'cqrs.flow'), 'utf8');

export const SMALL = [
  's: circle label:"Start"',
  'w: rectangle label:"Work"',
  'e: circle label:"End"',
  's -> w',
  'w -> e',
  '',
].join('\n');

/** SMALL with the step's label changed. */
export const small = (label: string): string => SMALL.replace('"Work"', JSON.stringify(label));

export interface Tree {
  dir: string;
  file(name: string): string;
  write(name: string, text: string): void;
  cleanup(): void;
}

export function tempTree(files: Record<string, string>): Tree {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-watch-')));
  const tree: Tree = {
    dir,
    file: (name) => path.join(dir, name),
    write: (name, text) => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  for (const [name, text] of Object.entries(files)) tree.write(name, text);
  return tree;
}

/** Saves like vim or JetBrains' "safe write": a new file renamed over the old one. */
export function renameSave(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET with the path sent as written (no URL normalisation), and any Host header. */
export function get(
  port: number,
  rawPath: string,
  options: { host?: string; address?: string; method?: string } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.address ?? '127.0.0.1',
        port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Reads a server-sent-events stream; `next` waits for an event that satisfies a predicate. */
export class EventReader<T> {
  readonly events: T[] = [];
  private buffer = '';
  private waiters: Array<{ test: (e: T) => boolean; resolve: (e: T) => void }> = [];
  private req: http.ClientRequest;
  private from = 0;

  constructor(port: number, query: string, eventName: string) {
    this.req = http.get(
      { host: '127.0.0.1', port, path: `/_flowc/events?${query}`, agent: false },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          this.buffer += chunk;
          for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
            const block = this.buffer.slice(0, end);
            this.buffer = this.buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (name === eventName && data !== undefined) this.push(JSON.parse(data) as T);
          }
        });
      },
    );
    this.req.on('error', () => undefined);
  }

  private push(event: T): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(event)) return true;
      w.resolve(event);
      return false;
    });
  }

  /** The first event from now on (or already received since the last `next`) that passes `test`. */
  next(test: (e: T) => boolean = () => true, timeoutMs = 15000): Promise<T> {
    const found = this.events.slice(this.from).find(test);
    if (found !== undefined) {
      this.from = this.events.indexOf(found) + 1;
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `no matching event within ${timeoutMs} ms; last: ${JSON.stringify(this.events.at(-1))?.slice(0, 400)}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push({
        test,
        resolve: (e) => {
          clearTimeout(timer);
          this.from = this.events.indexOf(e) + 1;
          resolve(e);
        },
      });
    });
  }

  close(): void {
    this.req.destroy();
  }
}

export const fileEvents = (port: number, filePath: string, theme = 'light') =>
  new EventReader<FileState>(
    port,
    new URLSearchParams({ path: filePath, theme }).toString(),
    'state',
  );
export const indexEvents = (port: number) => new EventReader<IndexState>(port, 'index', 'index');

/** The text lines drawn in an SVG (labels, titles). */
export function svgTexts(svg: string | null): string[] {
  return [...(svg ?? '').matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** IPv4 addresses of this machine's other interfaces (not loopback). */
export function nonLoopbackAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter(
      (a): a is os.NetworkInterfaceInfo => a !== undefined && !a.internal && a.family === 'IPv4',
    )
    .map((a) => a.address);
}

/** Whether a TCP connection to address:port is accepted. */
export function connects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: address, port, path: '/', agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.on('error', () => resolve(false));
  });
}
