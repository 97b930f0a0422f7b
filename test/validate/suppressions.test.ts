import type { Diagnostic } from '../../src/diagnostics.js';
import { applySuppressions } from '../../src/validate/index.js';
import { flow, lint, where } from './lint.js';

const CLEAN = ['s: circle', 'a: rectangle', 'e: circle', 's -> a', 'a -> e'];

describe('flowc-disable-next-line', () => {
  test('the example of docs/language.md: the named rule is off for the next line', () => {
    const text = flow(
      'n1: circle label:"Start"',
      'n2: rectangle label:"Old step"',
      'n3: circle label:"End"',
      'n1 -> n3',
      '# flowc-disable-next-line unreachable-node',
      'n4: rectangle label:"Kept for later"',
      'n4 -> n3',
    );
    expect(lint(text).map(where)).toEqual([['unreachable-node', 'error', 2, 1, 2, 31]]);
  });

  test('without a rule list it covers every rule on the next line; several rules separated by commas', () => {
    expect(lint(flow(...CLEAN, '# flowc-disable-next-line', 'x: rectangle lable:"X"'))).toEqual([]);
    expect(
      lint(
        flow(
          ...CLEAN,
          '  # flowc-disable-next-line unknown-attribute,unreachable-node',
          'x: rectangle lable:"X"',
        ),
      ),
    ).toEqual([]);
  });

  test('only the next line: the line after it is reported', () => {
    expect(
      lint(
        flow(
          ...CLEAN,
          '# flowc-disable-next-line unreachable-node',
          'x: rectangle',
          'y: rectangle',
        ),
      ).map((d) => [d.ruleId, d.span.line]),
    ).toEqual([['unreachable-node', 8]]);
  });

  test('a rule that is not reported on the next line: unused-disable-directive at the rule name', () => {
    const diagnostics = lint(
      flow(...CLEAN, '# flowc-disable-next-line dead-end, unreachable-node', 'x: rectangle'),
    );
    expect(diagnostics.map(where)).toEqual([['unused-disable-directive', 'warning', 6, 27, 6, 35]]);
    expect(diagnostics[0]!.message).toBe(
      "'dead-end' is not reported on line 7: this flowc-disable-next-line is unused",
    );
  });

  test('a directive without a list that suppresses nothing: reported at the comment', () => {
    const diagnostics = lint(flow(...CLEAN, '  # flowc-disable-next-line', 's -> e'));
    expect(diagnostics.map(where)).toEqual([['unused-disable-directive', 'warning', 6, 3, 6, 28]]);
    expect(diagnostics[0]!.message).toBe(
      'this flowc-disable-next-line suppresses nothing: no problem is reported on line 7',
    );
  });

  test('an explanation after -- is ignored', () => {
    expect(
      lint(
        flow(
          ...CLEAN,
          '# flowc-disable-next-line unreachable-node -- drawn for the next release',
          'x: rectangle',
        ),
      ),
    ).toEqual([]);
  });
});

describe('flowc-disable-line', () => {
  test('a trailing comment covers its own line', () => {
    expect(lint(flow(...CLEAN, 'x: rectangle # flowc-disable-line unreachable-node'))).toEqual([]);
    expect(lint(flow(...CLEAN, 'a -> e # flowc-disable-line'))).toEqual([]);
  });

  test('on a line of its own it covers nothing, and says so', () => {
    expect(
      lint(flow(...CLEAN, '# flowc-disable-line unreachable-node', 'x: rectangle')).map((d) => [
        d.ruleId,
        d.span.line,
      ]),
    ).toEqual([
      ['unused-disable-directive', 6],
      ['unreachable-node', 7],
    ]);
  });
});

describe('flowc-disable … flowc-enable', () => {
  const orphans = [
    '# flowc-disable unreachable-node',
    'x: rectangle',
    'y: rectangle',
    '# flowc-enable unreachable-node',
    'z: rectangle',
  ];

  test('a range covers the lines between; after the enable the rule reports again', () => {
    expect(lint(flow(...CLEAN, ...orphans)).map((d) => [d.ruleId, d.span.line])).toEqual([
      ['unreachable-node', 10],
    ]);
  });

  test('a range left open runs to the end of the file', () => {
    expect(
      lint(flow(...CLEAN, '# flowc-disable', 'x: rectangle lable:"X"', 'y: rectangle')),
    ).toEqual([]);
  });

  test('disable everything, then enable one rule: that rule reports again, the others stay off', () => {
    const diagnostics = lint(
      flow(
        ...CLEAN,
        '# flowc-disable',
        'x: rectangle lable:"X"',
        '# flowc-enable unknown-attribute',
        'y: rectangle lable:"Y"',
      ),
    );
    expect(diagnostics.map((d) => [d.ruleId, d.span.line])).toEqual([['unknown-attribute', 9]]);
  });

  test('a trailing flowc-disable starts after its own statement', () => {
    expect(
      lint(flow(...CLEAN, 'x: rectangle # flowc-disable unreachable-node', 'y: rectangle')).map(
        (d) => [d.ruleId, d.span.line],
      ),
    ).toEqual([['unreachable-node', 6]]);
  });

  test('an enable with nothing to enable, and a range that covers nothing, are reported', () => {
    const diagnostics = lint(
      flow(
        ...CLEAN,
        '# flowc-enable dead-end',
        '# flowc-disable unreachable-node',
        'b: circle',
        '# flowc-enable',
      ),
    );
    expect(diagnostics.map(where)).toEqual([
      ['unused-disable-directive', 'warning', 6, 16, 6, 24],
      ['unused-disable-directive', 'warning', 7, 17, 7, 33],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "this flowc-enable has nothing to enable: 'dead-end' is not disabled here",
      "'unreachable-node' is not reported after it: this flowc-disable is unused",
    ]);
    expect(lint(flow(...CLEAN, '# flowc-enable')).map(where)).toEqual([
      ['unused-disable-directive', 'warning', 6, 1, 6, 15],
    ]);
  });
});

