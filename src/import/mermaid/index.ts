/**
 * `importMermaid(text)`: a Mermaid flowchart as a `.flow` file. The Mermaid text is read the way
 * Mermaid reads it (source.ts, lexer.ts, parser.ts, graph.ts), then written as `.flow`: nodes in
 * the groups Mermaid puts them in, subgraphs as (nested) groups, edges in the order Mermaid draws
 * them, classes and styles as named styles and attributes, `click` links as links, comments kept.
 * Whatever `.flow` cannot say is reported as a warning with its line; nothing is dropped silently.
 * The result is formatted by `flowc fmt`'s printer, so it is already in canonical form.
 */
import { format } from '../../format/index.js';
import { checkLink } from '../../model/links.js';
import { printString } from '../../syntax/print.js';
import { readCss, type Look } from './css.js';
import type { FlowGraph, MermaidEdge, MermaidVertex } from './graph.js';
import { IdAllocator, identifierFromTitle } from './ids.js';
import { LexError, Lexer } from './lexer.js';
import {
  MAX_SUBGRAPH_DEPTH,
  MermaidLimitError,
  MermaidParseError,
  parseFlowchart,
  type Block,
  type Statement,
} from './parser.js';
import { mapShape } from './shapes.js';
import { LineIndex, prepare, type SourceComment } from './source.js';
import { plainText, plainUrl } from './text.js';
import { visibleMessage, Warnings, type ImportWarning } from './warnings.js';

export type { ImportWarning } from './warnings.js';

export interface ImportOptions {
  /** Where the diagram comes from, for the first comment of the file (e.g. `docs/flow.md, line 12`). */
  from?: string;
  /** Added to every line number reported (a Markdown block's first line minus one). */
  lineOffset?: number;
}

export interface ImportError {
  line: number;
  column: number;
  message: string;
}

export interface ImportResult {
  /** The `.flow` text; null when the Mermaid text could not be read (see `error`). */
  flow: string | null;
  warnings: ImportWarning[];
  error: ImportError | null;
  /** Each Mermaid vertex and subgraph id → the qualified `.flow` id it became. */
  ids: Map<string, string>;
}

export function importMermaid(text: string, options: ImportOptions = {}): ImportResult {
  const lineOffset = options.lineOffset ?? 0;
  const lines = new LineIndex(text);
  const warnings = new Warnings(lines);
  const failed = (offset: number, message: string): ImportResult => {
    const line = lines.lineOf(offset);
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return {
      flow: null,
      warnings: shift(warnings.list(), lineOffset),
      error: {
        line: line + lineOffset,
        column: offset - lineStart + 1,
        message: visibleMessage(message),
      },
      ids: new Map(),
    };
  };

  const prepared = prepare(text);
  const origin = (offset: number): number =>
    prepared.text.origin[Math.min(offset, prepared.text.text.length)]!;
  const head = /^\s*(\S*)/.exec(prepared.text.text)![1]!;
  if (!/^(flowchart|graph)/.test(head)) {
    const what = head === '' ? 'nothing' : `'${head.slice(0, 30)}'`;
    return failed(
      origin(prepared.text.text.search(/\S|$/)),
      `not a Mermaid flowchart: it starts with ${what} (flowc imports 'flowchart' and 'graph' diagrams)`,
    );
  }
  for (const d of prepared.dropped)
    warnings.add(d.offset, `${d.what} is dropped: .flow has no such setting`);

  let parsed;
  try {
    parsed = parseFlowchart(new Lexer(prepared.text.text).tokenize(), origin);
  } catch (error) {
    if (error instanceof LexError)
      return failed(origin(error.offset), `Mermaid syntax error: ${error.message}`);
    if (error instanceof MermaidLimitError) return failed(error.offset, error.message);
    if (error instanceof MermaidParseError)
      return failed(error.offset, `Mermaid syntax error: ${error.message}`);
    throw error;
  }
  for (const problem of parsed.problems) warnings.add(problem.offset, problem.message);
  if (/^flowchart-elk/.test(head))
    warnings.add(
      origin(0),
      "the ELK layout ('flowchart-elk') is dropped: flowc lays the chart out itself",
    );

  const converter = new Converter(parsed.graph, parsed.top, warnings, text);
  const deep = converter.tooDeep();
  if (deep !== null)
    return failed(
      deep.offset,
      `subgraph '${deep.id}' is nested ${deep.depth} deep: .flow groups nest at most ${MAX_SUBGRAPH_DEPTH} deep`,
    );
  const draft = converter.write(prepared.title, prepared.comments, options.from);
  const formatted = format(draft);
  if (formatted.output === null) {
    // The writer made a line the grammar does not read: a bug, reported with the line.
    const d = formatted.diagnostics[0]!;
    throw new Error(
      `flowc import wrote an invalid line ${d.span.line} (${d.message}): ${draft.split('\n')[d.span.line - 1]}`,
    );
  }
  return {
    flow: formatted.output,
    warnings: shift(warnings.list(), lineOffset),
    error: null,
    ids: converter.qualifiedIds(),
  };
}

