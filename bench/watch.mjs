/* global window, document, MutationObserver -- in page.evaluate callbacks, run by the browser */
// `flowc watch` latency (issue 12): from the write of a file to the new picture in the page's DOM,
// for 20 edits of the CQRS sample, in Debian's Chromium (playwright-core) against the real
// executable. Each edit changes one label; the page notes the moment the <svg> holding the new
// label is in the DOM (a MutationObserver), the benchmark the moment just before it writes the file;
// both clocks are the wall clock (performance.timeOrigin + performance.now()). Edits are 400 ms
// apart so that each is drawn on its own (a burst is drawn once: see test/watch).
//
// Two ways of saving: writing the file in place, and writing a new file renamed over it (vim,
// JetBrains). The target is a median ≤ 150 ms. The server's own drawing time is the page's
// `renderMs` for the same edits.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasChromium, launchChromium, startWatch, CHROMIUM } from '../scripts/chromium.mjs';
import { machine, median, root, table } from './lib.mjs';

const EDITS = 20;
const WARM_UP = 3;
const GAP_MS = 400;
const TARGET_MS = 150;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

export async function benchWatch({ edits = EDITS } = {}) {
  const heading =
    '### `flowc watch`: from a save to the new picture in the page (`npm run bench -- watch`)';
  if (!hasChromium) {
    console.error(
      `  watch: skipped, Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`,
    );
    return `${heading}\n\nSkipped: Chromium is not installed at ${CHROMIUM} (\`apt-get install chromium\`).`;
  }
  const cqrs = readFileSync(join(root, 'samples', 'cqrs.flow'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'flowc-bench-watch-'));
  const file = join(dir, 'cqrs.flow');
  writeFileSync(file, cqrs);
  const watch = await startWatch(dir, ['cqrs.flow']);
  const browser = await launchChromium();
  const rows = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(watch.url);
    await page.waitForSelector('.fw-canvas svg');
    let n = 0;
    const edit = async (save) => {
      const label = `Edit ${++n}`;
      // The page waits for the picture holding the new label, and says when it came.
      await page.evaluate((wanted) => {
        window.__flowcBench = new Promise((resolve) => {
          const seen = () =>
            [...document.querySelectorAll('.fw-canvas svg tspan')].some(
              (s) => s.textContent === wanted,
            );
          const observer = new MutationObserver(() => {
            if (!seen()) return;
            observer.disconnect();
            const status = document.getElementById('fw-status')?.textContent ?? '';
            resolve({ at: performance.timeOrigin + performance.now(), status });
          });
          observer.observe(document.getElementById('fw-diagrams'), {
            childList: true,
            subtree: true,
          });
        });
      }, label);
      const text = cqrs.replace('"User initiates action"', JSON.stringify(label));
      const written = now();
      save(text);
      const { at, status } = await page.evaluate(() => window.__flowcBench);
      const drawMs = Number(/(\d+) ms$/.exec(status)?.[1] ?? NaN);
      await sleep(GAP_MS);
      return { latency: at - written, drawMs };
    };
    const inPlace = (text) => writeFileSync(file, text);
    const byRename = (text) => {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    };
    for (let i = 0; i < WARM_UP; i++) await edit(inPlace);
    for (const [name, save] of [
      ['written in place', inPlace],
      ['saved by rename', byRename],
    ]) {
      const results = [];
      for (let i = 0; i < edits; i++) results.push(await edit(save));
      const latencies = results.map((r) => r.latency).sort((a, b) => a - b);
      const m = median(latencies);
      const p90 = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.9) - 1)];
      rows.push([
        name,
        String(edits),
        `**${m.toFixed(0)} ms**`,
        `${p90.toFixed(0)} ms`,
        `${latencies[0].toFixed(0)}–${latencies.at(-1).toFixed(0)} ms`,
        `${median(results.map((r) => r.drawMs)).toFixed(0)} ms`,
        m <= TARGET_MS ? `≤ ${TARGET_MS} ms: met` : `≤ ${TARGET_MS} ms: **missed**`,
      ]);
      console.error(`  watch ${name}: median ${m.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await watch.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    heading,
    '',
    `Machine: ${machine()}; ${CHROMIUM} headless. ${WARM_UP} edits to warm up, then ${edits} edits of`,
    `\`samples/cqrs.flow\` (one label changed each time, ${GAP_MS} ms apart) per way of saving.`,
    '',
    table(['save', 'edits', 'median', 'p90', 'range', 'server draw (median)', 'target'], rows),
  ].join('\n');
}
