/**
 * The front path of the line parser: the everyday lines of a `.flow` file (ASCII identifiers,
 * node declarations, edges with handles and labels, group headers, settings, styles, comments)
 * scanned character by character straight into their AST, with no tree in between.
 *
 * It follows grammar/flow.ohm's rules in the grammar's own order (`statement`'s alternatives are
 * ordered: the first that matches is the statement, as in a PEG), and it **declines** (returns
 * null) every line it is not sure of: a non-ASCII character where an identifier could continue,
 * an escape other than `\"`, `\\` or `\n`, anything left over after the statement. A declined
 * line goes to the compiled matcher (line-matcher.ts) and, if that declines too, to Ohm, which
 * explains it. So the grammar stays the definition of the language: this path only ever answers
 * for lines the grammar matches, with the AST the grammar's semantic actions (grammar.ts) build —
 * test/syntax/fast-line.test.ts checks that, JSON byte for byte, on the samples, the corpus, the
 * benchmark generators' files and random text.
 *
 * Why: `flowc lint` of 100,000 lines spent ~60 % of its time in the parse, most of it building
 * and walking the CST nodes the semantic actions read (docs/performance.md, issue #15).
 */
import type { Span } from '../diagnostics.js';
import { SIDES, type Side } from '../shapes/sides.js';
import type { Attribute, EndpointRef, Identifier, StringLiteral } from './ast.js';
import { SETTING_KEYS } from './ast.js';
import type { LineAst, LineStatement } from './grammar.js';

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const HASH = 0x23;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const EQUALS = 0x3d;
const GREATER = 0x3e;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const UNDERSCORE = 0x5f;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const NON_ASCII = 0x80;

/** Thrown (and caught by `fastLine`) when the line is not one this path answers for. */
const DECLINE = Symbol('decline');

/** The line being scanned and its number (module state: no closure or object per line). */
let text = '';
let lineNumber = 1;

/**
 * The AST of one line (no terminator), or null when this path does not answer for it (then the
 * compiled matcher and Ohm do). A blank line is not asked about (parse.ts drops it first).
 */
export function fastLine(source: string, line: number): LineAst | null {
  text = source;
  lineNumber = line;
  try {
    return scanLine();
  } catch (error) {
    if (error === DECLINE) return null;
    throw error;
  } finally {
    text = '';
  }
}

function span(start: number, end: number): Span {
  return { line: lineNumber, column: start + 1, endLine: lineNumber, endColumn: end + 1 };
}

/** `Line = statement? comment?`: a syntactic rule, so blanks are skipped before each part and at the end. */
function scanLine(): LineAst {
  let at = skipBlanks(0);
  let statement: LineStatement | null = null;
  const c = text.charCodeAt(at);
  if (c === CLOSE_BRACE) {
    statement = { kind: 'groupClose', span: span(at, at + 1) };
    at += 1;
  } else if (c !== HASH && at < text.length) {
    const scanned = scanStatement(at);
    statement = scanned.statement;
    at = scanned.end;
  }
  at = skipBlanks(at);
  if (at === text.length) return { statement, comment: null };
  // `comment = "#" any*`: the rest of the line.
  if (text.charCodeAt(at) !== HASH) throw DECLINE;
  return {
    statement,
    comment: { text: text.slice(at + 1), span: span(at, text.length) },
  };
}