/** The first index of `comments` (sorted by offset) at or after `offset`. */
function lowerBound(comments: SourceComment[], offset: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid]!.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shift(list: ImportWarning[], by: number): ImportWarning[] {
  if (by === 0) return list;
  return list.map((w) => ({ ...w, line: w.line + by, alsoLines: w.alsoLines.map((l) => l + by) }));
}

/** A comment or title that would read as a lint directive (`# flowc-disable`) is changed so it does not. */
function defuseDirective(text: string): string {
  return text.replace(/^(\s*flowc)-/, '$1\u2011');
}

class Converter {
  /** Mermaid id → `.flow` local id, for nodes and groups (one namespace: no name shadows another). */
  private readonly localIds = new Map<string, string>();
  /** Group (Mermaid subgraph id) → its parent group, or null at the top level. */
  private readonly groupParent = new Map<string, string | null>();
  /** Node (Mermaid vertex id) → its group, or null. */
  private readonly nodeParent = new Map<string, string | null>();
  private readonly blocks = new Map<string, Block>();
  /** The nodes and groups of each group (null: the top level), in the order they appear. */
  private readonly children = new Map<string | null, { nodes: string[]; groups: string[] }>();
  private readonly styleNames = new Map<string, string>();
  private readonly declared = new Set<string>();
  private readonly emittedGroups = new Set<string>();
  private readonly out: string[] = [];
  private pendingBlank = false;

  constructor(
    private readonly graph: FlowGraph,
    private readonly top: Block,
    private readonly warnings: Warnings,
    private readonly source: string,
  ) {
    this.findMembership();
    this.allocateIds();
  }

  /** A group Mermaid nests deeper than `.flow` allows (membership can nest deeper than the text). */
  tooDeep(): { id: string; depth: number; offset: number } | null {
    for (const sg of this.graph.subgraphs) {
      const depth = this.chain(sg.id).length;
      if (depth > MAX_SUBGRAPH_DEPTH) return { id: sg.id, depth, offset: sg.offset };
    }
    return null;
  }

  qualifiedIds(): Map<string, string> {
    const ids = new Map<string, string>();
    for (const id of this.localIds.keys()) ids.set(id, this.path(id).join('.'));
    return ids;
  }

  // ---- structure

  private isGroup(id: string): boolean {
    return this.graph.subgraphById.has(id);
  }

