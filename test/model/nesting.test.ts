/**
 * Nested groups and edges to groups: the tree the model builds, the scoping rule for references
 * (from the innermost enclosing group outwards; qualified paths followed down), the messages when
 * a reference does not resolve, and what an edge to or from a group means to the flow rules.
 */
import { check } from '../../src/check.js';
import { groupEnds, resolve } from '../../src/model/index.js';
import { parse } from '../../src/syntax/index.js';

const flow = (...lines: string[]): string => `${lines.join('\n')}\n`;
const model = (text: string) => resolve(parse(text));

const PIPELINE = flow(
  'start: terminator label:"Start"',
  'Build { # Build',
  '  Compile { # Compile',
  '    cc: rectangle label:"Compile"',
  '    ld: rectangle label:"Link"',
  '    cc -> ld',
  '  }',
  '  test: rectangle label:"Test"',
  '  Compile.ld -> test',
  '}',
  'done: terminator label:"Done"',
  'start -> Build',
  'Build -> done',
);

describe('the group tree', () => {
  test('qualified ids, parents and children, groups listed parents first', () => {
    const { diagram, diagnostics } = model(PIPELINE);
    expect(diagnostics).toEqual([]);
    expect(diagram.groups.map((g) => [g.id, g.localId, g.parent, g.nodeIds, g.groupIds])).toEqual([
      ['Build', 'Build', null, ['Build.test'], ['Build.Compile']],
      ['Build.Compile', 'Compile', 'Build', ['Build.Compile.cc', 'Build.Compile.ld'], []],
    ]);
    expect(diagram.nodes.map((n) => [n.id, n.group])).toEqual([
      ['start', null],
      ['Build.Compile.cc', 'Build.Compile'],
      ['Build.Compile.ld', 'Build.Compile'],
      ['Build.test', 'Build'],
      ['done', null],
    ]);
  });

  test('edges to and from a group name the group', () => {
    const { diagram } = model(PIPELINE);
    expect(diagram.edges.map((e) => [e.from, e.fromKind, e.to, e.toKind])).toEqual([
      ['Build.Compile.cc', 'node', 'Build.Compile.ld', 'node'],
      ['Build.Compile.ld', 'node', 'Build.test', 'node'],
      ['start', 'node', 'Build', 'group'],
      ['Build', 'group', 'done', 'node'],
    ]);
  });

  test('entry and exit nodes of each group', () => {
    const ends = groupEnds(model(PIPELINE).diagram);
    expect(ends.members.get('Build')).toEqual([
      'Build.Compile.cc',
      'Build.Compile.ld',
      'Build.test',
    ]);
    expect(ends.entries.get('Build')).toEqual(['Build.Compile.cc']);
    expect(ends.exits.get('Build')).toEqual(['Build.test']);
    expect(ends.entries.get('Build.Compile')).toEqual(['Build.Compile.cc']);
    expect(ends.exits.get('Build.Compile')).toEqual(['Build.Compile.ld']);
  });

  test('an edge inside a group to a subgroup counts for the subgroup entries; a loop falls back to the first node', () => {
    const ends = groupEnds(
      model(
        flow(
          'G {',
          'a: rectangle',
          'H {',
          'b: rectangle',
          'c: rectangle',
          'b -> c',
          '}',
          'a -> H',
          'L {',
          'x: rectangle',
          'y: rectangle',
          'x -> y',
          'y -> x',
          '}',
          'E {',
          '}',
          '}',
        ),
      ).diagram,
    );
    // The loop's nodes have edges from inside G, so they are no entry of G (only of L, by the fallback).
    expect(ends.entries.get('G')).toEqual(['G.a']);
    expect(ends.exits.get('G')).toEqual(['G.H.c']);
    expect(ends.entries.get('G.L')).toEqual(['G.L.x']);
    expect(ends.exits.get('G.L')).toEqual(['G.L.y']);
    expect(ends.entries.get('G.E')).toEqual([]);
  });
});

