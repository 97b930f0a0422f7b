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
  rules: CliRule[];
  /** Configuration file severities with `--rule` flags applied over them. */
  ruleSettings: Record<string, RuleSeverity>;
}

export async function loadSettings(options: CommonOptions, io: Io): Promise<Settings> {
  const rules = await loadRules();
  const knownRules = rules.map((rule) => rule.id);
  const fixedRules = rules.filter((rule) => !rule.configurable).map((rule) => rule.id);
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfig({
      cwd: io.cwd,
      fs: io.fs,
      explicitPath: typeof options.config === 'string' ? options.config : undefined,
      disabled: options.config === false,
      knownRules,
      fixedRules,
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const ruleSettings: Record<string, RuleSeverity> = { ...loaded.config.rules };
  for (const [id, severity] of Object.entries(
    parseRuleFlags(options.rule ?? [], knownRules, fixedRules),
  ))
    ruleSettings[id] = severity;
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