  /** Parents as Mermaid draws them: each id belongs to the subgraph whose member list holds it. */
  private findMembership(): void {
    for (const sg of this.graph.subgraphs) this.groupParent.set(sg.id, null);
    for (const id of this.graph.vertices.keys())
      if (!this.isGroup(id)) this.nodeParent.set(id, null);
    for (const sg of this.graph.subgraphs) {
      for (const member of sg.nodes) {
        if (this.isGroup(member)) {
          if (member === sg.id || this.isAncestor(member, sg.id)) {
            this.warnings.add(
              sg.offset,
              `subgraph '${member}' cannot be inside '${sg.id}' (it would contain itself): it is left where it is`,
            );
            continue;
          }
          this.groupParent.set(member, sg.id);
        } else if (this.graph.vertices.has(member)) this.nodeParent.set(member, sg.id);
      }
    }
    const childrenOf = (parent: string | null) => {
      let entry = this.children.get(parent);
      if (!entry) this.children.set(parent, (entry = { nodes: [], groups: [] }));
      return entry;
    };
    for (const [id, parent] of this.nodeParent) childrenOf(parent).nodes.push(id);
    for (const [id, parent] of this.groupParent) childrenOf(parent).groups.push(id);
    const collect = (block: Block): void => {
      for (const s of block.statements) {
        if (s.kind !== 'subgraph') continue;
        if (!this.blocks.has(s.block.id!)) this.blocks.set(s.block.id!, s.block);
        collect(s.block);
      }
    };
    collect(this.top);
  }

  /** Whether `a` is `b` or one of its ancestors. */
  private isAncestor(a: string, b: string): boolean {
    for (let g: string | null = b; g !== null; g = this.groupParent.get(g) ?? null)
      if (g === a) return true;
    return false;
  }

  private allocateIds(): void {
    const allocator = new IdAllocator();
    const things: { id: string; offset: number; group: boolean }[] = [
      ...[...this.nodeParent.keys()].map((id) => ({
        id,
        offset: this.graph.vertices.get(id)!.offset,
        group: false,
      })),
      ...this.graph.subgraphs.map((sg) => ({ id: sg.id, offset: sg.offset, group: true })),
    ];
    things.sort((a, b) => a.offset - b.offset);
    for (const thing of things) {
      const sg = thing.group ? this.graph.subgraphById.get(thing.id)! : null;
      const wanted =
        sg && !sg.explicitId
          ? identifierFromTitle(plainText(sg.title, sg.labelType).text)
          : thing.id;
      this.localIds.set(thing.id, allocator.allocate(wanted));
    }
    const styles = new IdAllocator();
    for (const name of this.graph.classDefs.keys())
      this.styleNames.set(name, styles.allocate(name));
  }

  /** The `.flow` path of a node or group from the top level: its groups' ids, then its own. */
  private path(id: string): string[] {
    const path = [this.localIds.get(id)!];
    let parent = this.isGroup(id) ? this.groupParent.get(id) : this.nodeParent.get(id);
    while (parent) {
      path.unshift(this.localIds.get(parent)!);
      parent = this.groupParent.get(parent) ?? null;
    }
    return path;
  }

  /** Groups from the top level down to `group` (empty for the top level). */
  private chain(group: string | null): string[] {
    const chain: string[] = [];
    for (let g = group; g !== null; g = this.groupParent.get(g) ?? null) chain.unshift(g);
    return chain;
  }

  /**
   * How `id` is written inside `scope`: the path below the innermost group around `scope` that
   * also holds `id`. Every id is unique in the file, so that name resolves to `id` and only to it.
   */
  private reference(id: string, scope: string | null): string {
    const parent = this.isGroup(id)
      ? (this.groupParent.get(id) ?? null)
      : (this.nodeParent.get(id) ?? null);
    const target = this.chain(parent);
    const here = this.chain(scope);
    let common = 0;
    while (common < target.length && common < here.length && target[common] === here[common])
      common++;
    return [...target.slice(common), id].map((g) => this.localIds.get(g)!).join('.');
  }

  // ---- writing

  write(title: string | null, comments: SourceComment[], from: string | undefined): string {
    this.line(`# Converted from Mermaid by flowc import${from ? ` (${oneLine(from)})` : ''}`);
    if (title !== null) {
      this.line(`# Title: ${defuseDirective(oneLine(title))}`);
      this.warnings.add(0, 'the diagram title is kept as a comment: flowc draws no title');
    }
    this.reportUnplaced();
    this.line(`direction ${this.direction()}`);
    this.writeStyles();
    this.blank();
    const sorted = [...comments].sort((a, b) => a.offset - b.offset);
    this.writeBlock(this.top, null, sorted, 0, this.source.length);
    return this.out.join('\n') + '\n';
  }

