/**
 * What a Mermaid flowchart says, collected the way Mermaid's own FlowDB collects it (mermaid 11,
 * flowDb.ts): the same vertices in the same order, the same edges, the same subgraph membership
 * (a subgraph takes the nodes its own statements mention, unless a subgraph closed earlier took
 * them; a subgraph mentioned inside another is its child), the same classes and styles. Each part
 * also keeps the offset (in the original text) where it was written, for warnings and for placing
 * it in the `.flow` file.
 */

export type LabelType = 'text' | 'string' | 'markdown';

export interface Label {
  text: string;
  type: LabelType;
}

/** Mermaid's vertex types (the bracket forms) and `@{ shape: … }` names. */
export interface MermaidVertex {
  id: string;
  /** The label as written (entity placeholders and markup still in it); the id when none is given. */
  text: string;
  labelType: LabelType;
  /** `square`, `round`, `diamond`, … or a `@{ shape }` name; undefined for a bare id. */
  type: string | undefined;
  /** `style ID …` declarations, in order. */
  styles: { css: string[]; offset: number }[];
  /** Classes applied (`:::`, `class`), in order. */
  classes: { name: string; offset: number }[];
  link?: { url: string; target?: string; offset: number };
  /** Where the vertex was first written. */
  offset: number;
  /** `@{ … }` settings flowc has no equivalent for (icon, img, pos, …), with their offsets. */
  unsupported: { what: string; offset: number }[];
}

export type ArrowType =
  | 'arrow_open'
  | 'arrow_point'
  | 'arrow_cross'
  | 'arrow_circle'
  | 'double_arrow_point'
  | 'double_arrow_cross'
  | 'double_arrow_circle'
  | 'INVALID';

export type Stroke = 'normal' | 'thick' | 'dotted' | 'invisible' | 'INVALID';

export interface LinkInfo {
  type: ArrowType;
  stroke: Stroke;
  length: number;
  text?: Label;
  id?: string;
  offset: number;
}

export interface MermaidEdge {
  start: string;
  end: string;
  type: ArrowType;
  stroke: Stroke;
  length: number;
  text: string;
  labelType: LabelType;
  /** A user-given id (`e1@-->`). */
  id?: string;
  classes: { name: string; offset: number }[];
  /** `linkStyle` declarations naming this edge. */
  style?: { css: string[]; offset: number };
  interpolate?: { value: string; offset: number };
  unsupported: { what: string; offset: number }[];
  offset: number;
}

export interface MermaidSubgraph {
  id: string;
  title: string;
  labelType: LabelType;
  /** Direct members: vertex ids and subgraph ids (Mermaid's `nodes`). */
  nodes: string[];
  classes: { name: string; offset: number }[];
  /** A `direction` statement inside the subgraph. */
  dir?: { value: string; offset: number };
  /** Whether the id was written (false: Mermaid made one up, `subGraphN`). */
  explicitId: boolean;
  offset: number;
  endOffset: number;
  unsupported: { what: string; offset: number }[];
}

export interface ClassDef {
  id: string;
  styles: string[];
  offset: number;
}

/** A click statement: a link, a callback (never kept), a tooltip. */
export interface Click {
  ids: string;
  link?: string;
  target?: string;
  callback?: string;
  tooltip?: string;
  offset: number;
}

export class FlowGraph {
  direction = 'TB';
  readonly vertices = new Map<string, MermaidVertex>();
  readonly edges: MermaidEdge[] = [];
  readonly classDefs = new Map<string, ClassDef>();
  readonly subgraphs: MermaidSubgraph[] = [];
  readonly subgraphById = new Map<string, MermaidSubgraph>();
  readonly tooltips = new Map<string, { text: string; offset: number }>();
  readonly clicks: Click[] = [];
  defaultEdgeStyle?: { css: string[]; offset: number };
  defaultInterpolate?: { value: string; offset: number };
  /** Accessibility title and description (no `.flow` equivalent). */
  readonly accessibility: { what: string; offset: number }[] = [];
  /** linkStyle indexes that do not exist, kept to report them. */
  readonly badLinkStyles: { index: number; offset: number }[] = [];
  private subCount = 0;
  /** Edges by their user-given id. */
  private readonly edgeById = new Map<string, MermaidEdge>();
  /** Every id some subgraph already holds (Mermaid's makeUniq, as a set). */
  private readonly inSubgraph = new Set<string>();