/** `statement` at `start` (an identifier must be there): groupOpen | edge | node | setting | styleDecl. */
function scanStatement(start: number): { statement: LineStatement; end: number } {
  const first = identEnd(start);
  const afterFirst = skipBlanks(first);
  // groupOpen = ident sp "{"
  if (text.charCodeAt(afterFirst) === OPEN_BRACE) {
    const name = identifier(start, first);
    return {
      statement: { kind: 'groupOpen', name, span: span(start, afterFirst + 1) },
      end: afterFirst + 1,
    };
  }
  // edge = endpoint sp arrow sp endpoint edgeAttributes?
  const source = scanEndpoint(start, first);
  const arrow = skipBlanks(source.end);
  if (text.charCodeAt(arrow) === DASH && text.charCodeAt(arrow + 1) === GREATER) {
    // Past the arrow no other statement can match: a target that is not there fails the line.
    const targetStart = skipBlanks(arrow + 2);
    const target = scanEndpoint(targetStart, identEnd(targetStart));
    const attributes = scanEdgeAttributes(target.end);
    const end = attributes === null ? target.end : attributes.end;
    return {
      statement: {
        kind: 'edge',
        source: source.ref,
        target: target.ref,
        attributes: attributes === null ? [] : attributes.list,
        span: span(start, end),
      },
      end,
    };
  }
  // node = ident sp ":" sp shape nodeAttribute*
  if (text.charCodeAt(afterFirst) === COLON) {
    const shapeStart = skipBlanks(afterFirst + 1);
    const shapeEnd = identEnd(shapeStart);
    const id = identifier(start, first);
    const shape = identifier(shapeStart, shapeEnd);
    const attributes = scanNodeAttributes(shapeEnd);
    return {
      statement: {
        kind: 'node',
        id,
        shape,
        attributes: attributes.list,
        span: span(start, attributes.end),
      },
      end: attributes.end,
    };
  }
  const word = text.slice(start, first);
  // setting = settingKey sp ident (settingKey: a keyword not followed by an identifier character,
  // which is what the identifier scanned up to `first` being exactly the keyword says)
  if ((SETTING_KEYS as readonly string[]).includes(word)) {
    const valueEnd = identEnd(afterFirst);
    const value = identifier(afterFirst, valueEnd);
    return {
      statement: {
        kind: 'setting',
        key: { name: word, span: span(start, first) },
        value,
        span: span(start, valueEnd),
      },
      end: valueEnd,
    };
  }
  // styleDecl = styleKey sp ident nodeAttribute*
  if (word === 'style') {
    const nameEnd = identEnd(afterFirst);
    const name = identifier(afterFirst, nameEnd);
    const attributes = scanNodeAttributes(nameEnd);
    return {
      statement: {
        kind: 'style',
        name,
        attributes: attributes.list,
        span: span(start, attributes.end),
      },
      end: attributes.end,
    };
  }
  throw DECLINE;
}

/**
 * `endpoint = ref handle?` at `start`, whose first identifier ends at `firstEnd`.
 * ref = ident refTail*; refTail = sp "." sp ~handleStart ident;
 * handle = sp "." sp "handle" sp "(" sp side sp ")".
 */
function scanEndpoint(start: number, firstEnd: number): { ref: EndpointRef; end: number } {
  const path: Identifier[] = [identifier(start, firstEnd)];
  let end = firstEnd;
  let handle: EndpointRef['handle'] = null;
  for (;;) {
    const dot = skipBlanks(end);
    if (text.charCodeAt(dot) !== DOT) break;
    const next = skipBlanks(dot + 1);
    if (isHandleStart(next)) {
      const found = scanHandle(next);
      if (found !== null) {
        handle = found.handle;
        end = found.end;
      }
      break;
    }
    const c = text.charCodeAt(next);
    if (!isIdentStart(c)) {
      if (c >= NON_ASCII) throw DECLINE;
      break;
    }
    const tailEnd = identEnd(next);
    path.push(identifier(next, tailEnd));
    end = tailEnd;
  }
  return { ref: { path, handle, span: span(start, end) }, end };
}

/** `handleStart = "handle" sp "("` at `at`. */
function isHandleStart(at: number): boolean {
  return text.startsWith('handle', at) && text.charCodeAt(skipBlanks(at + 6)) === OPEN_PAREN;
}

/** The rest of a handle after `sp "." sp`, from `"handle"` at `at`; null when it does not match. */
function scanHandle(at: number): { handle: { side: Side; span: Span }; end: number } | null {
  const sideStart = skipBlanks(skipBlanks(at + 6) + 1);
  // side = ("top" | "right" | "bottom" | "left") ~identPart
  const side = SIDES.find((s) => text.startsWith(s, sideStart));
  if (side === undefined) return null;
  const sideEnd = sideStart + side.length;
  if (isIdentPartAt(sideEnd)) return null;
  const close = skipBlanks(sideEnd);
  if (text.charCodeAt(close) !== CLOSE_PAREN) return null;
  return { handle: { side, span: span(sideStart, sideEnd) }, end: close + 1 };
}

/**
 * `edgeAttributes = sp "[" sp listOf<edgeAttribute, attributeSeparator> sp "]"` at `at`, or null
 * when there is no `[` (the edge ends before). A `[` that does not open a whole list fails the line.
 */
