import sharp from 'sharp';
import { emitPng } from '../../src/emit/png.js';
import { emitSvg } from '../../src/emit/svg.js';
import { sampleLayout } from '../emit/fixtures.js';
import { compareText, comparePng } from './compare.js';

async function png(
  width: number,
  height: number,
  draw?: { left: number; top: number; size: number; colour: string; alpha?: number },
): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 4, background: '#ffffff' } });
  if (!draw) return base.png().toBuffer();
  const patch = await sharp({
    create: { width: draw.size, height: draw.size, channels: 4, background: draw.colour },
  })
    .png()
    .toBuffer();
  return base
    .composite([{ input: patch, left: draw.left, top: draw.top }])
    .png()
    .toBuffer();
}

describe('compareText', () => {
  test('names the first differing line', () => {
    expect(compareText('a\nb\nc\n', 'a\nb\nc\n')).toEqual({ equal: true, reason: '' });
    expect(compareText('a\nb\nc\n', 'a\nB\nc\n').reason).toBe(
      'first difference at line 2: expected "b", got "B"',
    );
    expect(compareText('a\n', 'a\nextra').reason).toBe(
      'first difference at line 2: expected "", got "extra"',
    );
  });
});

describe('comparePng', () => {
  test('the same picture is equal, whatever the PNG encoding', async () => {
    const a = await png(200, 100, { left: 10, top: 10, size: 20, colour: '#336699' });
    const b = await sharp(a).png({ compressionLevel: 0 }).toBuffer();
    expect(b.equals(a)).toBe(false);
    expect((await comparePng(a, b)).equal).toBe(true);
  });

  test('a faint one-level difference everywhere is tolerated', async () => {
    expect(
      (
        await comparePng(
          await png(100, 100),
          await png(100, 100, { left: 0, top: 0, size: 100, colour: '#fefefe' }),
        )
      ).equal,
    ).toBe(true);
  });

  test('a changed shape is a difference', async () => {
    const result = await comparePng(
      await png(200, 100),
      await png(200, 100, { left: 50, top: 20, size: 12, colour: '#000000' }),
    );
    expect(result.equal).toBe(false);
    expect(result.reason).toMatch(
      /^pixels differ: mean difference [\d.]+ per channel, \d+ pixels changed$/,
    );
  });

  test('one letter changed in one label of a rendered diagram is a difference', async () => {
    const changed = structuredClone(sampleLayout);
    changed.nodes[0]!.lines = ['Stort'];
    const a = await emitPng(emitSvg(sampleLayout), { scale: 1 });
    const b = await emitPng(emitSvg(changed), { scale: 1 });
    expect((await comparePng(a, a)).equal).toBe(true);
    expect((await comparePng(a, b)).equal).toBe(false);
  });

  test('a different size is a difference', async () => {
    expect((await comparePng(await png(200, 100), await png(201, 100))).reason).toBe(
      'size differs: expected 200×100, got 201×100',
    );
  });
});
