/**
 * `resolve(ast)`: from what was written to what it means. Named styles are read first, then every
 * declaration (so edges may name nodes declared later or in later groups), then every edge endpoint
 * is looked up by the scoping rules. What cannot be resolved is reported and left out of the
 * diagram; a value that cannot be used (an unknown colour, an unsafe link) is reported and left out
 * of the node or edge, whatever the rule settings say.
 *
 * Spans: every diagnostic lies on the line of the statement it is about; its columns delimit the
 * exact part at fault (the repeated id, the reference that does not resolve, the unknown attribute
 * key, the bad value), so the caret under the excerpt points at it.
 */
import {
  compareDiagnostics,
  type Diagnostic,
  type Severity,
  type Span,
  type Suggestion,
} from '../diagnostics.js';
import { isShapeName } from '../shapes/index.js';
import {
  SETTING_KEYS,
  type Ast,
  type Attribute,
  type EdgeDecl,
  type GroupDecl,
  type NodeDecl,
  type Identifier,
  type SettingDecl,
  type SettingKey,
  type Statement,
  type StyleDecl,
} from '../syntax/ast.js';
import { didYouMean } from '../util/suggest.js';
import {
  SETTING_VALUES,
  type Diagram,
  type DiagramEdge,
  type DiagramGroup,
  type DiagramNode,
  type DiagramStyle,
  type Direction,
  type LayoutKind,
  type EdgeLook,
  type NodeStyle,
} from './diagram.js';
import { lookUpEndpoint, orList, buildNameIndex, type NameIndex } from './references.js';
import { segmentsOf, type ResolvedReference } from './resolved-references.js';
import { newScope, qualify, type DeclaredGroup, type Scope } from './scope.js';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES } from './attributes.js';
import { StyleReader } from './styles.js';

export interface ResolveResult {
  diagram: Diagram;
  diagnostics: Diagnostic[];
  /**
   * Every edge endpoint in source order with what its segments name (for editors: definition,
   * references, rename). An endpoint that did not resolve lists no segment.
   */
  references: ResolvedReference[];
}

interface PendingEdge {
  decl: EdgeDecl;
  scope: Scope;
}

class Resolver {
  readonly root: Scope = newScope(null, null);
  readonly diagnostics: Diagnostic[] = [];
  readonly nodes: DiagramNode[] = [];
  readonly groups = new Map<string, DiagramGroup>();
  readonly pendingEdges: PendingEdge[] = [];
  /**
   * Per edge endpoint, in source order: what it resolved to (null: nothing). Turned into
   * `ResolveResult.references` only when asked: `flowc lint` never asks, and on a 100,000-line
   * file the segments were ~10 % of resolving.
   */
  readonly endpoints: ({
    path: readonly Identifier[];
    id: string;
    kind: 'node' | 'group';
  } | null)[] = [];
  readonly styles: StyleReader;
  direction: { value: Direction; span: Span } | null = null;
  layout: { value: LayoutKind; span: Span } | null = null;
  incomplete: boolean;
  #index: NameIndex | null = null;

  constructor(ast: Ast) {
    this.incomplete = ast.diagnostics.length > 0;
    this.styles = new StyleReader((ruleId, severity, message, span, notes, suggestions) =>
      this.report(ruleId, severity, message, span, notes, suggestions),
    );
  }

  report(
    ruleId: string,
    severity: Severity,
    message: string,
    span: Span,
    notes?: string[],
    suggestions?: Suggestion[],
  ): void {
    this.diagnostics.push({
      ruleId,
      severity,
      message,
      span,
      ...(notes ? { notes } : {}),
      ...(suggestions && suggestions.length > 0 ? { suggestions } : {}),
    });
  }

  /** A "did you mean" edit: `texts` in place of the text at `span`. */
  static replacing(span: Span, ...texts: Array<string | null>): Suggestion[] {
    return texts.filter((t) => t !== null).map((text) => ({ text, span }));
  }

  get index(): NameIndex {
    this.#index ??= buildNameIndex(this.root);
    return this.#index;
  }

  declareAll(ast: Ast): void {
    // Named styles first: a node may use a style declared further down.
    for (const item of ast.items) if (item.kind === 'style') this.declareStyle(item);
    for (const item of ast.items) {
      if (item.kind === 'group') this.declareGroup(item, this.root, true);
      else if (item.kind === 'setting') this.applySetting(item);
      else if (item.kind !== 'style') this.declareStatement(item, this.root, true);
    }
  }

  declareStyle(decl: StyleDecl): void {
    const values = this.readAttributes(decl.attributes, this.styles.keys, 'a named style');
    this.styles.declare(decl, values);
  }