  private line(text: string): void {
    if (this.pendingBlank && this.out.length > 0) this.out.push('');
    this.pendingBlank = false;
    this.out.push(text);
  }

  private blank(): void {
    this.pendingBlank = true;
  }

  private direction(): string {
    const d = this.graph.direction;
    if (['TB', 'BT', 'LR', 'RL'].includes(d)) return d;
    this.warnings.add(0, `direction '${d}' is not a direction: TB is used`);
    return 'TB';
  }

  private writeStyles(): void {
    for (const [name, def] of this.graph.classDefs) {
      const { look, dropped } = readCss(def.styles, 'node');
      for (const d of dropped)
        this.warnings.add(def.offset, `classDef ${name}: '${d}' is dropped`, `css:${d}`);
      this.line(`style ${this.styleNames.get(name)}${printLook(look, ':')}`);
    }
    if (this.graph.classDefs.size > 0) this.blank();
  }

  /**
   * A block's statements in order (the top level, or a subgraph's body), with the comments written
   * between `start` and `end` placed before the statement they precede.
   */
  private writeBlock(
    block: Block,
    scope: string | null,
    comments: SourceComment[],
    start: number,
    end: number,
  ): void {
    // Comments are sorted by offset: those of this block lie in [start, end), minus those inside
    // its nested subgraphs (written there).
    let next = lowerBound(comments, start);
    const commentsBefore = (offset: number): void => {
      for (; next < comments.length && comments[next]!.offset < Math.min(offset, end); next++) {
        const comment = comments[next]!;
        this.line(`#${comment.text ? ' ' : ''}${defuseDirective(oneLine(comment.text))}`);
      }
    };
    let previousEnd = start;
    for (const statement of block.statements) {
      if (/\n[ \t]*\n/.test(this.source.slice(previousEnd, statement.offset))) this.blank();
      commentsBefore(statement.offset);
      this.writeStatement(statement, scope, comments);
      if (statement.kind === 'subgraph')
        while (next < comments.length && comments[next]!.offset < statement.endOffset) next++;
      previousEnd = statement.endOffset;
    }
    commentsBefore(end);
    // Members Mermaid put here that no statement of this block wrote (a node only named by a
    // `style` line, a subgraph claimed by a mention in another subgraph).
    for (const id of this.children.get(scope)?.nodes ?? []) this.declareNode(id);
    for (const id of this.children.get(scope)?.groups ?? [])
      if (!this.emittedGroups.has(id)) this.writeGroup(id, comments);
  }

  private writeStatement(
    statement: Statement,
    scope: string | null,
    comments: SourceComment[],
  ): void {
    switch (statement.kind) {
      case 'vertices':
        for (const id of statement.ids) {
          if (this.isGroup(id)) {
            if (
              this.groupParent.get(id) === scope &&
              !this.emittedGroups.has(id) &&
              !this.blocks.has(id)
            )
              this.writeGroup(id, comments);
          } else if (this.nodeParent.get(id) === scope) this.declareNode(id);
        }
        for (const index of statement.edges) this.writeEdge(this.graph.edges[index]!, scope);
        break;
      case 'subgraph': {
        const id = statement.block.id!;
        if (this.groupParent.get(id) === scope && !this.emittedGroups.has(id))
          this.writeGroup(id, comments);
        break;
      }
      case 'other':
        break;
    }
  }

  private writeGroup(id: string, comments: SourceComment[]): void {
    this.emittedGroups.add(id);
    const sg = this.graph.subgraphById.get(id)!;
    const local = this.localIds.get(id)!;
    const title = this.groupTitle(id);
    this.line(
      `${local} {${title !== null && title !== local ? ` # ${defuseDirective(title)}` : ''}`,
    );
    const block = this.blocks.get(id);
    if (block) this.writeBlock(block, id, comments, sg.offset, sg.endOffset);
    else this.writeBlock({ id, statements: [] }, id, comments, 0, 0);
    this.pendingBlank = false;
    this.line('}');
  }