describe('invalid directives', () => {
  test('a misspelt directive, with a suggestion: it suppresses nothing', () => {
    const diagnostics = lint(
      flow(...CLEAN, '# flowc-disable-nextline unreachable-node', 'x: rectangle'),
    );
    expect(diagnostics.map(where)).toEqual([
      ['invalid-directive', 'warning', 6, 3, 6, 25],
      ['unreachable-node', 'error', 7, 1, 7, 13],
    ]);
    expect(diagnostics[0]!.message).toBe(
      "unknown directive 'flowc-disable-nextline': did you mean 'flowc-disable-next-line'?",
    );
  });

  test('an unknown rule id, with a suggestion; a list of only unknown ids does not turn into "every rule"', () => {
    const diagnostics = lint(
      flow(...CLEAN, '# flowc-disable-next-line unreachable-nodes', 'x: rectangle'),
    );
    expect(diagnostics.map(where)).toEqual([
      ['invalid-directive', 'warning', 6, 27, 6, 44],
      ['unreachable-node', 'error', 7, 1, 7, 13],
    ]);
    expect(diagnostics[0]!.message).toBe(
      "unknown rule 'unreachable-nodes' in flowc-disable-next-line: did you mean 'unreachable-node'?",
    );
  });

  test('syntax, unresolved-reference and duplicate-id cannot be disabled, by name or by a directive without a list', () => {
    const named = lint(flow(...CLEAN, '# flowc-disable-next-line unresolved-reference', 'a -> b'));
    expect(named.map(where)).toEqual([
      ['invalid-directive', 'warning', 6, 27, 6, 47],
      ['unresolved-reference', 'error', 7, 6, 7, 7],
    ]);
    expect(named[0]!.message).toBe(
      "'unresolved-reference' cannot be disabled by a comment: its errors leave no diagram to draw",
    );
    expect(lint(flow(...CLEAN, '# flowc-disable-next-line', 'a -> ')).map((d) => d.ruleId)).toEqual(
      ['syntax'],
    );
    expect(lint(flow(...CLEAN, 'a: rectangle # flowc-disable-line')).map((d) => d.ruleId)).toEqual([
      'duplicate-id',
    ]);
  });

  test('the directive rules themselves cannot be disabled by a comment', () => {
    expect(
      lint(flow(...CLEAN, '# flowc-disable unused-disable-directive')).map((d) => [
        d.ruleId,
        d.message,
      ]),
    ).toEqual([
      [
        'invalid-directive',
        "'unused-disable-directive' cannot be disabled by a comment: set it in the rule settings instead",
      ],
    ]);
  });

  test('ordinary comments mentioning flowc are not directives', () => {
    expect(
      lint(flow('# drawn for flowc-disable tests', '# flowc is a compiler', ...CLEAN)),
    ).toEqual([]);
  });
});

describe('suppression and settings', () => {
  test('unused directives are not judged while the file has errors that stop the flow rules', () => {
    expect(
      lint(
        flow(
          ...CLEAN,
          '# flowc-disable-next-line dead-end',
          'b: rectangle',
          'a -> b',
          'b -> nowhere',
        ),
      ).map((d) => d.ruleId),
    ).toEqual(['unresolved-reference']);
  });

  test('a directive for a rule the settings switch off is not reported as unused', () => {
    const text = flow(...CLEAN, '# flowc-disable-next-line dead-end', 'x: rectangle', 'x -> e');
    expect(lint(text, { 'dead-end': 'off', 'unreachable-node': 'off' })).toEqual([]);
  });

  test('the directive rules follow the settings', () => {
    const text = flow(...CLEAN, '# flowc-disable-next-line dead-end', '# flowc-disabel');
    expect(
      lint(text, { 'unused-disable-directive': 'error', 'invalid-directive': 'off' }).map((d) => [
        d.ruleId,
        d.severity,
      ]),
    ).toEqual([['unused-disable-directive', 'error']]);
  });

  test('two directives covering one diagnostic are both used', () => {
    expect(
      lint(
        flow(
          ...CLEAN,
          '# flowc-disable unreachable-node',
          '# flowc-disable-next-line unreachable-node',
          'x: rectangle',
        ),
      ),
    ).toEqual([]);
  });

  test('applySuppressions applies the settings to diagnostics of every stage', () => {
    const span = { line: 3, column: 1, endLine: 3, endColumn: 5 };
    const found: Diagnostic[] = [
      { ruleId: 'unknown-attribute', severity: 'error', message: 'm', span },
      { ruleId: 'duplicate-attribute', severity: 'warning', message: 'm', span },
      { ruleId: 'unresolved-reference', severity: 'error', message: 'm', span },
    ];
    const result = applySuppressions(found, [], {
      'unknown-attribute': 'warn',
      'duplicate-attribute': 'off',
      'unresolved-reference': 'off',
    });
    expect(result.map((d) => [d.ruleId, d.severity])).toEqual([
      ['unknown-attribute', 'warning'],
      ['unresolved-reference', 'error'],
    ]);
  });

  test('a comment-only diagnostic list is returned sorted by position', () => {
    const span = (line: number) => ({ line, column: 1, endLine: line, endColumn: 2 });
    const found: Diagnostic[] = [
      { ruleId: 'dead-end', severity: 'warning', message: 'm', span: span(9) },
      { ruleId: 'empty-group', severity: 'warning', message: 'm', span: span(2) },
    ];
    expect(applySuppressions(found, []).map((d) => d.span.line)).toEqual([2, 9]);
  });
});
