/**
 * The SVG emitter: a standalone SVG 1.1 document drawn from the layout, byte-identical for the same
 * input. Draw order is groups, edge lines, nodes, edge labels, so a label sits on top of any line
 * and a node hides nothing but the ends of its own edges.
 */
import type {
  GroupPart,
  Layout,
  LayoutEdge,
  LayoutGroup,
  LayoutNode,
  Point,
} from '../layout/types.js';
import type { Direction } from '../model/diagram.js';
import {
  ARROWHEAD_LENGTH,
  ARROWHEAD_WIDTH,
  EDGE_FONT_SIZE,
  FONT_STACK,
  LINE_HEIGHT,
  NODE_FONT_SIZE,
  TITLE_FONT_SIZE,
} from '../style.js';
import { GROUP_RADIUS, shapeModule, type SvgElement } from '../shapes/index.js';
import { polylinePath, roundedPath, shortenEnd, splinePath, topRoundedRect } from './geometry.js';
import { edgeElementId, groupElementId, nodeElementId } from './ids.js';
import { nodeKinds, type NodeKind } from './kinds.js';
import { arrowFill, edgeLook, lineAttributes, nodeLook } from './look.js';
import { attributePalette, autoThemeStyle, type Palette, type Role, type Theme } from './theme.js';
import { formatNumber as n, xmlAttribute, xmlText } from './text.js';

export type { Theme } from './theme.js';

export interface SvgOptions {
  /** `light` (default), `dark`, or `auto` (follows the viewer's prefers-color-scheme). */
  theme?: Theme;
  /** The `<title>`; defaults to a summary of the diagram. */
  title?: string;
  /** The `<desc>`; defaults to a sentence describing the diagram. */
  description?: string;
  /** Qualified ids of nodes drawn as erroneous (a red dashed outline). */
  highlight?: string[];
}

const STROKE_WIDTH = 1.5;
const EDGE_CORNER_RADIUS = 8;
const LABEL_RADIUS = 4;
const HIGHLIGHT_GAP = 4;
/**
 * Group titles start where the layout's title padding ends (GROUP_TITLE_PADDING_X in layout/sizes.ts).
 * They are drawn in the regular weight because that is what the layout measures them in: bold
 * DejaVu Sans is ~14 % wider and would overflow a group sized by its title.
 */
const TITLE_INSET = 12;
/** How far a line is pulled back from the arrow tip so its square end hides inside the head. */
const ARROW_INSET = 5;
/** Where the middle of capitals and lower case sits above the baseline, in em (DejaVu Sans). */
const TEXT_CENTRE_OFFSET = 0.36;

const ARROW_ID = 'flowc-arrow';
/** Used when the last segment is too short to pull the line back: the tip is then at the line end. */
const ARROW_FLUSH_ID = 'flowc-arrow-flush';

