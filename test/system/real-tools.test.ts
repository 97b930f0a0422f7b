/**
 * Proof against the real command-line tools that users feed flowc's output to: Graphviz's `dot`
 * (the native build, not only the WebAssembly one used elsewhere) and librsvg's `rsvg-convert`.
 * `.ci/run` installs both (Debian packages graphviz and librsvg2-bin); where a tool is missing this
 * suite says so and skips, and the same outputs are still proven by @viz-js/viz and sharp in
 * test/emit and test/golden.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { compileFormats } from '../../src/compile.js';
import { ROOT, sampleNames } from '../golden/render.js';

function available(tool: string, args: string[]): boolean {
  const r = spawnSync(tool, args, { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

const hasDot = available('dot', ['-V']);
const hasRsvg = available('rsvg-convert', ['--version']);
if (!hasDot)
  console.log(
    'test/system: Graphviz `dot` is not installed (apt-get install graphviz): skipping the native Graphviz checks',
  );
if (!hasRsvg)
  console.log(
    'test/system: `rsvg-convert` is not installed (apt-get install librsvg2-bin): skipping the librsvg CLI checks',
  );

const samples = sampleNames();
const HOSTILE =
  'n1: circle label:"Start"\nn2: rectangle label:"</text><script>alert(1)</script> \\"q\\" & <b>|{}</b> -->"\nn3: circle label:"End \\\\ ✓"\nn1 -> n2 [label="a\\"];x[b"]\nn2.handle(right) -> n3.handle(left) [label="|x| # 100%"]\n';

async function outputs(source: string) {
  const result = await compileFormats(source, ['dot', 'svg']);
  return { dot: result.outputs.dot as string, svg: result.outputs.svg as string };
}

(hasDot ? describe : describe.skip)('native Graphviz reads every DOT output', () => {
  test.each([...samples.map((s) => [s]), ['hostile labels']])('%s', async (name) => {
    const source =
      name === 'hostile labels'
        ? HOSTILE
        : readFileSync(join(ROOT, 'samples', `${name}.flow`), 'utf8');
    const { dot } = await outputs(source);
    const r = spawnSync('dot', ['-Tsvg'], { input: dot });
    expect(r.stderr.toString()).toBe(''); // no error and no warning
    expect(r.status).toBe(0);
    const svg = r.stdout.toString();
    expect(svg).toContain('<svg');
    if (name === 'hostile labels') {
      expect(svg).not.toContain('<script');
      // The label is wrapped as flowc wraps it (item 9): its pieces are drawn as text.
      expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
    }
  });
});

(hasRsvg ? describe : describe.skip)('librsvg (rsvg-convert) renders every SVG output', () => {
  test.each([...samples.map((s) => [s]), ['hostile labels']])('%s', async (name) => {
    const source =
      name === 'hostile labels'
        ? HOSTILE
        : readFileSync(join(ROOT, 'samples', `${name}.flow`), 'utf8');
    const { svg } = await outputs(source);
    const r = spawnSync('rsvg-convert', ['--format', 'png'], { input: svg });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    const meta = await sharp(r.stdout).metadata();
    const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(Math.ceil(Number(size![1])));
    expect(meta.height).toBe(Math.ceil(Number(size![2])));
  });
});
