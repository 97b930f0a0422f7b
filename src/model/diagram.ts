/**
 * The resolved diagram: what the file means, independent of how it was written.
 * Node ids are qualified (`Group.id`, or `id` at the top level).
 */
import type { Span } from '../diagnostics.js';
import type { Side } from '../syntax/ast.js';

export type Shape = 'circle' | 'rectangle' | 'diamond';
export const SHAPES: readonly Shape[] = ['circle', 'rectangle', 'diamond'];

export type Direction = 'LR' | 'TB' | 'RL' | 'BT';
export const DIRECTIONS: readonly Direction[] = ['LR', 'TB', 'RL', 'BT'];

/** The placement: layered (groups as clusters, dot's picture) or lanes (groups as swimlanes). */
export type LayoutKind = 'layered' | 'lanes';
export const LAYOUT_KINDS: readonly LayoutKind[] = ['layered', 'lanes'];

export interface DiagramGroup {
  id: string;
  /** The opening-line comment, or the group name when there is none. */
  title: string;
  /** Qualified ids of the group's nodes, in declaration order. */
  nodeIds: string[];
  span: Span;
}

export interface DiagramNode {
  /** Qualified id. */
  id: string;
  /** Id as declared inside its group. */
  localId: string;
  group: string | null;
  shape: Shape;
  /** The text shown: the `label` attribute, or the local id. */
  label: string;
  span: Span;
}

export interface DiagramEdge {
  /** Position among the diagram's edges (declaration order); stable, used for ids. */
  index: number;
  from: string;
  to: string;
  fromHandle: Side | null;
  toHandle: Side | null;
  /** The `label` attribute; null when absent (an empty string when written as `label=""`). */
  label: string | null;
  span: Span;
}

export interface Diagram {
  /** The file-level direction setting, if any (`direction TB`). */
  direction: Direction | null;
  /** The file-level layout setting, if any (`layout lanes`); null: chosen by measurement. */
  layout?: LayoutKind | null;
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /**
   * True when `resolve` had to leave out part of the text: a line that did not parse, an edge
   * whose endpoint did not resolve, a repeated node or group. The flow rules (reachability,
   * dead ends, starts and ends) then do not run: what they would report is a consequence of the
   * part left out, not a mistake of its own. Absent or false: the diagram is the whole file.
   */
  incomplete?: boolean;
}
