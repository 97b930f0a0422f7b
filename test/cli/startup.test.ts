/**
 * The start-up tricks kept (issue 14, item 16), tested by what they must not change, not by what
 * Node or V8 do inside: the CLI bundle built with commander's lazy `node:child_process`
 * (scripts/startup-patches.mjs) runs every command, and the interrupt budget bin/flowc.js sets for
 * short runs (restored when a run turns long) leaves every result as the library computes it.
 * Their gains are measured in docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check } from '../../src/check.js';
import { compile } from '../../src/compile.js';
import { LONG_RUN_BYTES, processIo } from '../../src/cli/io.js';
import { generateFlow } from '../../bench/generate.mjs';
import { REPO } from './helpers.js';

const BIN = path.join(REPO, 'bin/flowc.js');

function flowc(argv: string[], nodeFlags: string[] = [], cwd = REPO) {
  return spawnSync(process.execPath, [...nodeFlags, BIN, ...argv], { cwd, encoding: 'utf8' });
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-startup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the CLI bundle (commander with a lazy node:child_process)', () => {
  test.each(['lint', 'render', 'fmt', 'watch', 'lsp', 'import'])(
    'flowc %s --help: its usage, exit 0',
    (command) => {
      const r = flowc([command, '--help']);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(r.stdout).toContain(`Usage: flowc ${command} [options]`);
    },
  );

  test('an unknown command and an unknown option are refused as commander refuses them (exit 2)', () => {
    const command = flowc(['rendr', 'x.flow']);
    expect(command.status).toBe(2);
    expect(command.stderr).toMatch(/unknown command 'rendr'.*\(Did you mean render\?\)/s);
    const option = flowc(['render', '--colour', 'x.flow']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("unknown option '--colour'");
  });
});

describe('the short-run interrupt budget, restored when a run turns long', () => {
  const cqrs = fs.readFileSync(path.join(REPO, 'samples/cqrs.flow'), 'utf8');

  test("a short render (the budget held throughout): the library's SVG, byte for byte", async () => {
    const out = path.join(dir, 'cqrs.svg');
    const r = flowc(['render', 'samples/cqrs.flow', '-o', out]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    const library = await compile(cqrs, { format: 'svg' });
    expect(fs.readFileSync(out, 'utf8')).toBe(library.output);
  });

  test("a lint of more than LONG_RUN_BYTES (the default restored mid-run): the library's diagnostics", () => {
    const file = path.join(dir, 'large.flow');
    const text = generateFlow({ nodes: 800, groups: 40, seed: 7 });
    fs.writeFileSync(file, text);
    expect(text.length).toBeGreaterThan(LONG_RUN_BYTES);
    const r = flowc(['lint', '--no-config', '-f', 'json', file]);
    const report = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number }[] }[];
    const { diagnostics } = check(text);
    const expected = diagnostics.map((d) => ({ ruleId: d.ruleId, line: d.span.line }));
    expect(report[0]!.messages.map((m) => ({ ruleId: m.ruleId, line: m.line }))).toEqual(expected);
    expect(r.status).toBe(diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
  });

  test("a budget on node's own command line is the user's: the CLI runs the same", async () => {
    const out = path.join(dir, 'cqrs.svg');
    const r = flowc(['render', 'samples/cqrs.flow', '-o', out], ['--interrupt-budget=5000']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.readFileSync(out, 'utf8')).toBe((await compile(cqrs, { format: 'svg' })).output);
  });
});

describe('processIo: a run turns long', () => {
  test('onLongRun is called once, when more than LONG_RUN_BYTES of input have been read', async () => {
    const small = path.join(dir, 'small.flow');
    fs.writeFileSync(small, 'x'.repeat(LONG_RUN_BYTES / 2));
    let calls = 0;
    const io = processIo({ onLongRun: () => calls++ });
    await io.fs.readFile(small);
    await io.fs.readFile(small);
    expect(calls).toBe(0); // exactly LONG_RUN_BYTES: not more
    await io.fs.readFile(small);
    expect(calls).toBe(1);
    await io.fs.readFile(small);
    io.longRun!();
    expect(calls).toBe(1);
  });

  test('longRun without a handler does nothing', () => {
    expect(() => processIo().longRun!()).not.toThrow();
  });
});
