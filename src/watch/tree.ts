/**
 * The files `flowc watch` follows, and the file-system events that concern them.
 *
 * Folders are watched, never files: an editor that saves by writing a new file and renaming it
 * over the old one (vim, JetBrains' "safe write") replaces the file's inode, which a watch on the
 * file itself would lose. Every folder of the tree has its own (non-recursive) watcher, so new
 * folders are picked up as they appear. Events are gathered until the tree has been quiet for
 * `quietMs` (a burst of saves is one change), but never held longer than `maxWaitMs`. A stat poll of
 * the files pages are showing catches what a file system does not report (network mounts).
 *
 * A folder is listed as `flowc lint` lists it (src/files/discover.ts: `.flow` files, Markdown files
 * with a flow fence, the configuration's ignore globs), keeping only files whose real path is
 * inside the root's: a symbolic link never brings in a file from outside the watched folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, type IgnoreRules } from '../files/discover.js';
import { nodeFileSystem } from '../files/fs.js';

export interface TreeOptions {
  /** Absolute path of the watched file or folder. */
  root: string;
  ignore?: IgnoreRules;
  /** Quiet time that ends a burst of events (default 20 ms). */
  quietMs?: number;
  /** Longest an event waits while events keep coming (default 200 ms). */
  maxWaitMs?: number;
  /** Stat poll interval for the files pages show (default 1000 ms; 0: none). */
  pollMs?: number;
  /** Files whose content may have changed (or that appeared or disappeared). */
  onChange(files: readonly string[]): void;
  /** The list of files changed (a file appeared or disappeared). */
  onList(files: readonly string[]): void;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export class SourceTree {
  /** The watched files, absolute, sorted. */
  files: string[] = [];
  readonly single: boolean;
  private rootReal = '';
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly dirty = new Set<string>();
  private rescan = false;
  private quietTimer: NodeJS.Timeout | null = null;
  private maxTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private polled = new Map<string, string>();
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly options: TreeOptions,
    single: boolean,
  ) {
    this.single = single;
  }

  /** Lists the files and starts watching. Throws when the root cannot be read. */
  static async open(options: TreeOptions): Promise<SourceTree> {
    const stats = fs.statSync(options.root);
    const tree = new SourceTree(options, !stats.isDirectory());
    tree.rootReal = fs.realpathSync.native(
      stats.isDirectory() ? options.root : path.dirname(options.root),
    );
    if (tree.single) {
      tree.files = [options.root];
      tree.watch(path.dirname(options.root));
    } else {
      await tree.scan();
    }
    const pollMs = options.pollMs ?? 1000;
    if (pollMs > 0) {
      tree.pollTimer = setInterval(() => tree.poll(), pollMs);
      tree.pollTimer.unref();
    }
    return tree;
  }

  /** The files whose stat is polled (those some page shows). */
  setPolled(files: Iterable<string>): void {
    const next = new Map<string, string>();
    for (const file of files) next.set(file, this.polled.get(file) ?? statSignature(file));
    this.polled = next;
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    for (const timer of [this.quietTimer, this.maxTimer]) if (timer) clearTimeout(timer);
    if (this.pollTimer) clearInterval(this.pollTimer);
  }

  /** Resolves once every event seen so far has been handled (tests). */
  async settled(): Promise<void> {
    await this.flushing;
  }

  private watch(dir: string): void {
    if (this.watchers.has(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, { persistent: false }, (_event, name) => this.event(dir, name));
    } catch {
      return; // gone already, or unreadable: the next scan sees it
    }
    watcher.on('error', () => {
      watcher.close();
      this.watchers.delete(dir);
      this.rescan = true;
      this.schedule();
    });
    this.watchers.set(dir, watcher);
  }

  private event(dir: string, name: string | Buffer | null): void {
    if (this.closed) return;
    if (name === null) {
      this.rescan = !this.single;
      for (const file of this.files) if (path.dirname(file) === dir) this.dirty.add(file);
    } else {
      const file = path.join(dir, name.toString());
      if (this.single) {
        if (file !== this.options.root) return;
        this.dirty.add(file);
      } else if (this.files.includes(file)) {
        this.dirty.add(file);
        // A known file removed, or replaced by a rename: the list may change too.
        if (!fs.existsSync(file)) this.rescan = true;
      } else {
        this.rescan = true; // a new file or folder, or an editor's temporary file
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.flush(), this.options.quietMs ?? 20);
    this.maxTimer ??= setTimeout(() => this.flush(), this.options.maxWaitMs ?? 200);
  }

  private flush(): void {
    for (const timer of [this.quietTimer, this.maxTimer]) if (timer) clearTimeout(timer);
    this.quietTimer = this.maxTimer = null;
    this.flushing = this.flushing.then(() => this.handle());
  }

  private async handle(): Promise<void> {
    if (this.closed) return;
    const changed = new Set(this.dirty);
    this.dirty.clear();
    if (this.rescan) {
      this.rescan = false;
      const before = new Set(this.files);
      await this.scan();
      const after = new Set(this.files);
      const added = this.files.filter((f) => !before.has(f));
      const removed = [...before].filter((f) => !after.has(f));
      for (const file of [...added, ...removed]) changed.add(file);
      if (added.length > 0 || removed.length > 0) this.options.onList(this.files);
    }
    if (changed.size > 0 && !this.closed) this.options.onChange([...changed].sort());
  }

  private async scan(): Promise<void> {
    const root = this.options.root;
    const folders: string[] = [];
    walkFolders(root, this.rootReal, folders, new Set());
    for (const folder of folders) this.watch(folder);
    for (const [folder, watcher] of this.watchers) {
      if (!folders.includes(folder)) {
        watcher.close();
        this.watchers.delete(folder);
      }
    }
    const discovery = await discoverFiles([root], {
      markdown: true,
      cwd: root,
      fs: nodeFileSystem,
      ignore: this.options.ignore,
    });
    this.files = discovery.files.filter((file) => this.inside(file)).sort();
  }

  /** Whether a file's real path is inside the root's. */
  private inside(file: string): boolean {
    let real: string;
    try {
      real = fs.realpathSync.native(file);
    } catch {
      return false;
    }
    return real === this.rootReal || real.startsWith(this.rootReal + path.sep);
  }

  private poll(): void {
    let changed = false;
    for (const [file, before] of this.polled) {
      const now = statSignature(file);
      if (now === before) continue;
      this.polled.set(file, now);
      this.dirty.add(file);
      changed = true;
    }
    if (changed) this.schedule();
  }
}

/** Size, modification time and inode: what a save changes. */
function statSignature(file: string): string {
  try {
    const stats = fs.statSync(file);
    return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
  } catch {
    return 'missing';
  }
}

/** Every folder of the tree (symbolic links followed only while they stay inside the root). */
function walkFolders(dir: string, rootReal: string, found: string[], visited: Set<string>): void {
  let real: string;
  let entries: fs.Dirent[];
  try {
    real = fs.realpathSync.native(dir);
    if (visited.has(real)) return;
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return;
    visited.add(real);
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  found.push(dir);
  for (const entry of entries) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walkFolders(full, rootReal, found, visited);
    else if (entry.isSymbolicLink()) {
      try {
        if (fs.statSync(full).isDirectory()) walkFolders(full, rootReal, found, visited);
      } catch {
        // a dangling link
      }
    }
  }
}
