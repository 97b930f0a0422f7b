/**
 * The abstract syntax tree produced by `parse`. Every element keeps the source span it came from,
 * so later stages (resolve, validate) can point diagnostics at the exact text.
 */
import type { Diagnostic, Span } from '../diagnostics.js';
import type { Side } from '../shapes/sides.js';

export interface Identifier {
  name: string;
  span: Span;
}

export interface StringLiteral {
  /** The value with escapes applied (`\n` is a real line break). */
  value: string;
  span: Span;
}

export interface Attribute {
  key: Identifier;
  value: StringLiteral;
  span: Span;
}

/** The sides are the shapes' (src/shapes/sides.ts); the syntax names them in handles. */
export { SIDES, type Side } from '../shapes/sides.js';

export interface EndpointRef {
  /** `["n1"]`, `["Group", "n1"]` or `["Outer", "Inner", "n1"]`, as written (a node or a group). */
  path: Identifier[];
  handle: { side: Side; span: Span } | null;
  span: Span;
}

export interface NodeDecl {
  kind: 'node';
  id: Identifier;
  shape: Identifier;
  attributes: Attribute[];
  span: Span;
  /**
   * Set on a line with a syntax error that starts as a declaration (`id: …`): the id is declared
   * (edges naming it are not reported again) and the node is left out of the diagram.
   */
  broken?: true;
}

export interface EdgeDecl {
  kind: 'edge';
  source: EndpointRef;
  target: EndpointRef;
  attributes: Attribute[];
  span: Span;
}

export type Statement = NodeDecl | EdgeDecl;

/** What a group holds: nodes, edges and groups nested inside it. */
export type GroupItem = Statement | GroupDecl;

export interface GroupDecl {
  kind: 'group';
  name: Identifier;
  /** The comment on the opening line, trimmed; null when there is none (the name is the title). */
  title: string | null;
  body: GroupItem[];
  /** Span of the opening line (`Name { # title`). */
  span: Span;
  /** Span of the closing `}`; null when the file ends before the group is closed. */
  closeSpan: Span | null;
}

/** The file-level settings' names (`direction TB`, `layout lanes`). */
export const SETTING_KEYS = ['direction', 'layout'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** A file-level setting, e.g. `direction TB`. */
export interface SettingDecl {
  kind: 'setting';
  key: Identifier;
  value: Identifier;
  span: Span;
}

/** A named style, top level only: `style warn fill:"#fde" stroke:"#c33"`. */
export interface StyleDecl {
  kind: 'style';
  name: Identifier;
  attributes: Attribute[];
  span: Span;
}

export type TopLevel = GroupDecl | Statement | SettingDecl | StyleDecl;

export interface Comment {
  /** Text after `#`, untrimmed. */
  text: string;
  span: Span;
}

export interface Ast {
  items: TopLevel[];
  /** Every comment in the file (including group titles), in source order. */
  comments: Comment[];
  /** Syntax diagnostics (rule `syntax`); the AST holds everything that did parse. */
  diagnostics: Diagnostic[];
  /** Number of lines in the source. */
  lineCount: number;
}
