/**
 * The statements of a Mermaid flowchart, read from the lexer's tokens by the productions of
 * Mermaid's flow.jison (mermaid 11), written as recursive descent. Each production's action is the
 * one Mermaid runs (FlowGraph mirrors Mermaid's FlowDB), so what is read here is what Mermaid
 * reads. Besides the graph, the parser keeps the statements' order and nesting (`Block`), so the
 * `.flow` file can follow the layout of the original.
 */
import {
  FlowGraph,
  type ArrowType,
  type DocumentValue,
  type Label,
  type LabelType,
  type LinkInfo,
  type ShapeData,
  type Stroke,
} from './graph.js';
import { formatLimit, MAX_IMPORT_EDGES } from '../../limits.js';
import type { Token, TokenType } from './lexer.js';
import { readShapeData, ShapeDataError } from './yaml.js';

/** A statement of a block (the top level or a subgraph), in source order. */
export type Statement =
  | {
      kind: 'vertices';
      /** The vertex ids the statement mentions, in the order written. */
      ids: string[];
      /** Indexes in `FlowGraph.edges` of the edges it adds, in order. */
      edges: number[];
      offset: number;
      endOffset: number;
    }
  | { kind: 'subgraph'; block: Block; offset: number; endOffset: number }
  | { kind: 'other'; offset: number; endOffset: number };

export interface Block {
  /** The subgraph's id; null for the top level. */
  id: string | null;
  statements: Statement[];
}

export interface ParsedFlowchart {
  graph: FlowGraph;
  top: Block;
  /** Settings the parser met that `.flow` has no place for (shape data it could not read, …). */
  problems: { message: string; offset: number }[];
}

export class MermaidParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'MermaidParseError';
  }
}

/** A chart beyond one of flowc's limits (src/limits.ts): not a syntax error, still not imported. */
export class MermaidLimitError extends MermaidParseError {}

const TOKEN_NAMES: Partial<Record<TokenType, string>> = {
  NEWLINE: 'a line break',
  SPACE: 'a space',
  SEMI: "';'",
  EOF: 'the end of the diagram',
  SQS: "'['",
  SQE: "']'",
  PS: "'('",
  PE: "')'",
  PIPE: "'|'",
  DIAMOND_START: "'{'",
  DIAMOND_STOP: "'}'",
  LINK: 'an arrow',
  START_LINK: 'an arrow',
  end: "'end'",
};

function describe(token: Token | undefined): string {
  if (!token) return 'the end of the diagram';
  if (token.type === 'EOF') return 'the end of the diagram';
  if (token.type === 'NEWLINE') return 'the end of the line';
  const text = token.text.length > 20 ? `${token.text.slice(0, 20)}…` : token.text;
  return `'${text}'`;
}

/** Tokens that make up an id (Jison's idStringToken). */
const ID_TOKENS = new Set<TokenType>([
  'NUM',
  'NODE_STRING',
  'DOWN',
  'MINUS',
  'DEFAULT',
  'COMMA',
  'COLON',
  'AMP',
  'BRKT',
  'MULT',
  'UNICODE_TEXT',
]);
/** A subgraph title without brackets (textNoTagsToken). */
const NO_TAGS_TOKENS = new Set<TokenType>([
  'NUM',
  'NODE_STRING',
  'SPACE',
  'MINUS',
  'AMP',
  'UNICODE_TEXT',
  'COLON',
  'MULT',
  'BRKT',
  'STYLE',
  'LINKSTYLE',
  'CLASSDEF',
  'CLASS',
  'CLICK',
  'GRAPH',
  'DIR',
  'subgraph',
  'end',
  'DOWN',
  'UP',
  'START_LINK',
]);
const TEXT_TOKENS = new Set<TokenType>(['TEXT', 'TAGSTART', 'TAGEND', 'UNICODE_TEXT']);
const EDGE_TEXT_TOKENS = new Set<TokenType>(['EDGE_TEXT', 'UNICODE_TEXT']);
const STYLE_TOKENS = new Set<TokenType>(['NUM', 'NODE_STRING', 'COLON', 'SPACE', 'BRKT', 'STYLE']);
const ALPHANUM_TOKENS = new Set<TokenType>([
  'NUM',
  'UNICODE_TEXT',
  'NODE_STRING',
  'DIR',
  'DOWN',
  'MINUS',
  'COMMA',
  'COLON',
  'AMP',
  'BRKT',
  'MULT',
]);

