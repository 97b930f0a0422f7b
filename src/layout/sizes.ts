/**
 * Node and label sizes from measured text. Sizes are even integers so that box centres and side
 * midpoints (where handles attach) fall on whole pixels.
 */
import type { Shape } from '../model/diagram.js';
import { evenCeil, shapeModule } from '../shapes/index.js';
import { EDGE_FONT_SIZE, LINE_HEIGHT, NODE_FONT_SIZE, TITLE_FONT_SIZE } from '../style.js';
import { measureText, wrapText } from './text.js';

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

/** A node's box for its label: the label wrapped at the shape's width, the box sized by the shape. */
export function sizeNode(shape: Shape, label: string): NodeSize {
  const module = shapeModule(shape);
  const text = wrapText(label, NODE_FONT_SIZE, module.wrapWidth);
  return { ...module.size(text), lines: text.lines };
}

export interface LabelSize {
  width: number;
  height: number;
  lines: string[];
}

export function sizeEdgeLabel(label: string): LabelSize {
  const text = wrapText(label, EDGE_FONT_SIZE, EDGE_LABEL_WRAP_WIDTH);
  return {
    width: evenCeil(text.width + 2 * LABEL_PADDING_X),
    height: evenCeil(text.height + 2 * LABEL_PADDING_Y),
    lines: text.lines,
  };
}

/** Smallest width that shows a group's title in its header band. */
export function groupTitleWidth(title: string): number {
  return evenCeil(measureText(title, TITLE_FONT_SIZE) + 2 * GROUP_TITLE_PADDING_X);
}
