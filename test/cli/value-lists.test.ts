/**
 * Issue 14, item 17: each list of values has one source. The command line's help and its option
 * checks come from the lists the stages define (directions, layouts, edge styles, themes,
 * formats, rule severities); lint's help names every reporter; and every option of every command
 * is documented in docs/cli.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIRECTIONS, LAYOUT_KINDS } from '../../src/model/diagram.js';
import { EDGE_STYLES } from '../../src/layout/types.js';
import { THEMES } from '../../src/emit/theme.js';
import { FORMATS } from '../../src/compile.js';
import {
  DIRECTION_VALUES,
  EDGE_VALUES,
  FORMAT_VALUES,
  LAYOUT_VALUES,
  RULE_SEVERITIES,
  THEME_VALUES,
} from '../../src/config/index.js';
import { REPORTER_NAMES } from '../../src/report/index.js';
import { REPO, run } from './helpers.js';

test('the configuration and the command line use the stages’ own lists', () => {
  expect(DIRECTION_VALUES).toBe(DIRECTIONS);
  expect(EDGE_VALUES).toBe(EDGE_STYLES);
  expect(THEME_VALUES).toBe(THEMES);
  expect(FORMAT_VALUES).toBe(FORMATS);
  expect(LAYOUT_VALUES).toEqual([...LAYOUT_KINDS, 'auto']);
});

const help = async (command: string): Promise<string> =>
  (await run([command, '--help'])).stdout.replace(/\s+/g, ' ');

test.each([
  ['render', '--direction', DIRECTIONS],
  ['render', '--layout', LAYOUT_VALUES],
  ['render', '--edges', EDGE_STYLES],
  ['render', '--theme', THEMES],
  ['render', '--format', FORMATS],
  ['render', '--rule', RULE_SEVERITIES],
  ['watch', '--direction', DIRECTIONS],
  ['watch', '--edges', EDGE_STYLES],
  ['watch', '--theme', THEMES],
  ['lint', '--format', REPORTER_NAMES],
] as const)('flowc %s --help lists every value of %s', async (command, option, values) => {
  const text = await help(command);
  const at = text.indexOf(` ${option} <`);
  expect(at).toBeGreaterThan(0);
  // The option's line runs to the next option.
  const line = text.slice(at, text.indexOf(' --', at + option.length + 2));
  for (const value of values) expect(line).toMatch(new RegExp(`\\b${value}\\b`));
});

test.each([
  ['--direction', DIRECTIONS, 'XY'],
  ['--layout', LAYOUT_VALUES, 'grid'],
  ['--edges', EDGE_STYLES, 'curvy'],
  ['--theme', THEMES, 'sepia'],
] as const)(
  'render %s accepts each value of its list and nothing else',
  async (option, values, bad) => {
    for (const value of values) {
      const r = await run(['render', '-', '-f', 'json', option, value], {
        stdin: 's: circle\ne: circle\ns -> e\n',
      });
      expect({ value, code: r.code, stderr: r.stderr }).toEqual({ value, code: 0, stderr: '' });
    }
    const r = await run(['render', '-', option, bad], { stdin: 's: circle\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`expected one of ${values.join(', ')}`);
  },
);

test('docs/cli.md documents every long option of every command', async () => {
  const docs = fs.readFileSync(path.join(REPO, 'docs/cli.md'), 'utf8');
  const missing: string[] = [];
  for (const command of ['lint', 'render', 'fmt', 'watch', 'lsp', 'import'])
    for (const [option] of (await help(command)).matchAll(/--[a-z][a-z-]+/g))
      if (option !== '--help' && !docs.includes(option)) missing.push(`${command} ${option}`);
  expect(missing).toEqual([]);
});
