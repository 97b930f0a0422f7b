/**
 * What lint and render share before they read any file: the configuration (file, then
 * command-line flags on top) and the rule severities that result.
 */
import * as path from 'node:path';
import {
  ConfigError,
  loadConfig,
  parseRuleSetting,
  type LoadedConfig,
  type RuleIds,
  type RuleSeverity,
} from '../config/index.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { loadRules, type CliRule } from './rules.js';
import { printable } from '../util/printable.js';

export interface CommonOptions {
  /** `--config FILE`, or false for `--no-config`. */
  config?: string | false;
  /** `--rule id=severity`, repeatable. */
  rule?: string[];
}

export interface Settings {
  loaded: LoadedConfig;
  /**
   * The rule registry, for reporters (descriptions, SARIF). Loaded when first asked for, as are
   * the rule ids when the configuration or a `--rule` flag names a rule: a run that reports no
   * diagnostic (a batch with nothing to render) never loads the validator's rules.
   */
  rules: () => Promise<CliRule[]>;
  /** Configuration file severities with `--rule` flags applied over them. */
  ruleSettings: Record<string, RuleSeverity>;
}

export async function loadSettings(options: CommonOptions, io: Io): Promise<Settings> {
  let registry: Promise<CliRule[]> | undefined;
  const rules = (): Promise<CliRule[]> => (registry ??= loadRules());
  const ruleIds = async (): Promise<RuleIds> => {
    const all = await rules();
    return {
      known: all.map((rule) => rule.id),
      fixed: all.filter((rule) => !rule.configurable).map((rule) => rule.id),
    };
  };
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfig({
      cwd: io.cwd,
      fs: io.fs,
      explicitPath: typeof options.config === 'string' ? options.config : undefined,
      disabled: options.config === false,
      ruleIds,
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const ruleSettings: Record<string, RuleSeverity> = { ...loaded.config.rules };
  const flags = options.rule ?? [];
  if (flags.length > 0) {
    const { known, fixed } = await ruleIds();
    for (const [id, severity] of Object.entries(parseRuleFlags(flags, known, fixed)))
      ruleSettings[id] = severity;
  }
  return { loaded, rules, ruleSettings };
}

/** `--rule id=off|warn|error` flags; every malformed one is reported at once. */
export function parseRuleFlags(
  flags: readonly string[],
  knownRules: readonly string[],
  fixedRules: readonly string[] = [],
): Record<string, RuleSeverity> {
  const settings: Record<string, RuleSeverity> = {};
  const problems: string[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) {
      problems.push(
        `--rule '${printable(flag)}': expected RULE=SEVERITY, e.g. --rule dead-end=off`,
      );
      continue;
    }
    const id = flag.slice(0, eq).trim();
    const result = parseRuleSetting(id, flag.slice(eq + 1).trim(), knownRules, fixedRules);
    if (typeof result === 'string') settings[id] = result;
    else problems.push(`--rule '${printable(flag)}': ${result.problem}`);
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return settings;
}

/** The configuration's ignore globs, for file discovery. */
export function ignoreRules(settings: Settings): { patterns: string[]; base: string } {
  return { patterns: settings.loaded.config.ignore, base: settings.loaded.base };
}

/** A path from the configuration, resolved against the configuration file's folder. */
export function configPath(settings: Settings, relative: string): string {
  return path.resolve(settings.loaded.base, relative);
}
