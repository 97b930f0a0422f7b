/**
 * PNG sizes and options through the command line (issue 14, item 10): what the rasteriser cannot
 * draw is drawn smaller with a warning, and a bad option is a usage error, never an internal one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { CLEAN_FLOW, run, tempTree } from './helpers.js';

/**
 * A chain of `n` steps between a start and an end circle, drawn in one row (`layout lanes`: the
 * layered engine would wrap a long chain into rows, and the point is a drawing too wide to raster).
 */
function chain(n: number): string {
  const lines = ['layout lanes', 's: circle'];
  for (let i = 0; i < n; i++) lines.push(`n${i}: rectangle label:"Step ${i}"`);
  lines.push('e: circle', 's -> n0');
  for (let i = 0; i + 1 < n; i++) lines.push(`n${i} -> n${i + 1}`);
  lines.push(`n${n - 1} -> e`);
  return `${lines.join('\n')}\n`;
}

let tree: { dir: string; cleanup: () => void };
beforeEach(() => {
  tree = tempTree({ 'clean.flow': CLEAN_FLOW, 'chain.flow': chain(150), '.git/HEAD': 'x\n' });
});
afterEach(() => tree.cleanup());

const cli = (argv: string[]) => run(argv, { cwd: tree.dir });
const size = async (name: string) => {
  const meta = await sharp(fs.readFileSync(path.join(tree.dir, name))).metadata();
  return [meta.width, meta.height];
};

test('a 150-node chain at the default scale: drawn 32,767 px wide, with a warning, exit 0', async () => {
  const r = await cli(['render', 'chain.flow', '-o', 'chain.png']);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(
    /^flowc: warning: chain\.flow: the PNG would be [\d,]+ × [\d,]+ px, more than the 32,767 px a side the PNG renderer can draw: drawn at 32,767 × [\d,]+ px instead/,
  );
  expect((await size('chain.png'))[0]).toBe(32767);
});

test('--scale 100 on a normal diagram: drawn within the pixel budget, with a warning', async () => {
  const r = await cli(['render', 'clean.flow', '-o', 'big.png', '--scale', '100']);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('pixels flowc draws in one PNG (docs/limits.md)');
  const [w, h] = await size('big.png');
  expect(w! * h!).toBeLessThanOrEqual(64 * 1024 * 1024);
});

test('--width 1: a PNG 1 pixel wide, exit 0', async () => {
  const r = await cli(['render', 'clean.flow', '-o', 'tiny.png', '--width', '1']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect((await size('tiny.png'))[0]).toBe(1);
});

test.each([
  [['--background', 'nocolor'], "invalid PNG background colour 'nocolor': use a CSS colour"],
  [['--width', '40000'], 'invalid PNG width 40000: a whole number of pixels from 1 to 32,767'],
  [['--width', '2.5'], 'invalid PNG width 2.5'],
  [['--scale', '1000'], 'invalid PNG scale 1000: a number above 0 and at most 100'],
])('%j: exit 2 with the reason, nothing written, no internal error', async (flags, message) => {
  const r = await cli(['render', 'clean.flow', '-o', 'out.png', ...flags]);
  expect(r.code).toBe(2);
  expect(r.stderr.startsWith(`flowc: ${message}`)).toBe(true);
  expect(r.stderr).not.toContain('internal error');
  expect(fs.existsSync(path.join(tree.dir, 'out.png'))).toBe(false);
});

test('a batch with a bad --background stops before rendering anything', async () => {
  const r = await cli(['render', '.', '-o', 'out', '-f', 'png', '--background', 'nocolor']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("invalid PNG background colour 'nocolor'");
  expect(fs.existsSync(path.join(tree.dir, 'out'))).toBe(false);
});

test('a batch reports a PNG drawn smaller as a warning for that file', async () => {
  const r = await cli([
    'render',
    'chain.flow',
    'clean.flow',
    '-o',
    'out',
    '-f',
    'png',
    '--jobs',
    '1',
  ]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/^chain\.flow: warning: the PNG would be/m);
});