  private groupTitle(id: string): string | null {
    const sg = this.graph.subgraphById.get(id)!;
    const { text, dropped } = plainText(sg.title, sg.labelType);
    for (const d of dropped)
      this.warnings.add(sg.offset, `subgraph titles lose their ${d}`, `title:${d}`);
    if (text.includes('\n'))
      this.warnings.add(
        sg.offset,
        'line breaks in subgraph titles become spaces: a group title is one line',
        'title:lines',
      );
    const title = text.replace(/\s*\n\s*/g, ' ').trim();
    if (title === '' && sg.explicitId) {
      this.warnings.add(sg.offset, `subgraph '${id}' has an empty title: the group shows its name`);
      return null;
    }
    if (/^\s*flowc-/.test(title))
      this.warnings.add(
        sg.offset,
        `subgraph title '${title}' would read as a lint directive: its first '-' is written as a non-breaking hyphen`,
      );
    return title === '' ? null : title;
  }

  // ---- nodes

  private declareNode(id: string): void {
    if (this.declared.has(id)) return;
    this.declared.add(id);
    const vertex = this.graph.vertices.get(id)!;
    const local = this.localIds.get(id)!;
    const attributes: string[] = [];

    const shape = mapShape(vertex.type);
    if (shape.approximation)
      this.warnings.add(
        vertex.offset,
        `Mermaid's '${vertex.type}' shape is drawn as a ${shape.shape} (${shape.approximation})`,
        `shape:${vertex.type}`,
      );
    for (const u of vertex.unsupported)
      this.warnings.add(u.offset, `node ${u.what} dropped`, `unsupported:${u.what}`);

    const label = plainText(vertex.text, vertex.labelType);
    for (const d of label.dropped)
      this.warnings.add(vertex.offset, `node labels lose their ${d}`, `label:${d}`);
    if (label.text !== local) attributes.push(`label:${printString(label.text)}`);

    const classes = this.classNames(vertex.classes, id, 'node');
    if (this.graph.classDefs.has('default')) classes.unshift(this.styleNames.get('default')!);
    const unique = [...new Set(classes)];
    if (unique.length > 0) attributes.push(`class:${printString(unique.join(' '))}`);

    const look: Look = {};
    for (const style of vertex.styles) {
      const { look: own, dropped } = readCss(style.css, 'node');
      Object.assign(look, own);
      for (const d of dropped)
        this.warnings.add(style.offset, `style ${id}: '${d}' is dropped`, `css:${d}`);
    }
    attributes.push(...lookAttributes(look, ':'));

    const link = this.nodeLink(vertex, label.links);
    if (link !== null) attributes.push(`link:${printString(link)}`);
    const tooltip = this.graph.tooltips.get(id);
    if (tooltip !== undefined) {
      const text = plainText(tooltip.text, 'text');
      for (const d of text.dropped)
        this.warnings.add(tooltip.offset, `tooltips lose their ${d}`, `tooltip:${d}`);
      attributes.push(`tooltip:${printString(text.text.replace(/\n/g, ' '))}`);
    }
    this.line(`${local}: ${shape.shape}${attributes.map((a) => ` ${a}`).join('')}`);
  }

