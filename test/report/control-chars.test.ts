/**
 * Control characters from a file (labels, lines shown as excerpts) and from file names never
 * reach the terminal or a CI log raw (issue 14, item 3): every human-readable reporter shows them
 * as escapes and cannot be made to start a GitHub workflow command; JSON and SARIF stay valid JSON
 * that gives the original text back, with no raw C1 or bidirectional controls.
 */
import * as path from 'node:path';
import { check } from '../../src/check.js';
import { PLAIN_COLORS } from '../../src/report/color.js';
import { REPORTER_NAMES, reporters } from '../../src/report/index.js';
import type { LintResult, ReportContext } from '../../src/report/types.js';
import { buildExcerpt } from '../../src/report/excerpt.js';
import { printable, printablePath, safeJson } from '../../src/util/printable.js';

const FORGED = '::error file=src/app.ts,line=1::forged';
const CWD = '/repo';

/** A diagram whose diagnostics quote hostile labels (the graph rules run: it parses). */
const RULES_SOURCE = [
  'start: circle',
  'd: diamond label:"Pick"',
  'a: rectangle',
  'b: rectangle',
  'end: circle',
  'start -> d',
  // Two branches with the same label: duplicate-branch-label quotes it in its message.
  `d -> a [label="Yes\\n${FORGED}"]`,
  `d -> b [label="Yes\\n${FORGED}"]`,
  'a -> end',
  'b -> end',
  'y: rectangle label:"ring\u0007bell"',
].join('\n');

/** Raw controls on lines that do not parse: the excerpts show the lines. */
const SYNTAX_SOURCE = [
  'x -> \u001b[2J\u001b[31m\r\u009b31m\u202eevil\u0085',
  `\u2028${FORGED}`,
].join('\n');

const FILE_NAME = path.join(CWD, 'docs', `a\u001b[31m\n${FORGED}.flow`);
/** A file whose name itself begins like a workflow command. */
const COMMAND_NAME = path.join(CWD, '::error file=x::y.flow');

const RAW_CONTROL =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function results(): LintResult[] {
  return [
    { filePath: FILE_NAME, source: RULES_SOURCE, diagnostics: check(RULES_SOURCE).diagnostics },
    {
      filePath: COMMAND_NAME,
      source: SYNTAX_SOURCE,
      diagnostics: check(SYNTAX_SOURCE).diagnostics,
    },
  ];
}

const context: ReportContext = { cwd: CWD, colors: PLAIN_COLORS, rules: [], version: '0' };

test('the diagnostics do carry the hostile text (so the reporters are really tested)', () => {
  const messages = results()[0]!
    .diagnostics.map((d) => d.message)
    .join('\n');
  expect(messages).toContain(`Yes\n${FORGED}`);
  expect(results()[1]!.diagnostics.some((d) => d.ruleId === 'syntax')).toBe(true);
});

describe.each(REPORTER_NAMES.filter((name) => name !== 'json' && name !== 'sarif'))(
  'human-readable reporter %s',
  (name) => {
    const text = reporters[name](results(), context);

    test('prints no raw control character (line breaks only between its own lines)', () => {
      expect(text).not.toMatch(RAW_CONTROL);
    });

    test('no line can be read as a GitHub workflow command, unless it is one the reporter made', () => {
      const commands = text.split('\n').filter((line) => line.trimStart().startsWith('::'));
      const diagnostics = results().reduce((n, r) => n + r.diagnostics.length, 0);
      expect(commands).toHaveLength(name === 'github' ? diagnostics : 0);
      // github: every command is one of flowc's, its message escaped onto one line.
      for (const line of commands) expect(line).toMatch(/^::(error|warning) file=/);
    });

    test('shows the controls as escapes', () => {
      expect(text).toContain('Yes\\n::error');
      expect(text).toContain('\\x1b');
      if (name === 'stylish')
        expect(text).toContain('\\x1b[2J\\x1b[31m\\r\\x9b31m\\u202eevil\\x85');
    });
  },
);

describe.each(['json', 'sarif'] as const)('machine reporter %s', (name) => {
  const text = reporters[name](results(), context);

  test('writes no raw DEL, C1, separator or bidirectional control', () => {
    expect(text).not.toMatch(RAW_CONTROL);
  });

  test('is valid JSON that gives the original text back', () => {
    const parsed = JSON.parse(text) as unknown;
    const flat = JSON.stringify(parsed);
    expect(flat).toContain(JSON.stringify(`Yes\n${FORGED}`).slice(1, -1));
    expect(flat).toContain('ring\\u0007bell');
  });
});

describe('the helpers', () => {
  test('printable escapes C0, DEL, C1, separators and bidi controls, and nothing else', () => {
    expect(printable('a\nb\tc\rd\u0000e\u001bf\u007fg\u0085h\u009bi\u2028j\u202ek\u2066l')).toBe(
      'a\\nb\\tc\\rd\\x00e\\x1bf\\x7fg\\x85h\\x9bi\\u2028j\\u202ek\\u2066l',
    );
    expect(printable('plain ünïcödé 図 🙂 \\n')).toBe('plain ünïcödé 図 🙂 \\n');
  });

  test('printablePath puts ./ before a path a runner would take for a command', () => {
    expect(printablePath('::error x.flow')).toBe('./::error x.flow');
    expect(printablePath('docs/a.flow')).toBe('docs/a.flow');
  });

  test('safeJson is JSON.stringify with the risky characters escaped', () => {
    const value = { s: 'a\u0085b\u2028c\u202ed\u007f' };
    const text = safeJson(value);
    expect(text).toBe('{"s":"a\\u0085b\\u2028c\\u202ed\\u007f"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  test('the excerpt marker stays under the span when escapes widen the line', () => {
    const line = '\u001b\u001bx -> bad';
    const column = line.indexOf('bad') + 1;
    const excerpt = buildExcerpt(line, { line: 1, column, endLine: 1, endColumn: column + 3 });
    expect(excerpt.text).toBe('\\x1b\\x1bx -> bad');
    expect(excerpt.text.indexOf('bad')).toBe(excerpt.marker.indexOf('^'));
    expect(excerpt.marker.trim()).toBe('^~~');
  });
});
