/**
 * `flowc watch`'s server: a page per watched file that redraws on every save (server-sent events),
 * and for a folder an index of its diagrams.
 *
 * What it serves is a fixed set of routes over a table of the watched files: a URL names a file by
 * its path below the root, looked up in that table, never joined to a folder on disk, so no request
 * reaches a file outside the root or lists a folder (anything else is 404). It listens on
 * 127.0.0.1 only, and answers only requests addressed to 127.0.0.1 or localhost (a web page
 * elsewhere cannot reach it through DNS rebinding). Pages load nothing from other hosts: they work
 * offline, and their Content-Security-Policy says so.
 *
 *   GET /                         the index (a folder), or the file's page (a file)
 *   GET /view/<path>              a file's page
 *   GET /_flowc/events?path=P&theme=T   its state as it changes (text/event-stream)
 *   GET /_flowc/events?index      the index as it changes
 *   GET /_flowc/state?path=P&theme=T    its state now (JSON)
 *   GET /_flowc/download?path=P&key=K&format=svg|png&theme=T
 *   GET /_flowc/app.js, app.css, icon.svg
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { RenderOptions } from '../compile.js';
import type { RuleSeverity } from '../config/index.js';
import type { IgnoreRules } from '../files/discover.js';
import { isMarkdownPath } from '../files/markdown.js';
import { distScript } from '../util/package.js';
import { indexPage, notFoundPage, viewPage } from './pages.js';
import type { FileState, IndexEntry, IndexState, PageTheme } from './protocol.js';
import { SourceTree } from './tree.js';
import { checkFile, FileView, type ViewOptions } from './view.js';

export const HOST = '127.0.0.1';

export interface WatchOptions {
  /** Absolute path of the watched file or folder. */
  root: string;
  /** The root as the user named it (page titles, messages). */
  shownRoot: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** The page's theme; `auto` follows the browser and lets the page switch. */
  theme?: 'light' | 'dark' | 'auto';
  render?: Pick<RenderOptions, 'direction' | 'layout' | 'edges'>;
  rules?: Record<string, RuleSeverity>;
  ignore?: IgnoreRules;
  /** A line for the terminal: a file drawn, an error found. */
  log?: (line: string) => void;
  /** File-event timing (tests); see SourceTree. */
  quietMs?: number;
  pollMs?: number;
}

export interface WatchServer {
  url: string;
  port: number;
  /** How many files are watched. */
  files(): number;
  /** Stops watching, ends every page's connection, closes the server. */
  close(): Promise<void>;
}

/** A file that disappears is given this long to come back (a save by rename) before the page says so. */
const GONE_GRACE_MS = 150;
/** A file that becomes empty is read again after this long (an editor truncates, then writes). */
const EMPTY_GRACE_MS = 150;
const KEEPALIVE_MS = 20_000;

interface Client {
  res: http.ServerResponse;
  theme: PageTheme;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use`);
  }
}

export async function startWatchServer(options: WatchOptions): Promise<WatchServer> {
  const server = new Watcher(options);
  await server.start();
  return server;
}

class Watcher implements WatchServer {
  url = '';
  port = 0;
  private readonly http: http.Server;
  private tree!: SourceTree;
  private readonly views = new Map<string, FileView>();
  private readonly index = new Map<string, IndexEntry>();
  private readonly clients = new Map<FileView, Set<Client>>();
  private readonly indexClients = new Set<http.ServerResponse>();
  private readonly refreshing = new Map<FileView, Promise<void>>();
  private readonly queued = new Set<FileView>();
  private readonly viewOptions: ViewOptions;
  private keepalive: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: WatchOptions) {
    this.viewOptions = { render: options.render ?? {}, rules: options.rules ?? {} };
    this.http = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
        else res.end();
        this.log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  }

  files(): number {
    return this.tree.files.length;
  }

  async start(): Promise<void> {
    this.tree = await SourceTree.open({
      root: this.options.root,
      ignore: this.options.ignore,
      quietMs: this.options.quietMs,
      pollMs: this.options.pollMs,
      onChange: (files) => this.changed(files),
      onList: () => this.listChanged(),
    });
    for (const file of this.tree.files) this.viewOf(file);
    await Promise.all([...this.views.values()].map((view) => this.read(view)));
    await this.listen();
    this.keepalive = setInterval(() => this.ping(), KEEPALIVE_MS);
    this.keepalive.unref();
    void this.checkAll();
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        this.tree.close();
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(this.options.port ?? 0) : error);
      };
      this.http.once('error', onError);
      this.http.listen({ host: HOST, port: this.options.port ?? 0, exclusive: true }, () => {
        this.http.off('error', onError);
        this.port = (this.http.address() as AddressInfo).port;
        this.url = `http://${HOST}:${this.port}/`;
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.tree.close();
    if (this.keepalive) clearInterval(this.keepalive);
    for (const clients of this.clients.values()) for (const c of clients) c.res.end();
    for (const res of this.indexClients) res.end();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  // ---- files ------------------------------------------------------------------------------

