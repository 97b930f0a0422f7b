/**
 * `resolve(ast)`: from what was written to what it means. Declarations are collected first (so
 * edges may name nodes declared later or in later groups), then every edge endpoint is looked up
 * by the scoping rules. What cannot be resolved is reported and left out of the diagram.
 *
 * Spans: every diagnostic lies on the line of the statement it is about; its columns delimit the
 * exact part at fault (the repeated id, the reference that does not resolve, the unknown attribute
 * key, the setting value), so the caret under the excerpt points at it.
 */
import { compareDiagnostics, type Diagnostic, type Severity, type Span } from '../diagnostics.js';
import {
  SETTING_KEYS,
  type Ast,
  type Attribute,
  type EdgeDecl,
  type GroupDecl,
  type NodeDecl,
  type SettingDecl,
  type Statement,
} from '../syntax/ast.js';
import { didYouMean } from '../util/suggest.js';
import {
  DIRECTIONS,
  LAYOUT_KINDS,
  SHAPES,
  type Diagram,
  type DiagramEdge,
  type DiagramGroup,
  type DiagramNode,
  type Direction,
  type LayoutKind,
  type Shape,
} from './diagram.js';
import { lookUpEndpoint, orList } from './references.js';
import { segmentsOf, type ResolvedReference } from './resolved-references.js';
import { Declarations, qualify, type DeclaredGroup } from './scope.js';

export interface ResolveResult {
  diagram: Diagram;
  diagnostics: Diagnostic[];
  /**
   * Every edge endpoint in source order with what its segments name (for editors: definition,
   * references, rename). An endpoint that did not resolve lists the segments that did (maybe none).
   */
  references: ResolvedReference[];
}

/** The attributes each kind of statement defines (the one list: resolve, editors' completion). */
export const NODE_ATTRIBUTES: readonly string[] = ['label'];
export const EDGE_ATTRIBUTES: readonly string[] = ['label'];

interface PendingEdge {
  decl: EdgeDecl;
  enclosing: string | null;
}

class Resolver {
  readonly declarations = new Declarations();
  readonly diagnostics: Diagnostic[] = [];
  readonly nodes: DiagramNode[] = [];
  readonly groups = new Map<string, DiagramGroup>();
  readonly pendingEdges: PendingEdge[] = [];
  readonly references: ResolvedReference[] = [];
  direction: { value: Direction; span: Span } | null = null;
  layout: { value: LayoutKind; span: Span } | null = null;
  incomplete: boolean;

  constructor(ast: Ast) {
    this.incomplete = ast.diagnostics.length > 0;
  }

  report(
    ruleId: string,
    severity: Severity,
    message: string,
    span: Span,
    suggestion: string | null = null,
  ): void {
    this.diagnostics.push({
      ruleId,
      severity,
      message,
      span,
      ...(suggestion === null ? {} : { suggestions: [{ text: suggestion, span }] }),
    });
  }

  declareAll(ast: Ast): void {
    for (const item of ast.items) {
      if (item.kind === 'group') this.declareGroup(item);
      else if (item.kind === 'setting') this.applySetting(item);
      else this.declareStatement(item, null);
    }
  }

  declareGroup(decl: GroupDecl): void {
    const name = decl.name.name;
    const earlier = this.declarations.groups.get(name);
    if (earlier) {
      // The repeat's statements are read as part of the first group rather than dropped, so its
      // nodes and edges do not turn into a cascade of unresolved references and unreachable nodes.
      this.report(
        'duplicate-id',
        'error',
        `group '${name}' is already declared on line ${earlier.span.line}: a group name may be used once (its statements are read as part of the first '${name}')`,
        decl.name.span,
      );
      this.incomplete = true;
    } else {
      const declared: DeclaredGroup = { name, span: decl.span, nodes: new Map() };
      this.declarations.groups.set(name, declared);
      this.groups.set(name, { id: name, title: decl.title || name, nodeIds: [], span: decl.span });
    }
    for (const statement of decl.body) this.declareStatement(statement, name);
  }

  declareStatement(statement: Statement, enclosing: string | null): void {
    if (statement.kind === 'edge') this.pendingEdges.push({ decl: statement, enclosing });
    else this.declareNode(statement, enclosing);
  }

