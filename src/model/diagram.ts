/**
 * The resolved diagram: what the file means, independent of how it was written.
 * Node and group ids are qualified (`Outer.Inner.id`, or `id` at the top level).
 */
import type { Span } from '../diagnostics.js';
import type { SettingKey, Side } from '../syntax/ast.js';
import { SHAPE_NAMES, type ShapeName } from '../shapes/index.js';
import { DIRECTIONS, LAYOUT_KINDS, type Direction, type LayoutKind } from './placement.js';

/** A node's shape: one of the registry's (src/shapes). */
export type Shape = ShapeName;
export const SHAPES: readonly Shape[] = SHAPE_NAMES;

export { DIRECTIONS, LAYOUT_KINDS, type Direction, type LayoutKind } from './placement.js';

/**
 * The values of each file-level setting (`direction TB`, `layout lanes`): read by the resolver, the
 * language server and the editor grammar (scripts/gen-tmlanguage.mjs). A key of SETTING_KEYS
 * without its values here does not compile.
 */
export const SETTING_VALUES: { readonly [K in SettingKey]: readonly string[] } = {
  direction: DIRECTIONS,
  layout: LAYOUT_KINDS,
};

/** How a line is drawn: a node's outline or an edge. */
export type LineStyle = 'solid' | 'dashed' | 'dotted' | 'thick';
export const LINE_STYLES: readonly LineStyle[] = ['solid', 'dashed', 'dotted', 'thick'];

/**
 * A node's own look, resolved: its classes applied in order, then its own attributes. Colours are
 * normalised to lower-case hex (`#rrggbb`, or `#rrggbbaa` with transparency); an absent field
 * follows the theme.
 */
export interface NodeStyle {
  fill?: string;
  stroke?: string;
  text?: string;
  line?: LineStyle;
}

/** An edge's own look, resolved like a node's: its line, its colour and its label's text colour. */
export interface EdgeLook {
  line?: LineStyle;
  color?: string;
  text?: string;
}

/** A named style (`style warn fill:"#fde"`), its colours normalised. */
export interface DiagramStyle {
  name: string;
  style: NodeStyle;
  span: Span;
}

export interface DiagramGroup {
  /** Qualified id: `Outer.Inner`. */
  id: string;
  /** The name as declared inside its parent. */
  localId: string;
  /** Qualified id of the enclosing group; null at the top level. */
  parent: string | null;
  /** The opening-line comment, or the group name when there is none. */
  title: string;
  /** Qualified ids of the group's own nodes (not those of its subgroups), in declaration order. */
  nodeIds: string[];
  /** Qualified ids of the groups declared directly inside this one, in declaration order. */
  groupIds: string[];
  span: Span;
}

export interface DiagramNode {
  /** Qualified id. */
  id: string;
  /** Id as declared inside its group. */
  localId: string;
  /** The innermost group holding the node (qualified), or null at the top level. */
  group: string | null;
  shape: Shape;
  /** The text shown: the `label` attribute, or the local id. */
  label: string;
  style: NodeStyle;
  /** The named styles applied, in the order written (`class:"a b"`). */
  classes: string[];
  /** A safe link (http, https, mailto or relative), normalised; null when none or when unsafe. */
  link: string | null;
  tooltip: string | null;
  span: Span;
}

/** What an edge endpoint names: a node, or a group (its box). */
export type EndpointKind = 'node' | 'group';

export interface DiagramEdge {
  /** Position among the diagram's edges (declaration order); stable, used for ids. */
  index: number;
  /** Qualified id of a node, or of a group when `fromKind` is 'group'. */
  from: string;
  to: string;
  fromKind: EndpointKind;
  toKind: EndpointKind;
  fromHandle: Side | null;
  toHandle: Side | null;
  /** The `label` attribute; null when absent (an empty string when written as `label=""`). */
  label: string | null;
  style: EdgeLook;
  span: Span;
}

export interface Diagram {
  /** The file-level direction setting, if any (`direction TB`). */
  direction: Direction | null;
  /** The file-level layout setting, if any (`layout lanes`); null: chosen by measurement. */
  layout?: LayoutKind | null;
  /** Every group, parents before children (pre-order, declaration order). */
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** The named styles, in declaration order. */
  styles: DiagramStyle[];
  /**
   * True when `resolve` had to leave out part of the text: a line that did not parse, an edge
   * whose endpoint did not resolve, a repeated node or group. The flow rules (reachability,
   * dead ends, starts and ends) then do not run: what they would report is a consequence of the
   * part left out, not a mistake of its own. Absent or false: the diagram is the whole file.
   */
  incomplete?: boolean;
}
