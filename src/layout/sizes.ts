/**
 * Node and label sizes from measured text. Sizes are even integers so that box centres and side
 * midpoints (where handles attach) fall on whole pixels.
 */
import type { Shape } from '../model/diagram.js';
import { evenCeil, shapeModule } from '../shapes/index.js';
import { EDGE_FONT_SIZE, LINE_HEIGHT, NODE_FONT_SIZE, TITLE_FONT_SIZE } from '../style.js';
import { measureText, wrapText, type LineFit } from './text.js';

export { evenCeil };
/** Longest line of an edge label before it wraps, px. */
export const EDGE_LABEL_WRAP_WIDTH = 130;

const LABEL_PADDING_X = 4;
const LABEL_PADDING_Y = 1;

/** Group chrome: padding around members and the title band at the top. */
export const GROUP_PADDING = 18;
export const GROUP_HEADER_HEIGHT = evenCeil(TITLE_FONT_SIZE * LINE_HEIGHT + 12);
const GROUP_TITLE_PADDING_X = 12;

export interface NodeSize {
  width: number;
  height: number;
  lines: string[];
}

/**
 * Wrap widths for a layout along `horizontalFlow` (LR, RL) or down (TB, BT): lines are longer when
 * the flow runs down, so boxes are flatter and the drawing shorter along its flow (a diamond's
 * most of all: it is the widest box); the shapes' own widths when the flow runs sideways.
 */
export function wrapWidths(horizontalFlow: boolean): {
  node: (shape: Shape) => number;
  edge: number;
} {
  if (horizontalFlow)
    return {
      node: (shape) => (shape === 'diamond' ? LR_DIAMOND_WRAP : shapeModule(shape).wrapWidth),
      edge: 130,
    };
  return {
    node: (shape) => {
      const width = shapeModule(shape).wrapWidth;
      if (shape === 'circle') return width;
      if (shape === 'diamond') return TB_DIAMOND_WRAP;
      return Math.round(width * TB_WRAP_FACTOR);
    },
    edge: 200,
  };
}
/** Top-down flows: lines this many times longer than the shape's own wrap width... */
const TB_WRAP_FACTOR = 220 / 170;
/** ...and a diamond's up to 200 px. */
const TB_DIAMOND_WRAP = 200;
/**
 * Sideways flows: a diamond's lines up to 170 px, not its own 130. A diamond is twice its text
 * box both ways, and a rank across an LR flow is as tall as its nodes: each line more makes the
 * rank 36 px taller ('Utilization Changed > UtilizationThreshold?' in 4 lines: 182 x 170).
 */
const LR_DIAMOND_WRAP = 170;

/**
 * How the swimlanes' labels wrap: each line as full as it goes. With lines of even length
 * (narrower boxes) the lanes' router put two jogs 4 px apart in the gap between two lanes
 * (audit-logging LR and TB), so the lanes keep the sizes they were drawn with.
 */
export const LANES_FIT: LineFit = 'filled';

/** A node's box for its label: the label wrapped at `wrapWidth` (default: the shape's), the box sized by the shape. */
export function sizeNode(
  shape: Shape,
  label: string,
  wrapWidth = shapeModule(shape).wrapWidth,
  fit: LineFit = 'even',
): NodeSize {
  const key = `${shape}\u0000${wrapWidth}\u0000${fit}\u0000${label}`;
  const known = SIZED.nodes.get(key);
  if (known) return { ...known, lines: known.lines.slice() };
  const module = shapeModule(shape);
  const text = wrapText(label, NODE_FONT_SIZE, wrapWidth, fit);
  const size = { ...module.size(text), lines: text.lines };
  remember(SIZED.nodes, key, { ...size, lines: size.lines.slice() });
  return size;
}

export interface LabelSize {
  width: number;
  height: number;
  lines: string[];
}

export function sizeEdgeLabel(
  label: string,
  wrapWidth = EDGE_LABEL_WRAP_WIDTH,
  fit: LineFit = 'even',
): LabelSize {
  const key = `${wrapWidth}\u0000${fit}\u0000${label}`;
  const known = SIZED.labels.get(key);
  if (known) return { ...known, lines: known.lines.slice() };
  const text = wrapText(label, EDGE_FONT_SIZE, wrapWidth, fit);
  const size = {
    width: evenCeil(text.width + 2 * LABEL_PADDING_X),
    height: evenCeil(text.height + 2 * LABEL_PADDING_Y),
    lines: text.lines,
  };
  remember(SIZED.labels, key, { ...size, lines: size.lines.slice() });
  return size;
}

/**
 * Sizes already measured, by shape, wrap width and text: the automatic choice sizes every node and
 * label once per candidate it draws (with the same wrap widths), the emitters again. Callers get
 * their own copies (a size's lines go into the layout).
 */
const SIZED = {
  nodes: new Map<string, NodeSize>(),
  labels: new Map<string, LabelSize>(),
};
/** Sizes kept at most per kind (then that memo starts again): a few diagrams' worth. */
const SIZED_MAX = 2048;

function remember<T>(memo: Map<string, T>, key: string, value: T): void {
  if (memo.size >= SIZED_MAX) memo.clear();
  memo.set(key, value);
}

/** Smallest width that shows a group's title in its header band. */
export function groupTitleWidth(title: string): number {
  return evenCeil(measureText(title, TITLE_FONT_SIZE) + 2 * GROUP_TITLE_PADDING_X);
}
