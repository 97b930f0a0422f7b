/**
 * What the layered layout is given, already in its internal frame (frame.ts): node and label sizes
 * across (x) and along (y) the flow, the group tree, and each edge's written handles as internal
 * sides. Built by layout/index.ts from the diagram; nothing here knows the real direction.
 */
import type { Shape } from '../../model/diagram.js';
import type { Side } from '../../syntax/ast.js';
import type { LayeredMemo } from './memo.js';

export interface LayeredNode {
  id: string;
  /** Extent across the flow (internal x) and along it (internal y), px. */
  width: number;
  height: number;
  shape: Shape;
  /** Index of the innermost cluster holding the node, or -1 at the top level. */
  cluster: number;
  /**
   * Where ends may spread along each internal side: [low, high] as offsets from the side's middle
   * (the shape's port span, src/shapes, in this frame), or null where the side is a vertex, a curve
   * or a slant and its ends meet at the middle. Absent: a rectangle's sides are straight from
   * corner to corner, another shape's are not.
   */
  spans?: Readonly<Record<Side, readonly [number, number] | null>>;
  /**
   * A wrapped chunk's terminal (wrap.ts), not drawn: 'out' sits one layer after the chunk's last,
   * 'in' one before its first, where an edge to or from another chunk leaves or enters it.
   */
  terminal?: 'out' | 'in';
}

export interface LayeredCluster {
  id: string;
  /** Index of the enclosing cluster, or -1. Parents come before their children. */
  parent: number;
  /**
   * The title band: its thickness (real height) and length (real width, the title's), and on which
   * internal side of the box it lies (the real top).
   */
  headerThickness: number;
  titleLength: number;
}

export interface LayeredEdge {
  from: number;
  to: number;
  /** Written handles as internal sides, null when not written. */
  fromSide: Side | null;
  toSide: Side | null;
  /** The label's internal size, or null. */
  label: { width: number; height: number } | null;
  /**
   * An end of the edge is a group box: the route is laid out to a node inside and cut where it
   * crosses the group's border (layout/index.ts), so the layer past that border keeps room for the
   * piece outside (vertical.ts).
   */
  groupEnd?: true;
}

export interface LayeredInput {
  nodes: LayeredNode[];
  clusters: LayeredCluster[];
  edges: LayeredEdge[];
  /** Internal side of every cluster box that holds the title band (frame.ts headerSide). */
  headerSide: Side;
  /** Multiplies the spacing (a retry when labels found no room). */
  spread: number;
  /**
   * Which same-rank wishes (handles across the flow) become ordinary forward constraints instead:
   * none, those between two groups, or all. A drawing far wider across the flow than along it is
   * laid out again with fewer of them (index.ts).
   */
  demote?: 'none' | 'between-groups' | 'all';
  /** Weight of the drawing's width against the edges' horizontal length in positioning (0: none). */
  widthWeight?: number;
  /** A flow too long that cannot be wrapped is drawn as blocks of groups on shelves (wrap.ts). */
  blocks?: boolean;
  /** false: never wrap (a candidate the automatic choice compares with the wrapped drawing). */
  wrap?: boolean;
  /**
   * A draft: the ordering's sweeps are cut short and its search over whole-group moves skipped
   * (order.ts), most of a small layout's time; the result says whether that changed anything
   * (LayeredResult.draft). The automatic choice scores drafts first and completes only those that
   * can still win.
   */
  draft?: boolean;
  /** Work shared by the layouts of one diagram (memo.ts): parts already laid out, drafts' sweeps. */
  memo?: LayeredMemo;
}
