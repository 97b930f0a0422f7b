/**
 * docs/language.md is the users' description of the language: its examples must be true.
 * Every ```flow block parses without a syntax error, the complete examples lint clean, and the
 * error shown for the scoping rule is the message flowc really prints.
 */
import { readFileSync } from 'node:fs';
import { check } from '../../src/check.js';
import type { Diagnostic } from '../../src/diagnostics.js';

const doc = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');

interface Block {
  lang: string;
  body: string;
  /** The heading of the section the block is in. */
  section: string;
}

function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let section = '';
  let open: Block | null = null;
  for (const line of markdown.split('\n')) {
    if (open) {
      if (line === '```') {
        blocks.push(open);
        open = null;
      } else open.body += line + '\n';
    } else if (line.startsWith('```')) {
      open = { lang: line.slice(3).trim(), body: '', section };
    } else if (line.startsWith('#')) {
      section = line.replace(/^#+\s*/, '');
    }
  }
  if (open) throw new Error(`unclosed code block in section '${open.section}'`);
  return blocks;
}

const blocks = codeBlocks(doc);
const flowBlocks = blocks.filter((b) => b.lang === 'flow');
const describeDiagnostic = (d: Diagnostic) =>
  `${d.span.line}:${d.span.column} ${d.ruleId}: ${d.message}`;

function onlyBlock(section: string, lang: string, index = 0): string {
  const found = blocks.filter((b) => b.section === section && b.lang === lang);
  if (found.length <= index) throw new Error(`no ${lang} block #${index} in section '${section}'`);
  return found[index]!.body;
}

test('the page has flow examples in every part of the language', () => {
  expect(flowBlocks.length).toBeGreaterThanOrEqual(8);
  for (const heading of [
    'Comments',
    'Strings',
    'Nodes',
    'Edges',
    'Direction',
    'Suppressing a diagnostic',
    'Worked example',
  ]) {
    expect(doc).toContain(`## ${heading}`);
  }
});

test.each(flowBlocks.map((b, i) => [i + 1, b.section, b.body] as const))(
  'flow example %i (%s) has no syntax error',
  (_i, _section, body) => {
    const syntax = check(body).diagnostics.filter((d) => d.ruleId === 'syntax');
    expect(syntax.map(describeDiagnostic)).toEqual([]);
  },
);

test.each(['', 'Worked example', 'Direction', 'Suppressing a diagnostic', 'Several edges, loops'])(
  'the complete example in "%s" lints clean',
  (section) => {
    // The first block of the page (before any heading) is the overview example.
    const body = section === '' ? flowBlocks[0]!.body : onlyBlock(section, 'flow');
    const result = check(body);
    if (section === 'Several edges, loops') {
      // A fragment: only the loop itself is shown, so the flowchart rules have something to say.
      expect(
        result.diagnostics.filter((d) => d.severity === 'error' && d.ruleId === 'syntax'),
      ).toEqual([]);
      expect(result.diagram.edges).toEqual([
        expect.objectContaining({ from: 'poll', to: 'poll', label: 'Empty' }),
      ]);
      return;
    }
    expect(result.diagnostics.map(describeDiagnostic)).toEqual([]);
    expect(result.renderable).toBe(true);
  },
);

test('the suppression example needs its comment: without it the node is unreachable', () => {
  const body = onlyBlock('Suppressing a diagnostic', 'flow');
  const withoutComment = body.replace(/^# flowc-disable-next-line .*\n/m, '');
  expect(withoutComment).not.toBe(body);
  expect(check(withoutComment).diagnostics.map((d) => d.ruleId)).toEqual(['unreachable-node']);
});

test('the direction example sets the diagram direction', () => {
  expect(check(onlyBlock('Direction', 'flow')).diagram.direction).toBe('TB');
});

test('the escapes example gives the documented label texts', () => {
  const labels = check(onlyBlock('Strings', 'flow')).diagram.nodes.map((n) => n.label);
  expect(labels).toEqual(['Say "hello"', 'C:\\temp', 'Validate\ncommand']);
});

test('the scoping example shows the message flowc really reports', () => {
  const source = onlyBlock('References and scoping', 'text', 0);
  const shown = onlyBlock('References and scoping', 'text', 1).trim();
  const errors = check(source).diagnostics.filter((d) => d.ruleId === 'unresolved-reference');
  expect(errors).toHaveLength(1);
  const [error] = errors;
  expect(error!.message).toContain("'CommandSide.n8'");
  expect(shown).toBe(`error  unresolved-reference  line ${error!.span.line}: ${error!.message}`);
});

test('a direction in lower case is reported with the upper-case value, as the page says', () => {
  const [diagnostic, ...others] = check('direction tb\na: circle\nb: circle\na -> b\n').diagnostics;
  expect(others).toEqual([]);
  expect(diagnostic).toMatchObject({ ruleId: 'unknown-setting', severity: 'error' });
  expect(diagnostic!.message).toContain("did you mean 'TB'?");
});

test('identifiers are as the page describes', () => {
  const source = [
    'Début: circle',
    'step-2: rectangle',
    '_tmp: rectangle',
    '検証: circle',
    'handle: rectangle',
    'a-b: rectangle',
    'Début -> step-2',
    'step-2 -> _tmp',
    '_tmp -> handle',
    'handle -> a-b',
    'a-b->検証',
    '',
  ].join('\n');
  const result = check(source);
  expect(result.diagnostics.map(describeDiagnostic)).toEqual([]);
  expect(result.diagram.edges.map((e) => `${e.from}>${e.to}`)).toEqual([
    'Début>step-2',
    'step-2>_tmp',
    '_tmp>handle',
    'handle>a-b',
    'a-b>検証',
  ]);
  for (const bad of ['2fa: circle', '-x: circle', 'my node: circle', 'a.b: circle']) {
    expect(check(bad).diagnostics.map((d) => d.ruleId)).toContain('syntax');
  }
});

test('a node named handle is reached as Group.handle.handle(side)', () => {
  const source =
    'Worker {\nhandle: rectangle\nend: circle\n}\nstart: circle\nstart -> Worker.handle.handle(left)\nWorker.handle -> Worker.end\n';
  const result = check(source);
  expect(result.diagnostics.map(describeDiagnostic)).toEqual([]);
  expect(result.diagram.edges[0]).toMatchObject({ to: 'Worker.handle', toHandle: 'left' });
});
