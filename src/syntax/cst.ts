/**
 * The concrete syntax tree the compiled matcher (line-matcher.ts, generated from grammar/flow.ohm)
 * builds, and the part of Ohm's semantics API the grammar's semantic actions use.
 *
 * A node has the shape of Ohm's own CST: a nonterminal per rule application (named after the rule),
 * a terminal per matched terminal, range or Unicode class, and one iteration node per column of a
 * `*`, `+` or `?`, each with the same source interval Ohm gives it. An application's children are
 * made when first asked for, so the parts of a line no action looks at (a label's characters) never
 * become nodes. Ohm wraps its nodes before running actions; these nodes are their own wrappers. The actions are written against
 * `SemanticNode`, which both Ohm's wrappers and these nodes satisfy, so one action dictionary serves
 * both (grammar.ts), and test/syntax/line-matcher.test.ts checks that they give the same AST.
 */

/** What a semantic action may use of a node (a subset of Ohm's wrapper API). */
export interface SemanticNode {
  readonly ctorName: string;
  readonly source: { readonly startIdx: number; readonly endIdx: number };
  readonly sourceString: string;
  readonly children: readonly SemanticNode[];
  numChildren(): number;
  isTerminal(): boolean;
  isIteration(): boolean;
  isOptional(): boolean;
  /** Ohm's built-in operation: the elements of a `listOf`/`ListOf` (or an iteration) as one iteration. */
  asIteration(): SemanticNode;
  /** flowc's one operation (grammar.ts). */
  ast(): unknown;
}

/** An action: `this` is the node, the arguments its children (Ohm's convention). */
export type SemanticAction = (this: SemanticNode, ...children: SemanticNode[]) => unknown;
export type ActionDict = Record<string, SemanticAction>;

const NONTERMINAL = 0;
const TERMINAL = 1;
const ITERATION = 2;

let astActions: ActionDict = {};

/** The `ast` operation's actions (set once by grammar.ts, which owns them). */
export function setAstActions(actions: ActionDict): void {
  astActions = actions;
}

/** Builds a node's children (line-matcher.ts: the rule's body or the iteration matched again). */
export type ChildrenOf = (node: CstNode) => CstNode[];

export class CstNode implements SemanticNode {
  private built: CstNode[] | null;

  constructor(
    readonly kind: number,
    readonly ctorName: string,
    children: CstNode[] | null,
    private readonly childrenOf: ChildrenOf | null,
    readonly input: string,
    readonly startIdx: number,
    readonly endIdx: number,
    private readonly optional: boolean,
  ) {
    this.built = children;
  }

  /** The child nodes; an application's are built on first use. */
  get children(): CstNode[] {
    if (this.built === null) this.built = this.childrenOf!(this);
    return this.built;
  }

  /** The node's interval; the node itself carries `startIdx` and `endIdx`. */
  get source(): { readonly startIdx: number; readonly endIdx: number } {
    return this;
  }

  get sourceString(): string {
    return this.input.slice(this.startIdx, this.endIdx);
  }

  numChildren(): number {
    return this.children.length;
  }

  isTerminal(): boolean {
    return this.kind === TERMINAL;
  }

  isIteration(): boolean {
    return this.kind === ITERATION;
  }

  isOptional(): boolean {
    return this.optional;
  }

  ast(): unknown {
    return execute(astActions, 'ast', this);
  }

  asIteration(): CstNode {
    switch (this.ctorName) {
      case 'nonemptyListOf':
      case 'NonemptyListOf':
        return iteration(this.input, [this.children[0]!, ...this.children[2]!.children]);
      case 'emptyListOf':
      case 'EmptyListOf':
        return iteration(this.input, []);
    }
    if (this.kind === ITERATION) return this;
    if (this.kind === NONTERMINAL && this.children.length === 1)
      return this.children[0]!.asIteration();
    throw missingAction(this.ctorName, 'asIteration');
  }
}

/** Ohm's dispatch: the node's own action, else `_nonterminal`, else pass through an only child. */
function execute(actions: ActionDict, operation: string, node: CstNode): unknown {
  const action = actions[node.ctorName];
  if (action) return action.apply(node, node.children);
  if (node.kind === NONTERMINAL) {
    const generic = actions._nonterminal;
    if (generic) return generic.apply(node, node.children);
  }
  if (node.kind !== ITERATION && node.children.length === 1)
    return execute(actions, operation, node.children[0]!);
  throw missingAction(node.ctorName, operation);
}

function missingAction(ctorName: string, operation: string): Error {
  return new Error(`Missing semantic action for ${ctorName} in operation '${operation}'`);
}

export function nonterminal(
  ruleName: string,
  childrenOf: ChildrenOf,
  input: string,
  start: number,
  end: number,
): CstNode {
  return new CstNode(NONTERMINAL, ruleName, null, childrenOf, input, start, end, false);
}

const NO_CHILDREN: CstNode[] = [];

export function terminal(input: string, start: number, end: number): CstNode {
  return new CstNode(TERMINAL, '_terminal', NO_CHILDREN, null, input, start, end, false);
}

/** An iteration node: its children given, or built by `childrenOf` when first asked for. */
export function iterationNode(
  children: CstNode[] | null,
  childrenOf: ChildrenOf | null,
  input: string,
  start: number,
  end: number,
  optional: boolean,
): CstNode {
  return new CstNode(ITERATION, '_iter', children, childrenOf, input, start, end, optional);
}

/** An iteration made by `asIteration` (Ohm gives it no source interval; -1 here). */
function iteration(input: string, children: CstNode[]): CstNode {
  return new CstNode(ITERATION, '_iter', children, null, input, -1, -1, false);
}
