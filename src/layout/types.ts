/**
 * The laid-out diagram, in SVG coordinates (origin top-left; x/y is a box's top-left corner).
 * This is the contract's `--format json` shape; extra fields are allowed.
 */
import type { Side } from '../syntax/ast.js';
import type { Direction, LayoutKind, Shape } from '../model/diagram.js';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutGroup extends Box {
  id: string;
  title: string;
  /** The header band holding the title (inside the group box). */
  header: Box;
}

export interface LayoutNode extends Box {
  id: string;
  group: string | null;
  shape: Shape;
  label: string;
  /** The label broken into the lines drawn (wrapped and split at `\n`). */
  lines: string[];
}

export type EdgeStyle = 'ortho' | 'spline' | 'straight';

export interface LayoutEdge {
  from: string;
  to: string;
  fromHandle: Side;
  toHandle: Side;
  label: string | null;
  /** Route polyline: first point on the source's `fromHandle` side, last on the target's `toHandle` side. */
  points: Point[];
  labelBox: Box | null;
  /** Label lines as drawn inside `labelBox`. */
  labelLines: string[];
}

export interface Layout {
  version: 1;
  /** Which placement drew it (layered or lanes). */
  layout?: LayoutKind;
  width: number;
  height: number;
  direction: Direction;
  edgeStyle: EdgeStyle;
  groups: LayoutGroup[];
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

export interface LayoutOptions {
  direction?: Direction;
  edges?: EdgeStyle;
  /**
   * The placement: layered or lanes, or 'auto' (the default): the file's `layout` setting if it
   * has one, else lanes only where they measure better (index.ts chooseLayout).
   */
  layout?: LayoutKind | 'auto';
}