  /** The path of a file below the root, `/`-separated: its name in URLs. */
  private pathOf(file: string): string {
    if (this.tree.single) return path.basename(file);
    return path.relative(this.options.root, file).split(path.sep).join('/');
  }

  private viewOf(file: string): FileView {
    const key = this.pathOf(file);
    let view = this.views.get(key);
    if (view === undefined) {
      view = new FileView(file, key, isMarkdownPath(file) ? 'markdown' : 'flow', this.viewOptions);
      this.views.set(key, view);
    }
    return view;
  }

  private changed(files: readonly string[]): void {
    const listed = new Set(this.tree.files);
    for (const file of files) {
      const view = this.views.get(this.pathOf(file));
      if (view !== undefined) this.refresh(view);
      else if (listed.has(file)) this.refresh(this.viewOf(file));
    }
  }

  private listChanged(): void {
    const listed = new Set(this.tree.files.map((f) => this.pathOf(f)));
    for (const file of this.tree.files) this.viewOf(file);
    for (const [key, view] of this.views) {
      // A removed file's page stays while someone looks at it (it may come back).
      if (!listed.has(key) && (this.clients.get(view)?.size ?? 0) === 0) {
        this.views.delete(key);
        this.index.delete(key);
      }
    }
    this.pushIndex();
  }

  /** Reads a file again and, if its text changed, redraws it for every page showing it. */
  private refresh(view: FileView): void {
    if (this.queued.has(view)) return;
    this.queued.add(view);
    const previous = this.refreshing.get(view) ?? Promise.resolve();
    const next = previous.then(async () => {
      this.queued.delete(view);
      if (this.closed) return;
      const before = view.version;
      await this.read(view);
      if (view.version === before) return;
      await this.showChange(view);
    });
    this.refreshing.set(view, next);
  }

  private async read(view: FileView): Promise<void> {
    let read = readText(view.file);
    if ('missing' in read && view.text !== null) {
      await delay(GONE_GRACE_MS);
      read = readText(view.file);
    }
    if ('text' in read && read.text === '' && view.text) {
      await delay(EMPTY_GRACE_MS);
      read = readText(view.file);
    }
    if ('text' in read) {
      if (read.text !== view.text || view.problem !== null) view.setText(read.text);
      return;
    }
    const problem =
      'missing' in read
        ? `${view.path} was removed: waiting for it to come back`
        : `${view.path} cannot be read: ${read.problem}`;
    if (view.problem !== problem) view.setText(null, problem);
  }

  private async showChange(view: FileView): Promise<void> {
    const themes = new Set([...(this.clients.get(view) ?? [])].map((c) => c.theme));
    for (const theme of themes) {
      await view.draw(theme);
      this.push(view, theme);
    }
    await this.updateEntry(view);
    const counts = view.counts();
    if (view.problem !== null) this.log(view.problem);
    else if (counts !== null)
      this.log(
        `${view.path}: ${describeCounts(counts)}${themes.size > 0 ? ` (drawn in ${view.renderMs.toFixed(0)} ms)` : ''}`,
      );
  }

