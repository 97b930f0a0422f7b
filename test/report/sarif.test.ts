/**
 * The SARIF report validates against the SARIF 2.1.0 JSON schema (shipped as a fixture, see its
 * $comment for where it comes from), with problems, without any, and with names that need
 * URI encoding.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { check } from '../../src/check.js';
import { PLAIN_COLORS } from '../../src/report/color.js';
import { sarif } from '../../src/report/sarif.js';
import type { LintResult, ReportContext } from '../../src/report/types.js';
import { loadRules } from '../../src/cli/rules.js';
import { repositoryFileUrl } from '../../src/util/package.js';
import { docsFor } from '../../src/validate/types.js';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const schema = JSON.parse(
  fs.readFileSync(path.join(REPO, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'),
) as object;
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  unicodeRegExp: false,
}); // the official schema's `language` pattern has a stray ']' that is an error in Unicode mode;
const validate = ajv.compile(schema);

async function context(): Promise<ReportContext> {
  return { cwd: REPO, colors: PLAIN_COLORS, rules: await loadRules(), version: '0.1.0' };
}

/** The context when package.json names the repository (the CLI fills these from package.json). */
async function publishedContext(): Promise<ReportContext> {
  const links = {
    homepage: 'https://example.org/flowc',
    repository: 'https://github.com/acme/flowc',
  };
  const rules = (await loadRules()).map((rule) => ({
    ...rule,
    docs: repositoryFileUrl(docsFor(rule.id), links),
  }));
  return { ...(await context()), rules, informationUri: links.homepage };
}

function lintDir(dir: string): LintResult[] {
  const absolute = path.join(REPO, dir);
  return fs
    .readdirSync(absolute)
    .filter((n) => n.endsWith('.flow'))
    .sort()
    .map((n) => {
      const filePath = path.join(absolute, n);
      const source = fs.readFileSync(filePath, 'utf8');
      return { filePath, source, diagnostics: check(source).diagnostics };
    });
}

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('sarif', () => {
  test('the schema fixture is the SARIF 2.1.0 schema and rejects a broken log', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  test('a report with problems validates, with rules, indices, levels and regions', async () => {
    const results = lintDir('test/fixtures/cli/invalid');
    const log = JSON.parse(sarif(results, await publishedContext()));
    expectValid(log);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('flowc');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.informationUri).toBe('https://example.org/flowc');
    const rules = run.tool.driver.rules as Array<{
      id: string;
      shortDescription: { text: string };
      helpUri: string;
    }>;
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.helpUri).toBe(`https://github.com/acme/flowc/blob/HEAD/docs/rules.md#${rule.id}`);
    }
    const total = results.reduce((n, r) => n + r.diagnostics.length, 0);
    expect(run.results).toHaveLength(total);
    for (const result of run.results) {
      expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(['error', 'warning']).toContain(result.level);
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/^test\/fixtures\/cli\/invalid\/[a-z]+\.flow$/);
      expect(location.region.startLine).toBeGreaterThan(0);
    }
  });

  test('without addresses in package.json, no guessed ones: no helpUri, no informationUri', async () => {
    const log = JSON.parse(sarif(lintDir('test/fixtures/cli/invalid'), await context()));
    expectValid(log);
    const driver = log.runs[0].tool.driver;
    expect(driver.informationUri).toBeUndefined();
    expect(driver.rules.length).toBeGreaterThan(10);
    expect(driver.rules.filter((rule: { helpUri?: string }) => 'helpUri' in rule)).toEqual([]);
  });

  test('a clean run still has a results array', async () => {
    const log = JSON.parse(
      sarif(
        [{ filePath: path.join(REPO, 'a.flow'), source: '', diagnostics: [] }],
        await context(),
      ),
    );
    expectValid(log);
    expect(log.runs[0].results).toEqual([]);
  });

  test('stdin and paths with spaces become valid relative URI references', async () => {
    const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    const diagnostics = [{ ruleId: 'dead-end', severity: 'warning' as const, message: 'm', span }];
    const log = JSON.parse(
      sarif(
        [
          { filePath: '<stdin>', source: 'x', diagnostics },
          { filePath: path.join(REPO, 'my docs', 'a b.flow'), source: 'x', diagnostics },
        ],
        await context(),
      ),
    );
    expectValid(log);
    const uris = log.runs[0].results.map(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(['%3Cstdin%3E', 'my%20docs/a%20b.flow']);
  });

  test('a diagnostic from a rule the registry does not list still names a rule by index', async () => {
    const span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const diagnostics = [
      { ruleId: 'layout', severity: 'error' as const, message: 'could not lay out', span },
    ];
    const log = JSON.parse(
      sarif([{ filePath: '<stdin>', source: '', diagnostics }], await context()),
    );
    expectValid(log);
    const result = log.runs[0].results[0];
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('layout');
  });
});
