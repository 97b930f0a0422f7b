import { readFileSync } from 'node:fs';
import { parse } from '../../src/syntax/index.js';
import { resolve } from '../../src/model/index.js';
import type { Ast, EdgeDecl, NodeDecl } from '../../src/syntax/index.js';
import type { Span } from '../../src/diagnostics.js';
import { flow, lint, where } from '../validate/lint.js';

const resolveText = (text: string) => {
  const ast = parse(text);
  expect(ast.diagnostics).toEqual([]);
  return resolve(ast);
};

describe('resolve: the diagram a file means', () => {
  test('the CQRS sample: qualified ids, labels, titles, every edge resolved', () => {
    const { diagram, diagnostics } = resolveText(
      readFileSync(new URL('../../samples/cqrs.flow', import.meta.url), 'utf8'),
    );
    expect(diagnostics).toEqual([]);
    expect(diagram.incomplete).toBeUndefined();
    expect(diagram.groups.map((g) => [g.id, g.title, g.nodeIds.length])).toEqual([
      ['Client', 'Client Application', 7],
      ['CommandSide', 'Command Side', 6],
      ['EventHandler', 'Event Handler', 2],
      ['QuerySide', 'Query Side', 4],
    ]);
    expect(diagram.nodes).toHaveLength(19);
    expect(diagram.nodes[0]).toEqual({
      id: 'Client.n1',
      localId: 'n1',
      group: 'Client',
      shape: 'circle',
      label: 'Start',
      style: {},
      classes: [],
      link: null,
      tooltip: null,
      span: { line: 2, column: 3, endLine: 2, endColumn: 27 }, // indented by flowc fmt
    });
    expect(diagram.edges).toHaveLength(21);
    expect(diagram.edges.map((e) => e.index)).toEqual([...Array(21).keys()]);
    // `n5.handle(bottom) -> QuerySide.n16.handle(top) [label="Query"]`, a forward reference to a later group.
    expect(diagram.edges[5]).toEqual({
      index: 5,
      from: 'Client.n5',
      to: 'QuerySide.n16',
      fromKind: 'node',
      toKind: 'node',
      fromHandle: 'bottom',
      toHandle: 'top',
      label: 'Query',
      style: {},
      span: { line: 14, column: 3, endLine: 14, endColumn: 65 },
    });
    expect(diagram.direction).toBeNull();
  });

  test('top-level nodes have their id as qualified id and no group; labels default to the local id', () => {
    const { diagram } = resolveText(
      flow('a: circle', 'G {', 'b: rectangle label:""', 'c: diamond label:"Two\\nlines"', '}'),
    );
    expect(diagram.nodes.map((n) => [n.id, n.localId, n.group, n.shape, n.label])).toEqual([
      ['a', 'a', null, 'circle', 'a'],
      ['G.b', 'b', 'G', 'rectangle', ''],
      ['G.c', 'c', 'G', 'diamond', 'Two\nlines'],
    ]);
    expect(diagram.groups).toEqual([
      {
        id: 'G',
        localId: 'G',
        parent: null,
        title: 'G',
        nodeIds: ['G.b', 'G.c'],
        groupIds: [],
        span: { line: 2, column: 1, endLine: 2, endColumn: 4 },
      },
    ]);
  });

  test('an edge label is null when absent and "" when written empty; handles are kept or null', () => {
    const { diagram } = resolveText(
      flow('a: rectangle', 'b: rectangle', 'a -> b', 'a.handle(left) -> b [label=""]'),
    );
    expect(diagram.edges.map((e) => [e.label, e.fromHandle, e.toHandle])).toEqual([
      [null, null, null],
      ['', 'left', null],
    ]);
  });

  test('direction setting', () => {
    expect(resolveText(flow('direction TB', 'a: circle')).diagram.direction).toBe('TB');
    for (const d of ['LR', 'RL', 'BT'])
      expect(resolveText(`direction ${d}\n`).diagram.direction).toBe(d);
  });
});