  private async updateEntry(view: FileView): Promise<void> {
    let counts: { errors: number; warnings: number; blocks: number } | null;
    if (view.text === null) counts = { errors: 0, warnings: 0, blocks: 0 };
    // A file a page shows was just drawn: its diagnostics are known, no second parse.
    else counts = view.counts() ?? (await checkFile(view.kind, view.text, this.viewOptions));
    this.index.set(view.path, {
      path: view.path,
      kind: view.kind,
      ...counts,
      problem: view.problem,
    });
    this.pushIndex();
  }

  /** The index's counts, file by file, after the server is up. */
  private async checkAll(): Promise<void> {
    for (const view of [...this.views.values()]) {
      if (this.closed) return;
      if (!this.index.has(view.path)) await this.updateEntry(view);
      await delay(0);
    }
  }

  // ---- pages and events --------------------------------------------------------------------

  private push(view: FileView, theme: PageTheme): void {
    const clients = [...(this.clients.get(view) ?? [])].filter((c) => c.theme === theme);
    if (clients.length === 0) return;
    const message = event('state', view.state(theme));
    for (const client of clients) client.res.write(message);
  }

  private indexState(): IndexState {
    const entries = [...this.views.values()]
      .filter((view) => this.tree.files.includes(view.file))
      .map(
        (view) =>
          this.index.get(view.path) ?? {
            path: view.path,
            kind: view.kind,
            errors: 0,
            warnings: 0,
            blocks: 0,
            problem: null,
          },
      )
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { root: this.options.shownRoot, entries };
  }

  private pushIndex(): void {
    if (this.indexClients.size === 0) return;
    const message = event('index', this.indexState());
    for (const res of this.indexClients) res.write(message);
  }

  private ping(): void {
    for (const clients of this.clients.values()) for (const c of clients) c.res.write(': ping\n\n');
    for (const res of this.indexClients) res.write(': ping\n\n');
  }

  private pollViewed(): void {
    const files = [...this.clients].filter(([, c]) => c.size > 0).map(([view]) => view.file);
    this.tree.setPolled(files);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!this.hostAllowed(req.headers.host)) {
      send(res, 403, 'text/plain', 'flowc watch answers only requests to 127.0.0.1 or localhost\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'text/plain', 'method not allowed\n');
      return;
    }
    const raw = req.url ?? '/';
    const query = raw.indexOf('?');
    const segments = pathSegments(query < 0 ? raw : raw.slice(0, query));
    const params = new URLSearchParams(query < 0 ? '' : raw.slice(query + 1));
    if (segments === null) return this.notFound(res);
    const [first, ...rest] = segments;
    if (first === undefined) {
      if (this.tree.single) return this.page(res, this.views.values().next().value ?? null);
      send(res, 200, 'text/html', indexPage(this.options.shownRoot, this.theme()));
      return;
    }
    if (first === 'view') return this.page(res, this.views.get(rest.join('/')) ?? null);
    if (first === '_flowc' && rest.length === 1) {
      switch (rest[0]) {
        case 'app.js':
          return this.asset(res, 'app.js', 'text/javascript');
        case 'app.css':
          return this.asset(res, 'app.css', 'text/css');
        case 'icon.svg':
          return send(res, 200, 'image/svg+xml', ICON);
        case 'events':
          return this.events(req, res, params);
        case 'state':
          return this.stateJson(res, params);
        case 'download':
          return this.download(res, params);
      }
    }
    this.notFound(res);
  }

  private hostAllowed(host: string | undefined): boolean {
    return host === `${HOST}:${this.port}` || host === `localhost:${this.port}`;
  }

  private theme(): 'light' | 'dark' | 'auto' {
    return this.options.theme ?? 'auto';
  }

  private notFound(res: http.ServerResponse): void {
    send(res, 404, 'text/html', notFoundPage(this.tree.single ? null : '/'));
  }

  private page(res: http.ServerResponse, view: FileView | null): void {
    if (view === null) return this.notFound(res);
    send(
      res,
      200,
      'text/html',
      viewPage({
        path: view.path,
        kind: view.kind,
        theme: this.theme(),
        indexUrl: this.tree.single ? null : '/',
      }),
    );
  }

