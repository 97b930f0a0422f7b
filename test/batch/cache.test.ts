/**
 * The batch cache under concurrent writers (src/batch/cache.ts, src/files/lock.ts): two runs
 * saving into one output folder at the same moment keep each other's entries, and a lock left by
 * a killed run never blocks the next one.
 */
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { CACHE_LOCK_FILE, RenderCache, type CacheEntry } from '../../src/batch/cache.js';
import { CACHE_FILE } from '../../src/batch/index.js';
import { nodeFileSystem, type FileSystem } from '../../src/files/fs.js';
import { tempDir } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = (n: number): CacheEntry => ({ hash: `h${n}`, outputs: [`f${n}.svg`] });

function savedKeys(): string[] {
  const saved = JSON.parse(fs.readFileSync(path.join(dir, CACHE_FILE), 'utf8')) as {
    entries: Record<string, CacheEntry>;
  };
  return Object.keys(saved.entries).sort();
}

/**
 * A file system on which each reader of the cache file waits (up to `ms`) until `readers` of them
 * have read it: without a lock, every saver reads the same old file, and the last rename wins.
 */
function meetingReads(readers: number, ms = 150): FileSystem {
  let arrived = 0;
  let release: () => void = () => undefined;
  const met = new Promise<void>((resolve) => (release = resolve));
  return {
    ...nodeFileSystem,
    readFile: async (file, maxBytes) => {
      const bytes = await nodeFileSystem.readFile(file, maxBytes);
      if (path.basename(file) === CACHE_FILE) {
        if (++arrived >= readers) release();
        await Promise.race([met, new Promise((resolve) => setTimeout(resolve, ms))]);
      }
      return bytes;
    },
  };
}

test('savers that read the cache at the same moment keep every entry', async () => {
  const seed = await RenderCache.load(nodeFileSystem, dir);
  seed.set('seed.flow', entry(0));
  await seed.save();

  const files = meetingReads(3);
  const caches = await Promise.all([1, 2, 3].map(() => RenderCache.load(files, dir)));
  caches.forEach((cache, i) => {
    for (let n = 0; n < 4; n++) cache.set(`run${i}/f${n}.flow`, entry(n));
  });
  await Promise.all(caches.map((cache) => cache.save()));

  expect(savedKeys()).toEqual([
    'run0/f0.flow',
    'run0/f1.flow',
    'run0/f2.flow',
    'run0/f3.flow',
    'run1/f0.flow',
    'run1/f1.flow',
    'run1/f2.flow',
    'run1/f3.flow',
    'run2/f0.flow',
    'run2/f1.flow',
    'run2/f2.flow',
    'run2/f3.flow',
    'seed.flow',
  ]);
  expect(fs.existsSync(path.join(dir, CACHE_LOCK_FILE))).toBe(false);
});

test("a lock left by a process that no longer runs is broken; a live holder's is waited for", async () => {
  const lock = path.join(dir, CACHE_LOCK_FILE);
  const cache = await RenderCache.load(nodeFileSystem, dir, { isRunning: () => false });
  fs.writeFileSync(lock, `999999 ${hostname()}\n`);
  cache.set('a.flow', entry(1));
  await cache.save();
  expect(savedKeys()).toEqual(['a.flow']);
  expect(fs.existsSync(lock)).toBe(false);

  // Held by this (running) process: the save waits, then says who holds it; nothing is written.
  fs.writeFileSync(lock, `${process.pid} ${hostname()}\n`);
  const blocked = await RenderCache.load(nodeFileSystem, dir, { waitMs: 60 });
  blocked.set('b.flow', entry(2));
  await expect(blocked.save()).rejects.toThrow(
    `locked by process ${process.pid} on ${hostname()} for too long`,
  );
  expect(savedKeys()).toEqual(['a.flow']);
  // Released: the entry was kept for the next save.
  fs.unlinkSync(lock);
  await blocked.save();
  expect(savedKeys()).toEqual(['a.flow', 'b.flow']);
});

test('a lock older than the stale age is broken whoever wrote it', async () => {
  const lock = path.join(dir, CACHE_LOCK_FILE);
  fs.writeFileSync(lock, '1 some-other-machine\n');
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(lock, old, old);
  const cache = await RenderCache.load(nodeFileSystem, dir, { waitMs: 10_000 });
  cache.set('a.flow', entry(1));
  await cache.save();
  expect(savedKeys()).toEqual(['a.flow']);
});

test('an entry keyed like an Object.prototype property is saved and read back as an entry', async () => {
  const cache = await RenderCache.load(nodeFileSystem, dir);
  for (const key of ['__proto__', 'constructor', 'toString']) cache.set(key, entry(1));
  await cache.save();
  expect(savedKeys()).toEqual(['__proto__', 'constructor', 'toString']);
  const again = await RenderCache.load(nodeFileSystem, dir);
  for (const key of ['__proto__', 'constructor', 'toString'])
    expect(again.get(key)).toEqual(entry(1));
  again.set('other.flow', entry(2));
  await again.save();
  expect(savedKeys()).toEqual(['__proto__', 'constructor', 'other.flow', 'toString']);
});