describe('resolve: scoping', () => {
  test('an unqualified id is the enclosing group node first, then the top-level node', () => {
    const { diagram, diagnostics } = resolveText(
      flow('x: rectangle', 'y: rectangle', 'G {', 'x: rectangle', 'x -> y', '}', 'x -> y'),
    );
    expect(diagnostics).toEqual([]);
    expect(diagram.edges.map((e) => [e.from, e.to])).toEqual([
      ['G.x', 'y'],
      ['x', 'y'],
    ]);
  });

  test('edges may name nodes declared later, and nodes of later groups by qualified id', () => {
    const { diagram, diagnostics } = resolveText(
      flow(
        'A {',
        'a -> later',
        'a -> B.b',
        'a: rectangle',
        'later: rectangle',
        '}',
        'B {',
        'b: rectangle',
        '}',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(diagram.edges.map((e) => [e.from, e.to])).toEqual([
      ['A.a', 'A.later'],
      ['A.a', 'B.b'],
    ]);
  });

  test('a node called handle, and a group-qualified reference from the top level', () => {
    const { diagram, diagnostics } = resolveText(
      flow(
        'Worker {',
        'handle: rectangle',
        '}',
        'start: circle',
        'start -> Worker.handle.handle(left)',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(diagram.edges[0]).toMatchObject({
      from: 'start',
      to: 'Worker.handle',
      toHandle: 'left',
    });
  });

  test('an unqualified name of another group is unresolved, with the qualified name suggested', () => {
    const { diagram, diagnostics } = resolveText(
      flow('Client {', 'n4: rectangle', 'n4 -> n8', '}', 'CommandSide {', 'n8: rectangle', '}'),
    );
    expect(diagnostics.map(where)).toEqual([['unresolved-reference', 'error', 3, 7, 3, 9]]);
    expect(diagnostics[0]!.message).toBe(
      "'n8' is not a node of group 'Client' or of the top level: did you mean 'CommandSide.n8'?",
    );
    expect(diagram.edges).toEqual([]);
    expect(diagram.incomplete).toBe(true);
  });

  test('from the top level, a name only in groups suggests every qualified name', () => {
    const { diagnostics } = resolveText(
      flow('A {', 'x: rectangle', '}', 'B {', 'x: rectangle', '}', 's: circle', 's -> x'),
    );
    expect(diagnostics.map((d) => d.message)).toEqual([
      "'x' is not a top-level node: did you mean 'A.x' or 'B.x'?",
    ]);
  });

  test('a misspelt name suggests the closest visible name, else the closest name of another group', () => {
    const { diagnostics } = resolveText(
      flow(
        'G {',
        'validate: rectangle',
        'validte -> validate',
        'validate -> persist',
        '}',
        'Store {',
        'persist-event: rectangle',
        '}',
      ),
    );
    expect(diagnostics.map((d) => [d.span.line, d.span.column, d.message])).toEqual([
      [3, 1, "'validte' is not a node of group 'G' or of the top level: did you mean 'validate'?"],
      [4, 13, "'persist' is not a node of group 'G' or of the top level"],
    ]);
    const other = resolveText(
      flow('G {', 'a -> persst', 'a: rectangle', '}', 'Store {', 'persist: rectangle', '}'),
    ).diagnostics;
    expect(other[0]!.message).toBe(
      "'persst' is not a node of group 'G' or of the top level: did you mean 'Store.persist'?",
    );
  });

  test('an unknown group suggests a group name (with the node when it has one); the span is the group name', () => {
    const { diagnostics } = resolveText(
      flow(
        'Client {',
        'a: rectangle',
        'a -> Clinet.b',
        'a -> Nowhere.b',
        '}',
        'Service {',
        'b: rectangle',
        '}',
      ),
    );
    expect(diagnostics.map(where)).toEqual([
      ['unresolved-reference', 'error', 3, 6, 3, 12],
      ['unresolved-reference', 'error', 4, 6, 4, 13],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "there is no group 'Clinet': did you mean 'Client'?",
      "there is no group 'Nowhere'",
    ]);
    const withNode = resolveText(
      flow('Service {', 'b: rectangle', '}', 'a: rectangle', 'a -> Servise.b'),
    ).diagnostics;
    expect(withNode[0]!.message).toBe("there is no group 'Servise': did you mean 'Service.b'?");
  });

  test('a known group without the node: the span covers Group.id, suggestions from that group or elsewhere', () => {
    const { diagnostics } = resolveText(
      flow(
        'A {',
        'step1: rectangle',
        '}',
        'B {',
        'other: rectangle',
        '}',
        'top: rectangle',
        'top -> A.step2',
        'top -> B.step1',
        'top -> A.top',
      ),
    );
    expect(diagnostics.map((d) => [d.span.column, d.span.endColumn, d.message])).toEqual([
      [8, 15, "group 'A' has no node 'step2': did you mean 'A.step1'?"],
      [8, 15, "group 'B' has no node 'step1': did you mean 'A.step1'?"],
      [8, 13, "group 'A' has no node 'top': did you mean 'top'?"],
    ]);
  });

  test('a group is an endpoint; a side written without handle(), a node followed by more parts', () => {
    const { diagram, diagnostics } = resolveText(
      flow('G {', 'a: rectangle', '}', 'n: rectangle', 'n -> G', 'n.right -> n', 'n -> G.a.b'),
    );
    expect(diagnostics.map((d) => d.message)).toEqual([
      "there is no group 'n': to attach the edge to the right side of node 'n', write 'n.handle(right)'",
      "'G.a' is a node, not a group: it has no 'b'",
    ]);
    expect(diagnostics.map((d) => [d.span.line, d.span.column, d.span.endColumn])).toEqual([
      [6, 1, 8],
      [7, 6, 11],
    ]);
    expect(diagram.edges.map((e) => [e.from, e.fromKind, e.to, e.toKind])).toEqual([
      ['n', 'node', 'G', 'group'],
    ]);
  });

  test('both endpoints unresolved: two diagnostics, the edge is left out and the others keep their index', () => {
    const { diagram, diagnostics } = resolveText(
      flow('a: rectangle', 'b: rectangle', 'a -> b', 'x -> y', 'b -> a'),
    );
    expect(diagnostics.map((d) => [d.span.line, d.span.column])).toEqual([
      [4, 1],
      [4, 6],
    ]);
    expect(diagram.edges.map((e) => [e.index, e.from, e.to])).toEqual([
      [0, 'a', 'b'],
      [1, 'b', 'a'],
    ]);
  });
});

describe('resolve: duplicate ids', () => {
  test('a repeated node id in a group: error on the repeat naming the first line; the first wins', () => {
    const { diagram, diagnostics } = resolveText(
      flow('G {', 'n1: circle label:"Start"', 'n2: rectangle', 'n1: rectangle label:"Again"', '}'),
    );
    expect(diagnostics.map(where)).toEqual([['duplicate-id', 'error', 4, 1, 4, 3]]);
    expect(diagnostics[0]!.message).toBe(
      "node 'n1' is already declared in group 'G' on line 2: this declaration is ignored",
    );
    expect(diagram.nodes.map((n) => [n.id, n.label])).toEqual([
      ['G.n1', 'Start'],
      ['G.n2', 'n2'],
    ]);
    expect(diagram.groups[0]!.nodeIds).toEqual(['G.n1', 'G.n2']);
    expect(diagram.incomplete).toBe(true);
  });

  test('a repeated top-level id is a duplicate; the same id in two groups or at top level and in a group is not', () => {
    const repeated = resolveText(flow('a: circle', 'a: circle')).diagnostics;
    expect(repeated.map((d) => [d.ruleId, d.span.line, d.message])).toEqual([
      [
        'duplicate-id',
        2,
        "node 'a' is already declared at the top level on line 1: this declaration is ignored",
      ],
    ]);
    expect(
      resolveText(flow('a: circle', 'A {', 'a: circle', '}', 'B {', 'a: circle', '}')).diagnostics,
    ).toEqual([]);
  });

  test('a repeated group: error at its name; its statements join the first group, whose title wins', () => {
    const { diagram, diagnostics } = resolveText(
      flow('G { # First', 'a: circle', '}', 'G { # Second', 'b: circle', 'a -> b', '}'),
    );
    expect(diagnostics.map(where)).toEqual([['duplicate-id', 'error', 4, 1, 4, 2]]);
    expect(diagnostics[0]!.message).toBe(
      "group 'G' is already declared on line 1: a group name may be used once (its statements are read as part of the first 'G')",
    );
    expect(diagram.groups).toEqual([
      {
        id: 'G',
        localId: 'G',
        parent: null,
        title: 'First',
        nodeIds: ['G.a', 'G.b'],
        groupIds: [],
        span: { line: 1, column: 1, endLine: 1, endColumn: 12 },
      },
    ]);
    expect(diagram.edges.map((e) => [e.from, e.to])).toEqual([['G.a', 'G.b']]);
  });
});

describe('resolve: attributes and settings', () => {
  test('an unknown node attribute: error at the key, with a suggestion; the node keeps its label', () => {
    const { diagram, diagnostics } = resolveText(
      flow('n1: rectangle lable:"Send" label:"Send query"', 'n2: rectangle color:"red"'),
    );
    expect(diagnostics.map(where)).toEqual([
      ['unknown-attribute', 'error', 1, 15, 1, 20],
      ['unknown-attribute', 'error', 2, 15, 2, 20],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "unknown attribute 'lable': did you mean 'label'?",
      "unknown attribute 'color': did you mean 'fill', 'stroke' or 'text'?",
    ]);
    expect(diagram.nodes.map((n) => n.label)).toEqual(['Send query', 'n2']);
    expect(diagram.incomplete).toBeUndefined();
  });

  test('an unknown edge attribute: error at the key; the edge stays', () => {
    const { diagram, diagnostics } = resolveText(
      flow(
        'a: rectangle',
        'b: rectangle',
        'a -> b [label="Yes", weight="2"]',
        'a -> b [labl="No"]',
      ),
    );
    expect(diagnostics.map(where)).toEqual([
      ['unknown-attribute', 'error', 3, 22, 3, 28],
      ['unknown-attribute', 'error', 4, 9, 4, 13],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "unknown attribute 'weight': an edge has only 'label', 'style', 'color', 'class'",
      "unknown attribute 'labl': did you mean 'label'?",
    ]);
    expect(diagram.edges.map((e) => e.label)).toEqual(['Yes', null]);
  });

  test('an attribute given twice: a warning on the repeat; the first counts', () => {
    const { diagram, diagnostics } = resolveText(
      flow('a: rectangle label:"One" label:"Two"', 'a -> a [label="x", label="y"]'),
    );
    expect(diagnostics.map(where)).toEqual([
      ['duplicate-attribute', 'warning', 1, 26, 1, 37],
      ['duplicate-attribute', 'warning', 2, 20, 2, 29],
    ]);
    expect(diagnostics[0]!.message).toBe(
      "attribute 'label' is already given at column 14: only the first one counts",
    );
    expect(diagram.nodes[0]!.label).toBe('One');
    expect(diagram.edges[0]!.label).toBe('x');
  });

  test('an unknown direction: error at the value with a suggestion; a repeated direction: warning, the first counts', () => {
    const bad = resolveText(flow('direction TP', 'direction sideways')).diagnostics;
    expect(bad.map(where)).toEqual([
      ['unknown-setting', 'error', 1, 11, 1, 13],
      ['unknown-setting', 'error', 2, 11, 2, 19],
    ]);
    expect(bad.map((d) => d.message)).toEqual([
      "unknown direction 'TP': did you mean 'TB'?",
      "unknown direction 'sideways': expected LR, TB, RL or BT",
    ]);
    expect(resolveText('direction lr\n').diagnostics[0]!.message).toBe(
      "unknown direction 'lr': did you mean 'LR'?",
    );
    const twice = resolveText(flow('direction TB', 'direction RL'));
    expect(twice.diagnostics.map(where)).toEqual([['duplicate-setting', 'warning', 2, 1, 2, 13]]);
    expect(twice.diagnostics[0]!.message).toBe(
      'direction is already set to TB on line 1: only the first setting counts',
    );
    expect(twice.diagram.direction).toBe('TB');
  });

  test('a setting key other than direction (only an AST can hold one: the grammar knows just direction)', () => {
    const span: Span = { line: 1, column: 1, endLine: 1, endColumn: 10 };
    const ast: Ast = {
      items: [
        { kind: 'setting', key: { name: 'directon', span }, value: { name: 'LR', span }, span },
      ],
      comments: [],
      diagnostics: [],
      lineCount: 1,
    };
    const { diagram, diagnostics } = resolve(ast);
    expect(diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ['unknown-setting', "unknown setting 'directon': did you mean 'direction'?"],
    ]);
    expect(diagram.direction).toBeNull();
  });
});

describe('resolve: robustness', () => {
  test('a diagram from text with syntax errors is marked incomplete, and resolves what parsed', () => {
    const ast = parse(flow('a: circle', 'b: hexagon label:"x', 'a -> c'));
    expect(ast.diagnostics).toHaveLength(1);
    const { diagram, diagnostics } = resolve(ast);
    expect(diagram.incomplete).toBe(true);
    expect(diagram.nodes.map((n) => n.id)).toEqual(['a']);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['unresolved-reference']);
  });

  test('a node with an unknown shape in the AST stays declared: edges to it are dropped without a second error', () => {
    const span = (line: number): Span => ({ line, column: 1, endLine: line, endColumn: 2 });
    const node = (name: string, shape: string, line: number): NodeDecl => ({
      kind: 'node',
      id: { name, span: span(line) },
      shape: { name: shape, span: span(line) },
      attributes: [],
      span: span(line),
    });
    const edge: EdgeDecl = {
      kind: 'edge',
      source: { path: [{ name: 'a', span: span(3) }], handle: null, span: span(3) },
      target: { path: [{ name: 'b', span: span(3) }], handle: null, span: span(3) },
      attributes: [],
      span: span(3),
    };
    const { diagram, diagnostics } = resolve({
      items: [node('a', 'circle', 1), node('b', 'blob', 2), edge],
      comments: [],
      diagnostics: [],
      lineCount: 3,
    });
    expect(diagnostics).toEqual([]);
    expect(diagram.nodes.map((n) => n.id)).toEqual(['a']);
    expect(diagram.edges).toEqual([]);
    expect(diagram.incomplete).toBe(true);
  });

  test('a 45,000-node chain resolves (declarations and lookups are maps, not scans)', () => {
    const n = 45000;
    const lines = ['s: circle'];
    for (let i = 0; i < n; i++) lines.push(`n${i}: rectangle`);
    lines.push('e: circle', 's -> n0');
    for (let i = 0; i + 1 < n; i++) lines.push(`n${i} -> n${i + 1}`);
    lines.push(`n${n - 1} -> e`);
    const ast = astOfChain(lines);
    const { diagram, diagnostics } = resolve(ast);
    expect(diagnostics).toEqual([]);
    expect(diagram.nodes).toHaveLength(n + 2);
    expect(diagram.edges).toHaveLength(n + 1);
    expect(diagram.edges[n]).toMatchObject({ from: `n${n - 1}`, to: 'e', index: n });
  });
});

/** The AST of simple top-level lines (`id: shape`, `a -> b`), built directly: parsing 90,000 lines would dominate the test. */
function astOfChain(lines: string[]): Ast {
  const span = (line: number, column: number, length: number): Span => ({
    line,
    column,
    endLine: line,
    endColumn: column + length,
  });
  const ident = (name: string, line: number, column: number) => ({
    name,
    span: span(line, column, name.length),
  });
  return {
    items: lines.map((text, i) => {
      const line = i + 1;
      const whole = span(line, 1, text.length);
      const edge = /^(\S+) -> (\S+)$/.exec(text);
      if (edge) {
        const [, from, to] = edge as unknown as [string, string, string];
        const target = ident(to, line, from.length + 5);
        return {
          kind: 'edge' as const,
          source: { path: [ident(from, line, 1)], handle: null, span: span(line, 1, from.length) },
          target: { path: [target], handle: null, span: target.span },
          attributes: [],
          span: whole,
        };
      }
      const [id, shape] = text.split(': ') as [string, string];
      return {
        kind: 'node' as const,
        id: ident(id, line, 1),
        shape: ident(shape, line, id.length + 3),
        attributes: [],
        span: whole,
      };
    }),
    comments: [],
    diagnostics: [],
    lineCount: lines.length,
  };
}

describe('recovery after a broken declaration line (issue 14, item 12)', () => {
  const rules = (source: string) =>
    lint(source).map((d) => [d.ruleId, d.span.line, d.message] as const);

  test('the id of a broken `id: …` line is declared: one syntax error, no unresolved references', () => {
    const source = flow(
      'n1: circle label:"Start"',
      'n2: rectangle label:"Work" oops',
      'n3: circle label:"End"',
      'n1 -> n2',
      'n2 -> n3',
    );
    expect(rules(source)).toEqual([['syntax', 2, "unexpected end of line: expected ':'"]]);
  });

  test('inside a group too, with the qualified name; the node is not drawn', () => {
    const source = flow(
      'G {',
      '  a: circle label:"Start"',
      '  b: rectangel "x"',
      '  a -> b',
      '}',
      'G.b -> G.a',
    );
    expect(lint(source).map((d) => d.ruleId)).toEqual(['syntax']);
    const { diagram } = resolve(parse(source));
    expect(diagram.nodes.map((n) => n.id)).toEqual(['G.a']);
  });

  test('a broken line that does not start as a declaration declares nothing', () => {
    const source = flow('n1: circle label:"Start"', 'n1 -> n2 x', 'n1 -> n2');
    expect(rules(source).map(([rule, line]) => [rule, line])).toEqual([
      ['syntax', 2],
      ['unresolved-reference', 3],
    ]);
  });

  test('a long broken line is looked at in linear time (an early pattern backtracked exponentially)', () => {
    const line = 'a'.repeat(1_000_000) + '!';
    expect(parse(line).diagnostics.map((d) => d.ruleId)).toEqual(['syntax']);
    expect(parse(`${'b'.repeat(30)}!`).diagnostics).toHaveLength(1);
  });

  test('a broken line naming an id declared before it adds no duplicate-id', () => {
    const source = flow('n1: circle label:"Start"', 'n1: circle label:"again" x', 'n1 -> n1');
    expect(lint(source).map((d) => d.ruleId)).toEqual(['syntax']);
  });
});