  /** `inDiagram` is false inside a group left out of the diagram (its name belongs to a node). */
  declareGroup(decl: GroupDecl, parent: Scope, inDiagram: boolean): void {
    const name = decl.name.name;
    const earlier = parent.children.get(name);
    let scope: Scope;
    let kept = inDiagram;
    const where = parent.group === null ? 'at the top level' : `in group '${parent.group}'`;
    if (earlier?.kind === 'group') {
      const inParent = parent.group === null ? '' : ` in group '${parent.group}'`;
      // The repeat's statements are read as part of the first group rather than dropped, so its
      // nodes and edges do not turn into a cascade of unresolved references and unreachable nodes.
      this.report(
        'duplicate-id',
        'error',
        `group '${name}' is already declared${inParent} on line ${earlier.span.line}: a group name may be used once (its statements are read as part of the first '${name}')`,
        decl.name.span,
      );
      this.incomplete = true;
      scope = earlier.scope;
      kept = inDiagram && earlier.inDiagram;
    } else {
      const id = qualify(parent.group, name);
      scope = newScope(id, parent);
      if (earlier) {
        this.report(
          'duplicate-id',
          'error',
          `'${name}' is already declared ${where} as a node on line ${earlier.span.line}: a node and a group in one place cannot share a name (this group is left out)`,
          decl.name.span,
        );
        this.incomplete = true;
        kept = false;
      } else {
        const declared: DeclaredGroup = {
          kind: 'group',
          qualifiedId: id,
          span: decl.span,
          scope,
          inDiagram,
        };
        parent.children.set(name, declared);
      }
      if (kept) {
        this.groups.set(id, {
          id,
          localId: name,
          parent: parent.group,
          title: decl.title || name,
          nodeIds: [],
          groupIds: [],
          span: decl.span,
        });
        if (parent.group !== null) this.groups.get(parent.group)!.groupIds.push(id);
      }
    }
    for (const item of decl.body) {
      if (item.kind === 'group') this.declareGroup(item, scope, kept);
      else this.declareStatement(item, scope, kept);
    }
  }

  declareStatement(statement: Statement, scope: Scope, inDiagram: boolean): void {
    if (statement.kind === 'edge') this.pendingEdges.push({ decl: statement, scope });
    else this.declareNode(statement, scope, inDiagram);
  }

  declareNode(decl: NodeDecl, scope: Scope, inGroupInDiagram: boolean): void {
    const localId = decl.id.name;
    const earlier = scope.children.get(localId);
    // A broken line's id (see NodeDecl.broken) declared twice: its syntax error is enough.
    if (earlier && decl.broken) return;
    if (earlier) {
      const where = scope.group === null ? 'at the top level' : `in group '${scope.group}'`;
      const what = earlier.kind === 'group' ? 'as a group' : '';
      this.report(
        'duplicate-id',
        'error',
        earlier.kind === 'group'
          ? `'${localId}' is already declared ${where} ${what} on line ${earlier.span.line}: a node and a group in one place cannot share a name (this node is ignored)`
          : `node '${localId}' is already declared ${where} on line ${earlier.span.line}: this declaration is ignored`,
        decl.id.span,
      );
      this.incomplete = true;
      return;
    }
    const qualifiedId = qualify(scope.group, localId);
    // The parser reports unknown shapes; a node with one is kept out of the diagram but stays
    // declared, so edges naming it are not reported a second time.
    const shape = !decl.broken && isShapeName(decl.shape.name) ? decl.shape.name : null;
    const inDiagram = shape !== null && inGroupInDiagram;
    scope.children.set(localId, { kind: 'node', qualifiedId, span: decl.span, inDiagram });
    if (!inDiagram) {
      this.incomplete = true;
      return;
    }
    const values = this.readAttributes(decl.attributes, NODE_ATTRIBUTES, 'a node');
    const classes = this.styles.readClasses(values.get('class'));
    const own: NodeStyle = this.styles.readLook(values, 'node');
    const style: NodeStyle = this.styles.nodeStyle(classes, own);
    this.nodes.push({
      id: qualifiedId,
      localId,
      group: scope.group,
      shape,
      label: values.get('label')?.value.value ?? localId,
      style,
      classes,
      link: this.styles.readLink(values.get('link')),
      tooltip: values.get('tooltip')?.value.value ?? null,
      span: decl.span,
    });
    if (scope.group !== null) this.groups.get(scope.group)!.nodeIds.push(qualifiedId);
  }

  /** The defined attributes by key (the first of a repeated key wins); unknown and repeated keys are reported. */
  readAttributes(
    attributes: readonly Attribute[],
    defined: readonly string[],
    owner: string,
  ): Map<string, Attribute> {
    const values = new Map<string, Attribute>();
    for (const attribute of attributes) {
      const key = attribute.key.name;
      if (!defined.includes(key)) {
        const close = didYouMean(key, defined);
        const known = defined.map((k) => `'${k}'`).join(', ');
        const meant = close === null ? meantInstead(key, defined) : [];
        const hint =
          close !== null
            ? `did you mean '${close}'?`
            : meant.length > 0
              ? `did you mean ${orList(meant.map((k) => `'${k}'`))}?`
              : `${owner} has only ${known}`;
        this.report(
          'unknown-attribute',
          'error',
          `unknown attribute '${key}': ${hint}`,
          attribute.key.span,
          undefined,
          Resolver.replacing(attribute.key.span, close, ...meant),
        );
        continue;
      }
      const earlier = values.get(key);
      if (earlier) {
        this.report(
          'duplicate-attribute',
          'warning',
          `attribute '${key}' is already given at column ${earlier.span.column}: only the first one counts`,
          attribute.span,
        );
        continue;
      }
      values.set(key, attribute);
    }
    return values;
  }

