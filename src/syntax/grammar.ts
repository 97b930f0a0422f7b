/**
 * The Ohm grammar and the semantic actions that turn one matched line into AST pieces.
 *
 * A line is matched first by the compiled matcher (line-matcher.ts, generated from the same
 * grammar/flow.ohm), which builds the tree Ohm would build ~30x faster; the actions below run on
 * either tree. A line it declines goes to Ohm, whose failure says what was expected where (errors.ts).
 *
 * Ohm itself is loaded, and the grammar built from its recipe, when a line first needs it: the front
 * path (fast-line.ts) and the compiled matcher answer every line of a valid file, so a render or a
 * lint of one never loads Ohm (loading ohm-js, its Unicode tables, the grammar and the semantics
 * were ~50 M of a CQRS render's ~850 M instructions: docs/performance.md).
 */
import type * as ohm from 'ohm-js';
import type { Span } from '../diagnostics.js';
import type { Attribute, EndpointRef, Identifier, Side, StringLiteral } from './ast.js';
import { setAstActions, type ActionDict, type SemanticNode as OhmNode } from './cst.js';
import { FLOW_GRAMMAR_RECIPE } from './grammar-recipe.js';
import { matchCompiled } from './line-matcher.js';
import { fastLine } from './fast-line.js';
import { requirePackage } from '../util/lazy.js';

/** Ohm's part of the parse: the grammar (built from its recipe), its semantics and one matcher. */
interface OhmParts {
  grammar: ohm.Grammar;
  semantics: ohm.Semantics;
  matcher: ohm.Matcher;
}

let ohmParts: OhmParts | null = null;

/** Ohm's part, made when first needed (see above). */
function ohmNow(): OhmParts {
  if (ohmParts !== null) return ohmParts;
  // `makeRecipe` is public Ohm API (used by its generated bundles) but missing from its type declarations.
  const { makeRecipe } = requirePackage<{ makeRecipe(recipe: unknown): ohm.Grammar }>('ohm-js');
  const grammar = makeRecipe(JSON.parse(FLOW_GRAMMAR_RECIPE));
  // Ohm's wrappers have everything SemanticNode lists; its ActionDict type names its own classes.
  const semantics = grammar
    .createSemantics()
    .addOperation<unknown>('ast', astActions as unknown as ohm.ActionDict<unknown>);
  ohmParts = { grammar, semantics, matcher: grammar.matcher() };
  return ohmParts;
}

/** The grammar of grammar/flow.ohm as Ohm's object (loads Ohm on first use). */
export function flowGrammar(): ohm.Grammar {
  return ohmNow().grammar;
}

/** What one line holds, before group nesting is applied. Spans are on the line given to `matchLine`. */
export type LineStatement =
  | { kind: 'groupOpen'; name: Identifier; span: Span }
  | { kind: 'groupClose'; span: Span }
  | { kind: 'node'; id: Identifier; shape: Identifier; attributes: Attribute[]; span: Span }
  | { kind: 'edge'; source: EndpointRef; target: EndpointRef; attributes: Attribute[]; span: Span }
  | { kind: 'setting'; key: Identifier; value: Identifier; span: Span }
  | { kind: 'style'; name: Identifier; attributes: Attribute[]; span: Span };

export interface LineAst {
  statement: LineStatement | null;
  comment: { text: string; span: Span } | null;
}

/** The 1-based line number the semantics are currently building for (set by `matchLine`). */
let currentLine = 1;

function spanOf(node: OhmNode): Span {
  const interval = node.source;
  return {
    line: currentLine,
    column: interval.startIdx + 1,
    endLine: currentLine,
    endColumn: interval.endIdx + 1,
  };
}