  /** The node's link: its `click` link, else a link inside its label; unsafe links are dropped. */
  private nodeLink(vertex: MermaidVertex, labelLinks: string[]): string | null {
    const candidates: { url: string; offset: number; from: string }[] = [];
    if (vertex.link)
      candidates.push({ url: vertex.link.url, offset: vertex.link.offset, from: 'click' });
    for (const url of labelLinks) candidates.push({ url, offset: vertex.offset, from: 'label' });
    let chosen: string | null = null;
    for (const candidate of candidates) {
      const url = plainUrl(candidate.url);
      const checked = checkLink(url);
      if ('problem' in checked) {
        this.warnings.add(
          candidate.offset,
          `link '${url}' of node '${vertex.id}' is dropped: ${checked.problem}`,
        );
        continue;
      }
      if (chosen !== null) {
        this.warnings.add(
          candidate.offset,
          `node '${vertex.id}' has more than one link: '${url}' is dropped`,
        );
        continue;
      }
      chosen = url;
      if (candidate.from === 'label')
        this.warnings.add(
          candidate.offset,
          "a link inside a label becomes the node's link",
          'label-link',
        );
      if (vertex.link?.target && candidate.from === 'click')
        this.warnings.add(
          candidate.offset,
          `link target '${vertex.link.target}' is dropped`,
          'link-target',
        );
    }
    return chosen;
  }

  /** Style names for classes applied to a node or an edge; classes without a classDef are dropped. */
  private classNames(
    classes: { name: string; offset: number }[],
    id: string,
    owner: string,
  ): string[] {
    const names: string[] = [];
    for (const c of classes) {
      const name = this.styleNames.get(c.name);
      if (name === undefined) {
        this.warnings.add(
          c.offset,
          `class '${c.name}' of ${owner} '${id}' is dropped: no classDef defines it`,
        );
        continue;
      }
      names.push(name);
    }
    return names;
  }

  // ---- edges

  private writeEdge(edge: MermaidEdge, scope: string | null): void {
    if (edge.stroke === 'invisible') {
      this.warnings.add(
        edge.offset,
        `invisible links ('~~~') are dropped: .flow has no invisible edge`,
        'edge:invisible',
      );
      return;
    }
    this.edgeArrowWarnings(edge);
    for (const u of edge.unsupported)
      this.warnings.add(u.offset, `${u.what} dropped`, `unsupported:${u.what}`);
    const curve = edge.interpolate ?? this.graph.defaultInterpolate;
    if (curve)
      this.warnings.add(curve.offset, 'linkStyle interpolate (curve) is dropped', 'interpolate');
    const attributes: string[] = [];
    if (edge.text !== '') {
      const label = plainText(edge.text, edge.labelType);
      for (const d of label.dropped)
        this.warnings.add(edge.offset, `edge labels lose their ${d}`, `label:${d}`);
      if (label.text !== '') attributes.push(`label=${printString(label.text)}`);
    }
    const look: Look = {};
    if (edge.stroke === 'thick') look.style = 'thick';
    if (edge.stroke === 'dotted') look.style = 'dotted';
    for (const style of [this.graph.defaultEdgeStyle, edge.style]) {
      if (!style) continue;
      const { look: own, dropped } = readCss(style.css, 'edge');
      Object.assign(look, own);
      for (const d of dropped)
        this.warnings.add(style.offset, `linkStyle: '${d}' is dropped`, `css:${d}`);
    }
    if (look.style) attributes.push(`style=${printString(look.style)}`);
    if (look.stroke) attributes.push(`color=${printString(look.stroke)}`);
    if (look.fill) this.warnings.add(edge.offset, `an edge's fill is dropped`, 'edge:fill');
    const classes = [
      ...new Set(this.classNames(edge.classes, edge.id ?? `${edge.start}->${edge.end}`, 'edge')),
    ];
    if (classes.length > 0) attributes.push(`class=${printString(classes.join(' '))}`);
    const list = attributes.length > 0 ? ` [${attributes.join(', ')}]` : '';
    this.line(`${this.reference(edge.start, scope)} -> ${this.reference(edge.end, scope)}${list}`);
  }

