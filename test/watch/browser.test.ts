/**
 * `flowc watch` in a real browser: Debian's Chromium (apt-get install chromium; .ci/run installs
 * it) driven by playwright-core against the real executable. Skipped, saying so, when
 * /usr/bin/chromium is missing; the server's behaviour is also covered without a browser by
 * server.test.ts and cli.test.ts.
 *
 * Issue 12's "Done when": the picture appears; an edit shows up (without a reload, zoom and pan
 * kept); a syntax error shows the overlay with the right line; the fix clears it; a rename-save and
 * a burst of 50 saves end in the right picture; /../ paths get 404; the server is not reachable on
 * a non-loopback address. The edit latency is measured by `npm run bench -- watch`, not here.
 */
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  hasChromium,
  CHROMIUM,
  launchChromium,
  startWatch,
  type WatchProcess,
} from '../../scripts/chromium.mjs';
import {
  connects,
  CQRS,
  get,
  nonLoopbackAddresses,
  renameSave,
  sleep,
  small,
  SMALL,
  tempTree,
  type Tree,
} from './helpers.js';

if (!hasChromium)
  console.log(
    `test/watch: Chromium is not installed at ${CHROMIUM} (apt-get install chromium): skipping the browser suite of flowc watch`,
  );

const BROKEN_LINE = 4; // the line of CQRS's `n3` made unparsable below
const brokenCqrs = CQRS.replace(
  'n3: diamond label:"Read or write?"',
  'n3: diamond label:"Read or write?',
);
const relabelled = (label: string) =>
  CQRS.replace('"User initiates action"', JSON.stringify(label));

/** The labels in the page's picture (each <tspan> of the diagram). */
const pictureTexts = (page: Page, pane = '.fw-pane') =>
  page.$$eval(`${pane} .fw-canvas svg tspan`, (spans) => spans.map((s) => s.textContent ?? ''));

const waitForLabel = (page: Page, label: string, pane = '.fw-pane') =>
  page.waitForFunction(
    ([selector, text]) =>
      [...document.querySelectorAll(`${selector} .fw-canvas svg tspan`)].some(
        (s) => s.textContent === text,
      ),
    [pane, label] as const,
  );

/** Waits until the server has seen a file written a moment ago (its folder's events come first). */
async function served(port: number, file: string): Promise<void> {
  for (let tries = 0; (await get(port, `/view/${file}`)).status !== 200; tries++) {
    if (tries > 100) throw new Error(`the server never listed ${file}`);
    await sleep(50);
  }
}

