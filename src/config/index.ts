/**
 * `flowc.config.json`: rule severities, ignore globs and render defaults for a repository.
 *
 *   {
 *     "rules": { "dead-end": "off", "single-branch": "error" },
 *     "ignore": ["drafts/**"],
 *     "render": { "direction": "TB", "theme": "dark", "format": "svg", "outDir": "docs/img" }
 *   }
 *
 * Found by walking up from the working directory (stopping after a folder that holds `.git`,
 * or at the filesystem root), or named with `--config`. Validated by hand so every mistake is
 * reported at once, by its JSON path, with a "did you mean" for misspelt keys and rule ids.
 */
import * as path from 'node:path';
import { DIRECTIONS, LAYOUT_KINDS, type Direction, type LayoutKind } from '../model/placement.js';
import { EDGE_STYLES, type EdgeStyle } from '../layout/types.js';
import { FORMATS, type Format } from '../emit/formats.js';
import { THEMES, type Theme } from '../emit/theme.js';
import { shownPath } from '../util/paths.js';
import { printable, safeJson } from '../util/printable.js';
import { didYouMean } from '../util/suggest.js';
import { describeFsError, isFile, isFsError, pathExists, type FileSystem } from '../files/fs.js';
import { formatLimit, MAX_CONFIG_BYTES, MAX_GLOB_LENGTH, MAX_IGNORE_GLOBS } from '../limits.js';

export const CONFIG_FILE_NAME = 'flowc.config.json';

export type RuleSeverity = 'off' | 'warn' | 'error';
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['off', 'warn', 'error'];

// The values of the render options, for the configuration and the command line (which may not
// import the stages): each is the list its stage defines.
export const DIRECTION_VALUES = DIRECTIONS;
export const LAYOUT_VALUES = [...LAYOUT_KINDS, 'auto'] as const;
export const EDGE_VALUES = EDGE_STYLES;
export const THEME_VALUES = THEMES;
export const FORMAT_VALUES = FORMATS;

export interface RenderDefaults {
  direction?: Direction;
  layout?: LayoutKind | 'auto';
  edges?: EdgeStyle;
  theme?: Theme;
  format?: Format;
  scale?: number;
  width?: number;
  background?: string;
  /** Where `flowc render` writes outputs when no `-o` is given; relative to the config file. */
  outDir?: string;
}

export interface FlowcConfig {
  rules: Record<string, RuleSeverity>;
  ignore: string[];
  render: RenderDefaults;
}

