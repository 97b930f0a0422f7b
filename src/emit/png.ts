/**
 * `--format png`: the SVG rasterised by sharp (librsvg). sharp is imported on first use only:
 * it costs ~100 ms of start-up that no other format should pay. Text is drawn with the shipped
 * font whatever the machine has installed (see fonts.ts).
 *
 * A process that knows early that it will draw a PNG (the CLI, `flowc render x.flow -o x.png`)
 * can have sharp loaded and warmed up on a worker thread while it parses and lays out the diagram
 * (png-thread.ts); emitPng then rasterises there.
 */
import type { Sharp, SharpOptions } from 'sharp';
import { FONT_FAMILY } from '../style.js';
import { configureFonts } from './fonts.js';
import { requirePackage } from '../util/lazy.js';

export interface PngOptions {
  /** Pixels per SVG unit (default 2). Ignored when `width` is given. */
  scale?: number;
  /** Output width in pixels; the height follows the aspect ratio. */
  width?: number;
  /** Any CSS colour, or 'transparent' (default white). */
  background?: string;
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

/** Rasterises elsewhere (a worker thread, png-thread.ts), with the same result as `rasterise`. */
export interface PngRasteriser {
  rasterise(svg: string, options: PngOptions): Promise<Buffer>;
}

let rasteriser: PngRasteriser | null = null;

/** Makes `emitPng` rasterise through `r` from now on (null: in this thread again). */
export function setPngRasteriser(r: PngRasteriser | null): void {
  rasteriser = r;
}

export async function emitPng(svg: string, options: PngOptions = {}): Promise<Buffer> {
  // Checked here, so a bad size is reported the same wherever the picture is drawn.
  pngScale(svgSize(svg).width, options);
  return rasteriser ? rasteriser.rasterise(svg, options) : rasterise(svg, options);
}

/** emitPng in this thread. */
export async function rasterise(svg: string, options: PngOptions = {}): Promise<Buffer> {
  const size = svgSize(svg);
  const scale = pngScale(size.width, options);
  const background = options.background ?? 'white';
  const sharp = await loadSharp();
  let image = sharp(Buffer.from(svg, 'utf8'), {
    density: BASE_DENSITY * scale,
    limitInputPixels: false,
  });
  if (options.width !== undefined && Math.round(size.width * scale) !== options.width) {
    image = image.resize({ width: options.width }); // rounding in the rasteriser can miss by a pixel
  }
  if (background !== 'transparent') {
    try {
      image = image.flatten({ background });
    } catch {
      throw new Error(
        `invalid PNG background colour "${background}" (use a CSS colour or "transparent")`,
      );
    }
  }
  // zlib level 6 without adaptive filtering: measured on the CQRS sample at scale 2, 138 ms and 259 KB
  // against 329 ms / 205 KB at level 9 and 723 ms / 240 KB with adaptive filtering.
  return image.png({ compressionLevel: 6 }).toBuffer();
}

/**
 * Loads sharp and draws a word, so the first real picture does not pay for starting libvips,
 * fontconfig and the font (png-thread.ts runs this while the diagram is laid out).
 */
export async function warmUp(): Promise<void> {
  const sharp = await loadSharp();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><text x="0" y="12" font-size="12" font-family="${FONT_FAMILY}">flowc</text></svg>`;
  await sharp(Buffer.from(svg, 'utf8')).png().toBuffer();
}

function pngScale(svgWidth: number, options: PngOptions): number {
  if (options.width !== undefined) {
    if (!Number.isInteger(options.width) || options.width < 1 || options.width > 100_000) {
      throw new Error(
        `invalid PNG width ${options.width} (a whole number of pixels from 1 to 100000)`,
      );
    }
    return options.width / svgWidth;
  }
  const scale = options.scale ?? DEFAULT_SCALE;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
    throw new Error(`invalid PNG scale ${scale} (a number above 0, at most 100)`);
  }
  return scale;
}

/** The root element's width and height (flowc's SVG always writes them in px). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0) || !(height > 0))
    throw new Error('the SVG has no width and height to rasterise');
  return { width, height };
}