(hasChromium ? describe : describe.skip)('flowc watch in Chromium', () => {
  let browser: Browser;
  let tree: Tree;
  let watch: WatchProcess;
  let page: Page;

  /** This test's own copy of the CQRS sample (one server serves the whole suite). */
  let cqrs = '';
  let count = 0;

  beforeAll(async () => {
    browser = await launchChromium();
    tree = tempTree({});
    watch = await startWatch(tree.dir, ['.']);
  });
  afterAll(async () => {
    await browser?.close();
    await watch?.stop();
    tree?.cleanup();
  });
  beforeEach(async () => {
    cqrs = `cqrs-${++count}.flow`;
    tree.write(cqrs, CQRS);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(async () => {
    await page?.close();
  });

  const openCqrs = async (): Promise<void> => {
    await served(watch.port, cqrs);
    await page.goto(`${watch.url}view/${cqrs}`);
    await waitForLabel(page, 'User initiates action');
  };

  test('the picture appears', async () => {
    await openCqrs();
    const texts = await pictureTexts(page);
    expect(texts).toEqual(expect.arrayContaining(['Start', 'Read or write?', 'Update read model']));
    expect(await page.locator('#fw-status').textContent()).toMatch(/^live · updated/);
    // Fitted to the window: the whole picture is inside the viewport.
    const canvas = await page.locator('.fw-canvas svg').boundingBox();
    expect(canvas!.x).toBeGreaterThanOrEqual(0);
    expect(canvas!.x + canvas!.width).toBeLessThanOrEqual(1280);
    expect(await page.locator('.fw-drawing-notes').isVisible()).toBe(false);
  });

  test('lanes drawn in another direction than the file asks: the page says so above the picture', async () => {
    const turned = cqrs.replace('cqrs-', 'turned-');
    tree.write(turned, `direction TB\n${CQRS}`);
    await served(watch.port, turned);
    await page.goto(`${watch.url}view/${turned}`);
    await waitForLabel(page, 'User initiates action');
    const notice = page.locator('.fw-drawing-notes .fw-drawing-note');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('drawn LR instead of TB');
    expect(await notice.textContent()).toContain('--layout layered draws it TB');
    // Above the picture, not over it.
    const box = await page.locator('.fw-drawing-notes').boundingBox();
    const stage = await page.locator('.fw-stage').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(stage!.y + 1);
  });

  test('an edit shows up without a reload, and the zoom and pan are kept', async () => {
    await openCqrs();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByRole('button', { name: 'Zoom in (+)' }).click();
    await page.getByRole('button', { name: 'Zoom in (+)' }).click();
    const viewport = page.locator('.fw-viewport');
    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + 300, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 180, box.y + 240, { steps: 5 });
    await page.mouse.up();
    const transform = await page
      .locator('.fw-canvas')
      .evaluate((e) => (e as HTMLElement).style.transform);
    expect(transform).toMatch(/scale\(0\.\d+\)|scale\(1/);
    const zoom = await page.locator('.fw-zoom-level').textContent();

    fs.writeFileSync(tree.file(cqrs), relabelled('Customer starts'));
    await waitForLabel(page, 'Customer starts');
    expect(await pictureTexts(page)).not.toContain('User initiates action');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(
      await page.locator('.fw-canvas').evaluate((e) => (e as HTMLElement).style.transform),
    ).toBe(transform);
    expect(await page.locator('.fw-zoom-level').textContent()).toBe(zoom);
  });

  test('a syntax error shows the overlay with the right line over the dimmed last picture; the fix clears it', async () => {
    await openCqrs();
    fs.writeFileSync(tree.file(cqrs), brokenCqrs);
    const problem = page.locator(`.fw-overlay .fw-problem[data-rule="syntax"]`).first();
    await problem.waitFor();
    expect(await problem.getAttribute('data-line')).toBe(String(BROKEN_LINE));
    expect(await problem.locator('.fw-where').textContent()).toMatch(
      new RegExp(`^line ${BROKEN_LINE}, column \\d+$`),
    );
    expect(await problem.locator('.fw-message').textContent()).toContain('unterminated string');
    expect(await problem.locator('.fw-target').textContent()).toContain(
      'n3: diamond label:"Read or write?',
    );
    expect(await page.locator('.fw-overlay').isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^✖ \d+ · cqrs-\d+\.flow · flowc watch$/);
    // The last good picture stays, dimmed.
    expect(await pictureTexts(page)).toContain('User initiates action');
    expect(await page.locator('.fw-pane').getAttribute('class')).toContain('fw-stale');
    // Dimmed (after its 0.15 s fade): fails by timing out if it never is.
    await page.waitForFunction(
      () => Number(getComputedStyle(document.querySelector('.fw-canvas')!).opacity) < 0.5,
    );

    fs.writeFileSync(tree.file(cqrs), relabelled('Fixed it'));
    await waitForLabel(page, 'Fixed it');
    await page.locator('.fw-overlay').waitFor({ state: 'hidden' });
    expect(await page.locator('.fw-pane').getAttribute('class')).not.toContain('fw-stale');
    expect(await page.locator('.fw-badge').isVisible()).toBe(false);
    expect(await page.title()).toBe(`${cqrs} · flowc watch`);
  });

  test('a rename-save ends in the right picture', async () => {
    await openCqrs();
    renameSave(tree.file(cqrs), relabelled('Saved by rename'));
    await waitForLabel(page, 'Saved by rename');
    renameSave(tree.file(cqrs), relabelled('And again'));
    await waitForLabel(page, 'And again');
    expect(await page.locator('#fw-notice').isVisible()).toBe(false);
  });

  test('a burst of 50 saves ends in the right picture', async () => {
    await openCqrs();
    for (let i = 1; i <= 50; i++) {
      const text = i === 25 ? brokenCqrs : relabelled(`Save ${i}`);
      if (i % 3 === 0) renameSave(tree.file(cqrs), text);
      else fs.writeFileSync(tree.file(cqrs), text);
    }
    await waitForLabel(page, 'Save 50');
    await sleep(500); // nothing later replaces it
    const texts = await pictureTexts(page);
    expect(texts).toContain('Save 50');
    expect(texts.filter((t) => t.startsWith('Save '))).toEqual(['Save 50']);
    expect(await page.locator('.fw-overlay').isVisible()).toBe(false);
    expect(await page.locator('.fw-pane').getAttribute('class')).not.toContain('fw-stale');
  });

  test('a request for /../ paths gets 404, from the browser and as sent raw', async () => {
    await openCqrs();
    const statuses = await page.evaluate(async () => {
      const paths = [
        '/view/..%2F..%2Fetc%2Fpasswd',
        '/view/%2e%2e/%2e%2e/etc/passwd',
        '/_flowc/state?path=../../etc/passwd&theme=light',
        '/_flowc/download?path=..%2Fcqrs-1.flow&key=main&format=svg&theme=light',
      ];
      return Promise.all(paths.map(async (p) => [p, (await fetch(p)).status]));
    });
    for (const [p, status] of statuses) expect([p, status]).toEqual([p, 404]);
    for (const raw of [
      '/../etc/passwd',
      '/../../../../etc/passwd',
      '/view/../../cqrs-1.flow',
      '/view/../..',
    ])
      expect([raw, (await get(watch.port, raw)).status]).toEqual([raw, 404]);
    const notFound = await page.goto(`${watch.url}view/%2e%2e%2fetc%2fpasswd`);
    expect(notFound?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Not found');
  });

  test('the server is not reachable on a non-loopback address', async () => {
    expect(watch.url).toBe(`http://127.0.0.1:${watch.port}/`);
    await expect(page.goto(`http://127.0.0.2:${watch.port}/`)).rejects.toThrow(
      /ERR_CONNECTION_REFUSED/,
    );
    for (const address of ['127.0.0.2', '::1', ...nonLoopbackAddresses()])
      expect([address, await connects(address, watch.port)]).toEqual([address, false]);
    expect(await connects('127.0.0.1', watch.port)).toBe(true);
  });

  test('light and dark: the page follows the system, and its switch redraws the picture in the other theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openCqrs();
    // The node text's colour tells the picture's theme (src/emit/theme.ts).
    const textFill = (fill: string) =>
      page.waitForFunction(
        (wanted) =>
          document.querySelector('.fw-canvas svg .flowc-node-text')?.getAttribute('fill') ===
          wanted,
        fill,
      );
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await textFill('#e2e8f0');
    const bodyColour = () =>
      page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    const dark = await bodyColour();
    await page.locator('#fw-theme').click(); // auto → light
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await textFill('#1e293b');
    expect(await bodyColour()).not.toBe(dark);
    await page.locator('#fw-theme').click(); // light → dark
    await textFill('#e2e8f0');
    await page.locator('#fw-theme').click(); // dark → auto: follows the system again
    await page.emulateMedia({ colorScheme: 'light' });
    await textFill('#1e293b');
  });

  test('the download buttons give the picture as SVG and PNG', async () => {
    await openCqrs();
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('SVG', { exact: true }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe(cqrs.replace('.flow', '.svg'));
    expect(fs.readFileSync((await svg.path())!, 'utf8')).toContain('User initiates action');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('PNG', { exact: true }).click(),
    ]);
    expect(png.suggestedFilename()).toBe(cqrs.replace('.flow', '.png'));
    expect(
      fs
        .readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  test('the folder index lists the diagrams, follows files that appear and disappear, and links to each', async () => {
    tree.write('folder/cqrs.flow', CQRS);
    tree.write('folder/small.flow', SMALL);
    const own = await startWatch(tree.file('folder'), ['.']);
    try {
      await indexScenario(own.url);
    } finally {
      await own.stop();
    }
  });

  const indexScenario = async (url: string): Promise<void> => {
    await page.goto(url);
    const names = () =>
      page
        .locator('.fw-entry')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-path')));
    await page.locator('.fw-entry[data-path="small.flow"]').waitFor();
    expect(await names()).toEqual(['cqrs.flow', 'small.flow']);
    tree.write('folder/later/new.flow', small('New'));
    await page.locator('.fw-entry[data-path="later/new.flow"]').waitFor();
    tree.write('folder/bad.flow', 'a: circle label:"x\n');
    await page.locator('.fw-entry[data-path="bad.flow"] .fw-state-error').waitFor();
    fs.rmSync(tree.file('folder/small.flow'));
    await page.locator('.fw-entry[data-path="small.flow"]').waitFor({ state: 'detached' });
    expect(await names()).toEqual(['bad.flow', 'cqrs.flow', 'later/new.flow']);
    await page.locator('.fw-entry[data-path="later/new.flow"] a').click();
    await waitForLabel(page, 'New');
    expect(page.url()).toBe(`${url}view/later/new.flow`);
  };

  test('a Markdown file: one pane per flow block, the broken block overlaid on its own', async () => {
    tree.write(
      'doc.md',
      [
        '# Doc',
        '',
        '```flow id=first',
        SMALL.trimEnd(),
        '```',
        '',
        '```flow',
        'a: circle label:"x',
        '```',
        '',
      ].join('\n'),
    );
    await served(watch.port, 'doc.md');
    await page.goto(`${watch.url}view/doc.md`);
    await waitForLabel(page, 'Work', '.fw-pane[data-key="id-first"]');
    const broken = page.locator('.fw-pane[data-key="n-2"]');
    await broken.locator('.fw-problem[data-line="12"]').waitFor();
    expect(await page.locator('.fw-pane[data-key="id-first"] .fw-overlay').isVisible()).toBe(false);
    expect(await broken.locator('.fw-pane-title').textContent()).toBe('Block 2 · line 11');
  });

  test('Ctrl-C stops the server; the page says it lost the connection', async () => {
    const own = await startWatch(tree.dir, [cqrs]);
    await page.goto(own.url);
    await waitForLabel(page, 'User initiates action');
    expect(await own.stop()).toBe(0);
    await page.waitForFunction(
      () => document.getElementById('fw-status')?.dataset['kind'] === 'lost',
    );
    expect(own.stderr()).toContain('flowc: stopped');
  });
});
