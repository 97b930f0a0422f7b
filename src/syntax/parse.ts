/**
 * `parse(source)`: text → Ast. Each line is matched on its own against the grammar's `Line` rule;
 * group nesting is tracked here. Every broken line is reported (not only the first) and the AST
 * keeps everything that did parse, so later stages and editors still have a model to work with.
 */
import type { Diagnostic, Span } from '../diagnostics.js';
import type { Ast, Comment, GroupDecl, Statement, TopLevel } from './ast.js';
import { matchLine, type LineStatement } from './grammar.js';
import { describeFailure } from './errors.js';

export function parse(source: string): Ast {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = text.split('\n');
  const items: TopLevel[] = [];
  const comments: Comment[] = [];
  const diagnostics: Diagnostic[] = [];
  let group: GroupDecl | null = null;

  const syntaxError = (message: string, span: Span, notes?: string[]): void => {
    diagnostics.push({ ruleId: 'syntax', severity: 'error', message, span, ...(notes ? { notes } : {}) });
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (isBlank(line)) continue;

    const matched = matchLine(line, lineNumber);
    if ('failure' in matched) {
      const { message, span, notes } = describeFailure(line, lineNumber, matched.failure);
      syntaxError(message, span, notes);
      continue;
    }
    const { statement, comment } = matched.ast;
    if (comment) comments.push(comment);
    if (!statement) continue;

    switch (statement.kind) {
      case 'groupOpen': {
        if (group) {
          // Most often a forgotten `}`: close the open group here and go on with the new one.
          syntaxError(
            `groups do not nest: '${statement.name.name}' opens while '${group.name.name}' (line ${group.span.line}) is still open`,
            statement.span,
            [`add '}' to close '${group.name.name}' before this line`],
          );
        }
        group = {
          kind: 'group',
          name: statement.name,
          title: comment ? comment.text.trim() || null : null,
          body: [],
          span: { ...statement.span, endColumn: line.length + 1 },
          closeSpan: null,
        };
        items.push(group);
        break;
      }
      case 'groupClose':
        if (!group) syntaxError(`unexpected '}': no group is open`, statement.span);
        else {
          group.closeSpan = statement.span;
          group = null;
        }
        break;
      case 'setting':
        if (group) {
          syntaxError(`'${statement.key.name}' is a file-level setting: move it out of group '${group.name.name}'`, statement.span);
        } else items.push(statement);
        break;
      default: {
        const decl = toStatement(statement);
        if (group) group.body.push(decl);
        else items.push(decl);
      }
    }
  }
  if (group) {
    syntaxError(`group '${group.name.name}' is never closed: expected '}' before the end of the file`, group.span);
  }
  return { items, comments, diagnostics, lineCount: lines.length };
}

function toStatement(s: Extract<LineStatement, { kind: 'node' | 'edge' }>): Statement {
  return s.kind === 'node'
    ? { kind: 'node', id: s.id, shape: s.shape, attributes: s.attributes, span: s.span }
    : { kind: 'edge', source: s.source, target: s.target, attributes: s.attributes, span: s.span };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