export interface LoadedConfig {
  config: FlowcConfig;
  /** The file it came from; null when none was found (the empty configuration). */
  path: string | null;
  /** The folder relative paths in the configuration are resolved against. */
  base: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const EMPTY_CONFIG: FlowcConfig = { rules: {}, ignore: [], render: {} };

const TOP_KEYS = ['$schema', 'rules', 'ignore', 'render'];
const RENDER_KEYS = [
  'direction',
  'layout',
  'edges',
  'theme',
  'format',
  'scale',
  'width',
  'background',
  'outDir',
];

/** The nearest `flowc.config.json` from `cwd` upwards, or null. */
export async function findConfigFile(cwd: string, fs: FileSystem): Promise<string | null> {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (await isFile(fs, candidate)) return candidate;
    // A repository's root is as far as its configuration can come from.
    if (await pathExists(fs, path.join(dir, '.git'))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export interface LoadConfigOptions {
  cwd: string;
  fs: FileSystem;
  /** `--config FILE`; when given it must exist. */
  explicitPath?: string;
  /** `--no-config`: use no configuration file at all. */
  disabled?: boolean;
  /**
   * The rule ids, or how to get them: asked for only when the file has a `rules` section (the CLI
   * loads the rule registry for them, which a run whose configuration names no rule never needs).
   */
  ruleIds: RuleIds | (() => Promise<RuleIds>);
}

/** The rule ids a configuration may name, and those that are always errors (may only say "error"). */
export interface RuleIds {
  known: readonly string[];
  fixed: readonly string[];
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const { cwd, fs } = options;
  if (options.disabled) return { config: EMPTY_CONFIG, path: null, base: cwd };
  const file = options.explicitPath
    ? path.resolve(cwd, options.explicitPath)
    : await findConfigFile(cwd, fs);
  if (file === null) return { config: EMPTY_CONFIG, path: null, base: cwd };
  const shown = shownPath(cwd, file);
  let text: string;
  try {
    text = (await fs.readFile(file, MAX_CONFIG_BYTES)).toString('utf8');
  } catch (error) {
    if (!isFsError(error)) throw error;
    throw new ConfigError(shown, [describeFsError(error, 'cannot read it')]);
  }
  const data = parseJson(text, shown);
  const { ruleIds } = options;
  const ids =
    isObject(data) && data['rules'] !== undefined
      ? typeof ruleIds === 'function'
        ? await ruleIds()
        : ruleIds
      : NO_RULE_IDS; // not consulted: there are no rule settings to check
  return {
    config: checkConfig(data, shown, ids.known, ids.fixed),
    path: file,
    base: path.dirname(file),
  };
}

const NO_RULE_IDS: RuleIds = { known: [], fixed: [] };

/** Parses and validates the text of a configuration file; throws ConfigError listing every problem. */
export function parseConfig(
  text: string,
  file: string,
  knownRules: readonly string[],
  fixedRules: readonly string[] = [],
): FlowcConfig {
  return checkConfig(parseJson(text, file), file, knownRules, fixedRules);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
}

/** Validates a configuration file's parsed JSON; throws ConfigError listing every problem. */
function checkConfig(
  data: unknown,
  file: string,
  knownRules: readonly string[],
  fixedRules: readonly string[],
): FlowcConfig {
  const problems: string[] = [];
  if (!isObject(data)) throw new ConfigError(file, ['the configuration must be a JSON object']);
  checkKeys(data, TOP_KEYS, '', problems);
  const config: FlowcConfig = {
    rules: readRules(data['rules'], knownRules, fixedRules, problems),
    ignore: readIgnore(data['ignore'], problems),
    render: readRender(data['render'], problems),
  };
  if (problems.length > 0) throw new ConfigError(file, problems);
  return config;
}

function readRules(
  value: unknown,
  knownRules: readonly string[],
  fixedRules: readonly string[],
  problems: string[],
): Record<string, RuleSeverity> {
  const rules: Record<string, RuleSeverity> = {};
  if (value === undefined) return rules;
  if (!isObject(value)) {
    problems.push(`rules: expected an object mapping rule ids to "off", "warn" or "error"`);
    return rules;
  }
  for (const [id, setting] of Object.entries(value)) {
    const at = `rules${keyPath(id)}`;
    const severity = parseRuleSetting(id, setting, knownRules, fixedRules);
    if (typeof severity === 'string') rules[id] = severity;
    else problems.push(`${at}: ${severity.problem}`);
  }
  return rules;
}

/** A rule id and severity as given in the file or on the command line; a problem in words when invalid. */
export function parseRuleSetting(
  id: string,
  setting: unknown,
  knownRules: readonly string[],
  fixedRules: readonly string[] = [],
): RuleSeverity | { problem: string } {
  if (!knownRules.includes(id)) {
    const suggestion = didYouMean(id, knownRules);
    return {
      problem: `unknown rule '${printable(id)}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    };
  }
  if (typeof setting === 'string' && RULE_SEVERITIES.includes(setting as RuleSeverity)) {
    if (setting !== 'error' && fixedRules.includes(id)) {
      return {
        problem: `rule '${printable(id)}' cannot be set to "${setting}": its errors leave no diagram to draw, so it is always an error`,
      };
    }
    return setting as RuleSeverity;
  }
  const shown = safeJson(setting);
  // ESLint users write "warning" (and numbers 0/1/2 are its older form): point them to the word.
  const aliases: Record<string, RuleSeverity> = {
    warning: 'warn',
    '0': 'off',
    '1': 'warn',
    '2': 'error',
  };
  const suggestion =
    aliases[String(setting).toLowerCase()] ??
    (typeof setting === 'string' ? didYouMean(setting, RULE_SEVERITIES) : null);
  const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
  return { problem: `invalid severity ${shown}: expected "off", "warn" or "error"${hint}` };
}

function readIgnore(value: unknown, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('ignore: expected an array of glob strings');
    return [];
  }
  if (value.length > MAX_IGNORE_GLOBS) {
    problems.push(
      `ignore: ${formatLimit(value.length)} globs, more than the ${formatLimit(MAX_IGNORE_GLOBS)} flowc accepts (docs/limits.md): match folders ('drafts/**') rather than files one by one`,
    );
    return [];
  }
  const globs: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string' && item.length > MAX_GLOB_LENGTH)
      problems.push(
        `ignore[${index}]: a glob of ${formatLimit(item.length)} characters, more than the ${formatLimit(MAX_GLOB_LENGTH)} flowc accepts (docs/limits.md)`,
      );
    else if (typeof item === 'string' && item.trim() !== '') globs.push(item);
    else
      problems.push(
        `ignore[${index}]: expected a non-empty glob string, got ${printableJson(item)}`,
      );
  });
  return globs;
}

/** A value as JSON in a message, cut short when long (a problem line stays one line). */
function printableJson(value: unknown): string {
  const text = safeJson(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function readRender(value: unknown, problems: string[]): RenderDefaults {
  const render: RenderDefaults = {};
  if (value === undefined) return render;
  if (!isObject(value)) {
    problems.push('render: expected an object');
    return render;
  }
  checkKeys(value, RENDER_KEYS, 'render', problems);
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    const suggestion = typeof v === 'string' ? didYouMean(v, allowed) : null;
    problems.push(
      `render.${key}: invalid value ${safeJson(v)}: expected one of ${allowed.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    );
    return undefined;
  };
  const positive = (key: string): number | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
    problems.push(`render.${key}: expected a positive number, got ${safeJson(v)}`);
    return undefined;
  };
  const text = (key: string): string | undefined => {
    const v = value[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && v.trim() !== '') return v;
    problems.push(`render.${key}: expected a non-empty string, got ${safeJson(v)}`);
    return undefined;
  };
  const fields: RenderDefaults = {
    direction: pick('direction', DIRECTION_VALUES),
    layout: pick('layout', LAYOUT_VALUES),
    edges: pick('edges', EDGE_VALUES),
    theme: pick('theme', THEME_VALUES),
    format: pick('format', FORMAT_VALUES),
    scale: positive('scale'),
    width: positive('width'),
    background: text('background'),
    outDir: text('outDir'),
  };
  for (const [key, v] of Object.entries(fields))
    if (v !== undefined) (render as Record<string, unknown>)[key] = v;
  return render;
}

function checkKeys(
  object: Record<string, unknown>,
  allowed: readonly string[],
  at: string,
  problems: string[],
): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const suggestion = didYouMean(key, allowed);
    const where = at === '' ? key : `${at}${keyPath(key)}`;
    problems.push(
      `${where}: unknown key '${printable(key)}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    );
  }
}

function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${safeJson(key)}]`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