export function emitSvg(layout: Layout, options: SvgOptions = {}): string {
  const theme = options.theme ?? 'light';
  const palette = attributePalette(theme);
  const paint = (role: Role, extra = ''): string => paintAttributes(palette, role, extra);
  const kinds = nodeKinds(layout);
  const arrows = arrowMarkers(layout);
  const highlighted = new Set(options.highlight ?? []);
  const width = n(layout.width);
  const height = n(layout.height);

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="flowc-title flowc-desc">`,
    `  <title id="flowc-title">${xmlText(options.title ?? defaultTitle(layout))}</title>`,
    `  <desc id="flowc-desc">${xmlText(options.description ?? defaultDescription(layout, kinds))}</desc>`,
    ...defs(theme, paint, arrows),
    `  <rect class="flowc-background" x="0" y="0" width="${width}" height="${height}"${backgroundFill(palette, theme)}/>`,
  ];

  out.push('  <g class="flowc-groups">');
  for (const group of layout.groups) out.push(...drawGroup(group, paint));
  out.push('  </g>', '  <g class="flowc-edges">');
  layout.edges.forEach((edge, index) =>
    out.push(drawEdgeLine(edge, index, layout.edgeStyle, paint, arrows)),
  );
  out.push('  </g>', '  <g class="flowc-nodes">');
  for (const node of layout.nodes) {
    out.push(...drawNode(node, kinds.get(node.id) ?? 'step', highlighted.has(node.id), paint));
  }
  out.push('  </g>', '  <g class="flowc-edge-labels">');
  layout.edges.forEach((edge, index) => out.push(...drawEdgeLabel(edge, index, paint)));
  out.push('  </g>', '</svg>', '');
  return out.join('\n');
}

type PaintFn = (role: Role, extra?: string) => string;

/**
 * ` class="flowc-role" fill=… stroke=…`: the class lets the `auto` style sheet repaint the element;
 * a role that only strokes gets `fill="none"` so that CSS never has to say it.
 */
function paintAttributes(palette: Palette, role: Role, extra: string): string {
  const { fill, stroke } = palette[role];
  let attributes = ` class="flowc-${role}" fill="${fill ?? 'none'}"`;
  if (stroke) attributes += ` stroke="${stroke}"`;
  return attributes + extra;
}

/**
 * The light SVG is transparent, so it sits on any page; a dark SVG brings its own dark background.
 * In `auto` the background is transparent unless the style sheet's dark rules paint it.
 */
function backgroundFill(palette: Palette, theme: Theme): string {
  return theme === 'dark' ? ` fill="${palette.background.fill}"` : ' fill="none"';
}

/**
 * Arrowheads: the theme's pair (the line pulled back inside the head, or flush with its tip), and a
 * pair per edge colour a user gave (SVG 1.1 markers cannot take the colour of their line), numbered
 * in order of first use.
 */
function arrowMarkers(layout: Layout): Map<string, number> {
  const colors = new Map<string, number>();
  for (const edge of layout.edges) {
    const color = edge.style.color;
    if (color !== undefined && !colors.has(color)) colors.set(color, colors.size + 1);
  }
  return colors;
}

function arrowIds(color: string | undefined, arrows: Map<string, number>): [string, string] {
  const k = color === undefined ? undefined : arrows.get(color);
  return k === undefined
    ? [ARROW_ID, ARROW_FLUSH_ID]
    : [`${ARROW_ID}-${k}`, `${ARROW_FLUSH_ID}-${k}`];
}

function defs(theme: Theme, paint: PaintFn, arrows: Map<string, number>): string[] {
  const arrow = `M0 0 L${ARROWHEAD_LENGTH} ${ARROWHEAD_WIDTH / 2} L0 ${ARROWHEAD_WIDTH} Z`;
  const marker = (id: string, refX: number, fill: string): string[] => [
    `    <marker id="${id}" viewBox="0 0 ${ARROWHEAD_LENGTH} ${ARROWHEAD_WIDTH}" refX="${refX}" refY="${ARROWHEAD_WIDTH / 2}" ` +
      `markerWidth="${ARROWHEAD_LENGTH}" markerHeight="${ARROWHEAD_WIDTH}" markerUnits="userSpaceOnUse" orient="auto">`,
    `      <path d="${arrow}"${fill}/>`,
    '    </marker>',
  ];
  const lines = ['  <defs>'];
  if (theme === 'auto') {
    const css = autoThemeStyle()
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    lines.push('    <style type="text/css"><![CDATA[', css, '    ]]></style>');
  }
  lines.push(
    ...marker(ARROW_ID, ARROWHEAD_LENGTH - ARROW_INSET, paint('arrow')),
    ...marker(ARROW_FLUSH_ID, ARROWHEAD_LENGTH, paint('arrow')),
  );
  for (const [color] of arrows) {
    const [inset, flush] = arrowIds(color, arrows);
    lines.push(
      ...marker(inset, ARROWHEAD_LENGTH - ARROW_INSET, arrowFill(color)),
      ...marker(flush, ARROWHEAD_LENGTH, arrowFill(color)),
    );
  }
  lines.push('  </defs>');
  return lines;
}

function defaultTitle(layout: Layout): string {
  const titles = layout.groups.map((g) => g.title);
  return titles.length > 0 ? `Flowchart: ${titles.join(', ')}` : 'Flowchart';
}

const DIRECTION_WORDS: Record<Direction, string> = {
  LR: 'left to right',
  RL: 'right to left',
  TB: 'top to bottom',
  BT: 'bottom to top',
};

function defaultDescription(layout: Layout, kinds: Map<string, NodeKind>): string {
  const count = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;
  const labelsOf = (kind: NodeKind): string[] =>
    layout.nodes.filter((node) => kinds.get(node.id) === kind).map((node) => `"${node.label}"`);
  const sentences = [
    `A flowchart of ${count(layout.nodes.length, 'node')} and ${count(layout.edges.length, 'edge')}` +
      (layout.groups.length > 0 ? ` in ${count(layout.groups.length, 'group')}` : '') +
      `, flowing ${DIRECTION_WORDS[layout.direction]}.`,
  ];
  const starts = labelsOf('start');
  const ends = labelsOf('end');
  if (starts.length > 0) sentences.push(`Starts at ${starts.join(', ')}.`);
  if (ends.length > 0) sentences.push(`Ends at ${ends.join(', ')}.`);
  return sentences.join(' ');
}

function drawGroup(group: LayoutGroup, paint: PaintFn): string[] {
  // A wrapped lane is drawn once per row, each band with its header and title.
  const parts = [group, ...(group.continued ?? [])];
  return [
    `    <g id="${groupElementId(group.id)}" class="flowc-group" data-id="${xmlAttribute(group.id)}">`,
    ...parts.flatMap((part) => drawGroupBox(part, group.title, paint)),
    '    </g>',
  ];
}

/** One box of a group: fill, header band, border, title. */
function drawGroupBox(part: GroupPart, title: string, paint: PaintFn): string[] {
  const { x, y, width, height, header } = part;
  const box = `x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="${GROUP_RADIUS}"`;
  // The header band is drawn between the fill and the border so the border stays crisp over it.
  const headerShape =
    Math.abs(header.y - y) < 0.5
      ? `<path d="${topRoundedRect(header.x, header.y, header.width, header.height, GROUP_RADIUS)}"${paint('group-header')}/>`
      : `<rect x="${n(header.x)}" y="${n(header.y)}" width="${n(header.width)}" height="${n(header.height)}"${paint('group-header')}/>`;
  const text = textElement([title], {
    x: header.x + TITLE_INSET,
    centreY: header.y + header.height / 2,
    fontSize: TITLE_FONT_SIZE,
    anchor: 'start',
    paint: paint('group-title'),
  });
  return [
    `      <rect ${box}${paint('group-fill')}/>`,
    `      ${headerShape}`,
    `      <rect ${box}${paint('group-border', ' stroke-width="1"')}/>`,
    `      ${text}`,
  ];
}

function drawEdgeLine(
  edge: LayoutEdge,
  index: number,
  style: Layout['edgeStyle'],
  paint: PaintFn,
  arrows: Map<string, number>,
): string {
  const shortened = shortenEnd(edge.points, ARROW_INSET);
  const points: Point[] = shortened ?? edge.points;
  const d =
    style === 'spline'
      ? splinePath(points)
      : style === 'straight'
        ? polylinePath(points)
        : roundedPath(points, EDGE_CORNER_RADIUS);
  const [inset, flush] = arrowIds(edge.style.color, arrows);
  const marker = shortened ? inset : flush;
  const look = edgeLook(edge.style);
  const line = lineAttributes(edge.style.line, STROKE_WIDTH);
  return (
    `    <path id="${edgeElementId(index)}" data-from="${xmlAttribute(edge.from)}" data-to="${xmlAttribute(edge.to)}" ` +
    `d="${d}"${paint('edge', `${line} stroke-linejoin="round" marker-end="url(#${marker})"${look.line}`)}/>`
  );
}

function drawEdgeLabel(edge: LayoutEdge, index: number, paint: PaintFn): string[] {
  const box = edge.labelBox;
  if (!box || edge.label === null) return [];
  const lines = edge.labelLines.length > 0 ? edge.labelLines : edge.label.split('\n');
  const text = textElement(lines, {
    x: box.x + box.width / 2,
    centreY: box.y + box.height / 2,
    fontSize: EDGE_FONT_SIZE,
    anchor: 'middle',
    paint: paint('label-text', edgeLook(edge.style).label),
  });
  return [
    `    <g id="${edgeElementId(index)}-label" class="flowc-edge-label">`,
    `      <rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="${LABEL_RADIUS}"` +
      `${paint('label-box', ' stroke-width="1"')}/>`,
    `      ${text}`,
    '    </g>',
  ];
}

function drawNode(
  node: LayoutNode,
  kind: NodeKind,
  highlighted: boolean,
  paint: PaintFn,
): string[] {
  const shape = shapeModule(node.shape);
  const drawing = shape.draw(node, kind === 'end');
  const look = nodeLook(node.style);
  const line = lineAttributes(node.style.line, STROKE_WIDTH);
  const parts = [element(drawing.body, paint(kind, line + look.body))];
  for (const detail of drawing.details) {
    parts.push(
      detail.kind === 'ring'
        ? element(detail.element, paint('end-ring', line + look.detail))
        : element(detail.element, detailPaint(paint(kind, line + look.detail))),
    );
  }
  if (highlighted) {
    const dashed = ` stroke-width="2" stroke-dasharray="5 3"`;
    parts.push(element(shape.highlight(node, HIGHLIGHT_GAP), paint('highlight', dashed)));
  }
  const centre = shape.labelCentre(node);
  parts.push(
    textElement(node.lines.length > 0 ? node.lines : [node.label], {
      x: centre.x,
      centreY: centre.y,
      fontSize: NODE_FONT_SIZE,
      anchor: 'middle',
      paint: paint('node-text', look.text),
    }),
  );
  const classes = `flowc-node flowc-node-${kind}${highlighted ? ' flowc-node-error' : ''}`;
  const out = [
    `    <g id="${nodeElementId(node.id)}" class="${classes}" data-id="${xmlAttribute(node.id)}">`,
  ];
  // The tooltip is the group's <title> (what browsers show on hover); the link wraps what is drawn.
  if (node.tooltip !== null) out.push(`      <title>${xmlText(node.tooltip)}</title>`);
  if (node.link !== null) {
    const href = xmlAttribute(node.link);
    out.push(
      `      <a xmlns:xlink="http://www.w3.org/1999/xlink" href="${href}" xlink:href="${href}">`,
      ...parts.map((s) => `        ${s}`),
      '      </a>',
    );
  } else out.push(...parts.map((s) => `      ${s}`));
  out.push('    </g>');
  return out;
}

/** A shape's element with its paint attributes. */
function element(svg: SvgElement, paintAttributes: string): string {
  const attributes = svg.attributes
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? n(value) : value}"`)
    .join('');
  return `<${svg.tag}${attributes}${paintAttributes}/>`;
}

