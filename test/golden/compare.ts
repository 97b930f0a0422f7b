/**
 * How a rendered output is compared with its expected file: text formats byte for byte, PNG by
 * decoded pixels (same size, and nearly the same colours: librsvg's anti-aliasing may move by a
 * level between builds, a changed drawing moves far more).
 */
import sharp from 'sharp';

export interface Comparison {
  equal: boolean;
  /** Why not, in one line, when not equal. */
  reason: string;
}

export function compareText(expected: string, actual: string): Comparison {
  if (expected === actual) return { equal: true, reason: '' };
  const a = expected.split('\n');
  const b = actual.split('\n');
  let line = 0;
  while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
  const show = (text: string | undefined): string =>
    text === undefined ? '(end of file)' : JSON.stringify(text.slice(0, 160));
  return {
    equal: false,
    reason: `first difference at line ${line + 1}: expected ${show(a[line])}, got ${show(b[line])}`,
  };
}

/** Mean absolute difference per channel (0–255) that still counts as the same picture. */
export const PNG_MEAN_TOLERANCE = 1;
/**
 * How many pixels may change by more than 8 levels. Small on purpose: one letter changed in a label
 * changes dozens of pixels, and the font is shipped, so renders agree exactly on a given sharp.
 */
export const PNG_CHANGED_PIXELS_TOLERANCE = 16;

export async function comparePng(expected: Buffer, actual: Buffer): Promise<Comparison> {
  const [a, b] = await Promise.all([decode(expected), decode(actual)]);
  if (a.width !== b.width || a.height !== b.height) {
    return {
      equal: false,
      reason: `size differs: expected ${a.width}×${a.height}, got ${b.width}×${b.height}`,
    };
  }
  let total = 0;
  let changed = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    let pixelChange = 0;
    for (let c = 0; c < 4; c++) {
      const d = Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0));
      total += d;
      pixelChange = Math.max(pixelChange, d);
    }
    if (pixelChange > 8) changed++;
  }
  const mean = total / a.data.length;
  if (mean <= PNG_MEAN_TOLERANCE && changed <= PNG_CHANGED_PIXELS_TOLERANCE)
    return { equal: true, reason: '' };
  return {
    equal: false,
    reason: `pixels differ: mean difference ${mean.toFixed(3)} per channel, ${changed} pixels changed`,
  };
}

async function decode(png: Buffer): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
