/**
 * The abstract syntax tree produced by `parse`. Every element keeps the source span it came from,
 * so later stages (resolve, validate) can point diagnostics at the exact text.
 */
import type { Diagnostic, Span } from '../diagnostics.js';

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

export type Side = 'top' | 'right' | 'bottom' | 'left';
export const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];

export interface EndpointRef {
  /** `["n1"]` or `["Group", "n1"]`, as written. */
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
}

export interface EdgeDecl {
  kind: 'edge';
  source: EndpointRef;
  target: EndpointRef;
  attributes: Attribute[];
  span: Span;
}

export type Statement = NodeDecl | EdgeDecl;

export interface GroupDecl {
  kind: 'group';
  name: Identifier;
  /** The comment on the opening line, trimmed; null when there is none (the name is the title). */
  title: string | null;
  body: Statement[];
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

export type TopLevel = GroupDecl | Statement | SettingDecl;

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