function identifier(node: OhmNode): Identifier {
  return { name: node.sourceString, span: spanOf(node) };
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n' };

function unescape(raw: string): string {
  // raw is the text between the quotes; the grammar guarantees every backslash starts a valid escape.
  return raw.replace(/\\(["\\n])/g, (_m, c: string) => ESCAPES[c]!);
}

/** The span from the start of one CST node to the end of another (on the current line). */
function spanFromTo(first: OhmNode, last: OhmNode): Span {
  return {
    line: currentLine,
    column: first.source.startIdx + 1,
    endLine: currentLine,
    endColumn: last.source.endIdx + 1,
  };
}

const astActions = {
  Line(statement, comment) {
    const s = statement.children[0];
    const c = comment.children[0];
    return {
      statement: s ? (s.ast() as LineStatement) : null,
      comment: c ? { text: c.sourceString.slice(1), span: spanOf(c) } : null,
    } satisfies LineAst;
  },
  statement(inner) {
    return inner.ast();
  },
  groupOpen(name, _sp, _brace) {
    return { kind: 'groupOpen', name: identifier(name), span: spanOf(this) };
  },
  groupClose(_brace) {
    return { kind: 'groupClose', span: spanOf(this) };
  },
  node(id, _sp1, _colon, _sp2, shape, attributes) {
    return {
      kind: 'node',
      id: identifier(id),
      shape: identifier(shape),
      attributes: attributes.children.map((a) => a.ast() as Attribute),
      span: spanOf(this),
    };
  },
  nodeAttribute(_sp1, key, _sp2, _colon, _sp3, value) {
    return {
      key: identifier(key),
      value: value.ast() as StringLiteral,
      span: spanFromTo(key, value),
    } satisfies Attribute;
  },
  edge(source, _sp1, _arrow, _sp2, target, attributes) {
    const list = attributes.children[0];
    return {
      kind: 'edge',
      source: source.ast() as EndpointRef,
      target: target.ast() as EndpointRef,
      attributes: list ? (list.ast() as Attribute[]) : [],
      span: spanOf(this),
    };
  },
  endpoint(ref, handle) {
    const h = handle.children[0];
    return {
      path: ref.ast() as Identifier[],
      handle: h ? (h.ast() as { side: Side; span: Span }) : null,
      span: spanOf(this),
    } satisfies EndpointRef;
  },
  ref(first, tails) {
    return [identifier(first), ...tails.children.map((t) => t.ast() as Identifier)];
  },
  refTail(_sp1, _dot, _sp2, id) {
    return identifier(id);
  },
  handle(_sp1, _dot, _sp2, _handle, _sp3, _open, _sp4, side, _sp5, _close) {
    return { side: side.sourceString as Side, span: spanOf(side) };
  },
  edgeAttributes(_sp1, _open, _sp2, list, _sp3, _close) {
    return list.asIteration().children.map((a) => a.ast() as Attribute);
  },
  edgeAttribute(key, _sp1, _eq, _sp2, value) {
    return {
      key: identifier(key),
      value: value.ast() as StringLiteral,
      span: spanOf(this),
    } satisfies Attribute;
  },
  setting(key, _sp, value) {
    return {
      kind: 'setting',
      key: { name: key.sourceString, span: spanOf(key) },
      value: identifier(value),
      span: spanOf(this),
    };
  },
  styleDecl(_key, _sp, name, attributes) {
    return {
      kind: 'style',
      name: identifier(name),
      attributes: attributes.children.map((a) => a.ast() as Attribute),
      span: spanOf(this),
    };
  },
  string(_open, chars, _close) {
    return { value: unescape(chars.sourceString), span: spanOf(this) } satisfies StringLiteral;
  },
} satisfies ActionDict;

setAstActions(astActions);

export type LineMatch = { ast: LineAst } | { failure: ohm.FailedMatchResult };

/** Match one line (no line terminator) and build its AST, or say why it does not match. */
export function matchLine(text: string, lineNumber: number): LineMatch {
  // The everyday lines straight to their AST (fast-line.ts); the rest through the compiled tree.
  const fast = fastLine(text, lineNumber);
  if (fast !== null) return { ast: fast };
  const cst = matchCompiled(text);
  if (cst === null) return matchLineWithOhm(text, lineNumber);
  currentLine = lineNumber;
  return { ast: cst.ast() as LineAst };
}

/** The same with Ohm's own matcher only (the reference the compiled matcher is tested against). */
export function matchLineWithOhm(text: string, lineNumber: number): LineMatch {
  // One matcher for every line: grammar.match() would build a new one (and its memo table) each
  // time. A failed result re-sets the input itself before it computes its expected text.
  const { matcher, semantics } = ohmNow();
  matcher.setInput(text);
  const result = matcher.match('Line');
  if (result.failed()) return { failure: result };
  currentLine = lineNumber;
  return { ast: semantics(result).ast() as LineAst };
}
