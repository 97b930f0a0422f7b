import { readdirSync, readFileSync } from 'node:fs';
import { RULES_DOCS, applySeverities, rules, validate } from '../../src/validate/index.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { resolve } from '../../src/model/index.js';
import { parse } from '../../src/syntax/index.js';
import { flow, lint } from './lint.js';

const ids = rules.map((r) => r.id);
const sampleDir = new URL('../../samples/invalid/', import.meta.url);
const sample = (id: string): string => readFileSync(new URL(`${id}.flow`, sampleDir), 'utf8');
const docs = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

describe('the rule registry', () => {
  test('lists the contract rule ids and flowc own, each once, in kebab case', () => {
    for (const id of [
      'syntax',
      'unresolved-reference',
      'duplicate-id',
      'unknown-attribute',
      'missing-start',
      'missing-end',
      'unreachable-node',
      'unlabelled-branch',
      'unknown-setting',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(rules.filter((r) => r.defaultSeverity === 'warning').length).toBeGreaterThanOrEqual(4);
  });

  test('the contract severities; only syntax, unresolved-reference and duplicate-id are fixed', () => {
    const severity = Object.fromEntries(rules.map((r) => [r.id, r.defaultSeverity]));
    for (const id of [
      'syntax',
      'unresolved-reference',
      'duplicate-id',
      'unknown-attribute',
      'missing-start',
      'missing-end',
      'unreachable-node',
      'unlabelled-branch',
    ]) {
      expect([id, severity[id]]).toEqual([id, 'error']);
    }
    expect(
      rules
        .filter((r) => !r.configurable)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['duplicate-id', 'layout', 'syntax', 'unresolved-reference']);
    for (const r of rules) if (!r.configurable) expect(r.suppressible).toBe(false);
  });

  test('each rule has one module named after it, a one-line description and a docs link to its section of docs/rules.md', () => {
    const files = readdirSync(new URL('../../src/validate/rules/', import.meta.url)).map((f) =>
      f.replace(/\.ts$/, ''),
    );
    expect(files.sort()).toEqual([...ids].sort());
    for (const rule of rules) {
      expect(rule.description).not.toMatch(/\n/);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.docs).toBe(`${RULES_DOCS}#${rule.id}`);
      // The heading `### rule-id` is what the #rule-id anchor points at.
      expect([rule.id, docs.includes(`\n### ${rule.id}\n`)]).toEqual([rule.id, true]);
    }
  });
});

describe('samples/invalid: one file per rule, each reporting exactly its own rule', () => {
  // `layout` is the layout engine giving up while rendering: no file triggers it on purpose, and lint never reports it.
  const lintRules = ids.filter((id) => id !== 'layout');

  test('every lint rule has a sample and every sample is a rule', () => {
    const files = readdirSync(sampleDir)
      .filter((f) => f.endsWith('.flow'))
      .map((f) => f.replace(/\.flow$/, ''));
    expect(files.sort()).toEqual([...lintRules].sort());
  });

  test.each(lintRules)('%s.flow', (id) => {
    const diagnostics = lint(sample(id));
    expect(diagnostics.length).toBeGreaterThan(0);
    expect([...new Set(diagnostics.map((d) => d.ruleId))]).toEqual([id]);
    // The stage that reports a rule uses the registry's default severity.
    const meta = rules.find((r) => r.id === id)!;
    for (const d of diagnostics) expect(d.severity).toBe(meta.defaultSeverity);
    // docs/rules.md shows this very file as the rule's example.
    expect(docs).toContain('```flow\n' + sample(id).trimEnd() + '\n```');
  });
});

describe('severity settings', () => {
  const text = flow(
    's: circle',
    'a: rectangle',
    'e: circle',
    's -> a',
    'a -> e',
    'a -> stuck',
    'stuck: rectangle lable:"Stuck"',
    'orphan: rectangle',
  );

  test('defaults', () => {
    expect(lint(text).map((d) => [d.ruleId, d.severity])).toEqual([
      ['dead-end', 'warning'],
      ['unknown-attribute', 'error'],
      ['unreachable-node', 'error'],
    ]);
  });

  test('warn, error and off replace the defaults, for diagram rules and for earlier stages', () => {
    const diagnostics = lint(text, {
      'dead-end': 'error',
      'unknown-attribute': 'warn',
      'unreachable-node': 'off',
    });
    expect(diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['dead-end', 'error'],
      ['unknown-attribute', 'warning'],
    ]);
  });

  test('validate skips a rule that is off and applies the others', () => {
    const ast = parse(text);
    const { diagram } = resolve(ast);
    expect(
      validate(diagram, { rules: { 'unreachable-node': 'off', 'dead-end': 'error' } }).map((d) => [
        d.ruleId,
        d.severity,
      ]),
    ).toEqual([['dead-end', 'error']]);
  });

  test('the fixed rules stay errors whatever the settings say', () => {
    const broken = flow('s: circle', 's -> nowhere', 's: circle', 'bad ->');
    expect(
      lint(broken, { syntax: 'off', 'unresolved-reference': 'warn', 'duplicate-id': 'off' }).map(
        (d) => [d.ruleId, d.severity],
      ),
    ).toEqual([
      ['unresolved-reference', 'error'],
      ['duplicate-id', 'error'],
      ['syntax', 'error'],
    ]);
  });

  test('applySeverities is idempotent and keeps diagnostics of rules it does not know', () => {
    const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    const found: Diagnostic[] = [
      { ruleId: 'dead-end', severity: 'warning', message: 'm', span },
      { ruleId: 'some-plugin-rule', severity: 'warning', message: 'm', span },
    ];
    const once = applySeverities(found, { 'dead-end': 'error' });
    expect(once.map((d) => d.severity)).toEqual(['error', 'warning']);
    expect(applySeverities(once, { 'dead-end': 'error' })).toEqual(once);
    expect(found[0]!.severity).toBe('warning');
  });
});
