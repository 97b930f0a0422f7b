/**
 * Every reporter's exact output, as golden files, on files with real problems run through the
 * real pipeline: the invalid samples (samples/invalid) and this suite's own fixtures (which add
 * tabs, CRLF line endings, wide characters and characters GitHub needs escaped).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check } from '../../src/check.js';
import { loadColors } from '../../src/report/color.js';
import { REPORTER_NAMES, reporters } from '../../src/report/index.js';
import type { LintResult, ReportContext } from '../../src/report/types.js';
import { loadRules } from '../../src/cli/rules.js';
import { expectGolden } from './golden.js';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const EXPECTED = path.join(REPO, 'test/report/expected');

function flowFiles(dir: string): string[] {
  const absolute = path.join(REPO, dir);
  if (!fs.existsSync(absolute)) return [];
  return fs
    .readdirSync(absolute)
    .filter((name) => name.endsWith('.flow'))
    .sort()
    .map((name) => path.join(absolute, name));
}

function lint(files: string[]): LintResult[] {
  return files.map((filePath) => {
    const source = fs.readFileSync(filePath, 'utf8');
    return { filePath, source, diagnostics: check(source).diagnostics };
  });
}

async function context(color = false): Promise<ReportContext> {
  // A fixed version: the golden files must not change with every release.
  return { cwd: REPO, colors: await loadColors(color), rules: await loadRules(), version: '1.2.3' };
}

const SETS: { name: string; dir: string }[] = [
  { name: 'fixtures', dir: 'test/fixtures/cli/invalid' },
  { name: 'samples', dir: 'samples/invalid' },
];

describe.each(SETS)('reporters on $dir', ({ name, dir }) => {
  const files = flowFiles(dir);
  const run = files.length > 0 ? test : test.skip;

  run.each(REPORTER_NAMES)('%s output matches the golden file', async (reporter) => {
    const results = lint(files);
    expect(results.some((r) => r.diagnostics.length > 0)).toBe(true);
    const extension = reporter === 'json' || reporter === 'sarif' ? 'json' : 'txt';
    expectGolden(
      path.join(EXPECTED, name, `${reporter}.${extension}`),
      reporters[reporter](results, await context()),
    );
  });

  run('stylish with colour matches the golden file', async () => {
    expectGolden(
      path.join(EXPECTED, name, 'stylish-color.txt'),
      reporters.stylish(lint(files), await context(true)),
    );
  });
});

describe('reporter details', () => {
  const fixtures = flowFiles('test/fixtures/cli/invalid');

  test('every reporter prints paths relative to the cwd, never absolute', async () => {
    const results = lint(fixtures);
    for (const name of REPORTER_NAMES) {
      const text = reporters[name](results, await context());
      expect(text).not.toContain(REPO);
      expect(text).toContain('test/fixtures/cli/invalid/rules.flow');
    }
  });

  test('json has the contract shape with counts per file', async () => {
    const parsed = JSON.parse(reporters.json(lint(fixtures), await context())) as Array<
      Record<string, unknown>
    >;
    expect(parsed).toHaveLength(fixtures.length);
    for (const file of parsed) {
      expect(Object.keys(file).sort()).toEqual([
        'errorCount',
        'filePath',
        'messages',
        'warningCount',
      ]);
      const messages = file['messages'] as Array<Record<string, unknown>>;
      for (const m of messages) {
        expect(Object.keys(m).sort()).toEqual([
          'column',
          'endColumn',
          'endLine',
          'line',
          'message',
          'ruleId',
          'severity',
        ]);
        expect([1, 2]).toContain(m['severity']);
      }
      expect(file['errorCount']).toBe(messages.filter((m) => m['severity'] === 2).length);
      expect(file['warningCount']).toBe(messages.filter((m) => m['severity'] === 1).length);
    }
  });

  test('stylish says the files are clean when there is nothing to report, and nothing for no files', async () => {
    const clean: LintResult = { filePath: path.join(REPO, 'a.flow'), source: '', diagnostics: [] };
    expect(reporters.stylish([clean, clean], await context())).toBe(
      '✔ 2 files checked, no problems\n',
    );
    expect(reporters.stylish([], await context())).toBe('');
  });

  test('stylish counts in the singular and plural', async () => {
    const one: LintResult = {
      filePath: path.join(REPO, 'a.flow'),
      source: 'x\n',
      diagnostics: [
        {
          ruleId: 'dead-end',
          severity: 'warning',
          message: 'm',
          span: { line: 1, column: 1, endLine: 1, endColumn: 2 },
        },
      ],
    };
    expect(reporters.stylish([one], await context())).toBe(
      'a.flow:1:1  warning  m  dead-end\n  1 | x\n    | ^\n\n✖ 1 problem (0 errors, 1 warning)\n',
    );
  });

  test('compact and unix print one grep-able line per problem', async () => {
    const results = lint(fixtures);
    const total = results.reduce((n, r) => n + r.diagnostics.length, 0);
    const text = reporters.compact(results, await context());
    expect(text.trimEnd().split('\n')).toHaveLength(total);
    expect(reporters.unix(results, await context())).toBe(text);
    for (const line of text.trimEnd().split('\n'))
      expect(line).toMatch(/^[^:]+:\d+:\d+: (error|warning) .+ \[[a-z-]+\]$/);
  });
});
