/**
 * Options several commands share, each defined once: the render options (whose values are the
 * lists their stages define, read through src/config), and the configuration, rule, stdin-name
 * and debug options. The help text of a value list is made from the list, so a new direction,
 * theme, edge style, layout or format shows in every command's help by itself.
 */
import { Option, type Command } from 'commander';
import {
  DIRECTION_VALUES,
  EDGE_VALUES,
  FORMAT_VALUES,
  LAYOUT_VALUES,
  RULE_SEVERITIES,
  THEME_VALUES,
} from '../config/index.js';
import { choice, collect } from './options.js';

/** `a, b or c`. */
export function orList(values: readonly string[]): string {
  return values.length <= 1
    ? values.join('')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]!}`;
}

/** What each `--layout` value means, for the help (a value without a line is a type error). */
const LAYOUT_HELP: Record<(typeof LAYOUT_VALUES)[number], string> = {
  layered: 'groups as clusters',
  lanes: 'groups as swimlanes',
  auto: "default: the file's layout setting, else the one that measures better",
};

export function directionOption(): Option {
  return new Option('--direction <dir>', `layout direction: ${orList(DIRECTION_VALUES)}`).argParser(
    choice(DIRECTION_VALUES),
  );
}

export function layoutOption(): Option {
  const values = LAYOUT_VALUES.map((value) => `${value} (${LAYOUT_HELP[value]})`);
  return new Option('--layout <kind>', `placement: ${orList(values)}`).argParser(
    choice(LAYOUT_VALUES),
  );
}

export function edgesOption(): Option {
  return new Option('--edges <style>', `edge routing: ${orList(EDGE_VALUES)}`).argParser(
    choice(EDGE_VALUES),
  );
}

/** `what` says what the theme colours ("colour theme", "the page's theme"). */
export function themeOption(what: string, auto: string): Option {
  return new Option('--theme <theme>', `${what}: ${orList(THEME_VALUES)} (${auto})`).argParser(
    choice(THEME_VALUES),
  );
}

/** `-f` of render: collected as typed; the render command splits the commas and validates. */
export function formatOption(): Option {
  return new Option(
    '-f, --format <formats>',
    `${orList(FORMAT_VALUES)} (default: from the output extension, else ${FORMAT_VALUES[0]}); comma-separated for several`,
  ).argParser(collect);
}

export function addRuleOption(command: Command): Command {
  return command.option(
    '--rule <id=severity>',
    `set a rule to ${orList(RULE_SEVERITIES)} (repeatable; wins over the configuration)`,
    collect,
  );
}

/** `-c/--config` and `--no-config`; `help` says what the file is used for. */
export function addConfigOptions(
  command: Command,
  help = 'use this configuration file instead of the nearest flowc.config.json',
): Command {
  return command
    .option('-c, --config <file>', help)
    .option('--no-config', 'use no configuration file');
}

export function addStdinFilenameOption(command: Command): Command {
  return command.option('--stdin-filename <name>', 'the file name to report for standard input');
}

export function addDebugOption(command: Command): Command {
  return command.option('--debug', 'print the stack trace of an internal error');
}