describe('scoping', () => {
  test('an unqualified name is looked up from the innermost group outwards', () => {
    const { diagram, diagnostics } = model(
      flow(
        'x: rectangle',
        'A {',
        'x: rectangle',
        'y: rectangle',
        'B {',
        'x: rectangle',
        'x -> y',
        'z: rectangle',
        'z -> x',
        '}',
        'y -> x',
        '}',
        'w: rectangle',
        'w -> x',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(diagram.edges.map((e) => `${e.from}>${e.to}`)).toEqual([
      'A.B.x>A.y',
      'A.B.z>A.B.x',
      'A.y>A.x',
      'w>x',
    ]);
  });

  test('a path is followed down from the first scope where its first name is a group', () => {
    const { diagram, diagnostics } = model(
      flow(
        'Outer {',
        'Inner {',
        'a: rectangle',
        '}',
        'b: rectangle',
        'b -> Inner.a',
        'b -> Outer.Inner.a',
        'b -> Inner',
        '}',
        'c: rectangle',
        'c -> Outer.Inner.a',
        'c -> Outer.Inner',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(diagram.edges.map((e) => `${e.from}>${e.to}:${e.toKind}`)).toEqual([
      'Outer.b>Outer.Inner.a:node',
      'Outer.b>Outer.Inner.a:node',
      'Outer.b>Outer.Inner:group',
      'c>Outer.Inner.a:node',
      'c>Outer.Inner:group',
    ]);
  });

  test('a node named like a group further out does not hide the group from a path (a path needs a group)', () => {
    const { diagram, diagnostics } = model(
      flow('B {', 'a: rectangle', '}', 'A {', 'B: rectangle', 'B -> B.a', '}'),
    );
    expect(diagnostics).toEqual([]);
    expect(diagram.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['A.B>B.a']);
  });

  test('names that do not resolve: the qualified name, the closest name, a hidden group named in full', () => {
    const { diagnostics } = model(
      flow(
        'Outer {',
        'Inner {',
        'deep: rectangle',
        '}',
        'top: rectangle',
        'top -> deep',
        'top -> Inner.dep',
        '}',
        'x: rectangle',
        'x -> Inner.deep',
        'x -> Outer.top.left',
        'x -> Outer.top.more',
        'x -> Outr.top',
        'x -> tpo',
      ),
    );
    expect(diagnostics.map((d) => [d.span.line, d.message])).toEqual([
      [
        6,
        "'deep' is not a node of group 'Outer' or of the top level: did you mean 'Outer.Inner.deep'?",
      ],
      [7, "group 'Outer.Inner' has no node 'dep': did you mean 'Outer.Inner.deep'?"],
      [10, "there is no group 'Inner' here: did you mean 'Outer.Inner.deep'?"],
      [
        11,
        "'Outer.top' is a node: to attach the edge to its left side, write 'Outer.top.handle(left)'",
      ],
      [12, "'Outer.top' is a node, not a group: it has no 'more'"],
      [13, "there is no group 'Outr': did you mean 'Outer.top'?"],
      [14, "'tpo' is not a top-level node: did you mean 'Outer.top'?"],
    ]);
  });

  test('nested twice: the message names every enclosing group', () => {
    const [d] = model(flow('A {', 'B {', 'a: rectangle', 'a -> nowhere', '}', '}')).diagnostics;
    expect(d!.message).toBe("'nowhere' is not a node of group 'A.B', of 'A' or of the top level");
  });

  test('duplicates: a group twice in one place, a node and a group sharing a name', () => {
    const { diagram, diagnostics } = model(
      flow(
        'A {',
        'B {',
        '}',
        'B {',
        '}',
        'n: rectangle',
        'n {',
        'm: rectangle',
        '}',
        'C {',
        '}',
        'C: rectangle',
        '}',
      ),
    );
    expect(diagnostics.map((d) => [d.span.line, d.ruleId, d.message])).toEqual([
      [
        4,
        'duplicate-id',
        "group 'B' is already declared in group 'A' on line 2: a group name may be used once (its statements are read as part of the first 'B')",
      ],
      [
        7,
        'duplicate-id',
        "'n' is already declared in group 'A' as a node on line 6: a node and a group in one place cannot share a name (this group is left out)",
      ],
      [
        12,
        'duplicate-id',
        "'C' is already declared in group 'A' as a group on line 10: a node and a group in one place cannot share a name (this node is ignored)",
      ],
    ]);
    expect(diagram.groups.map((g) => g.id)).toEqual(['A', 'A.B', 'A.C']);
    expect(diagram.nodes.map((n) => n.id)).toEqual(['A.n']);
    expect(diagram.incomplete).toBe(true);
  });

  test('the same name at different depths is fine', () => {
    const { diagnostics } = model(flow('A {', 'A {', 'A: rectangle', '}', '}', 'A.A.A -> A.A.A'));
    expect(diagnostics).toEqual([]);
  });
});

describe('flow rules with edges to groups', () => {
  test('the pipeline lints clean: start reaches the group entry, the group exit reaches the end', () => {
    expect(check(PIPELINE).diagnostics).toEqual([]);
  });

  test('without the edge into the group its nodes are unreachable', () => {
    const result = check(PIPELINE.replace('start -> Build\n', 'start -> done\n'));
    expect(result.diagnostics.map((d) => [d.ruleId, d.span.line])).toEqual([
      ['unreachable-node', 4],
      ['unreachable-node', 5],
      ['unreachable-node', 8],
    ]);
  });

  test('without the edge out of the group the last step is a dead end', () => {
    const result = check(PIPELINE.replace('Build -> done\n', 'start -> done\n'));
    expect(result.diagnostics.map((d) => [d.ruleId, d.span.line])).toEqual([['dead-end', 8]]);
  });

  test('a terminal inside a group entered through the group is not a start', () => {
    const result = check(
      flow(
        's: circle',
        'G {',
        'mid: circle',
        'step: rectangle',
        'mid -> step',
        '}',
        'e: circle',
        's -> G',
        'G -> e',
      ),
    );
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['circle-in-flow']);
  });

  test('an edge out of a group whose exit is a decision is one of its branches', () => {
    const result = check(
      flow(
        's: circle',
        'G {',
        'q: diamond label:"OK?"',
        '}',
        'e: circle',
        'x: rectangle',
        's -> G',
        'G -> e',
        'G.q -> x [label="no"]',
        'x -> e',
      ),
    );
    expect(result.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      [
        'unlabelled-branch',
        "the branch from decision 'G.q' (leaving group 'G') to 'e' has no label: label it with the answer that leads there",
      ],
    ]);
  });

  test('an empty group reached by an edge: the edge reaches nothing', () => {
    const result = check(flow('s: circle', 'E { # empty', '}', 'e: circle', 's -> E', 's -> e'));
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['empty-group']);
  });

  test('a group holding only groups is not empty', () => {
    const result = check(
      flow('s: circle', 'A {', 'B {', 'x: rectangle', '}', '}', 'e: circle', 's -> A', 'A -> e'),
    );
    expect(result.diagnostics).toEqual([]);
  });
});
