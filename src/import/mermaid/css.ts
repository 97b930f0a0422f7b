/**
 * Mermaid's CSS (`style`, `classDef`, `linkStyle`) as `.flow` looks: `fill`, `stroke` and `color`
 * become `fill`, `stroke` and `text` (`color` for an edge's `stroke`); a dash pattern becomes a
 * dashed or dotted line, a wide stroke a thick one. A colour `.flow` does not read, and every other
 * property (fonts, radii, opacity, …), is reported as dropped.
 */
import { parseColor } from '../../model/colors.js';

export type LineStyle = 'solid' | 'dashed' | 'dotted' | 'thick';

export interface Look {
  fill?: string;
  stroke?: string;
  text?: string;
  style?: LineStyle;
}

export interface CssResult {
  look: Look;
  /** `property: value` of each declaration that could not be kept, with the reason when useful. */
  dropped: string[];
}

/**
 * Mermaid's style lists are split at commas by its grammar (`stroke-dasharray: 5, 5` arrives as
 * two parts): join them and split again at `;` and at commas that start a new `property:`.
 */
export function declarations(parts: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of parts.join(',').split(/;|,(?=\s*[A-Za-z-]+\s*:)/)) {
    const text = raw.trim();
    if (text === '') continue;
    const colon = text.indexOf(':');
    if (colon < 0) {
      out.push([text, '']);
      continue;
    }
    out.push([
      text.slice(0, colon).trim().toLowerCase(),
      text
        .slice(colon + 1)
        .replace(/!important\s*$/i, '')
        .trim(),
    ]);
  }
  return out;
}

/** The look of a node (`style`, `classDef`) or of an edge (`linkStyle`). */
export function readCss(parts: readonly string[], owner: 'node' | 'edge'): CssResult {
  const look: Look = {};
  const dropped: string[] = [];
  let width: { value: number; text: string } | null = null;
  for (const [property, value] of declarations(parts)) {
    const written = value === '' ? property : `${property}:${value}`;
    switch (property) {
      case 'fill':
      case 'stroke':
      case 'color': {
        if (owner === 'edge' && property === 'fill') {
          // Mermaid adds `fill:none` to every styled edge itself.
          if (value !== 'none') dropped.push(written);
          break;
        }
        if (owner === 'edge' && property === 'color') {
          dropped.push(`${written} (an edge's label colour comes only from a style)`);
          break;
        }
        const color = parseColor(value);
        if ('problem' in color) {
          dropped.push(`${written} (${color.problem})`);
          break;
        }
        look[property === 'color' ? 'text' : property] = value;
        break;
      }
      case 'stroke-dasharray': {
        const numbers = value
          .split(/[\s,]+/)
          .map(Number.parseFloat)
          .filter((n) => Number.isFinite(n));
        if (numbers.length === 0 || numbers.every((n) => n === 0)) {
          if (value !== 'none' && value !== '0') dropped.push(written);
          break;
        }
        look.style = numbers[0]! <= 2 ? 'dotted' : 'dashed';
        break;
      }
      case 'stroke-width': {
        const n = Number.parseFloat(value);
        if (Number.isFinite(n)) width = { value: n, text: written };
        else dropped.push(written);
        break;
      }
      default:
        dropped.push(written);
    }
  }
  if (width) {
    const thick = width.value >= (owner === 'edge' ? 3 : 2);
    if (thick && look.style === undefined) look.style = 'thick';
    else if (thick) dropped.push(`${width.text} (the line is already ${look.style})`);
    else if (width.value !== 1) dropped.push(width.text);
  }
  return { look, dropped };
}
