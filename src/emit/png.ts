/**
 * `--format png`: the SVG rasterised by sharp (librsvg). sharp is imported on first use only:
 * it costs ~100 ms of start-up that no other format should pay. Text is drawn with the shipped
 * font whatever the machine has installed (see fonts.ts).
 */
import type { Sharp, SharpOptions } from 'sharp';
import { configureFonts } from './fonts.js';
import { requirePackage } from '../util/lazy.js';
import { MAX_PNG_PIXELS, MAX_PNG_SCALE, MAX_PNG_SIDE } from '../limits.js';

export interface PngOptions {
  /** Pixels per SVG unit (default 2). Ignored when `width` is given. */
  scale?: number;
  /** Output width in pixels; the height follows the aspect ratio. */
  width?: number;
  /** Any CSS colour, or 'transparent' (default white). */
  background?: string;
  /**
   * Told when the PNG is drawn smaller than asked, because the size asked is over what the
   * rasteriser can draw or over MAX_PNG_PIXELS (the message says both sizes and why).
   */
  onWarning?: (message: string) => void;
}

/** A PNG option that cannot be honoured (a bad colour, width or scale): the caller's mistake. */
export class PngOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngOptionError';
  }
}

type SharpFactory = (input: Buffer, options?: SharpOptions) => Sharp;

let sharpLoading: Promise<SharpFactory> | null = null;

/** Imports sharp, after pointing fontconfig at flowc's fonts (fontconfig reads its setup only once). */
export function loadSharp(): Promise<SharpFactory> {
  if (!sharpLoading) {
    configureFonts();
    sharpLoading = Promise.resolve().then(() => requirePackage<SharpFactory>('sharp'));
  }
  return sharpLoading;
}

const DEFAULT_SCALE = 2;
/** librsvg's own unit: an SVG px is one pixel at 72 dpi. */
const BASE_DENSITY = 72;
/** The smallest and largest density sharp accepts: scales below 1/72 are drawn at 1/72, then shrunk. */
const MIN_DENSITY = 1;
const MAX_DENSITY = 100_000;

export async function emitPng(svg: string, options: PngOptions = {}): Promise<Buffer> {
  const { onWarning, ...plain } = options;
  const asked = pngSize(svgSize(svg), plain);
  const drawn = fitPng(asked);
  if (drawn.width !== asked.width || drawn.height !== asked.height)
    onWarning?.(
      `the PNG would be ${px(asked.width)} × ${px(asked.height)} px, more than the ${drawn.reason}: drawn at ${px(drawn.width)} × ${px(drawn.height)} px instead (set --width or --scale to choose a size within it)`,
    );
  return rasterise(svg, plain);
}

/** The drawing itself, at the size emitPng checked and warned about. */
async function rasterise(svg: string, options: PngOptions = {}): Promise<Buffer> {
  const size = svgSize(svg);
  const drawn = fitPng(pngSize(size, options));
  const background = options.background ?? 'white';
  const sharp = await loadSharp();
  // Rasterise at the scale wanted (within what sharp accepts), then resize to the exact size.
  const density = Math.min(
    MAX_DENSITY,
    Math.max(MIN_DENSITY, (BASE_DENSITY * drawn.width) / size.width),
  );
  let image = sharp(Buffer.from(svg, 'utf8'), { density, limitInputPixels: false });
  // Rounding in the rasteriser can miss by a pixel either way, and a tiny width is drawn larger
  // than asked: the image is brought to the exact size (sharp does nothing when it already is).
  image = image.resize({ width: drawn.width, height: drawn.height, fit: 'fill' });
  if (background !== 'transparent') image = image.flatten({ background: checkColour(background) });
  // zlib level 6 without adaptive filtering: measured on the CQRS sample at scale 2, 138 ms and 259 KB
  // against 329 ms / 205 KB at level 9 and 723 ms / 240 KB with adaptive filtering.
  return image.png({ compressionLevel: 6 }).toBuffer();
}

/**
 * Checks the options without drawing anything (a batch checks them once, before its first file):
 * a bad width, scale or background colour is a PngOptionError.
 */
export async function checkPngOptions(options: PngOptions): Promise<void> {
  pngSize({ width: 100, height: 100 }, options);
  if (options.background !== undefined && options.background !== 'transparent') {
    await loadSharp();
    checkColour(options.background);
  }
}

/** The PNG size the options ask for, in whole pixels (at least 1 × 1). */
function pngSize(
  svgSize: { width: number; height: number },
  options: PngOptions,
): { width: number; height: number } {
  if (options.width !== undefined) {
    const width = options.width;
    if (!Number.isInteger(width) || width < 1 || width > MAX_PNG_SIDE)
      throw new PngOptionError(
        `invalid PNG width ${width}: a whole number of pixels from 1 to ${px(MAX_PNG_SIDE)}`,
      );
    return { width, height: Math.max(1, Math.round((width * svgSize.height) / svgSize.width)) };
  }
  const scale = options.scale ?? DEFAULT_SCALE;
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_PNG_SCALE)
    throw new PngOptionError(
      `invalid PNG scale ${scale}: a number above 0 and at most ${MAX_PNG_SCALE}`,
    );
  return {
    width: Math.max(1, Math.round(svgSize.width * scale)),
    height: Math.max(1, Math.round(svgSize.height * scale)),
  };
}

/** The size actually drawn: the size asked, scaled down (keeping its aspect) to fit the limits. */
function fitPng(asked: { width: number; height: number }): {
  width: number;
  height: number;
  reason: string;
} {
  const bySide = Math.min(1, MAX_PNG_SIDE / asked.width, MAX_PNG_SIDE / asked.height);
  const byArea = Math.min(1, Math.sqrt(MAX_PNG_PIXELS / (asked.width * asked.height)));
  const factor = Math.min(bySide, byArea);
  if (factor >= 1) return { ...asked, reason: '' };
  // The epsilon keeps 45,600 × (32,767 / 45,600) at 32,767, not 32,766.99… floored.
  const scaled = (value: number) =>
    Math.min(MAX_PNG_SIDE, Math.max(1, Math.floor(value * factor + 1e-6)));
  return {
    width: scaled(asked.width),
    height: scaled(asked.height),
    reason:
      bySide <= byArea
        ? `${px(MAX_PNG_SIDE)} px a side the PNG renderer can draw`
        : `${px(MAX_PNG_PIXELS)} pixels flowc draws in one PNG (docs/limits.md)`,
  };
}

/** sharp's own colour parser decides (any CSS colour); anything else is a PngOptionError. */
function checkColour(background: string): string {
  try {
    // flatten() parses the colour when it is called: on a throwaway pipeline, so the error is ours.
    const sharp = requirePackage<(options: SharpOptions) => Sharp>('sharp');
    sharp({ create: { width: 1, height: 1, channels: 3, background: 'white' } }).flatten({
      background,
    });
    return background;
  } catch {
    throw new PngOptionError(
      `invalid PNG background colour '${background}': use a CSS colour (white, #1e1e1e, rgb(30 30 30)) or transparent`,
    );
  }
}

function px(value: number): string {
  return value.toLocaleString('en-US');
}

/** The root element's width and height (flowc's SVG always writes them in px). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0) || !(height > 0))
    throw new PngOptionError('the SVG has no width and height to rasterise');
  return { width, height };
}
