/**
 * The reproducers of issue 14, item 5, through the whole check (parse → resolve → validate) as
 * `flowc lint` runs it: each overflowed the stack ("internal error … please report"). Now each is
 * checked to its real diagnostics (the unresolved reference and a diagnostic per node overflowed
 * in check itself: push(...) of 125,000 items). No timing is asserted (speed lives in bench/).
 */
import { check } from '../../src/check.js';

/** s → n0 → … → n(count-1) → e, one line per declaration and per edge; `extra` lines appended. */
function chainText(count: number, extra: string[] = []): string {
  const lines = ['s: circle'];
  for (let i = 0; i < count; i++) lines.push(`n${i}: rectangle`);
  lines.push('e: circle', 's -> n0');
  for (let i = 0; i + 1 < count; i++) lines.push(`n${i} -> n${i + 1}`);
  lines.push(`n${count - 1} -> e`, ...extra);
  return lines.join('\n') + '\n';
}

test('a 128,000-node chain: checked clean', () => {
  const result = check(chainText(128_000));
  expect(result.diagnostics).toEqual([]);
  expect(result.diagram?.nodes).toHaveLength(128_002);
});

test('a 125,000-node file with one unresolved reference: that one error, with its line', () => {
  const text = chainText(125_000, ['n124999 -> missing']);
  const result = check(text);
  expect(result.diagnostics.map((d) => [d.ruleId, d.span.line])).toEqual([
    ['unresolved-reference', text.split('\n').length - 1],
  ]);
});

test('a label of 4,000,000 characters: checked clean', () => {
  const label = 'x'.repeat(4_000_000);
  const result = check(`s: circle\na: rectangle label:"${label}"\ne: circle\ns -> a\na -> e\n`);
  expect(result.diagnostics).toEqual([]);
  expect(result.diagram?.nodes[1]?.label).toHaveLength(4_000_000);
});

test('125,000 nodes nobody reaches: an unreachable-node each, through the whole check', () => {
  const lines = ['s: circle', 'e: circle', 's -> e'];
  for (let i = 0; i < 125_000; i++) lines.push(`n${i}: rectangle`);
  const result = check(lines.join('\n') + '\n');
  const unreachable = result.diagnostics.filter((d) => d.ruleId === 'unreachable-node');
  expect(unreachable).toHaveLength(125_000);
  expect(unreachable[0]?.span.line).toBe(4);
});
