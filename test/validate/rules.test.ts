import { seedCqrsText } from '../support/seed.js';
import { readFileSync } from 'node:fs';
import { flow, lint, only, where } from './lint.js';

const seedCqrs = seedCqrsText;

/** Start, one step, end: the smallest clean flow, to which each test adds its mistake. */
const CLEAN = [
  's: circle label:"Start"',
  'a: rectangle label:"Work"',
  'e: circle label:"End"',
  's -> a',
  'a -> e',
];

describe('clean files stay clean', () => {
  test('the seed CQRS text lints with zero diagnostics', () => {
    expect(lint(seedCqrs())).toEqual([]);
  });

  test('every shipped sample lints with zero diagnostics', () => {
    for (const name of [
      'cqrs',
      'event-sourcing',
      'saga-orchestration',
      'ab-testing',
      'api-gateway',
      'audit-logging',
      'user-authentication',
    ]) {
      expect([
        name,
        lint(readFileSync(new URL(`../../samples/${name}.flow`, import.meta.url), 'utf8')),
      ]).toEqual([name, []]);
    }
  });

  test('a one-node diagram: a lone circle is both the start and the end', () => {
    expect(lint('only: circle label:"Nothing to do"\n')).toEqual([]);
  });

  test('the smallest flow', () => {
    expect(lint(flow(...CLEAN))).toEqual([]);
  });

  test('a node called handle, reached through a qualified reference to a later group', () => {
    expect(
      lint(
        flow(
          's: circle',
          's -> Worker.handle.handle(left)',
          'Worker {',
          'handle: rectangle',
          'handle -> done',
          '}',
          'done: circle',
        ),
      ),
    ).toEqual([]);
  });
});

