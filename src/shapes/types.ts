/**
 * What a shape is, in one place: how big its box must be for a label, the outline it draws, where
 * edges attach on each side (on that outline, not on the bounding box), and how Mermaid and DOT
 * spell it. Every stage reads shapes through this interface, so a new shape is one module and its
 * line in the registry (index.ts).
 */
import type { Side } from './sides.js';
import type { Outline } from './outline.js';

export interface Point {
  x: number;
  y: number;
}

/** A box: x/y is its top-left corner (SVG coordinates, y grows downwards). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The measured label a node must hold: the wrapped lines' widest advance and their total height. */
export interface TextBox {
  width: number;
  height: number;
}

/** One SVG element, without paint: the emitter adds the class, fill and stroke. */
export interface SvgElement {
  tag: 'rect' | 'circle' | 'path';
  /** Attribute name and value, in the order written; numbers are rounded when written. */
  attributes: ReadonlyArray<readonly [string, number | string]>;
}

export interface ShapeDrawing {
  /** The outline, filled and stroked. */
  body: SvgElement;
  /**
   * Lines drawn over the body, stroked only: `ring` is the inner ring of an end (in the end-ring
   * colour), `line` a part of the symbol itself (the bars of a subroutine) in the outline's colour.
   */
  details: Array<{ element: SvgElement; kind: 'ring' | 'line' }>;
}

/** Palette role of a shape that is not a terminal (terminals are start, end or terminal by their edges). */
export type ShapeRole = 'step' | 'decision' | 'data';

/** Geometry shared by node shapes and the box of a group (an edge may end on a group's border). */
export interface ShapeGeometry {
  /** The outline as drawn (the body element draws exactly this). */
  outline(box: Box): Outline;
  /**
   * Where several edges on one side may spread out: `[low, high]` along the side (x for top and
   * bottom, y for left and right), a straight part of the outline lying on the bounding box; null
   * where the side is a vertex, a curve or a slant, and every edge meets at the side's middle (the
   * edges leaving and those arriving there as two trunks, at most `WAY_OFFSET` either side of it).
   */
  portSpan(box: Box, side: Side): readonly [number, number] | null;
}

export interface ShapeModule<Name extends string = string> extends ShapeGeometry {
  /** The keyword written in a `.flow` file. */
  readonly name: Name;
  /** One line for the docs: the flowchart symbol it is (ISO 5807 names where there is one). */
  readonly meaning: string;
  /** A terminal counts as a start (no incoming edge) or an end (no outgoing edge), like a circle. */
  readonly terminal: boolean;
  /** Palette role when not a terminal. */
  readonly role: ShapeRole;
  /** Longest line of a label before it wraps, px. */
  readonly wrapWidth: number;
  /** The node box (even integers, so centres and side midpoints fall on whole pixels) for a label. */
  size(text: TextBox): { width: number; height: number };
  /** Where the label's block of lines is centred (the middle of the box unless the symbol says otherwise). */
  labelCentre(box: Box): Point;
  /** The SVG elements; `end` asks for the inner ring of an end, for terminals. */
  draw(box: Box, end: boolean): ShapeDrawing;
  /** The dashed outline `gap` outside the shape that marks a node with an error. */
  highlight(box: Box, gap: number): SvgElement;
  /**
   * Mermaid's nearest native form: the text between `open` and `close` (`(["Start"])`), or, for
   * shapes Mermaid draws only through its v11 shape syntax, `A@{ shape: doc, label: "…" }`.
   * `end` is true for a terminal that ends the flow.
   */
  mermaid(end: boolean): { open: string; close: string } | { shape: string };
  /** DOT attributes of Graphviz's nearest native shape (no colours, no label). */
  dot(end: boolean): { shape: string; style?: string; peripheries?: number };
}