  applySetting(decl: SettingDecl): void {
    const key = decl.key.name;
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      const close = didYouMean(key, SETTING_KEYS);
      this.report(
        'unknown-setting',
        'error',
        `unknown setting '${key}': ${close ? `did you mean '${close}'?` : `expected ${orList(SETTING_KEYS)}`}`,
        decl.key.span,
        undefined,
        Resolver.replacing(decl.key.span, close),
      );
      return;
    }
    const value = decl.value.name;
    const values = SETTING_VALUES[key as SettingKey];
    if (!values.includes(value)) {
      const close = didYouMean(value, values);
      this.report(
        'unknown-setting',
        'error',
        `unknown ${key} '${value}': ${close ? `did you mean '${close}'?` : `expected ${orList(values)}`}`,
        decl.value.span,
        undefined,
        Resolver.replacing(decl.value.span, close),
      );
      return;
    }
    const earlier = key === 'direction' ? this.direction : this.layout;
    if (earlier) {
      this.report(
        'duplicate-setting',
        'warning',
        `${key} is already set to ${earlier.value} on line ${earlier.span.line}: only the first setting counts`,
        decl.span,
      );
      return;
    }
    if (key === 'direction') this.direction = { value: value as Direction, span: decl.span };
    else this.layout = { value: value as LayoutKind, span: decl.span };
  }

  resolveEdges(): DiagramEdge[] {
    const edges: DiagramEdge[] = [];
    const index = (): NameIndex => this.index;
    for (const { decl, scope } of this.pendingEdges) {
      const values = this.readAttributes(decl.attributes, EDGE_ATTRIBUTES, 'an edge');
      const classes = this.styles.readClasses(values.get('class'));
      const look: EdgeLook = this.styles.edgeLook(classes, this.styles.readLook(values, 'edge'));
      const source = lookUpEndpoint(decl.source, scope, index);
      const target = lookUpEndpoint(decl.target, scope, index);
      for (const [ref, end] of [
        [decl.source, source],
        [decl.target, target],
      ] as const)
        this.endpoints.push(
          'found' in end
            ? { path: ref.path, id: end.found.qualifiedId, kind: end.found.kind }
            : null,
        );
      for (const end of [source, target])
        if ('message' in end)
          this.report(
            'unresolved-reference',
            'error',
            end.message,
            end.span,
            undefined,
            end.suggestions,
          );
      // An endpoint that did not make it into the diagram (unknown shape) was reported by the parser.
      if (
        'message' in source ||
        'message' in target ||
        !source.found.inDiagram ||
        !target.found.inDiagram
      ) {
        this.incomplete = true;
        continue;
      }
      edges.push({
        index: edges.length,
        from: source.found.qualifiedId,
        to: target.found.qualifiedId,
        fromKind: source.found.kind,
        toKind: target.found.kind,
        fromHandle: decl.source.handle?.side ?? null,
        toHandle: decl.target.handle?.side ?? null,
        label: values.get('label')?.value.value ?? null,
        style: look,
        span: decl.span,
      });
    }
    return edges;
  }
}

/** Words from other tools (Mermaid, Graphviz, CSS) and what they are called here. */
const OTHER_NAMES: Readonly<Record<string, readonly string[]>> = {
  color: ['fill', 'stroke', 'text', 'color'],
  colour: ['fill', 'stroke', 'text', 'color'],
  background: ['fill'],
  fillcolor: ['fill'],
  fontcolor: ['text'],
  border: ['stroke'],
  stroke: ['color'],
  href: ['link'],
  url: ['link'],
  title: ['tooltip'],
  classes: ['class'],
};

/** The keys defined here that another tool's key (`color`, `href`) stands for. */
function meantInstead(key: string, defined: readonly string[]): string[] {
  return (OTHER_NAMES[key.toLowerCase()] ?? []).filter((k) => defined.includes(k));
}

export function resolve(ast: Ast): ResolveResult {
  const resolver = new Resolver(ast);
  resolver.declareAll(ast);
  const edges = resolver.resolveEdges();
  resolver.styles.reportUnused();
  const styles: DiagramStyle[] = resolver.styles.declared();
  const diagram: Diagram = {
    direction: resolver.direction?.value ?? null,
    layout: resolver.layout?.value ?? null,
    groups: [...resolver.groups.values()],
    nodes: resolver.nodes,
    edges,
    styles,
  };
  if (resolver.incomplete) diagram.incomplete = true;
  let references: ResolvedReference[] | null = null;
  return {
    diagram,
    diagnostics: resolver.diagnostics.sort(compareDiagnostics),
    get references(): ResolvedReference[] {
      references ??= resolver.endpoints.map((end) => ({
        segments: end === null ? [] : segmentsOf(end.path, end.id, end.kind),
      }));
      return references;
    },
  };
}
