/**
 * SARIF 2.1.0, the format GitHub code scanning (and most security dashboards) import. One run,
 * flowc as the tool driver with every known rule; one result per diagnostic. URIs are relative,
 * forward-slash, against `%SRCROOT%` (left for the consumer to bind to the checkout), so the
 * report is the same on every machine.
 */
import { safeJson } from '../util/printable.js';
import { portablePath } from './paths.js';
import type { Reporter, ReportRule } from './types.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' };
}

export const sarif: Reporter = (results, context) => {
  const rules: SarifRule[] = context.rules.map(toSarifRule);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  // A diagnostic from a rule the registry does not list (should not happen) still gets a rule entry,
  // so every result can name its rule by index.
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (ruleIndex.has(d.ruleId)) continue;
      ruleIndex.set(d.ruleId, rules.length);
      rules.push({
        id: d.ruleId,
        shortDescription: { text: d.ruleId },
        defaultConfiguration: { level: d.severity },
      });
    }
  }
  const sarifResults = results.flatMap((result) =>
    result.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ruleIndex: ruleIndex.get(d.ruleId)!,
      level: d.severity,
      message: { text: [d.message, ...(d.notes ?? [])].join('\n') },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: toUri(portablePath(result.filePath, context.cwd)),
              uriBaseId: '%SRCROOT%',
            },
            region: {
              startLine: d.span.line,
              startColumn: d.span.column,
              endLine: d.span.endLine,
              endColumn: d.span.endColumn,
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flowc',
            version: context.version,
            ...(context.informationUri ? { informationUri: context.informationUri } : {}),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${safeJson(log, 2)}\n`;
};

function toSarifRule(rule: ReportRule): SarifRule {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    ...(rule.docs ? { helpUri: rule.docs } : {}),
    defaultConfiguration: { level: rule.defaultSeverity },
  };
}

/** A relative URI reference: each path segment percent-encoded (`<stdin>` → `%3Cstdin%3E`). */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
