/**
 * The graph rules on large inputs: iterative searches only, so a 45,000-node chain neither
 * overflows the stack nor takes quadratic time (no timing asserted here: speed lives in bench/).
 */
import type { Diagram, DiagramEdge, DiagramNode, Shape } from '../../src/model/index.js';
import { applySuppressions, validate } from '../../src/validate/index.js';

const N = 45000;
const span = (line: number) => ({ line, column: 1, endLine: line, endColumn: 10 });
const LOOK = { style: {}, classes: [], link: null, tooltip: null };

/** start → n0 → … → n(N-1) → end, built as a Diagram directly; `extra` edges are added as given. */
function chain(extra: Array<[string, string]> = [], startShape: Shape = 'circle'): Diagram {
  const nodes: DiagramNode[] = [
    {
      id: 'start',
      localId: 'start',
      group: null,
      shape: startShape,
      label: 'Start',
      ...LOOK,
      span: span(1),
    },
  ];
  for (let i = 0; i < N; i++)
    nodes.push({
      id: `n${i}`,
      localId: `n${i}`,
      group: null,
      shape: 'rectangle',
      label: `Step ${i}`,
      ...LOOK,
      span: span(i + 2),
    });
  nodes.push({
    id: 'end',
    localId: 'end',
    group: null,
    shape: 'circle',
    label: 'End',
    ...LOOK,
    span: span(N + 2),
  });
  const pairs: Array<[string, string]> = [['start', 'n0']];
  for (let i = 0; i + 1 < N; i++) pairs.push([`n${i}`, `n${i + 1}`]);
  pairs.push(...extra);
  const edges: DiagramEdge[] = pairs.map(([from, to], index) => ({
    index,
    from,
    to,
    fromKind: 'node',
    toKind: 'node',
    fromHandle: null,
    toHandle: null,
    label: null,
    style: {},
    span: span(N + 3 + index),
  }));
  return { direction: null, groups: [], nodes, edges, styles: [] };
}

test('a clean 45,000-node chain', () => {
  expect(validate(chain([[`n${N - 1}`, 'end']]))).toEqual([]);
});

test('a 45,000-node chain that loops back: one no-path-to-end, no stack overflow in the component search', () => {
  const diagnostics = validate(
    chain([
      [`n${N - 1}`, 'n0'],
      ['start', 'end'],
    ]),
  );
  expect(diagnostics.map((d) => [d.ruleId, d.span.line])).toEqual([['no-path-to-end', 2]]);
  expect(diagnostics[0]!.message).toContain(
    `'n0', 'n1', 'n2', 'n3', 'n4' and ${N - 5} more never leaves`,
  );
});

test('a 45,000-node chain with no start: one missing-start, not 45,000 unreachable nodes', () => {
  const diagnostics = validate(
    chain([
      [`n${N - 1}`, 'end'],
      ['n5', 'start'],
    ]),
  );
  expect(diagnostics.map((d) => d.ruleId)).toEqual(['missing-start']);
});

test('a 45,000-node chain nobody reaches: one unreachable-node each, suppressed by one range', () => {
  const diagram = chain([[`n${N - 1}`, 'end']]);
  diagram.edges.shift();
  const diagnostics = validate(diagram);
  // Every step, and the end circle behind them; the start, now alone, is a start and an end.
  expect(diagnostics).toHaveLength(N + 1);
  expect(diagnostics.every((d) => d.ruleId === 'unreachable-node')).toBe(true);
  const comment = {
    text: ' flowc-disable unreachable-node',
    span: { line: 1, column: 11, endLine: 1, endColumn: 42 },
  };
  expect(applySuppressions(diagnostics, [comment])).toEqual([]);
});
