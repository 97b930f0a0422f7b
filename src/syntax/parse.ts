/**
 * `parse(source)`: text → Ast. Each line is matched on its own against the grammar's `Line` rule
 * (`parseLines`), and group nesting is applied in code (`assemble`). Every broken line is
 * reported (not only the first) and the AST keeps everything that did parse, so later stages and
 * editors still have a model to work with.
 */
import type { Diagnostic, Span, Suggestion } from '../diagnostics.js';
import { isShapeName } from '../shapes/index.js';
import type { Ast, Comment, GroupDecl, NodeDecl, Statement, TopLevel } from './ast.js';
import { matchLine, matchLineWithOhm, type LineMatch, type LineStatement } from './grammar.js';
import { describeFailure, unknownShape, type SyntaxProblem } from './errors.js';

/**
 * How deep groups may nest. Far beyond what a drawing can show, and it keeps every later stage's
 * walk over the group tree shallow whatever the input.
 */
export const MAX_GROUP_DEPTH = 32;

/** What one non-blank line holds. */
export interface ParsedLine {
  /** 1-based line number. */
  line: number;
  /** Length of the line without its terminator (a group header's span runs to the end of its line). */
  length: number;
  statement: LineStatement | null;
  comment: Comment | null;
  error: SyntaxProblem | null;
  /**
   * A broken line that starts as a node declaration (`id: …`): the node it declares, with its id
   * and nothing else, so later references to the id are not reported as unresolved as well.
   */
  declares?: NodeDecl;
}

export function parse(source: string): Ast {
  return parseWith(source, matchLine);
}

/**
 * `parse` with every line matched by Ohm alone: the reference the compiled line matcher is tested
 * and measured against (same AST and diagnostics, ~10x slower).
 */
export function parseWithOhm(source: string): Ast {
  return parseWith(source, matchLineWithOhm);
}

function parseWith(source: string, match: LineMatcher): Ast {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  // Lines are matched as assemble() asks for them, so what one line leaves behind (its match, its
  // ParsedLine) is garbage before the next: a large file's AST is all that stays in memory.
  return assemble(parseLines(text, match), countLines(text));
}

type LineMatcher = (text: string, lineNumber: number) => LineMatch;

/**
 * `parse`, as a promise. (A large file's lines were once split with a worker thread; with the
 * compiled line matcher, copying the halves' ASTs between threads cost more than it saved.)
 */
export async function parseLarge(source: string): Promise<Ast> {
  return parse(source);
}

/** The source's lines: a leading byte-order mark dropped, `\n` and `\r\n` both ending a line. */
export function splitLines(source: string): string[] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return text.split('\n');
}

function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Matches every non-blank line of `text` (no byte-order mark), one at a time, in order. */
export function* parseLines(text: string, match: LineMatcher = matchLine): Generator<ParsedLine> {
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const stop = newline < 0 ? text.length : newline;
    const next = newline < 0 ? text.length + 1 : newline + 1;
    const one = parseLine(text.slice(start, stop), line, match);
    start = next;
    if (one) yield one;
  }
}

/** Matches one line (its `\r` terminator, if any, is dropped); null for a blank line. */
export function parseLine(
  source: string,
  line: number,
  match: LineMatcher = matchLine,
): ParsedLine | null {
  const text = source.endsWith('\r') ? source.slice(0, -1) : source;
  if (isBlank(text)) return null;
  const matched = match(text, line);
  if ('failure' in matched) {
    const declares = brokenDeclaration(text, line);
    return {
      line,
      length: text.length,
      statement: null,
      comment: null,
      error: describeFailure(text, line, matched.failure),
      ...(declares ? { declares } : {}),
    };
  }
  return {
    line,
    length: text.length,
    statement: matched.ast.statement,
    comment: matched.ast.comment,
    error: null,
  };
}