/** Vertex forms: opening token(s), closing token(s), Mermaid's type. */
interface VertexForm {
  open: TokenType[];
  close: TokenType[];
  type: string;
}
const VERTEX_FORMS: VertexForm[] = [
  { open: ['SQS'], close: ['SQE'], type: 'square' },
  { open: ['DOUBLECIRCLESTART'], close: ['DOUBLECIRCLEEND'], type: 'doublecircle' },
  { open: ['PS', 'PS'], close: ['PE', 'PE'], type: 'circle' },
  { open: ['(-'], close: ['-)'], type: 'ellipse' },
  { open: ['STADIUMSTART'], close: ['STADIUMEND'], type: 'stadium' },
  { open: ['SUBROUTINESTART'], close: ['SUBROUTINEEND'], type: 'subroutine' },
  { open: ['CYLINDERSTART'], close: ['CYLINDEREND'], type: 'cylinder' },
  { open: ['PS'], close: ['PE'], type: 'round' },
  {
    open: ['DIAMOND_START', 'DIAMOND_START'],
    close: ['DIAMOND_STOP', 'DIAMOND_STOP'],
    type: 'hexagon',
  },
  { open: ['DIAMOND_START'], close: ['DIAMOND_STOP'], type: 'diamond' },
  { open: ['TAGEND'], close: ['SQE'], type: 'odd' },
  { open: ['TRAPSTART'], close: ['TRAPEND'], type: 'trapezoid' },
  { open: ['INVTRAPSTART'], close: ['INVTRAPEND'], type: 'inv_trapezoid' },
  { open: ['TRAPSTART'], close: ['INVTRAPEND'], type: 'lean_right' },
  { open: ['INVTRAPSTART'], close: ['TRAPEND'], type: 'lean_left' },
];

export function parseFlowchart(
  tokens: Token[],
  origin: (offset: number) => number,
): ParsedFlowchart {
  return new Parser(tokens, origin).parse();
}

