/**
 * The rule settings a document is linted with, found as `flowc lint` finds them for that file:
 * the nearest `flowc.config.json` from the file's folder upwards (or the one given with
 * `--config`, or none with `--no-config`), then `--rule` flags on top. A file the configuration
 * ignores gets no diagnostics, as `flowc lint` skips it. An invalid configuration is reported once
 * to the user and the file is linted with the defaults meanwhile.
 */
import * as path from 'node:path';
import { ignoreMatcher } from '../files/discover.js';
import { nodeFileSystem } from '../files/fs.js';
import {
  ConfigError,
  loadConfig,
  type LoadedConfig,
  type RuleIds,
  type RuleSeverity,
} from '../config/index.js';
import { rules } from '../validate/index.js';

export interface ServerConfigOptions {
  /** `--config FILE` (resolved against the server's working directory). */
  configFile?: string;
  /** `--no-config`. */
  noConfig?: boolean;
  /** `--rule id=severity` flags, already checked. */
  rules?: Record<string, RuleSeverity>;
}

export interface DocumentSettings {
  rules: Record<string, RuleSeverity>;
  /** True when the configuration's `ignore` globs cover the file: it gets no diagnostics. */
  ignored: boolean;
  /** The configuration file's problems, when it is invalid (then the defaults are used). */
  problem: string | null;
}

const RULE_IDS: RuleIds = {
  known: rules.map((r) => r.id),
  fixed: rules.filter((r) => !r.configurable).map((r) => r.id),
};

export class SettingsCache {
  private readonly configs = new Map<string, Promise<LoadedConfig | ConfigError>>();
  private readonly ignoreMatchers = new Map<string, Promise<(file: string) => boolean>>();

  constructor(
    private readonly options: ServerConfigOptions,
    private readonly cwd: string,
  ) {}

  /** Forget every configuration read (a `flowc.config.json` changed). */
  clear(): void {
    this.configs.clear();
    this.ignoreMatchers.clear();
  }

  /** Settings for a file on disk, or for an unsaved document (`file` null: the working directory's). */
  async forFile(file: string | null): Promise<DocumentSettings> {
    const folder = file ? path.dirname(file) : this.cwd;
    const loaded = await this.configFor(folder);
    const flags = this.options.rules ?? {};
    if (loaded instanceof ConfigError)
      return { rules: { ...flags }, ignored: false, problem: loaded.message };
    const ignored =
      file !== null && loaded.config.ignore.length > 0
        ? (await this.ignoreMatcher(loaded))(path.normalize(file))
        : false;
    return { rules: { ...loaded.config.rules, ...flags }, ignored, problem: null };
  }

  private configFor(folder: string): Promise<LoadedConfig | ConfigError> {
    let found = this.configs.get(folder);
    if (!found) {
      found = loadConfig({
        cwd: folder,
        fs: nodeFileSystem,
        explicitPath: this.options.configFile
          ? path.resolve(this.cwd, this.options.configFile)
          : undefined,
        disabled: this.options.noConfig === true,
        ruleIds: RULE_IDS,
      }).catch((error: unknown) => {
        if (error instanceof ConfigError) return error;
        throw error;
      });
      this.configs.set(folder, found);
    }
    return found;
  }

  private ignoreMatcher(loaded: LoadedConfig): Promise<(file: string) => boolean> {
    const key = `${loaded.path ?? ''}\n${loaded.base}`;
    let found = this.ignoreMatchers.get(key);
    if (!found) {
      found = ignoreMatcher({ patterns: loaded.config.ignore, base: loaded.base });
      this.ignoreMatchers.set(key, found);
    }
    return found;
  }
}
