/**
 * Node and label sizes from measured text. Sizes are even integers so that box centres and side
 * midpoints (where handles attach) fall on whole pixels.
 */
import type { Shape } from '../model/diagram.js';
import { EDGE_FONT_SIZE, LINE_HEIGHT, NODE_FONT_SIZE, TITLE_FONT_SIZE } from '../style.js';
import { measureText, wrapText } from './text.js';
import { tune } from './layered/tune.js';

/** Longest line of a node label before it wraps, px. */
export const NODE_WRAP_WIDTH: Readonly<Record<Shape, number>> = {
  rectangle: tune('wrapRect', 170),
  diamond: tune('wrapDiamond', 130),
  circle: 90,
};
/** Longest line of an edge label before it wraps, px. */
export const EDGE_LABEL_WRAP_WIDTH = tune('wrapEdge', 130);

const RECT_PADDING_X = tune('padX', 12);
const RECT_PADDING_Y = tune('padY', 8);
const RECT_MIN_WIDTH = tune('minW', 72);
const RECT_MIN_HEIGHT = tune('minH', 36);
const CIRCLE_MIN_DIAMETER = 52;
const DIAMOND_PADDING = tune('padD', 4);
const LABEL_PADDING_X = 4;
const LABEL_PADDING_Y = 1;

/** Group chrome: padding around members and the title band at the top. */
export const GROUP_PADDING = 18;
export const GROUP_HEADER_HEIGHT = evenCeil(TITLE_FONT_SIZE * LINE_HEIGHT + 12);
const GROUP_TITLE_PADDING_X = 12;

export function evenCeil(value: number): number {
  return Math.ceil(value / 2) * 2;
}

export interface NodeSize {
  width: number;
  height: number;
  lines: string[];
}

/**
 * Wrap widths for a layout along `horizontalFlow` (LR, RL) or down (TB, BT): lines are longer when
 * the flow runs down, so boxes are flatter and the drawing shorter along its flow; shorter across
 * when the flow runs sideways, for the same reason.
 */
export function wrapWidths(horizontalFlow: boolean): {
  node: Readonly<Record<Shape, number>>;
  edge: number;
} {
  return horizontalFlow
    ? {
        node: {
          rectangle: tune('lrRect', 170),
          diamond: tune('lrDiamond', 130),
          circle: 90,
        },
        edge: tune('lrEdge', 130),
      }
    : {
        node: {
          rectangle: tune('tbRect', 220),
          diamond: tune('tbDiamond', 200),
          circle: 90,
        },
        edge: tune('tbEdge', 200),
      };
}

export function sizeNode(shape: Shape, label: string, wrapWidth = NODE_WRAP_WIDTH[shape]): NodeSize {
  const text = wrapText(label, NODE_FONT_SIZE, wrapWidth);
  switch (shape) {
    case 'rectangle':
      return {
        width: evenCeil(Math.max(RECT_MIN_WIDTH, text.width + 2 * RECT_PADDING_X)),
        height: evenCeil(Math.max(RECT_MIN_HEIGHT, text.height + 2 * RECT_PADDING_Y)),
        lines: text.lines,
      };
    case 'circle': {
      // The text box's diagonal must fit inside the circle.
      const diameter = evenCeil(
        Math.max(CIRCLE_MIN_DIAMETER, Math.hypot(text.width, text.height) + 12),
      );
      return { width: diameter, height: diameter, lines: text.lines };
    }
    case 'diamond': {
      // A w×h box fits in a rhombus W×H when w/W + h/H ≤ 1: twice the padded text box is exactly that.
      const width = evenCeil(2 * (text.width + 2 * DIAMOND_PADDING));
      const height = evenCeil(Math.max(2 * (text.height + 2 * DIAMOND_PADDING), 48));
      return { width, height, lines: text.lines };
    }
  }
}

export interface LabelSize {
  width: number;
  height: number;
  lines: string[];
}

export function sizeEdgeLabel(label: string, wrapWidth = EDGE_LABEL_WRAP_WIDTH): LabelSize {
  const text = wrapText(label, EDGE_FONT_SIZE, wrapWidth);
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