/** Subgraphs nest at most this deep (as `.flow` groups do); deeper is an error, not a stack overflow. */
export const MAX_SUBGRAPH_DEPTH = 32;

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly graph = new FlowGraph();
  private readonly problems: { message: string; offset: number }[] = [];

  constructor(
    private readonly tokens: Token[],
    /** Prepared-text offset → original offset. */
    private readonly origin: (offset: number) => number,
  ) {}

  parse(): ParsedFlowchart {
    // graphConfig
    while (this.at('SPACE') || this.at('NEWLINE')) this.pos++;
    this.expect('GRAPH', "'flowchart' or 'graph'");
    if (this.at('NODIR')) {
      this.pos++;
      this.graph.setDirection('TB');
    } else {
      const dir = this.expect('DIR', 'a direction (TB, TD, BT, LR, RL) or a line break');
      this.graph.setDirection(dir.text);
      // FirstStmtSeparator: SEMI | NEWLINE | spaceList NEWLINE
      if (this.at('SEMI') || this.at('NEWLINE')) this.pos++;
      else {
        if (!this.at('SPACE')) this.fail("';' or a line break after the direction");
        while (this.at('SPACE')) this.pos++;
        this.expect('NEWLINE', 'a line break after the direction');
      }
    }
    const top: Block = { id: null, statements: [] };
    this.document(top, false);
    return { graph: this.graph, top, problems: this.problems };
  }

  // ---- token helpers

  private peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }

  private at(type: TokenType, k = 0): boolean {
    return this.tokens[this.pos + k]?.type === type;
  }

  private offset(): number {
    const token = this.peek() ?? this.tokens[this.tokens.length - 1];
    return this.origin(token ? token.start : 0);
  }

  private fail(expected: string): never {
    throw new MermaidParseError(
      `expected ${expected}, found ${describe(this.peek())}`,
      this.offset(),
    );
  }

  /**
   * One blank where the grammar has a single SPACE. The lexer joins runs of blanks into one
   * token; taking one leaves the rest, as Jison's one-blank tokens would.
   */
  private takeOneSpace(): void {
    const token = this.peek();
    if (token?.type !== 'SPACE') this.fail('a space');
    if (token.text.length > 1) {
      token.text = token.text.slice(1);
      token.start++;
    } else this.pos++;
  }

  private atOneSpace(): boolean {
    return this.peek()?.type === 'SPACE' && this.peek()!.text.length === 1;
  }

  private expect(type: TokenType, expected = TOKEN_NAMES[type] ?? type): Token {
    const token = this.peek();
    if (token?.type !== type) this.fail(expected);
    this.pos++;
    return token;
  }

  // ---- document and statements

  /** Lines until the end (top level) or `end` (in a subgraph); returns the statements' values. */
  private document(block: Block, inSubgraph: boolean): DocumentValue[] {
    const values: DocumentValue[] = [];
    for (;;) {
      const token = this.peek();
      if (!token) {
        if (inSubgraph) this.fail("'end' to close the subgraph");
        return values;
      }
      if (token.type === 'end') {
        if (!inSubgraph) this.fail('a statement (this `end` closes no subgraph)');
        return values;
      }
      if (
        token.type === 'SEMI' ||
        token.type === 'NEWLINE' ||
        token.type === 'SPACE' ||
        token.type === 'EOF'
      ) {
        this.pos++;
        continue;
      }
      const value = this.statement(block);
      if (value !== null) values.push(value);
    }
  }

  private separator(): void {
    if (this.at('NEWLINE') || this.at('SEMI') || this.at('EOF')) this.pos++;
    else this.fail("a line break or ';' to end the statement");
  }

  private statement(block: Block): DocumentValue | null {
    const token = this.peek()!;
    const start = token.start;
    const record = (): void => {
      block.statements.push({
        kind: 'other',
        offset: this.origin(start),
        endOffset: this.origin(this.lastEnd()),
      });
    };
    switch (token.type) {
      case 'subgraph':
        return this.subgraph(block);
      case 'STYLE': {
        this.pos++;
        this.takeOneSpace();
        const id = this.idString();
        this.takeOneSpace();
        const css = this.stylesOpt();
        this.separator();
        this.graph.addVertexStyle(id, css, this.origin(start));
        record();
        return null;
      }
      case 'LINKSTYLE':
        this.linkStyle();
        record();
        return null;
      case 'CLASSDEF': {
        this.pos++;
        this.takeOneSpace();
        const ids = this.idString();
        this.takeOneSpace();
        const css = this.stylesOpt();
        this.separator();
        this.graph.addClass(ids, css, this.origin(start));
        record();
        return null;
      }
      case 'CLASS': {
        this.pos++;
        this.takeOneSpace();
        const ids = this.idString();
        this.takeOneSpace();
        const className = this.idString();
        this.separator();
        this.graph.setClass(ids, className, this.origin(start));
        record();
        return null;
      }
      case 'CLICK':
        this.click();
        this.separator();
        record();
        return null;
      case 'direction_tb':
      case 'direction_bt':
      case 'direction_rl':
      case 'direction_lr':
      case 'direction_td': {
        this.pos++;
        record();
        const value = token.type.slice('direction_'.length).toUpperCase();
        return { value, offset: this.origin(start) };
      }
      case 'acc_title':
      case 'acc_descr': {
        this.pos++;
        const value = this.expect(
          token.type === 'acc_title' ? 'acc_title_value' : 'acc_descr_value',
        );
        this.graph.accessibility.push({
          what: `${token.type === 'acc_title' ? 'accTitle' : 'accDescr'}: ${value.text.trim()}`,
          offset: this.origin(start),
        });
        record();
        return null;
      }
      case 'acc_descr_multiline_value':
        this.pos++;
        this.graph.accessibility.push({
          what: `accDescr: ${token.text.trim()}`,
          offset: this.origin(start),
        });
        record();
        return null;
      default: {
        const edgesBefore = this.graph.edges.length;
        const { nodes, mentioned } = this.vertexStatement();
        this.separator();
        block.statements.push({
          kind: 'vertices',
          ids: mentioned,
          edges: range(edgesBefore, this.graph.edges.length),
          offset: this.origin(start),
          endOffset: this.origin(this.lastEnd()),
        });
        return nodes;
      }
    }
  }

  private lastEnd(): number {
    return this.tokens[this.pos - 1]?.end ?? 0;
  }

  private subgraph(parent: Block): DocumentValue {
    const start = this.peek()!.start;
    this.pos++;
    let id: Label | undefined;
    let title: Label | undefined;
    let same = false;
    if (this.at('SPACE')) {
      this.takeOneSpace();
      id = this.textNoTags();
      if (this.at('SQS')) {
        this.pos++;
        title = this.text();
        this.expect('SQE');
      } else {
        title = id;
        same = true;
      }
    }
    this.separator();
    if (++this.depth > MAX_SUBGRAPH_DEPTH)
      throw new MermaidParseError(
        `subgraphs nest more than ${MAX_SUBGRAPH_DEPTH} deep: .flow groups nest at most ${MAX_SUBGRAPH_DEPTH} deep`,
        this.origin(start),
      );
    const block: Block = { id: null, statements: [] };
    const values = this.document(block, true);
    const end = this.expect('end');
    this.depth--;
    const subgraphId = this.graph.addSubGraph(
      id,
      values,
      title,
      same,
      this.origin(start),
      this.origin(end.end),
    );
    block.id = subgraphId;
    parent.statements.push({
      kind: 'subgraph',
      block,
      offset: this.origin(start),
      endOffset: this.origin(end.start + 3),
    });
    return subgraphId;
  }

  // ---- vertices and links

  /**
   * vertexStatement: a node group, then any number of `link nodeGroup`; each group may be followed
   * by shape data or spaces. Returns the statement's node list as Mermaid builds it (each group's
   * ids before the earlier ones) and the ids in the order written.
   */
  private vertexStatement(): { nodes: string[]; mentioned: string[] } {
    let current = this.node();
    // Mermaid's list puts each group of nodes before the earlier ones (`next.concat(nodes)`):
    // collected in order and reversed once, not copied at every link.
    const groups = [current];
    const mentioned = [...current];
    for (;;) {
      if (this.at('SHAPE_DATA')) {
        const offset = this.offset();
        this.applyShapeData(current[current.length - 1]!, this.shapeData(), offset);
      } else if (this.at('SPACE')) {
        while (this.at('SPACE')) this.pos++;
      }
      if (!(this.at('LINK') || this.at('START_LINK') || this.at('LINK_ID'))) break;
      const link = this.link();
      const next = this.node();
      if (this.graph.edges.length + current.length * next.length > MAX_IMPORT_EDGES)
        throw new MermaidLimitError(
          `Mermaid chart too large: more than ${formatLimit(MAX_IMPORT_EDGES)} edges, the most flowc imports (a & b --> c & d makes four)`,
          link.offset,
        );
      this.graph.addLink(current, next, link);
      groups.push(next);
      for (const id of next) mentioned.push(id);
      current = next;
    }
    return { nodes: groups.reverse().flat(), mentioned };
  }

  /** node: styledVertex, then (`shapeData`? spaces `&` spaces styledVertex)*. */
  private node(): string[] {
    const ids = [this.styledVertex()];
    for (;;) {
      // Look ahead: shape data (optional), spaces, `&`, spaces.
      let k = 0;
      while (this.at('SHAPE_DATA', k)) k++;
      const data = k;
      if (!this.at('SPACE', k)) break;
      while (this.at('SPACE', k)) k++;
      if (!this.at('AMP', k)) break;
      // Mermaid applies the shape data when the whole rule is read, after the next vertex.
      const offset = this.offset();
      const shapeData = data > 0 ? this.shapeData() : undefined;
      while (this.at('SPACE')) this.pos++;
      this.pos++; // &
      if (!this.at('SPACE')) this.fail("a space after '&'");
      while (this.at('SPACE')) this.pos++;
      const next = this.styledVertex();
      if (shapeData !== undefined) this.applyShapeData(ids[ids.length - 1]!, shapeData, offset);
      ids.push(next);
    }
    return ids;
  }

  private styledVertex(): string {
    const id = this.vertex();
    if (this.at('STYLE_SEPARATOR')) {
      const offset = this.offset();
      this.pos++;
      this.graph.setClass(id, this.idString(), offset);
    }
    return id;
  }

  private vertex(): string {
    const offset = this.offset();
    const id = this.idString();
    // The longest opening that matches (`((` before `(`, `{{` before `{`); forms with the same
    // opening differ by how they close (`[/a/]` and `[/a\]`), decided after the label.
    let open = 0;
    for (const form of VERTEX_FORMS)
      if (form.open.length > open && form.open.every((type, k) => this.at(type, k)))
        open = form.open.length;
    if (open > 0) {
      const candidates = VERTEX_FORMS.filter(
        (form) => form.open.length === open && form.open.every((type, k) => this.at(type, k)),
      );
      this.pos += open;
      const label = this.text();
      const form =
        candidates.find((f) => f.close.every((type, k) => this.at(type, k))) ?? candidates[0]!;
      for (const type of form.close) this.expect(type, `'${closing(type)}' to close the label`);
      this.graph.addVertex(id, offset, label, form.type);
      return id;
    }
    if (this.at('VERTEX_WITH_PROPS_START')) {
      this.pos++;
      this.expect('NODE_STRING', 'a property name');
      this.expect('COLON');
      this.expect('NODE_STRING', 'a property value');
      this.expect('PIPE');
      const label = this.text();
      this.expect('SQE');
      this.graph.addVertex(id, offset, label, 'rect');
      return id;
    }
    this.graph.addVertex(id, offset);
    return id;
  }

  private idString(): string {
    let id = '';
    while (this.peek() && ID_TOKENS.has(this.peek()!.type)) {
      id += this.peek()!.text;
      this.pos++;
    }
    if (id === '') this.fail('a node id');
    return id;
  }

  /** text: (STR | MD_STR | textToken) textToken*. */
  private text(): Label {
    const first = this.peek();
    let label: Label;
    if (first?.type === 'STR') label = { text: first.text, type: 'string' };
    else if (first?.type === 'MD_STR') label = { text: first.text, type: 'markdown' };
    else if (first && TEXT_TOKENS.has(first.type)) label = { text: first.text, type: 'text' };
    else this.fail('a label');
    this.pos++;
    while (this.peek() && TEXT_TOKENS.has(this.peek()!.type)) {
      label.text += this.peek()!.text;
      this.pos++;
    }
    return label;
  }

  private textNoTags(): Label {
    const first = this.peek();
    let label: Label;
    if (first?.type === 'STR') label = { text: first.text, type: 'text' };
    else if (first?.type === 'MD_STR') label = { text: first.text, type: 'markdown' };
    else if (first && NO_TAGS_TOKENS.has(first.type)) label = { text: first.text, type: 'text' };
    else this.fail('a subgraph id or title');
    this.pos++;
    while (this.peek() && NO_TAGS_TOKENS.has(this.peek()!.type)) {
      label.text += this.peek()!.text;
      this.pos++;
    }
    return label;
  }

  private link(): LinkInfo {
    const offset = this.offset();
    let id: string | undefined;
    if (this.at('LINK_ID')) {
      id = this.peek()!.text;
      this.pos++;
    }
    if (this.at('START_LINK')) {
      const startText = this.peek()!.text;
      this.pos++;
      const text = this.edgeText();
      const end = this.expect('LINK', 'the end of the arrow');
      return { ...destructLink(end.text, startText), text, id, offset };
    }
    const end = this.expect('LINK', 'an arrow');
    const info: LinkInfo = { ...destructLink(end.text), id, offset };
    if (this.at('PIPE')) {
      this.pos++;
      info.text = this.text();
      this.expect('PIPE', "'|' to close the arrow's label");
      if (this.at('SPACE')) this.takeOneSpace();
    }
    return info;
  }

  private edgeText(): Label {
    const first = this.peek();
    let label: Label;
    if (first?.type === 'STR') label = { text: first.text, type: 'string' };
    else if (first?.type === 'MD_STR') label = { text: first.text, type: 'markdown' };
    else if (first && EDGE_TEXT_TOKENS.has(first.type)) label = { text: first.text, type: 'text' };
    else this.fail("the arrow's label");
    this.pos++;
    while (this.peek() && EDGE_TEXT_TOKENS.has(this.peek()!.type)) {
      label.text += this.peek()!.text;
      this.pos++;
    }
    return label;
  }

  // ---- shape data

  /** `@{ … }`: the settings, or null (reported) when their YAML cannot be read. */
  private shapeData(): ShapeData | null {
    const offset = this.offset();
    let metadata = '';
    while (this.at('SHAPE_DATA')) {
      metadata += this.peek()!.text;
      this.pos++;
    }
    try {
      return readShapeData(metadata);
    } catch (error) {
      if (!(error instanceof ShapeDataError)) throw error;
      this.problems.push({ message: `cannot read '@{${metadata}}': ${error.message}`, offset });
      return null;
    }
  }

  private applyShapeData(id: string, data: ShapeData | null, offset: number): void {
    if (data) this.graph.addShapeData(id, data, offset);
  }

  // ---- styles, classes, clicks

  private stylesOpt(): string[] {
    const styles = [this.style()];
    while (this.at('COMMA')) {
      this.pos++;
      styles.push(this.style());
    }
    return styles;
  }

  private style(): string {
    let text = '';
    while (this.peek() && STYLE_TOKENS.has(this.peek()!.type)) {
      text += this.peek()!.text;
      this.pos++;
    }
    if (text === '') this.fail('a style (for example fill:#f9f)');
    return text;
  }

  private linkStyle(): void {
    const offset = this.offset();
    this.pos++;
    this.takeOneSpace();
    const positions: (number | 'default')[] = [];
    if (this.at('DEFAULT')) {
      this.pos++;
      positions.push('default');
    } else {
      positions.push(Number(this.expect('NUM', "an edge number or 'default'").text));
      while (this.at('COMMA')) {
        this.pos++;
        positions.push(Number(this.expect('NUM', 'an edge number').text));
      }
    }
    this.takeOneSpace();
    if (this.at('INTERPOLATE')) {
      this.pos++;
      this.takeOneSpace();
      const curve = this.alphaNum();
      this.graph.updateLinkInterpolate(positions, curve, offset);
      if (this.at('SPACE')) {
        this.takeOneSpace();
        this.graph.updateLink(positions, this.stylesOpt(), offset);
      }
    } else this.graph.updateLink(positions, this.stylesOpt(), offset);
    this.separator();
  }

  private alphaNum(): string {
    let text = '';
    while (this.peek() && ALPHANUM_TOKENS.has(this.peek()!.type)) {
      text += this.peek()!.text;
      this.pos++;
    }
    if (text === '') this.fail('a name');
    return text;
  }

  private click(): void {
    const offset = this.offset();
    const ids = this.expect('CLICK').text;
    const click: {
      ids: string;
      offset: number;
      link?: string;
      target?: string;
      callback?: string;
      tooltip?: string;
    } = {
      ids,
      offset,
    };
    const tooltipAfter = (): void => {
      if (this.atOneSpace() && this.at('STR', 1)) {
        this.pos++;
        click.tooltip = this.expect('STR').text;
      }
    };
    const targetAfter = (): void => {
      if (this.atOneSpace() && this.at('LINK_TARGET', 1)) {
        this.pos++;
        click.target = this.expect('LINK_TARGET').text;
      }
    };
    if (this.at('CALLBACKNAME')) {
      click.callback = this.peek()!.text;
      this.pos++;
      if (this.at('CALLBACKARGS')) {
        click.callback += `(${this.peek()!.text})`;
        this.pos++;
      }
      tooltipAfter();
    } else if (this.at('HREF') || this.at('STR')) {
      if (this.at('HREF')) this.pos++;
      click.link = this.expect('STR', 'the link, in double quotes').text;
      tooltipAfter();
      targetAfter();
    } else {
      click.callback = this.alphaNum();
      tooltipAfter();
    }
    this.graph.clicks.push(click);
    if (click.link !== undefined) this.graph.setLink(ids, click.link, click.target, offset);
    if (click.tooltip !== undefined) this.graph.setTooltip(ids, click.tooltip, offset);
  }
}