  declareNode(decl: NodeDecl, enclosing: string | null): void {
    const localId = decl.id.name;
    const scope = this.declarations.scopeOf(enclosing);
    const earlier = scope.get(localId);
    if (earlier) {
      const where = enclosing === null ? 'at the top level' : `in group '${enclosing}'`;
      this.report(
        'duplicate-id',
        'error',
        `node '${localId}' is already declared ${where} on line ${earlier.span.line}: this declaration is ignored`,
        decl.id.span,
      );
      this.incomplete = true;
      return;
    }
    const qualifiedId = qualify(enclosing, localId);
    // The parser rejects unknown shapes; a node that reaches here with one is kept out of the
    // diagram but stays declared, so edges naming it are not reported a second time.
    const shape = (SHAPES as readonly string[]).includes(decl.shape.name)
      ? (decl.shape.name as Shape)
      : null;
    scope.set(localId, { qualifiedId, span: decl.span, inDiagram: shape !== null });
    if (shape === null) {
      this.incomplete = true;
      return;
    }
    const label = this.readAttributes(decl.attributes, NODE_ATTRIBUTES, 'a node').get('label');
    this.nodes.push({
      id: qualifiedId,
      localId,
      group: enclosing,
      shape,
      label: label ?? localId,
      span: decl.span,
    });
    if (enclosing !== null) this.groups.get(enclosing)!.nodeIds.push(qualifiedId);
  }

  /** The defined attributes by key (the first of a repeated key wins); unknown and repeated keys are reported. */
  readAttributes(
    attributes: Attribute[],
    defined: readonly string[],
    owner: string,
  ): Map<string, string> {
    const values = new Map<string, string>();
    const firstSpan = new Map<string, Span>();
    for (const attribute of attributes) {
      const key = attribute.key.name;
      if (!defined.includes(key)) {
        const close = didYouMean(key, defined);
        const known = defined.map((k) => `'${k}'`).join(', ');
        const hint = close === null ? `${owner} has only ${known}` : `did you mean '${close}'?`;
        this.report(
          'unknown-attribute',
          'error',
          `unknown attribute '${key}': ${hint}`,
          attribute.key.span,
          close,
        );
        continue;
      }
      const earlier = firstSpan.get(key);
      if (earlier) {
        this.report(
          'duplicate-attribute',
          'warning',
          `attribute '${key}' is already given at column ${earlier.column}: only the first one counts`,
          attribute.span,
        );
        continue;
      }
      firstSpan.set(key, attribute.span);
      values.set(key, attribute.value.value);
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
        close,
      );
      return;
    }
    const value = decl.value.name;
    const values: readonly string[] = key === 'direction' ? DIRECTIONS : LAYOUT_KINDS;
    if (!values.includes(value)) {
      const close = didYouMean(value, values);
      this.report(
        'unknown-setting',
        'error',
        `unknown ${key} '${value}': ${close ? `did you mean '${close}'?` : `expected ${orList(values)}`}`,
        decl.value.span,
        close,
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
    for (const { decl, enclosing } of this.pendingEdges) {
      const label = this.readAttributes(decl.attributes, EDGE_ATTRIBUTES, 'an edge').get('label');
      const source = lookUpEndpoint(decl.source, enclosing, this.declarations);
      const target = lookUpEndpoint(decl.target, enclosing, this.declarations);
      for (const [ref, end] of [
        [decl.source, source],
        [decl.target, target],
      ] as const)
        this.references.push({
          segments: 'node' in end ? segmentsOf(ref.path, end.node.qualifiedId, 'node') : [],
        });
      for (const end of [source, target])
        if ('message' in end)
          this.diagnostics.push({
            ruleId: 'unresolved-reference',
            severity: 'error',
            message: end.message,
            span: end.span,
            ...(end.suggestions ? { suggestions: end.suggestions } : {}),
          });
      // An endpoint that did not make it into the diagram (unknown shape) was reported by the parser.
      if (
        'message' in source ||
        'message' in target ||
        !source.node.inDiagram ||
        !target.node.inDiagram
      ) {
        this.incomplete = true;
        continue;
      }
      edges.push({
        index: edges.length,
        from: source.node.qualifiedId,
        to: target.node.qualifiedId,
        fromHandle: decl.source.handle?.side ?? null,
        toHandle: decl.target.handle?.side ?? null,
        label: label ?? null,
        span: decl.span,
      });
    }
    return edges;
  }
}

export function resolve(ast: Ast): ResolveResult {
  const resolver = new Resolver(ast);
  resolver.declareAll(ast);
  const edges = resolver.resolveEdges();
  const diagram: Diagram = {
    direction: resolver.direction?.value ?? null,
    layout: resolver.layout?.value ?? null,
    groups: [...resolver.groups.values()],
    nodes: resolver.nodes,
    edges,
  };
  if (resolver.incomplete) diagram.incomplete = true;
  return {
    diagram,
    diagnostics: resolver.diagnostics.sort(compareDiagnostics),
    references: resolver.references,
  };
}
