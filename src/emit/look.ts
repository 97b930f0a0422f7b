/**
 * A user's look (`fill`, `stroke`, `text`, `style` on nodes; `color`, `style` on edges) as SVG
 * attributes. Colours arrive normalised (lower-case hex, model/colors.ts), so nothing raw is ever
 * written. They go into an inline `style` attribute, which wins over the `auto` theme's style
 * sheet: a user's colour is kept as written in every theme (light, dark, auto). Text on a user's
 * fill is dark or light, whichever contrasts more with the fill, unless `text` says otherwise.
 */
import type { EdgeLook, LineStyle, NodeStyle } from '../model/diagram.js';
import { colorChannels, luminance } from '../model/colors.js';
import { formatNumber as n } from './text.js';

/** Text colours chosen for contrast on a user's fill (the light and dark themes' node text). */
const DARK_TEXT = '#1e293b';
const LIGHT_TEXT = '#f1f5f9';

/** `fill:#…;fill-opacity:…` (or `stroke`), the alpha of `#rrggbbaa` split off for every renderer. */
function paint(property: 'fill' | 'stroke', color: string): string {
  if (color.length === 9) {
    const alpha = colorChannels(color).a;
    return `${property}:${color.slice(0, 7)};${property}-opacity:${n(alpha)}`;
  }
  return `${property}:${color}`;
}

function styleAttribute(declarations: string[]): string {
  return declarations.length === 0 ? '' : ` style="${declarations.join(';')}"`;
}

/** Dash pattern and width of a line style, as presentation attributes. */
export function lineAttributes(line: LineStyle | undefined, width: number): string {
  switch (line) {
    case 'dashed':
      return ` stroke-width="${width}" stroke-dasharray="6 4"`;
    case 'dotted':
      return ` stroke-width="${width}" stroke-dasharray="1 3.5" stroke-linecap="round"`;
    case 'thick':
      return ` stroke-width="${n(width * 2)}"`;
    default:
      return ` stroke-width="${width}"`;
  }
}

/** The text colour for a label on `fill`, or null to follow the theme (no fill, or a faint one). */
export function contrastText(fill: string | undefined): string | null {
  if (fill === undefined || colorChannels(fill).a < 0.5) return null;
  const l = luminance(fill);
  const ratio = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  return ratio(l, luminance(DARK_TEXT)) >= ratio(l, luminance(LIGHT_TEXT)) ? DARK_TEXT : LIGHT_TEXT;
}

export interface NodeLookAttributes {
  /** On the outline (body). */
  body: string;
  /** On the lines drawn over it (stroke only). */
  detail: string;
  /** On the label. */
  text: string;
}

export function nodeLook(style: NodeStyle): NodeLookAttributes {
  const body: string[] = [];
  if (style.fill) body.push(paint('fill', style.fill));
  if (style.stroke) body.push(paint('stroke', style.stroke));
  const text = style.text ?? contrastText(style.fill);
  return {
    body: styleAttribute(body),
    detail: styleAttribute(style.stroke ? [paint('stroke', style.stroke)] : []),
    text: styleAttribute(text ? [paint('fill', text)] : []),
  };
}

export interface EdgeLookAttributes {
  line: string;
  label: string;
}

export function edgeLook(look: EdgeLook): EdgeLookAttributes {
  return {
    line: styleAttribute(look.color ? [paint('stroke', look.color)] : []),
    label: styleAttribute(look.text ? [paint('fill', look.text)] : []),
  };
}

/** The arrowhead's paint for an edge colour. */
export function arrowFill(color: string): string {
  return styleAttribute([paint('fill', color)]);
}
