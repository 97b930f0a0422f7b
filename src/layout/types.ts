/**
 * The laid-out diagram, in SVG coordinates (origin top-left; x/y is a box's top-left corner).
 * This is the contract's `--format json` shape; extra fields are allowed.
 */
import type { Side } from '../syntax/ast.js';
import type {
  Direction,
  EdgeLook,
  EndpointKind,
  LayoutKind,
  NodeStyle,
  Shape,
} from '../model/diagram.js';
import type { Box, Point } from '../shapes/types.js';

/** Points and boxes are the shapes' (a layout places shapes): one definition for both. */
export type { Box, Point };

export interface LayoutGroup extends Box {
  id: string;
  title: string;
  /** The enclosing group (qualified id), or null at the top level. */
  parent: string | null;
  /** 0 for a top-level group, 1 inside it, … (a group's box lies inside its parent's). */
  depth: number;
  /** The header band holding the title (inside the group box). */
  header: Box;
  /**
   * Swimlanes wrapped into rows: the group's band in each later row, each with its own header
   * (the box above is its band in the first row). Absent when the drawing is not wrapped.
   */
  continued?: GroupPart[];
}

/** One more box of a group (a wrapped lane's band in a later row), with its header band. */
export interface GroupPart extends Box {
  header: Box;
}

export interface LayoutNode extends Box {
  id: string;
  group: string | null;
  shape: Shape;
  label: string;
  /** The label broken into the lines drawn (wrapped and split at `\n`). */
  lines: string[];
  style: NodeStyle;
  link: string | null;
  tooltip: string | null;
}

/** How edges are routed (`--edges`, `render.edges`): the one list of them. */
export const EDGE_STYLES = ['ortho', 'spline', 'straight'] as const;
export type EdgeStyle = (typeof EDGE_STYLES)[number];

export interface LayoutEdge {
  /** A node id, or a group id when `fromKind` is 'group' (the edge then ends on the group's border). */
  from: string;
  to: string;
  fromKind: EndpointKind;
  toKind: EndpointKind;
  fromHandle: Side;
  toHandle: Side;
  label: string | null;
  /**
   * Route polyline: the first point on the source's `fromHandle` side, the last on the target's
   * `toHandle` side, both on the shape's real outline (or the group box's border).
   */
  points: Point[];
  labelBox: Box | null;
  /** Label lines as drawn inside `labelBox`. */
  labelLines: string[];
  style: EdgeLook;
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
