#!/usr/bin/env node
// Screenshots of `flowc watch` for the docs (docs/watch-*.png), taken in Debian's Chromium
// (apt-get install chromium) against the real executable watching a copy of samples/:
//   docs/watch-light.png   samples/cqrs.flow, light
//   docs/watch-dark.png    the same, dark
//   docs/watch-error.png   a mistyped handle: the overlay over the dimmed last good picture
//   docs/watch-index.png   the folder's index
// Run: node scripts/watch-screenshots.mjs (after npm run build).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, hasChromium, launchChromium, startWatch } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!hasChromium) {
  console.error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'flowc-shots-'));
cpSync(join(root, 'samples'), join(dir, 'samples'), {
  recursive: true,
  filter: (src) => !src.includes('invalid'),
});
const cqrs = join(dir, 'samples', 'cqrs.flow');
const text = readFileSync(cqrs, 'utf8');
const watch = await startWatch(dir, ['samples']);
const browser = await launchChromium();
const shot = async (url, file, colorScheme, prepare = async () => {}) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme });
  await page.goto(url);
  await page.waitForSelector(url.endsWith('/') ? '.fw-entry' : '.fw-canvas svg');
  await prepare(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(root, 'docs', file) });
  await page.close();
  console.error(`docs/${file}`);
};
try {
  const view = `${watch.url}view/cqrs.flow`;
  await shot(view, 'watch-light.png', 'light');
  await shot(view, 'watch-dark.png', 'dark');
  await shot(view, 'watch-error.png', 'light', async (page) => {
    writeFileSync(
      cqrs,
      text.replace('n4.handle(bottom) -> CommandSide.n8', 'n4.handle(botom) -> CommandSide.n8'),
    );
    await page.waitForSelector('.fw-overlay .fw-problem');
  });
  writeFileSync(cqrs, text);
  await shot(watch.url, 'watch-index.png', 'light');
} finally {
  await browser.close();
  await watch.stop();
  rmSync(dir, { recursive: true, force: true });
}
