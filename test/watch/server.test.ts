/**
 * The watch server without a browser: what it serves (and refuses), the states its events carry
 * as files are edited, saved by rename, truncated, saved in bursts, removed and added, and
 * downloads. The same behaviour is then shown in Chromium by browser.test.ts.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { startWatchServer, pathSegments, PortInUseError } from '../../src/watch/server.js';
import type { WatchOptions, WatchServer } from '../../src/watch/server.js';
import type { FileState } from '../../src/watch/protocol.js';
import { turnedMessage } from '../../src/compile.js';
import {
  connects,
  CQRS,
  fileEvents,
  get,
  indexEvents,
  nonLoopbackAddresses,
  renameSave,
  sleep,
  small,
  SMALL,
  svgTexts,
  tempTree,
  type Tree,
} from './helpers.js';

let tree: Tree;
let server: WatchServer | null = null;
const readers: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const reader of readers.splice(0)) reader.close();
  await server?.close();
  server = null;
  tree?.cleanup();
});

async function serve(root: string, options: Partial<WatchOptions> = {}): Promise<WatchServer> {
  server = await startWatchServer({ root, shownRoot: root, ...options });
  return server;
}

const track = <T extends { close(): void }>(reader: T): T => {
  readers.push(reader);
  return reader;
};

const drawn = (label: string) => (s: FileState) =>
  s.diagrams[0]?.current === true && svgTexts(s.diagrams[0].svg).includes(label);

describe('pathSegments', () => {
  test.each([
    ['/', []],
    ['/view/a.flow', ['view', 'a.flow']],
    ['/view/my%20docs/a.flow', ['view', 'my docs', 'a.flow']],
  ])('%s is %j', (raw, segments) => expect(pathSegments(raw)).toEqual(segments));

  test.each([
    '/../etc/passwd',
    '/view/../../etc/passwd',
    '/view/%2e%2e/secret.flow',
    '/view/..%2f..%2fetc',
    '/view/a%5c..%5cb',
    '/view//a.flow',
    '/view/./a.flow',
    '/view/%00',
    '/view/%zz',
    'view/a.flow',
  ])('%s is refused', (raw) => expect(pathSegments(raw)).toBeNull());
});

describe('what the server serves', () => {
  test('a folder: the index page, each file its page, the script and style sheet; the rest 404', async () => {
    tree = tempTree({ 'a.flow': SMALL, 'sub/b.flow': SMALL, 'notes.txt': 'secret' });
    const { port } = await serve(tree.dir);
    const index = await get(port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.body.toString()).toContain('src="/_flowc/app.js"');
    expect((await get(port, '/view/sub/b.flow')).status).toBe(200);
    expect((await get(port, '/_flowc/app.js')).body.toString()).toContain('EventSource');
    expect((await get(port, '/_flowc/app.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    for (const missing of [
      '/view/notes.txt',
      '/view/sub',
      '/notes.txt',
      '/sub/',
      '/view/',
      '/favicon.ico',
    ])
      expect([missing, (await get(port, missing)).status]).toEqual([missing, 404]);
  });

  test('no path outside the root: /../, encoded dots, a symbolic link out of the root → 404', async () => {
    tree = tempTree({ 'root/a.flow': SMALL, 'outside/secret.flow': small('Secret') });
    fs.symlinkSync(tree.file('outside'), tree.file('root/link'));
    fs.symlinkSync(tree.file('outside/secret.flow'), tree.file('root/secret.flow'));
    const { port } = await serve(tree.file('root'));
    for (const raw of [
      '/../outside/secret.flow',
      '/view/../outside/secret.flow',
      '/view/%2e%2e/outside/secret.flow',
      '/view/..%2Foutside%2Fsecret.flow',
      '/view/link/secret.flow',
      '/view/secret.flow',
      `/view/${encodeURIComponent(tree.file('outside/secret.flow'))}`,
      '/_flowc/state?path=../outside/secret.flow&theme=light',
      '/_flowc/state?path=link/secret.flow&theme=light',
      '/_flowc/download?path=secret.flow&format=svg&theme=light',
    ]) {
      const response = await get(port, raw);
      expect([raw, response.status]).toEqual([raw, 404]);
      expect(response.body.toString()).not.toContain('Secret');
    }
    const index = track(indexEvents(port));
    expect((await index.next()).entries.map((e) => e.path)).toEqual(['a.flow']);
  });

  test('only requests addressed to 127.0.0.1 or localhost are answered (DNS rebinding)', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const { port } = await serve(tree.dir);
    expect((await get(port, '/', { host: `localhost:${port}` })).status).toBe(200);
    expect((await get(port, '/', { host: `evil.example:${port}` })).status).toBe(403);
    expect((await get(port, '/', { host: 'evil.example' })).status).toBe(403);
    expect((await get(port, '/', { method: 'POST' })).status).toBe(405);
  });

  test('it listens on 127.0.0.1 only: not on another loopback address, IPv6 or a network interface', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const { port, url } = await serve(tree.dir);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(await connects('127.0.0.1', port)).toBe(true);
    expect(await connects('127.0.0.2', port)).toBe(false);
    expect(await connects('::1', port)).toBe(false);
    for (const address of nonLoopbackAddresses())
      expect([address, await connects(address, port)]).toEqual([address, false]);
  });

  test('a port in use is reported as such', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(
        startWatchServer({ root: tree.dir, shownRoot: '.', port }),
      ).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      blocker.close();
    }
  });

  test('downloads: the picture shown, as SVG or PNG, named after the file', async () => {
    tree = tempTree({ 'cqrs.flow': CQRS });
    const { port } = await serve(tree.dir);
    const svg = await get(port, '/_flowc/download?path=cqrs.flow&key=main&format=svg&theme=dark');
    expect(svg.status).toBe(200);
    expect(svg.headers['content-disposition']).toBe('attachment; filename="cqrs.svg"');
    expect(svg.body.toString()).toContain('#0f1623'); // the dark background
    const png = await get(port, '/_flowc/download?path=cqrs.flow&key=main&format=png&theme=light');
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.subarray(1, 4).toString()).toBe('PNG');
    expect(
      (await get(port, '/_flowc/download?path=cqrs.flow&key=main&format=gif&theme=light')).status,
    ).toBe(404);
  });
});

describe('live updates', () => {
  test('the first state has the picture; an edit sends the new one', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const { port } = await serve(tree.dir, { quietMs: 10 });
    const events = track(fileEvents(port, 'a.flow'));
    const first = await events.next(drawn('Work'));
    expect(first.diagrams[0]!.diagnostics).toEqual([]);
    fs.writeFileSync(tree.file('a.flow'), small('Edited'));
    const second = await events.next(drawn('Edited'));
    expect(second.diagrams[0]!.svgVersion).toBeGreaterThan(first.diagrams[0]!.svgVersion);
  });

  test('a syntax error: the last picture stays (not current) with the error at its line; the fix clears it', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const { port } = await serve(tree.dir, { quietMs: 10 });
    const events = track(fileEvents(port, 'a.flow'));
    await events.next(drawn('Work'));
    fs.writeFileSync(tree.file('a.flow'), SMALL.replace('label:"Work"', 'label:"Work'));
    const broken = await events.next((s) => s.diagrams[0]?.current === false);
    const [diagram] = broken.diagrams;
    expect(svgTexts(diagram!.svg)).toContain('Work'); // the last good picture
    // The broken line comes first (the references to its node follow from it).
    expect(diagram!.diagnostics[0]).toEqual(
      expect.objectContaining({
        ruleId: 'syntax',
        severity: 'error',
        line: 2,
        column: 20,
        excerpt: expect.objectContaining({
          line: { lineNumber: 2, text: 'w: rectangle label:"Work' },
          before: [{ lineNumber: 1, text: 's: circle label:"Start"' }],
        }),
      }),
    );
    fs.writeFileSync(tree.file('a.flow'), small('Fixed'));
    const fixed = await events.next(drawn('Fixed'));
    expect(fixed.diagrams[0]!.diagnostics).toEqual([]);
  });

  test('a save by rename (write a new file, rename it over the old) is seen, again and again', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const { port } = await serve(tree.dir, { quietMs: 10 });
    const events = track(fileEvents(port, 'a.flow'));
    await events.next(drawn('Work'));
    for (const label of ['One', 'Two', 'Three']) {
      renameSave(tree.file('a.flow'), small(label));
      await events.next(drawn(label));
    }
    expect(events.events.every((s) => s.problem === null)).toBe(true);
  });

  test('truncate then write (an editor that saves in place): the empty file is never shown', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const { port } = await serve(tree.dir, { quietMs: 10 });
    const events = track(fileEvents(port, 'a.flow'));
    await events.next(drawn('Work'));
    const fd = fs.openSync(tree.file('a.flow'), 'r+');
    fs.ftruncateSync(fd, 0);
    fs.fsyncSync(fd);
    await sleep(30); // longer than the quiet time: the truncation alone is an event
    fs.writeSync(fd, small('Rewritten'));
    fs.closeSync(fd);
    await events.next(drawn('Rewritten'));
    expect(
      events.events.every(
        (s) => s.diagrams.length === 1 && s.diagrams[0]!.diagnostics.length === 0,
      ),
    ).toBe(true);
  });

  test('a burst of 50 saves ends in the last text, drawn far fewer than 50 times', async () => {
    tree = tempTree({ 'a.flow': SMALL });
    const { port } = await serve(tree.dir);
    const events = track(fileEvents(port, 'a.flow'));
    await events.next(drawn('Work'));
    const before = events.events.length;
    for (let i = 1; i <= 50; i++) {
      if (i % 2 === 0) renameSave(tree.file('a.flow'), small(`Save ${i}`));
      else fs.writeFileSync(tree.file('a.flow'), small(`Save ${i}`));
    }
    const last = await events.next(drawn('Save 50'));
    expect(last.diagrams[0]!.diagnostics).toEqual([]);
    await sleep(300);
    expect(svgTexts(events.events.at(-1)!.diagrams[0]!.svg)).toContain('Save 50');
    expect(events.events.length - before).toBeLessThan(50);
  });

  test('a removed file: the page is told (after a grace period), keeps the picture, and recovers when it is back', async () => {
    tree = tempTree({ 'a.flow': SMALL, 'b.flow': SMALL });
    const { port } = await serve(tree.dir, { quietMs: 10 });
    const events = track(fileEvents(port, 'a.flow'));
    await events.next(drawn('Work'));
    fs.rmSync(tree.file('a.flow'));
    const gone = await events.next((s) => s.problem !== null);
    expect(gone.problem).toBe('a.flow was removed: waiting for it to come back');
    expect(svgTexts(gone.diagrams[0]!.svg)).toContain('Work');
    fs.writeFileSync(tree.file('a.flow'), small('Back'));
    const back = await events.next(drawn('Back'));
    expect(back.problem).toBeNull();
  });

  test('the index follows files that appear and disappear, in new folders too, with their errors', async () => {
    tree = tempTree({ 'a.flow': SMALL, 'notes.md': '# no diagram\n' });
    const { port } = await serve(tree.dir, { quietMs: 10 });
    const index = track(indexEvents(port));
    expect((await index.next()).entries.map((e) => e.path)).toEqual(['a.flow']);
    tree.write('deep/new/b.flow', SMALL.replace('label:"Work"', 'label:"Work'));
    const added = await index.next((s) =>
      s.entries.some((e) => e.path === 'deep/new/b.flow' && e.errors > 0),
    );
    expect(added.entries.map((e) => e.path)).toEqual(['a.flow', 'deep/new/b.flow']);
    tree.write('notes.md', '# now with one\n\n```flow\n' + SMALL + '```\n');
    await index.next((s) =>
      s.entries.some((e) => e.path === 'notes.md' && e.kind === 'markdown' && e.blocks === 1),
    );
    fs.rmSync(tree.file('a.flow'));
    const removed = await index.next((s) => !s.entries.some((e) => e.path === 'a.flow'));
    expect(removed.entries.map((e) => e.path)).toEqual(['deep/new/b.flow', 'notes.md']);
  });

  test('a single file is watched through its folder; a sibling file is not served', async () => {
    tree = tempTree({ 'a.flow': SMALL, 'other.flow': SMALL });
    const { port } = await serve(tree.file('a.flow'), { quietMs: 10 });
    expect((await get(port, '/')).body.toString()).toContain('data-path="a.flow"');
    expect((await get(port, '/view/other.flow')).status).toBe(404);
    const events = track(fileEvents(port, 'a.flow'));
    await events.next(drawn('Work'));
    renameSave(tree.file('a.flow'), small('Renamed'));
    await events.next(drawn('Renamed'));
  });

  test('lanes drawn in another direction than asked: the page is told; --layout layered draws it as asked', async () => {
    tree = tempTree({
      'cqrs.flow': CQRS,
      'doc.md': ['```flow id=c', CQRS.trimEnd(), '```', ''].join('\n'),
    });
    const { port } = await serve(tree.dir, { quietMs: 10, render: { direction: 'TB' } });
    const flow = await track(fileEvents(port, 'cqrs.flow')).next(
      (s) => s.diagrams[0]?.current === true,
    );
    expect(flow.diagrams[0]!.notices).toEqual([turnedMessage('TB', 'LR')]);
    expect(flow.diagrams[0]!.diagnostics).toEqual([]);
    // A Markdown block's notice is its own (the page titles the block; no name in front).
    const doc = await track(fileEvents(port, 'doc.md')).next(
      (s) => s.diagrams[0]?.current === true,
    );
    expect(doc.diagrams[0]!.notices).toEqual([turnedMessage('TB', 'LR')]);
    await server!.close();
    server = null;
    const layered = await serve(tree.dir, {
      quietMs: 10,
      render: { direction: 'TB', layout: 'layered' },
    });
    const asked = await track(fileEvents(layered.port, 'cqrs.flow')).next(
      (s) => s.diagrams[0]?.current === true,
    );
    expect(asked.diagrams[0]!.notices).toEqual([]);
  });

  test('a drawing in the direction asked has no notice', async () => {
    tree = tempTree({ 'cqrs.flow': CQRS });
    const { port } = await serve(tree.dir, { quietMs: 10 });
    const state = await track(fileEvents(port, 'cqrs.flow')).next(
      (s) => s.diagrams[0]?.current === true,
    );
    expect(state.diagrams[0]!.notices).toEqual([]);
  });

  test('a Markdown file: one diagram per block, errors at .md lines, the last good picture per block', async () => {
    const doc = (second: string) =>
      [
        '# Doc',
        '',
        '```flow id=first',
        SMALL.trimEnd(),
        '```',
        '',
        '```flow',
        second.trimEnd(),
        '```',
        '',
      ].join('\n');
    tree = tempTree({ 'doc.md': doc(small('Second')) });
    const { port } = await serve(tree.dir, { quietMs: 10 });
    const events = track(fileEvents(port, 'doc.md'));
    const first = await events.next((s) => s.diagrams.length === 2);
    expect(first.diagrams.map((d) => [d.key, d.title, d.downloadName])).toEqual([
      ['id-first', "'first' · line 3", 'doc-first'],
      ['n-2', 'Block 2 · line 11', 'doc-2'],
    ]);
    fs.writeFileSync(tree.file('doc.md'), doc(small('Second').replace('"Second"', '"Second')));
    const broken = await events.next((s) => s.diagrams[1]?.current === false);
    expect(broken.diagrams[0]!.current).toBe(true);
    expect(svgTexts(broken.diagrams[1]!.svg)).toContain('Second');
    expect(broken.diagrams[1]!.diagnostics[0]).toMatchObject({ ruleId: 'syntax', line: 13 });
  });
});
