/**
 * Colours as written in a `.flow` file: a CSS colour name (`red`, `RebeccaPurple`), `transparent`,
 * or hex (`#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`). Each is checked and normalised to lower-case
 * hex (`#rrggbb`, or `#rrggbbaa` when not opaque): the only form any output ever gets.
 */
import { didYouMean } from '../util/suggest.js';
import { CSS_COLORS } from './css-colors.js';

const NAMES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(CSS_COLORS),
  ['transparent', '#00000000'],
]);

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** A checked colour, or what is wrong with it and the colour it most likely means. */
export type ColorResult = { color: string } | { problem: string; suggestion: string | null };

export function parseColor(text: string): ColorResult {
  const hex = HEX.exec(text);
  if (hex) {
    let digits = hex[1]!.toLowerCase();
    if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
    if (digits.endsWith('ff') && digits.length === 8) digits = digits.slice(0, 6);
    return { color: `#${digits}` };
  }
  const named = NAMES.get(text.toLowerCase());
  if (named) return { color: named };
  return describeBadColor(text);
}

function describeBadColor(text: string): { problem: string; suggestion: string | null } {
  const shown = JSON.stringify(text);
  const none = (problem: string) => ({ problem, suggestion: null });
  if (text.startsWith('#'))
    return none(
      `${shown} is not a hex colour: write #rgb, #rgba, #rrggbb or #rrggbbaa (hex digits 0-9, a-f)`,
    );
  if (/^\s*(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\s*\(/i.test(text))
    return none(
      `${shown} is a CSS colour function, which flowc does not read: write it as hex (#rrggbb)`,
    );
  if (/^[0-9a-f]{3,8}$/i.test(text) && [3, 4, 6, 8].includes(text.length))
    return { problem: `unknown colour ${shown}: did you mean '#${text}'?`, suggestion: `#${text}` };
  const trimmed = text.trim();
  if (trimmed !== text && 'color' in parseColor(trimmed))
    return {
      problem: `unknown colour ${shown}: did you mean '${trimmed}'? (no spaces around a colour)`,
      suggestion: trimmed,
    };
  const close = didYouMean(trimmed.toLowerCase(), NAMES.keys());
  return close
    ? { problem: `unknown colour ${shown}: did you mean '${close}'?`, suggestion: close }
    : none(
        `unknown colour ${shown}: expected a CSS colour name (e.g. 'steelblue') or hex (#rrggbb)`,
      );
}

/** Red, green, blue (0-255) and alpha (0-1) of a normalised colour. */
export function colorChannels(color: string): { r: number; g: number; b: number; a: number } {
  const value = (at: number): number => parseInt(color.slice(at, at + 2), 16);
  return {
    r: value(1),
    g: value(3),
    b: value(5),
    a: color.length === 9 ? value(7) / 255 : 1,
  };
}

/** WCAG relative luminance of a normalised colour, its alpha ignored. */
export function luminance(color: string): number {
  const { r, g, b } = colorChannels(color);
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