function closing(type: TokenType): string {
  const names: Partial<Record<TokenType, string>> = {
    SQE: ']',
    PE: ')',
    DIAMOND_STOP: '}',
    DOUBLECIRCLEEND: ')))',
    '-)': '-)',
    STADIUMEND: '])',
    SUBROUTINEEND: ']]',
    CYLINDEREND: ')]',
    TRAPEND: '\\]',
    INVTRAPEND: '/]',
  };
  return names[type] ?? type;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

// ---- arrows (Mermaid's destructLink)

function destructStartLink(raw: string): { type: ArrowType; stroke: Stroke } {
  let str = raw.trim();
  let type: ArrowType = 'arrow_open';
  switch (str[0]) {
    case '<':
      type = 'arrow_point';
      str = str.slice(1);
      break;
    case 'x':
      type = 'arrow_cross';
      str = str.slice(1);
      break;
    case 'o':
      type = 'arrow_circle';
      str = str.slice(1);
      break;
  }
  let stroke: Stroke = 'normal';
  if (str.includes('=')) stroke = 'thick';
  if (str.includes('.')) stroke = 'dotted';
  return { type, stroke };
}

function destructEndLink(raw: string): { type: ArrowType; stroke: Stroke; length: number } {
  const str = raw.trim();
  let line = str.slice(0, -1);
  let type: ArrowType = 'arrow_open';
  switch (str.slice(-1)) {
    case 'x':
      type = 'arrow_cross';
      if (str.startsWith('x')) {
        type = 'double_arrow_cross';
        line = line.slice(1);
      }
      break;
    case '>':
      type = 'arrow_point';
      if (str.startsWith('<')) {
        type = 'double_arrow_point';
        line = line.slice(1);
      }
      break;
    case 'o':
      type = 'arrow_circle';
      if (str.startsWith('o')) {
        type = 'double_arrow_circle';
        line = line.slice(1);
      }
      break;
  }
  let stroke: Stroke = 'normal';
  let length = line.length - 1;
  if (line.startsWith('=')) stroke = 'thick';
  if (line.startsWith('~')) stroke = 'invisible';
  const dots = [...line].filter((c) => c === '.').length;
  if (dots) {
    stroke = 'dotted';
    length = dots;
  }
  return { type, stroke, length };
}

function destructLink(
  end: string,
  start?: string,
): { type: ArrowType; stroke: Stroke; length: number } {
  const info = destructEndLink(end);
  if (start === undefined) return info;
  const startInfo = destructStartLink(start);
  if (startInfo.stroke !== info.stroke)
    return { type: 'INVALID', stroke: 'INVALID', length: info.length };
  let type: ArrowType;
  if (startInfo.type === 'arrow_open') type = info.type;
  else {
    if (startInfo.type !== info.type)
      return { type: 'INVALID', stroke: 'INVALID', length: info.length };
    type = `double_${startInfo.type}` as ArrowType;
  }
  return { type, stroke: startInfo.stroke, length: info.length };
}

/** Exposed for tests: the type of a label (used by the writer). */
export type { LabelType };
