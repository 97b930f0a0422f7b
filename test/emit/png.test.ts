import sharp from 'sharp';
import { checkPngOptions, emitPng, PngOptionError, svgSize } from '../../src/emit/png.js';
import { MAX_PNG_PIXELS, MAX_PNG_SIDE } from '../../src/limits.js';
import { emitSvg } from '../../src/emit/svg.js';
import { sampleLayout } from './fixtures.js';

const svg = emitSvg(sampleLayout); // 760 × 400

async function pixel(png: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + info.channels)];
}

describe('emitPng', () => {
  test('is a PNG at twice the SVG size by default', async () => {
    const meta = await sharp(await emitPng(svg)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1520, 800]);
  });

  test.each([
    [1, 760, 400],
    [1.5, 1140, 600],
    [3, 2280, 1200],
  ])('scale %d gives %d × %d', async (scale, width, height) => {
    const meta = await sharp(await emitPng(svg, { scale })).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', width, height]);
  });

  test.each([
    [500, 263],
    [1000, 526],
    [333, 175],
  ])('width %d gives exactly that width and the aspect ratio', async (width, height) => {
    const meta = await sharp(await emitPng(svg, { width, scale: 7 })).metadata();
    expect([meta.width, meta.height]).toEqual([width, height]);
  });

  test('is white behind the drawing by default, with no alpha', async () => {
    const png = await emitPng(svg, { scale: 1 });
    expect((await sharp(png).metadata()).hasAlpha).toBe(false);
    expect(await pixel(png, 2, 2)).toEqual([255, 255, 255]);
  });

  test('takes any CSS colour as background', async () => {
    expect(await pixel(await emitPng(svg, { scale: 1, background: '#102030' }), 2, 2)).toEqual([
      16, 32, 48,
    ]);
    expect(
      await pixel(await emitPng(svg, { scale: 1, background: 'rebeccapurple' }), 2, 2),
    ).toEqual([102, 51, 153]);
  });

  test('keeps transparency when asked', async () => {
    const png = await emitPng(svg, { scale: 1, background: 'transparent' });
    expect((await sharp(png).metadata()).hasAlpha).toBe(true);
    expect((await pixel(png, 2, 2))[3]).toBe(0);
    // Inside a group box the picture is opaque.
    expect((await pixel(png, 60, 70))[3]).toBe(255);
  });

  test('a dark SVG brings its own background', async () => {
    const png = await emitPng(emitSvg(sampleLayout, { theme: 'dark' }), { scale: 1 });
    expect(await pixel(png, 2, 2)).toEqual([0x0f, 0x16, 0x23]);
  });

  test('is byte-identical for the same input', async () => {
    const a = await emitPng(svg, { scale: 1 });
    const b = await emitPng(svg, { scale: 1 });
    expect(a.equals(b)).toBe(true);
  });

  test('rejects bad options with a clear message, as a PngOptionError', async () => {
    await expect(emitPng(svg, { background: 'not-a-colour' })).rejects.toThrow(
      "invalid PNG background colour 'not-a-colour'",
    );
    await expect(emitPng(svg, { scale: 0 })).rejects.toThrow('invalid PNG scale 0');
    await expect(emitPng(svg, { scale: Number.NaN })).rejects.toThrow('invalid PNG scale NaN');
    await expect(emitPng(svg, { width: 12.5 })).rejects.toThrow('invalid PNG width 12.5');
    await expect(emitPng(svg, { width: MAX_PNG_SIDE + 1 })).rejects.toBeInstanceOf(PngOptionError);
    await expect(emitPng('<svg xmlns="http://www.w3.org/2000/svg"/>')).rejects.toThrow(
      'the SVG has no width and height',
    );
    await expect(checkPngOptions({ background: '#12' })).rejects.toBeInstanceOf(PngOptionError);
    await expect(checkPngOptions({ background: 'rgb(30 30 30)', scale: 3 })).resolves.toBe(
      undefined,
    );
  });

  test('--width 1: a 1-pixel-wide PNG (sharp draws nothing below 1/72 scale: drawn, then shrunk)', async () => {
    const meta = await sharp(await emitPng(svg, { width: 1 })).metadata();
    expect([meta.width, meta.height]).toEqual([1, 1]);
  });

  test('wider than the rasteriser can draw (a long chain): drawn at its limit, with a warning', async () => {
    const warnings: string[] = [];
    // A 150-node chain at the default scale is ~45,000 px wide and 200 high.
    const wide =
      '<svg xmlns="http://www.w3.org/2000/svg" width="22800" height="100" viewBox="0 0 22800 100">' +
      '<rect width="22800" height="100" fill="#4a72d6"/></svg>';
    const png = await emitPng(wide, { onWarning: (m) => warnings.push(m) });
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([MAX_PNG_SIDE, 143]);
    expect(warnings).toEqual([
      'the PNG would be 45,600 × 200 px, more than the 32,767 px a side the PNG renderer can draw: drawn at 32,767 × 143 px instead (set --width or --scale to choose a size within it)',
    ]);
  });

  test('more pixels than MAX_PNG_PIXELS: scaled down to fit, with a warning', async () => {
    const warnings: string[] = [];
    const png = await emitPng(svg, { scale: 40, onWarning: (m) => warnings.push(m) });
    const meta = await sharp(png).metadata();
    expect(meta.width! * meta.height!).toBeLessThanOrEqual(MAX_PNG_PIXELS);
    expect(meta.width! * meta.height!).toBeGreaterThan(MAX_PNG_PIXELS * 0.99);
    expect(warnings[0]).toContain('pixels flowc draws in one PNG (docs/limits.md)');
  });

  test('within the limits: no warning', async () => {
    const warnings: string[] = [];
    await emitPng(svg, { scale: 2, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
  });

  test('reads the size from the root element only', () => {
    expect(svgSize(svg)).toEqual({ width: 760, height: 400 });
  });
});