/** A detail line is stroked only: fill="none", and the class that keeps the auto theme from filling it. */
function detailPaint(attributes: string): string {
  return attributes
    .replace(/ class="([^"]*)"/, ' class="$1 flowc-detail"')
    .replace(/ fill="[^"]*"/, ' fill="none"');
}

interface TextOptions {
  x: number;
  /** Vertical centre of the block of lines. */
  centreY: number;
  fontSize: number;
  anchor: 'start' | 'middle';
  paint: string;
}

/**
 * A block of lines centred on `centreY`, one tspan per line. The font family is written on every
 * text element (librsvg matches the family name literally), and `xml:space="preserve"` keeps
 * the label's spaces as written.
 */
function textElement(lines: readonly string[], options: TextOptions): string {
  const lineHeight = options.fontSize * LINE_HEIGHT;
  const firstBaseline =
    options.centreY - ((lines.length - 1) * lineHeight) / 2 + options.fontSize * TEXT_CENTRE_OFFSET;
  const spans = lines
    .map(
      (line, i) =>
        `<tspan x="${n(options.x)}" y="${n(firstBaseline + i * lineHeight)}">${xmlText(line)}</tspan>`,
    )
    .join('');
  return (
    `<text xml:space="preserve" text-anchor="${options.anchor}" font-family="${xmlAttribute(FONT_STACK)}" ` +
    `font-size="${options.fontSize}"${options.paint}>${spans}</text>`
  );
}