function scanEdgeAttributes(at: number): { list: Attribute[]; end: number } | null {
  const open = skipBlanks(at);
  if (text.charCodeAt(open) !== OPEN_BRACKET) return null;
  const list: Attribute[] = [];
  let next = skipBlanks(open + 1);
  if (text.charCodeAt(next) !== CLOSE_BRACKET) {
    for (;;) {
      // edgeAttribute = ident sp "=" sp string
      const keyEnd = identEnd(next);
      const equals = skipBlanks(keyEnd);
      if (text.charCodeAt(equals) !== EQUALS) throw DECLINE;
      const value = scanString(skipBlanks(equals + 1));
      list.push({
        key: identifier(next, keyEnd),
        value,
        span: span(next, value.span.endColumn - 1),
      });
      const after = skipBlanks(value.span.endColumn - 1);
      const c = text.charCodeAt(after);
      if (c === CLOSE_BRACKET) {
        next = after;
        break;
      }
      if (c !== COMMA) throw DECLINE;
      next = skipBlanks(after + 1);
    }
  }
  return { list, end: next + 1 };
}

/** `nodeAttribute* ` from `at`: nodeAttribute = sp ident sp ":" sp string. */
function scanNodeAttributes(at: number): { list: Attribute[]; end: number } {
  const list: Attribute[] = [];
  let end = at;
  for (;;) {
    const keyStart = skipBlanks(end);
    const c = text.charCodeAt(keyStart);
    if (!isIdentStart(c)) {
      // A character that could start a Unicode identifier: not this path's to decide.
      if (c >= NON_ASCII) throw DECLINE;
      break;
    }
    const keyEnd = identEnd(keyStart);
    const colon = skipBlanks(keyEnd);
    // Not an attribute: the iteration ends before it, and what follows fails the line.
    if (text.charCodeAt(colon) !== COLON) throw DECLINE;
    const value = scanString(skipBlanks(colon + 1));
    list.push({
      key: identifier(keyStart, keyEnd),
      value,
      span: span(keyStart, value.span.endColumn - 1),
    });
    end = value.span.endColumn - 1;
  }
  return { list, end };
}

/**
 * `string = "\"" (any but " and \ | escape)* "\""` at `at`; escape = "\\" ("\"" | "\\" | "n").
 * Its value with the escapes replaced, as grammar.ts's `unescape` does.
 */
function scanString(at: number): StringLiteral {
  if (text.charCodeAt(at) !== QUOTE) throw DECLINE;
  let value = '';
  let from = at + 1;
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      value += text.slice(from, i);
      return { value, span: span(at, i + 1) };
    }
    if (c === BACKSLASH) {
      const e = text.charCodeAt(i + 1);
      if (e !== QUOTE && e !== BACKSLASH && e !== 0x6e) throw DECLINE;
      value += text.slice(from, i) + (e === 0x6e ? '\n' : String.fromCharCode(e));
      i++;
      from = i + 1;
    }
  }
  throw DECLINE; // not closed
}

function identifier(start: number, end: number): Identifier {
  return { name: text.slice(start, end), span: span(start, end) };
}

/**
 * The end of the ASCII identifier at `start`:
 * ident = ("a".."z" | "A".."Z" | "_" | letter) ("a".."z" | "A".."Z" | "0".."9" | "_" | "-" ~">" | letter | digit)*.
 * Declines when there is none, or when a non-ASCII character (maybe a Unicode letter) is next to it.
 */
function identEnd(start: number): number {
  if (!isIdentStart(text.charCodeAt(start))) throw DECLINE;
  let at = start + 1;
  for (;;) {
    const c = text.charCodeAt(at);
    if (isAsciiIdentPart(c)) at++;
    else if (c === DASH && text.charCodeAt(at + 1) !== GREATER) at++;
    else if (c >= NON_ASCII) throw DECLINE;
    else return at;
  }
}

/** `identPart` at `at`; declines on a non-ASCII character (a Unicode letter or digit, maybe). */
function isIdentPartAt(at: number): boolean {
  const c = text.charCodeAt(at);
  if (c >= NON_ASCII) throw DECLINE;
  return isAsciiIdentPart(c) || (c === DASH && text.charCodeAt(at + 1) !== GREATER);
}

function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === UNDERSCORE;
}

function isAsciiIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39);
}

/** `sp = (" " | "\t")*` from `at`. */
function skipBlanks(at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return i;
    i++;
  }
}