  setDirection(dir: string): void {
    let d = dir.trim();
    if (d.includes('<')) d = 'RL';
    if (d.includes('^')) d = 'BT';
    if (d.includes('>')) d = 'LR';
    if (d.includes('v')) d = 'TB';
    if (d === 'TD') d = 'TB';
    this.direction = d;
  }

  /** Mermaid's addVertex for a vertex statement: creates the vertex if needed, sets label and type. */
  addVertex(id: string, offset: number, label?: Label, type?: string): void {
    if (!id || id.trim().length === 0) return;
    // An edge's id (`e1@-->`) names that edge, never a vertex.
    if (this.edgeById.has(id)) return;
    let vertex = this.vertices.get(id);
    if (!vertex) {
      vertex = {
        id,
        text: id,
        labelType: 'text',
        type: undefined,
        styles: [],
        classes: [],
        offset,
        unsupported: [],
      };
      this.vertices.set(id, vertex);
    }
    if (label !== undefined) {
      let text = label.text.trim();
      if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) text = text.slice(1, -1);
      vertex.text = text;
      vertex.labelType = label.type;
    }
    if (type !== undefined) vertex.type = type;
  }

  /** `style ID css…` (creates the vertex when it does not exist, as Mermaid does). */
  addVertexStyle(id: string, css: string[], offset: number): void {
    this.addVertex(id, offset);
    this.vertices.get(id)?.styles.push({ css, offset });
  }

  /** `ID@{ … }`: the settings of a vertex (or of a subgraph or an edge with that id). */
  addShapeData(id: string, data: ShapeData, offset: number): void {
    if (!id || id.trim().length === 0) return;
    const subgraph = this.subgraphById.get(id);
    if (subgraph) {
      for (const key of Object.keys(data))
        subgraph.unsupported.push({ what: `subgraph setting '${key}'`, offset });
      return;
    }
    const edge = this.edgeById.get(id);
    if (edge) {
      for (const key of Object.keys(data))
        edge.unsupported.push({ what: `edge setting '${key}'`, offset });
      return;
    }
    this.addVertex(id, offset);
    const vertex = this.vertices.get(id)!;
    for (const [key, value] of Object.entries(data)) {
      if (key === 'shape') vertex.type = String(value);
      else if (key === 'label') {
        if (value !== '' && value !== null) {
          vertex.text = String(value);
          const type = data['labelType'];
          vertex.labelType = type === 'text' || type === 'string' ? type : 'markdown';
        }
      } else if (key !== 'labelType') vertex.unsupported.push({ what: `'${key}' setting`, offset });
    }
  }

  addLink(starts: string[], ends: string[], link: LinkInfo): void {
    for (const start of starts) {
      for (const end of ends) {
        const isLastStart = start === starts[starts.length - 1];
        const isFirstEnd = end === ends[0];
        this.addSingleLink(start, end, link, isLastStart && isFirstEnd ? link.id : undefined);
      }
    }
  }

  private addSingleLink(start: string, end: string, link: LinkInfo, id: string | undefined): void {
    const edge: MermaidEdge = {
      start,
      end,
      type: link.type,
      stroke: link.stroke,
      length: link.length > 10 ? 10 : link.length,
      text: '',
      labelType: 'text',
      classes: [],
      unsupported: [],
      offset: link.offset,
    };
    if (link.text !== undefined) {
      let text = link.text.text.trim();
      if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) text = text.slice(1, -1);
      edge.text = text;
      edge.labelType = link.text.type;
    }
    const bareId = id?.replace('@', '');
    if (bareId && !this.edgeById.has(bareId)) {
      edge.id = bareId;
      this.edgeById.set(bareId, edge);
    }
    this.edges.push(edge);
  }

  /** `linkStyle` positions: numbers, or `default`. */
  updateLink(positions: (number | 'default')[], css: string[], offset: number): void {
    for (const pos of positions) {
      if (pos === 'default') this.defaultEdgeStyle = { css, offset };
      else if (pos >= this.edges.length) this.badLinkStyles.push({ index: pos, offset });
      else this.edges[pos]!.style = { css, offset };
    }
  }

  updateLinkInterpolate(positions: (number | 'default')[], value: string, offset: number): void {
    for (const pos of positions) {
      if (pos === 'default') this.defaultInterpolate = { value, offset };
      else if (pos < this.edges.length) this.edges[pos]!.interpolate = { value, offset };
      else this.badLinkStyles.push({ index: pos, offset });
    }
  }

  addClass(ids: string, styles: string[], offset: number): void {
    for (const id of ids.split(',')) {
      const existing = this.classDefs.get(id);
      if (existing) for (const style of styles) existing.styles.push(style);
      else this.classDefs.set(id, { id, styles: [...styles], offset });
    }
  }

  setClass(ids: string, className: string, offset: number): void {
    for (const id of ids.split(',')) {
      this.vertices.get(id)?.classes.push({ name: className, offset });
      const edge = this.edgeById.get(id);
      edge?.classes.push({ name: className, offset });
      this.subgraphById.get(id)?.classes.push({ name: className, offset });
    }
  }

  setTooltip(ids: string, tooltip: string, offset: number): void {
    for (const id of ids.split(',')) this.tooltips.set(id, { text: tooltip, offset });
  }

  setLink(ids: string, url: string, target: string | undefined, offset: number): void {
    for (const id of ids.split(',')) {
      const vertex = this.vertices.get(id);
      if (vertex) vertex.link = { url: url.trim(), target, offset };
    }
  }

  /**
   * Mermaid's addSubGraph: `list` is the subgraph's document (its statements' values: the node ids
   * each vertex statement mentions, the ids of subgraphs inside it, direction statements). The
   * subgraph keeps those ids not already in a subgraph added before it.
   */
  addSubGraph(
    idLabel: Label | undefined,
    list: DocumentValue[],
    titleLabel: Label | undefined,
    sameObject: boolean,
    offset: number,
    endOffset: number,
  ): string {
    let id: string | undefined = idLabel?.text.trim();
    let title = titleLabel?.text ?? '';
    if (sameObject && titleLabel && /\s/.test(titleLabel.text)) id = undefined;
    const seen = new Set<string>();
    const nodeList: string[] = [];
    let dir: { value: string; offset: number } | undefined;
    for (const item of list.flat()) {
      if (typeof item !== 'string') {
        dir = item;
        continue;
      }
      if (item.trim() === '' || seen.has(item)) continue;
      seen.add(item);
      nodeList.push(item);
    }
    const explicitId = id !== undefined && id !== '';
    id = explicitId ? id! : `subGraph${this.subCount}`;
    title = title || '';
    this.subCount++;
    const subgraph: MermaidSubgraph = {
      id,
      title: title.trim(),
      labelType: titleLabel?.type === 'markdown' ? 'markdown' : (titleLabel?.type ?? 'text'),
      nodes: nodeList.filter((n) => !this.inSubgraph.has(n)),
      classes: [],
      dir,
      explicitId,
      offset,
      endOffset,
      unsupported: [],
    };
    for (const n of subgraph.nodes) this.inSubgraph.add(n);
    this.subgraphs.push(subgraph);
    this.subgraphById.set(id, subgraph);
    return id;
  }
}

/** A statement's contribution to its subgraph's member list. */
export type DocumentValue = string | string[] | { value: string; offset: number };

/** The settings of `@{ … }`, read from its YAML. */
export type ShapeData = Record<string, string | number | boolean | null>;