  private edgeArrowWarnings(edge: MermaidEdge): void {
    const w = (key: string, message: string): void =>
      this.warnings.add(edge.offset, message, `arrow:${key}`);
    switch (edge.type) {
      case 'arrow_open':
        w('open', "links without an arrowhead ('---') get one: every .flow edge has a direction");
        break;
      case 'arrow_cross':
      case 'arrow_circle':
        w('end', "cross and circle arrowheads ('--x', '--o') become plain arrowheads");
        break;
      case 'double_arrow_point':
      case 'double_arrow_cross':
      case 'double_arrow_circle':
        w('double', "two-way links ('<-->') become one edge from the first node to the second");
        break;
      case 'INVALID':
        w('invalid', "links mixing line kinds (like '-- text ==>') are drawn as plain edges");
        break;
    }
    if (edge.length > 1)
      w('length', 'extra link length (---->) is dropped: flowc spaces ranks itself');
    if (edge.id) w('id', `edge ids ('${edge.id}@') are dropped`);
  }

  // ---- what has no place in .flow

  private reportUnplaced(): void {
    for (const a of this.graph.accessibility)
      this.warnings.add(
        a.offset,
        `accessibility text is dropped (${a.what.slice(0, 60)})`,
        'accessibility',
      );
    for (const bad of this.graph.badLinkStyles)
      this.warnings.add(
        bad.offset,
        `linkStyle ${bad.index} names no edge (the diagram has ${this.graph.edges.length}): it is dropped`,
      );
    for (const sg of this.graph.subgraphs) {
      if (sg.dir)
        this.warnings.add(
          sg.dir.offset,
          `the direction of subgraph '${sg.id}' is dropped: a .flow file has one direction`,
        );
      for (const c of sg.classes)
        this.warnings.add(
          c.offset,
          `class '${c.name}' of subgraph '${sg.id}' is dropped: groups have no style`,
        );
      for (const u of sg.unsupported)
        this.warnings.add(sg.offset, `${u.what} dropped`, `unsupported:${u.what}`);
    }
    for (const vertex of this.graph.vertices.values()) {
      if (!this.isGroup(vertex.id)) continue;
      // A vertex with a subgraph's id is that subgraph: what was said of it as a node is lost.
      const what: string[] = [];
      if (vertex.type !== undefined) what.push('shape');
      if (vertex.text !== vertex.id) what.push('label');
      if (vertex.styles.length > 0) what.push('style');
      if (vertex.classes.length > 0) what.push('classes');
      if (vertex.link) what.push('link');
      if (what.length > 0)
        this.warnings.add(
          (vertex.styles[0] ?? vertex.classes[0] ?? vertex.link ?? vertex).offset,
          `'${vertex.id}' is a subgraph: its node ${what.join(', ')} ${what.length > 1 ? 'are' : 'is'} dropped`,
        );
      if (this.graph.tooltips.has(vertex.id))
        this.warnings.add(
          this.graph.tooltips.get(vertex.id)!.offset,
          `the tooltip of subgraph '${vertex.id}' is dropped`,
        );
    }
    for (const click of this.graph.clicks) {
      if (click.callback !== undefined)
        this.warnings.add(
          click.offset,
          `click callbacks ('${click.callback.slice(0, 40)}') are dropped: .flow links only to URLs`,
          'click:callback',
        );
      for (const id of click.ids.split(','))
        if (!this.graph.vertices.has(id) && !this.isGroup(id))
          this.warnings.add(
            click.offset,
            `click names '${id}', which is not a node: it is dropped`,
          );
    }
    for (const [id, tooltip] of this.graph.tooltips)
      if (!this.graph.vertices.has(id))
        this.warnings.add(tooltip.offset, `the tooltip for '${id}' names no node: it is dropped`);
  }
}

/** Text for a comment: blanks and control characters (line breaks among them) as one space. */
function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

function lookAttributes(look: Look, separator: ':' | '='): string[] {
  const attributes: string[] = [];
  if (look.fill) attributes.push(`fill${separator}${printString(look.fill)}`);
  if (look.stroke) attributes.push(`stroke${separator}${printString(look.stroke)}`);
  if (look.text) attributes.push(`text${separator}${printString(look.text)}`);
  if (look.style) attributes.push(`style${separator}${printString(look.style)}`);
  return attributes;
}

function printLook(look: Look, separator: ':' | '='): string {
  return lookAttributes(look, separator)
    .map((a) => ` ${a}`)
    .join('');
}
