/**
 * `printFlow(ast)`: the canonical text of a file that parsed without syntax errors. The AST has
 * every statement and every comment with its line, so the file is written again line by line:
 * each line that held something is printed in its canonical form at its group depth, and the
 * lines that held nothing are the blank lines (runs of them are kept as one). The order of
 * statements and comments is never changed. docs/language.md ("Canonical form") describes the
 * result.
 */
import type {
  Ast,
  Attribute,
  Comment,
  EdgeDecl,
  EndpointRef,
  NodeDecl,
  StyleDecl,
  TopLevel,
} from '../syntax/ast.js';
import { printString } from '../syntax/print.js';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, STYLE_ATTRIBUTES } from '../model/attributes.js';

const INDENT = '  ';

/** What one source line holds, once the AST is laid back onto the lines. */
type LineItem =
  { kind: 'open'; text: string } | { kind: 'close' } | { kind: 'statement'; text: string };

export function printFlow(ast: Ast): string {
  const items = new Map<number, LineItem>();
  collect(ast.items, items);
  const comments = new Map<number, Comment>();
  for (const comment of ast.comments) comments.set(comment.span.line, comment);

  const out: string[] = [];
  let depth = 0;
  let blankPending = false;
  /** True right after a group's opening line: a blank line there is dropped. */
  let atBlockStart = true;
  for (let line = 1; line <= ast.lineCount; line++) {
    const item = items.get(line);
    const comment = comments.get(line);
    if (!item && !comment) {
      blankPending = true;
      continue;
    }
    if (item?.kind === 'close') depth = Math.max(0, depth - 1);
    // A run of blank lines is kept as one, except at the start of the file or of a group, and
    // before a group's closing brace.
    if (blankPending && !atBlockStart && item?.kind !== 'close') out.push('');
    blankPending = false;

    let text = item ? (item.kind === 'close' ? '}' : item.text) : '';
    if (comment) text = text ? `${text} ${commentText(comment)}` : commentText(comment);
    out.push(INDENT.repeat(depth) + text);

    atBlockStart = item?.kind === 'open';
    if (item?.kind === 'open') depth++;
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** `#` and the comment's text as written, without trailing blanks. */
function commentText(comment: Comment): string {
  return `#${comment.text.replace(/[ \t\r]+$/, '')}`;
}

function collect(list: readonly TopLevel[], items: Map<number, LineItem>): void {
  for (const item of list) {
    switch (item.kind) {
      case 'group':
        items.set(item.span.line, { kind: 'open', text: `${item.name.name} {` });
        collect(item.body, items);
        if (item.closeSpan) items.set(item.closeSpan.line, { kind: 'close' });
        break;
      case 'setting':
        items.set(item.span.line, {
          kind: 'statement',
          text: `${item.key.name} ${item.value.name}`,
        });
        break;
      case 'node':
        items.set(item.span.line, { kind: 'statement', text: printNode(item) });
        break;
      case 'edge':
        items.set(item.span.line, { kind: 'statement', text: printEdge(item) });
        break;
      case 'style':
        items.set(item.span.line, { kind: 'statement', text: printStyle(item) });
        break;
    }
  }
}

export function printNode(node: NodeDecl): string {
  const attributes = ordered(node.attributes, NODE_ATTRIBUTES)
    .map((a) => ` ${a.key.name}:${printString(a.value.value)}`)
    .join('');
  return `${node.id.name}: ${node.shape.name}${attributes}`;
}

/** `style warn fill:"#fde"`: a named style, its attributes in the fixed order. */
export function printStyle(style: StyleDecl): string {
  const attributes = ordered(style.attributes, STYLE_ATTRIBUTES)
    .map((a) => ` ${a.key.name}:${printString(a.value.value)}`)
    .join('');
  return `style ${style.name.name}${attributes}`;
}

export function printEdge(edge: EdgeDecl): string {
  const attributes = ordered(edge.attributes, EDGE_ATTRIBUTES).map(
    (a) => `${a.key.name}=${printString(a.value.value)}`,
  );
  const list = attributes.length > 0 ? ` [${attributes.join(', ')}]` : '';
  return `${printEndpoint(edge.source)} -> ${printEndpoint(edge.target)}${list}`;
}

function printEndpoint(endpoint: EndpointRef): string {
  const path = endpoint.path.map((part) => part.name).join('.');
  return endpoint.handle ? `${path}.handle(${endpoint.handle.side})` : path;
}

/**
 * The attributes in the fixed order (keys not in it keep their order, after the known ones). The
 * sort is stable, so a repeated key keeps its first occurrence first: the one that counts.
 */
function ordered(attributes: readonly Attribute[], order: readonly string[]): Attribute[] {
  const rank = (a: Attribute): number => {
    const i = order.indexOf(a.key.name);
    return i < 0 ? order.length : i;
  };
  return [...attributes].sort((a, b) => rank(a) - rank(b));
}