describe('missing-start', () => {
  test('every circle has an incoming edge: one error, at the first circle, and nothing else (no cascade)', () => {
    const diagnostics = lint(flow(...CLEAN, 'a -> s'));
    expect(diagnostics.map(where)).toEqual([['missing-start', 'error', 1, 1, 1, 24]]);
    expect(diagnostics[0]!.message).toBe(
      `the flow has no start: every circle or terminator has an incoming edge ('s' ("Start") has one from 'a' on line 6)`,
    );
  });

  test('no circle at all: at the first node; missing-end at the last; no unreachable or dead-end reports', () => {
    const diagnostics = lint(
      flow('G {', 'a: rectangle', 'b: rectangle', 'a -> b', '}', 'c: rectangle'),
    );
    expect(diagnostics.map(where)).toEqual([
      ['missing-start', 'error', 2, 1, 2, 13],
      ['missing-end', 'error', 6, 1, 6, 13],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'the flow has no start: the diagram has no circle or terminator',
    );
  });

  test('an empty file: both at line 1, column 1', () => {
    expect(lint('# nothing yet\n').map(where)).toEqual([
      ['missing-end', 'error', 1, 1, 1, 1],
      ['missing-start', 'error', 1, 1, 1, 1],
    ]);
  });

  test('not reported: a start that is declared last, or that is reached only through a later group', () => {
    expect(
      only(
        'missing-start',
        lint(flow('a: rectangle', 'e: circle', 'a -> e', 's -> a', 's: circle')),
      ),
    ).toEqual([]);
  });
});

describe('missing-end', () => {
  test('every circle has an outgoing edge: one error at the last circle, and nothing else', () => {
    const diagnostics = lint(flow(...CLEAN, 'e -> a'));
    expect(diagnostics.map(where)).toEqual([['missing-end', 'error', 3, 1, 3, 22]]);
    expect(diagnostics[0]!.message).toBe(
      `the flow has no end: every circle or terminator has an outgoing edge ('e' ("End") has one to 'a' on line 6)`,
    );
  });

  test('not reported: an end declared before the start, in another group', () => {
    expect(lint(flow('Done {', 'e: circle', '}', 's: circle', 's -> Done.e'))).toEqual([]);
  });
});

describe('unreachable-node', () => {
  test('one error per node no start leads to, at its declaration', () => {
    const diagnostics = lint(
      flow(
        ...CLEAN,
        'old: rectangle label:"Old step"',
        'older: rectangle',
        'old -> older',
        'older -> e',
      ),
    );
    expect(diagnostics.map(where)).toEqual([
      ['unreachable-node', 'error', 6, 1, 6, 32],
      ['unreachable-node', 'error', 7, 1, 7, 17],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `'old' ("Old step") cannot be reached from any start`,
      `'older' cannot be reached from any start`,
    ]);
  });

  test('an unreachable cycle is unreachable, and only that (no no-path-to-end on top)', () => {
    const diagnostics = lint(
      flow(...CLEAN, 'G {', 'x: rectangle', 'y: rectangle', 'x -> y', 'y -> x', '}'),
    );
    expect(diagnostics.map((d) => [d.ruleId, d.span.line])).toEqual([
      ['unreachable-node', 7],
      ['unreachable-node', 8],
    ]);
    expect(diagnostics[0]!.message).toBe(`'G.x' cannot be reached from any start`);
  });

  test('not reported: a node reached from the second of two starts, or through an edge declared before it', () => {
    expect(lint(flow(...CLEAN, 's2: circle', 's2 -> b', 'b: rectangle', 'b -> e'))).toEqual([]);
  });
});

describe('unlabelled-branch', () => {
  const decision = [
    's: circle',
    'd: diamond label:"OK?"',
    'y: rectangle',
    'n: rectangle',
    'e: circle',
    's -> d',
    'y -> e',
    'n -> e',
  ];

  test('a branch with no label and one with a label of spaces: one error each, at the edge', () => {
    const diagnostics = lint(flow(...decision, 'd -> y', 'd -> n [label="  "]'));
    expect(diagnostics.map(where)).toEqual([
      ['unlabelled-branch', 'error', 9, 1, 9, 7],
      ['unlabelled-branch', 'error', 10, 1, 10, 20],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "the branch from decision 'd' to 'y' has no label: label it with the answer that leads there",
      "the branch from decision 'd' to 'n' has an empty label: label it with the answer that leads there",
    ]);
    expect(
      only(
        'unlabelled-branch',
        lint(flow(...decision, 'd -> y [label=""]', 'd -> n [label="No"]')),
      ),
    ).toHaveLength(1);
  });

  test('not reported: labelled branches, unlabelled edges into a diamond or out of a rectangle', () => {
    expect(lint(flow(...decision, 'd -> y [label="Yes"]', 'd -> n [label="No"]'))).toEqual([]);
  });
});

describe('dead-end', () => {
  test('a step with no way on: a warning at the step; a decision with no branch: at the decision', () => {
    const diagnostics = lint(
      flow(...CLEAN, 'a -> stuck', 'a -> ask', 'stuck: rectangle label:"Wait"', 'ask: diamond'),
    );
    expect(diagnostics.map(where)).toEqual([
      ['dead-end', 'warning', 8, 1, 8, 30],
      ['dead-end', 'warning', 9, 1, 9, 13],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `the flow stops at 'stuck' ("Wait"): it has no outgoing edge and is not an end (circle or terminator)`,
      `decision 'ask' has no branch: it has no outgoing edge and is not an end (circle or terminator)`,
    ]);
  });

  test('not reported: an unreachable step (unreachable-node says it), end circles, a file without ends (missing-end)', () => {
    expect(lint(flow(...CLEAN, 'orphan: rectangle')).map((d) => d.ruleId)).toEqual([
      'unreachable-node',
    ]);
    expect(
      lint(flow('s: circle', 'a: rectangle', 'b: rectangle', 's -> a', 'a -> b', 'b -> s')).map(
        (d) => d.ruleId,
      ),
    ).toEqual(['missing-end', 'missing-start']);
    expect(lint(flow('s: circle', 'a: rectangle', 's -> a')).map((d) => d.ruleId)).toEqual([
      'missing-end',
    ]);
  });
});

describe('no-path-to-end', () => {
  const retry = [
    's: circle',
    'd: diamond label:"Done?"',
    'a: rectangle label:"Try"',
    'b: rectangle label:"Wait"',
    'e: circle',
    's -> d',
    'd -> e [label="Yes"]',
    'd -> a [label="No"]',
    'a -> b',
  ];

  test('a loop with no way out: one warning at its first-declared node, none at the nodes leading in', () => {
    const diagnostics = lint(flow(...retry, 'b -> a'));
    expect(diagnostics.map(where)).toEqual([['no-path-to-end', 'warning', 3, 1, 3, 25]]);
    expect(diagnostics[0]!.message).toBe(
      `no end can be reached from 'a' ("Try"): the loop through 'a' and 'b' never leaves`,
    );
  });

  test('a loop that leads into another closed loop: only the closed one; two closed loops: one report each', () => {
    const base = [
      's: circle',
      'd: diamond',
      'e: circle',
      's -> d',
      'd -> e [label="Yes"]',
      'd -> a1 [label="No"]',
    ];
    const chained = flow(
      ...base,
      'a1: rectangle',
      'a2: rectangle',
      'b1: rectangle',
      'b2: rectangle',
      'a1 -> a2',
      'a2 -> a1',
      'a2 -> b1',
      'b1 -> b2',
      'b2 -> b1',
    );
    expect(lint(chained).map((d) => [d.ruleId, d.span.line, d.message])).toEqual([
      [
        'no-path-to-end',
        9,
        "no end can be reached from 'b1': the loop through 'b1' and 'b2' never leaves",
      ],
    ]);
    const forked = flow(
      ...base,
      'a1: diamond',
      'b1: rectangle',
      'b2: rectangle',
      'c1: rectangle',
      'a1 -> b1 [label="x"]',
      'a1 -> c1 [label="y"]',
      'b1 -> b2',
      'b2 -> b1',
      'c1 -> c1',
    );
    expect(lint(forked).map((d) => [d.ruleId, d.span.line])).toEqual([
      ['no-path-to-end', 8],
      ['no-path-to-end', 10],
    ]);
  });

  test('a step whose only way on is back to itself', () => {
    const diagnostics = lint(
      flow(
        ...CLEAN,
        'a -> poll',
        'poll: rectangle label:"Poll queue"',
        'poll -> poll [label="Empty"]',
      ),
    );
    expect(diagnostics.map(where)).toEqual([['no-path-to-end', 'warning', 7, 1, 7, 35]]);
    expect(diagnostics[0]!.message).toBe(
      `no end can be reached from 'poll' ("Poll queue"): its only way on leads back to itself`,
    );
  });

  test('not reported: a retry loop with an exit, a self-loop with an exit, a way on that ends in a dead end', () => {
    expect(lint(flow(...retry, 'b -> d'))).toEqual([]);
    expect(lint(flow(...CLEAN, 'a -> a [label="Again"]'))).toEqual([]);
    expect(
      lint(flow(...retry, 'b -> a', 'a -> stuck', 'stuck: rectangle')).map((d) => d.ruleId),
    ).toEqual(['dead-end']);
  });
});

describe('single-branch', () => {
  test('a decision with one branch: a warning at the decision', () => {
    const diagnostics = lint(
      flow('s: circle', 'd: diamond label:"Valid?"', 'e: circle', 's -> d', 'd -> e [label="Yes"]'),
    );
    expect(diagnostics.map(where)).toEqual([['single-branch', 'warning', 2, 1, 2, 26]]);
    expect(diagnostics[0]!.message).toBe(
      `decision 'd' ("Valid?") has a single branch (to 'e'): a decision needs two or more`,
    );
  });

  test('not reported: two branches to the same node with different answers', () => {
    expect(
      lint(
        flow(
          's: circle',
          'd: diamond',
          'e: circle',
          's -> d',
          'd -> e [label="Yes"]',
          'd -> e [label="No"]',
        ),
      ),
    ).toEqual([]);
  });
});

describe('duplicate-branch-label', () => {
  const decision = [
    's: circle',
    'd: diamond',
    'y: rectangle',
    'n: rectangle',
    'e: circle',
    's -> d',
    'y -> e',
    'n -> e',
  ];

  test('two branches with the same answer (case and spaces aside): a warning at the later one', () => {
    const diagnostics = lint(flow(...decision, 'd -> y [label="Yes"]', 'd -> n [label=" yes "]'));
    expect(diagnostics.map(where)).toEqual([['duplicate-branch-label', 'warning', 10, 1, 10, 23]]);
    expect(diagnostics[0]!.message).toBe(
      `decision 'd' already has a branch labelled "Yes" on line 9: which way the flow goes is ambiguous`,
    );
  });

  test('not reported: different answers; two identical edges (that is duplicate-edge); same labels out of a rectangle', () => {
    expect(lint(flow(...decision, 'd -> y [label="Yes"]', 'd -> n [label="No"]'))).toEqual([]);
    expect(
      lint(
        flow(...decision, 'd -> y [label="Yes"]', 'd -> n [label="No"]', 'd -> y [label="Yes"]'),
      ).map((d) => d.ruleId),
    ).toEqual(['duplicate-edge']);
    expect(
      lint(
        flow(...CLEAN, 'a -> b [label="Next"]', 'a -> e [label="Next"]', 'b: rectangle', 'b -> e'),
      ),
    ).toEqual([]);
  });
});

describe('duplicate-edge', () => {
  test('an edge repeating another (same ends, handles, label): a warning at the repeat', () => {
    const diagnostics = lint(
      flow(
        ...CLEAN,
        'a.handle(right) -> e.handle(left) [label="Done"]',
        'a.handle(right) -> e.handle(left) [label="Done"]',
      ),
    );
    expect(diagnostics.map(where)).toEqual([['duplicate-edge', 'warning', 7, 1, 7, 49]]);
    expect(diagnostics[0]!.message).toBe(
      "this edge from 'a' to 'e' repeats the one on line 6 (same handles and label): it would be drawn twice",
    );
    expect(lint(flow(...CLEAN, 'a -> e')).map(where)).toEqual([
      ['duplicate-edge', 'warning', 6, 1, 6, 7],
    ]);
  });

  test('not reported: the same two nodes with another handle or another label', () => {
    expect(
      lint(flow(...CLEAN, 'a.handle(bottom) -> e', 'a -> e [label="Skip"]', 'a -> e.handle(top)')),
    ).toEqual([]);
  });
});

describe('circle-in-flow', () => {
  test('a circle with edges in and out: a warning at the circle', () => {
    const diagnostics = lint(flow(...CLEAN, 'a -> mid', 'mid: circle label:"Halfway"', 'mid -> e'));
    expect(diagnostics.map(where)).toEqual([['circle-in-flow', 'warning', 7, 1, 7, 28]]);
    expect(diagnostics[0]!.message).toBe(
      `circle 'mid' ("Halfway") has incoming and outgoing edges, so it is neither a start nor an end`,
    );
  });

  test('not reported: starts, ends, and when the only circle is the missing start (missing-start says it)', () => {
    expect(lint(flow(...CLEAN, 's2: circle', 's2 -> a', 'a -> e2', 'e2: circle'))).toEqual([]);
    expect(lint(flow(...CLEAN, 'a -> s')).map((d) => d.ruleId)).toEqual(['missing-start']);
  });
});

describe('empty-group', () => {
  test('a group with no node: a warning at its opening line', () => {
    const diagnostics = lint(flow(...CLEAN, 'Later { # To do', '}'));
    expect(diagnostics.map(where)).toEqual([['empty-group', 'warning', 6, 1, 6, 16]]);
    expect(diagnostics[0]!.message).toBe(
      "group 'Later' declares no node: it would be drawn as an empty box",
    );
  });

  test('not reported: a group with a node', () => {
    expect(lint(flow('G {', ...CLEAN, '}'))).toEqual([]);
  });
});

describe('across rules', () => {
  test('an edge that does not resolve: its error, no flow-rule consequences; edge-local rules still run', () => {
    const diagnostics = lint(
      flow('s: circle', 'd: diamond', 'e: circle', 's -> d', 'd -> ee [label="Yes"]', 'd -> e'),
    );
    expect(diagnostics.map((d) => [d.ruleId, d.span.line])).toEqual([
      ['unresolved-reference', 5],
      ['unlabelled-branch', 6],
    ]);
  });

  test('a repeated node: its error, no flow-rule consequences', () => {
    expect(lint(flow(...CLEAN, 'a: rectangle')).map((d) => d.ruleId)).toEqual(['duplicate-id']);
  });

  test('syntax errors: the flow rules do not run (the broken line may hold the missing edge)', () => {
    expect(lint(flow(...CLEAN, 'a -> ', 'orphan: rectangle')).map((d) => d.ruleId)).toEqual([
      'syntax',
    ]);
  });

  test('all diagnostics of a file in one run, sorted by position', () => {
    const diagnostics = lint(
      flow(
        'Empty {',
        '}',
        's: circle',
        'd: diamond lable:"x"',
        'e: circle',
        's -> d',
        'd -> e',
        'd -> e',
        'x: rectangle',
        'x -> e',
      ),
    );
    expect(diagnostics.map((d) => [d.span.line, d.span.column, d.ruleId])).toEqual([
      [1, 1, 'empty-group'],
      [4, 12, 'unknown-attribute'],
      [7, 1, 'unlabelled-branch'],
      [8, 1, 'duplicate-edge'],
      [8, 1, 'unlabelled-branch'],
      [9, 1, 'unreachable-node'],
    ]);
  });
});