/** Applies group nesting to the parsed lines (in line order) and builds the Ast. */
export function assemble(parsed: Iterable<ParsedLine>, lineCount: number): Ast {
  const items: TopLevel[] = [];
  const comments: Comment[] = [];
  const diagnostics: Diagnostic[] = [];
  /** The groups open at this line, outermost first. */
  const open: GroupDecl[] = [];

  const syntaxError = (
    message: string,
    span: Span,
    notes?: string[],
    suggestions?: Suggestion[],
  ): void => {
    diagnostics.push({
      ruleId: 'syntax',
      severity: 'error',
      message,
      span,
      ...(notes ? { notes } : {}),
      ...(suggestions ? { suggestions } : {}),
    });
  };
  const topLevelOnly = (what: string, span: Span): void => {
    const outer = open[0]!;
    syntaxError(`${what}: move it out of group '${outer.name.name}'`, span);
  };

  for (const { length, statement, comment, error, declares } of parsed) {
    const inner = open[open.length - 1];
    if (error) {
      syntaxError(error.message, error.span, error.notes, error.suggestions);
      if (declares) (inner ? inner.body : items).push(declares);
      continue;
    }
    if (comment) comments.push(comment);
    if (!statement) continue;

    switch (statement.kind) {
      case 'groupOpen': {
        const group: GroupDecl = {
          kind: 'group',
          name: statement.name,
          title: comment ? comment.text.trim() || null : null,
          body: [],
          span: { ...statement.span, endColumn: length + 1 },
          closeSpan: null,
        };
        if (open.length >= MAX_GROUP_DEPTH) {
          // Still opened (so its '}' pairs up), but left out of the tree.
          syntaxError(
            `groups nest at most ${MAX_GROUP_DEPTH} deep: '${statement.name.name}' would be group ${open.length + 1} inside '${open[0]!.name.name}'`,
            statement.span,
            ["most often a '}' is missing further up"],
          );
        } else if (inner) inner.body.push(group);
        else items.push(group);
        open.push(group);
        break;
      }
      case 'groupClose': {
        const closed = open.pop();
        if (!closed) syntaxError(`unexpected '}': no group is open`, statement.span);
        else closed.closeSpan = statement.span;
        break;
      }
      case 'setting':
        if (inner) topLevelOnly(`'${statement.key.name}' is a file-level setting`, statement.span);
        else items.push(statement);
        break;
      case 'style':
        if (inner)
          topLevelOnly(
            `style '${statement.name.name}' is a named style, declared at the top level`,
            statement.span,
          );
        else items.push(statement);
        break;
      default: {
        if (statement.kind === 'node' && !isShapeName(statement.shape.name)) {
          // Kept in the AST: the resolver declares the node (so edges naming it are not reported
          // again) but leaves it out of the diagram.
          const problem = unknownShape(statement.shape.name, statement.shape.span);
          syntaxError(problem.message, problem.span, problem.notes, problem.suggestions);
        }
        const decl = toStatement(statement);
        if (inner) inner.body.push(decl);
        else items.push(decl);
      }
    }
  }
  for (const group of open) {
    if (group.closeSpan) continue;
    syntaxError(
      `group '${group.name.name}' is never closed: expected '}' before the end of the file`,
      group.span,
    );
  }
  return { items, comments, diagnostics, lineCount };
}

function toStatement(s: Extract<LineStatement, { kind: 'node' | 'edge' }>): Statement {
  return s.kind === 'node'
    ? { kind: 'node', id: s.id, shape: s.shape, attributes: s.attributes, span: s.span }
    : { kind: 'edge', source: s.source, target: s.target, attributes: s.attributes, span: s.span };
}

/**
 * `id:` at the start of a line (an identifier as the grammar reads it), then an optional word. Each
 * character can match one way only (letters, digits and `_`, or a `-` not starting `->`), so a long
 * line without a colon fails in linear time: overlapping alternatives (`[A-Za-z]|\p{L}`) made this
 * exponential.
 */
const IDENT = String.raw`[\p{L}_](?:[\p{L}0-9_]|-(?!>))*`;
const DECLARATION_START = new RegExp(String.raw`^([ \t]*)(${IDENT})[ \t]*:[ \t]*(${IDENT})?`, 'u');

/**
 * The node a broken line declares, when it starts as a declaration does: its id is kept (the line
 * is left out of the diagram), so `n2: rectangle label:"Work" oops` is one syntax error and not
 * one more `unresolved-reference` (with a wrong "did you mean") at every edge naming n2.
 */
function brokenDeclaration(text: string, line: number): NodeDecl | undefined {
  const found = DECLARATION_START.exec(text);
  if (!found) return undefined;
  const [, indent = '', name = '', shape = ''] = found;
  const at = (column: number, width: number): Span => ({
    line,
    column,
    endLine: line,
    endColumn: column + width,
  });
  const shapeColumn = found[0].length - shape.length + 1;
  return {
    kind: 'node',
    id: { name, span: at(indent.length + 1, name.length) },
    shape: { name: shape, span: at(shapeColumn, shape.length) },
    attributes: [],
    span: at(indent.length + 1, text.length - indent.length),
    broken: true,
  };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