  private asset(res: http.ServerResponse, name: string, type: string): void {
    const file = distScript(`watch/${name}`);
    if (file === null) {
      send(res, 500, 'text/plain', `dist/watch/${name} is missing: run npm run build\n`);
      return;
    }
    send(res, 200, type, fs.readFileSync(file));
  }

  private requested(params: URLSearchParams): { view: FileView; theme: PageTheme } | null {
    const view = this.views.get(params.get('path') ?? '');
    const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
    return view === undefined ? null : { view, theme };
  }

  private events(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    params: URLSearchParams,
  ): void {
    const open = (): void => {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write('retry: 1000\n\n');
    };
    if (params.has('index')) {
      open();
      this.indexClients.add(res);
      res.write(event('index', this.indexState()));
      req.on('close', () => this.indexClients.delete(res));
      return;
    }
    const wanted = this.requested(params);
    if (wanted === null) return this.notFound(res);
    open();
    const client: Client = { res, theme: wanted.theme };
    let clients = this.clients.get(wanted.view);
    if (clients === undefined) this.clients.set(wanted.view, (clients = new Set()));
    clients.add(client);
    this.pollViewed();
    req.on('close', () => {
      clients.delete(client);
      this.pollViewed();
    });
    void wanted.view.draw(wanted.theme).then(() => {
      if (!res.writableEnded) res.write(event('state', wanted.view.state(wanted.theme)));
    });
  }

  private async stateJson(res: http.ServerResponse, params: URLSearchParams): Promise<void> {
    const wanted = this.requested(params);
    if (wanted === null) return this.notFound(res);
    await wanted.view.draw(wanted.theme);
    const state: FileState = wanted.view.state(wanted.theme);
    send(res, 200, 'application/json', JSON.stringify(state));
  }

  private async download(res: http.ServerResponse, params: URLSearchParams): Promise<void> {
    const wanted = this.requested(params);
    const format = params.get('format');
    if (wanted === null || (format !== 'svg' && format !== 'png')) return this.notFound(res);
    await wanted.view.draw(wanted.theme);
    const picture = wanted.view.picture(wanted.theme, params.get('key') ?? 'main');
    if (picture === null) return this.notFound(res);
    const name = `${picture.name.replace(/[^\w.-]+/g, '_')}.${format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'svg') return send(res, 200, 'image/svg+xml', picture.svg);
    const { emitPng } = await import('../emit/png.js');
    send(res, 200, 'image/png', await emitPng(picture.svg, { scale: 2 }));
  }
}

// ---- helpers --------------------------------------------------------------------------------

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // Scripts and styles from this server only; inline SVG carries its own <style> (a theme's colours).
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type':
      type.includes('charset') || type.startsWith('image/png') ? type : `${type}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A URL path's segments, decoded; null for anything that is not a plain path below `/`: a `.` or
 * `..` segment (raw or encoded), a backslash, a NUL, an empty segment, bad percent-encoding.
 */
export function pathSegments(raw: string): string[] | null {
  if (!raw.startsWith('/')) return null;
  const parts = raw.slice(1).split('/');
  if (parts.length === 1 && parts[0] === '') return [];
  const segments: string[] = [];
  for (const part of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (decoded === '' || decoded === '.' || decoded === '..') return null;
    if (/[\\/\0]/.test(decoded)) return null;
    segments.push(decoded);
  }
  return segments;
}

type Read = { text: string } | { missing: true } | { problem: string };

function readText(file: string): Read {
  try {
    const stats = fs.statSync(file);
    if (!stats.isFile()) return { problem: 'not a regular file' };
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { problem: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code) };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeCounts({ errors, warnings }: { errors: number; warnings: number }): string {
  if (errors === 0 && warnings === 0) return 'ok';
  const parts = [];
  if (errors > 0) parts.push(errors === 1 ? '1 error' : `${errors} errors`);
  if (warnings > 0) parts.push(warnings === 1 ? '1 warning' : `${warnings} warnings`);
  return parts.join(', ');
}

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4a72d6"/><circle cx="9" cy="16" r="4" fill="#fff"/><rect x="15" y="11" width="11" height="10" rx="2.5" fill="#fff"/><path d="M13 16h2" stroke="#fff" stroke-width="2"/></svg>`;
