/**
 * `flowc render` for one file in-process: formats, destinations, options, exit codes, atomic
 * writes, and `--check`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compile } from '../../src/compile.js';
import {
  CLEAN_FLOW,
  REPO,
  RULES_FLOW,
  SYNTAX_FLOW,
  WARNINGS_FLOW,
  run,
  tempTree,
} from './helpers.js';

let tree: { dir: string; cleanup: () => void };

beforeEach(() => {
  tree = tempTree({
    'clean.flow': CLEAN_FLOW,
    'warn.flow': WARNINGS_FLOW,
    'syntax.flow': SYNTAX_FLOW,
    'rules.flow': RULES_FLOW,
    '.git/HEAD': 'ref: refs/heads/main\n',
  });
});
afterEach(() => tree.cleanup());

const render = (args: string[], options: Parameters<typeof run>[1] = {}) =>
  run(['render', ...args], { cwd: tree.dir, ...options });
const read = (name: string) => fs.readFileSync(path.join(tree.dir, name));
const exists = (name: string) => fs.existsSync(path.join(tree.dir, name));

describe('flowc render: formats and destinations', () => {
  test('-o FILE.svg writes exactly what compile produces, and nothing on stdout or stderr', async () => {
    const r = await render(['clean.flow', '-o', 'out/clean.svg']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const expected = (await compile(CLEAN_FLOW, { format: 'svg' })).output as string;
    expect(read('out/clean.svg').toString('utf8')).toBe(expected);
  });

  test.each([
    ['x.json', 'json'],
    ['x.mmd', 'mermaid'],
    ['x.mermaid', 'mermaid'],
    ['x.dot', 'dot'],
    ['x.gv', 'dot'],
  ] as const)('the format follows the extension: %s is %s', async (file, format) => {
    expect((await render(['clean.flow', '-o', file])).code).toBe(0);
    const expected = (await compile(CLEAN_FLOW, { format })).output as string;
    expect(read(file).toString('utf8')).toBe(expected);
  });

  test('-o x.png writes a PNG', async () => {
    expect((await render(['clean.flow', '-o', 'x.png', '--scale', '1'])).code).toBe(0);
    expect(read('x.png').subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  test('without -o the output goes to stdout; -f picks the format (SVG by default)', async () => {
    const svg = await render(['clean.flow']);
    expect(svg.stdout.startsWith('<svg') || svg.stdout.startsWith('<?xml')).toBe(true);
    const mermaid = await render(['clean.flow', '-f', 'mermaid']);
    expect(mermaid.stdout).toBe((await compile(CLEAN_FLOW, { format: 'mermaid' })).output);
  });

  test('PNG goes to stdout only when stdout is not a terminal', async () => {
    const piped = await render(['clean.flow', '-f', 'png', '--scale', '1']);
    expect(piped.code).toBe(0);
    expect(piped.stdoutBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const terminal = await render(['clean.flow', '-f', 'png'], { stdoutIsTTY: true });
    expect(terminal.code).toBe(2);
    expect(terminal.stderr).toContain('refusing to write PNG data to a terminal');
  });

  test('- reads standard input', async () => {
    const r = await render(['-', '-f', 'dot'], { stdin: CLEAN_FLOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await compile(CLEAN_FLOW, { format: 'dot' })).output);
  });

  test('an unknown extension, a mismatching -f or an unknown -f value is misuse', async () => {
    expect((await render(['clean.flow', '-o', 'x.txt'])).stderr).toContain(
      "cannot tell the format from '.txt'",
    );
    const mismatch = await render(['clean.flow', '-f', 'svg', '-o', 'x.png']);
    expect(mismatch).toMatchObject({ code: 2 });
    expect(mismatch.stderr).toContain('-f svg does not match');
    const unknown = await render(['clean.flow', '-f', 'svgg']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown output format 'svgg'");
    expect(unknown.stderr).toContain("did you mean 'svg'?");
    expect(exists('x.txt') || exists('x.png')).toBe(false);
  });

  test('render options reach the output', async () => {
    const lr = (await render(['clean.flow', '-f', 'json'])).stdout;
    const tb = (await render(['clean.flow', '-f', 'json', '--direction', 'TB'])).stdout;
    expect(JSON.parse(tb).direction).toBe('TB');
    expect(tb).not.toBe(lr);
    const dark = (await render(['clean.flow', '--theme', 'dark'])).stdout;
    expect(dark).toBe((await compile(CLEAN_FLOW, { format: 'svg', theme: 'dark' })).output);
    const spline = (await render(['clean.flow', '-f', 'json', '--edges', 'spline'])).stdout;
    expect(JSON.parse(spline).edgeStyle).toBe('spline');
  });

  test('a direction asked and not drawn is said, once, on stderr (not with -q)', async () => {
    const cqrs = path.join(REPO, 'samples/cqrs.flow');
    const r = await render([cqrs, '-f', 'json', '--direction', 'TB']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).direction).toBe('LR');
    expect(r.stderr).toMatch(/^flowc: warning: .*cqrs\.flow: drawn LR instead of TB: .*\n$/);
    const quiet = await render([cqrs, '-f', 'json', '--direction', 'TB', '-q']);
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
  });

  test('PNG --width and --background', async () => {
    expect(
      (await render(['clean.flow', '-o', 'w.png', '--width', '321', '--background', 'white'])).code,
    ).toBe(0);
    const png = read('w.png');
    expect(png.readUInt32BE(16)).toBe(321); // IHDR width
  });

  test('invalid option values are rejected with the allowed values and a suggestion', async () => {
    const r = await render(['clean.flow', '--direction', 'tb']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected one of LR, TB, RL, BT (did you mean 'TB'?)");
    expect((await render(['clean.flow', '--scale', '0'])).code).toBe(2);
    expect((await render(['clean.flow', '--edges', 'curvy'])).stderr).toContain(
      'expected one of ortho, spline, straight',
    );
    expect((await render(['clean.flow', '--theme', 'drak'])).stderr).toContain(
      "did you mean 'dark'?",
    );
  });

  test('no input is misuse', async () => {
    const r = await render([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no input');
  });

  test('an unreadable input exits 2', async () => {
    const r = await render(['missing.flow', '-o', 'x.svg']);
    expect(r).toMatchObject({ code: 2, stderr: 'flowc: missing.flow: no such file or folder\n' });
  });
});

describe('flowc render: diagrams with problems', () => {
  test('a file that cannot be drawn writes nothing, prints diagnostics on stderr and exits 1', async () => {
    fs.writeFileSync(path.join(tree.dir, 'keep.svg'), 'old');
    const r = await render(['syntax.flow', '-o', 'keep.svg']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('syntax.flow:3:4  error  unknown shape');
    expect(r.stderr).toContain('flowc: syntax.flow was not rendered: fix the errors above\n');
    expect(read('keep.svg').toString()).toBe('old');
  });

  test('a file with rule errors is drawn (offending nodes marked) and exits 1', async () => {
    const r = await render(['rules.flow', '-o', 'rules.svg']);
    expect(r.code).toBe(1);
    expect(read('rules.svg').toString('utf8')).toBe(
      (await compile(RULES_FLOW, { format: 'svg' })).output,
    );
    expect(r.stderr).toContain('unreachable-node');
    expect(r.stderr).toContain(
      'flowc: rules.flow has 3 errors; the diagram was drawn with the offending nodes marked\n',
    );
  });

  test('an error on an edge marks no node, and the message does not claim it (issue 14, item 12)', async () => {
    fs.writeFileSync(
      path.join(tree.dir, 'branch.flow'),
      [
        's: circle label:"Start"',
        'd: diamond label:"OK?"',
        'e: circle label:"End"',
        's -> d',
        'd -> e [label="yes"]',
        'd -> e',
        '',
      ].join('\n'),
    );
    const svg = await render(['branch.flow', '-o', 'branch.svg']);
    expect(svg.code).toBe(1);
    expect(svg.stderr).toContain('unlabelled-branch');
    expect(read('branch.svg').toString('utf8')).not.toContain('flowc-node-error');
    expect(svg.stderr).toContain(
      'flowc: branch.flow has 1 error; the diagram was drawn all the same (the errors are not on nodes: nothing is marked)\n',
    );
    const dot = await render(['rules.flow', '-o', 'rules.dot']);
    expect(dot.stderr).toContain(
      'flowc: rules.flow has 3 errors; the DOT was written all the same\n',
    );
  });

  test('warnings are printed on stderr and exit 0; --quiet hides them', async () => {
    const r = await render(['warn.flow', '-o', 'warn.svg']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dead-end');
    expect((await render(['warn.flow', '-o', 'warn.svg', '--quiet'])).stderr).toBe('');
  });

  test('--rule applies to render too', async () => {
    const r = await render([
      'rules.flow',
      '-o',
      'r.svg',
      '--rule',
      'unreachable-node=off',
      '--rule',
      'unlabelled-branch=warn',
      '--rule',
      'unknown-attribute=warn',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('unreachable-node');
  });
});

describe('flowc render: atomic writes', () => {
  test('a failed write leaves the old file intact and no temporary file behind', async () => {
    fs.writeFileSync(path.join(tree.dir, 'out.svg'), 'previous content');
    const failingWrite = async (file: string, data: string | Uint8Array) => {
      // Write part of the data, then fail, as a full disk would.
      fs.writeFileSync(file, typeof data === 'string' ? data.slice(0, 10) : data.subarray(0, 10));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const r = await render(['clean.flow', '-o', 'out.svg'], { fs: { writeFile: failingWrite } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('flowc: cannot write out.svg: no space left on the device\n');
    expect(read('out.svg').toString()).toBe('previous content');
    expect(fs.readdirSync(tree.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('a failed rename leaves no temporary file and no partial output', async () => {
    const r = await render(['clean.flow', '-o', 'fresh.svg'], {
      fs: {
        rename: async () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })),
      },
    });
    expect(r.code).toBe(2);
    expect(exists('fresh.svg')).toBe(false);
    expect(fs.readdirSync(tree.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('an output folder that cannot be created exits 2', async () => {
    fs.writeFileSync(path.join(tree.dir, 'blocker'), '');
    const r = await render(['clean.flow', '-o', 'blocker/x.svg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flowc: cannot write blocker\/x\.svg: /);
  });
});

describe('flowc render --check', () => {
  test('up to date: exit 0', async () => {
    await render(['clean.flow', '-o', 'clean.svg']);
    const r = await render(['--check', 'clean.flow', '-o', 'clean.svg']);
    expect(r).toMatchObject({ code: 0, stdout: '✔ 1 output up to date\n' });
  });

  test('stale: exit 1, named; the file is not touched', async () => {
    await render(['clean.flow', '-o', 'clean.svg']);
    fs.appendFileSync(path.join(tree.dir, 'clean.svg'), '\n');
    const before = read('clean.svg');
    const r = await render(['--check', 'clean.flow', '-o', 'clean.svg']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('stale  clean.svg  (from clean.flow)');
    expect(r.stdout).toContain('✖ 1 of 1 outputs out of date');
    expect(read('clean.svg').equals(before)).toBe(true);
  });

  test('missing: exit 1', async () => {
    const r = await render(['--check', 'clean.flow', '-o', 'clean.png']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('missing  clean.png  (from clean.flow)');
    expect(exists('clean.png')).toBe(false);
  });

  test('options count: a file rendered with --direction TB is stale for the default', async () => {
    await render(['clean.flow', '-o', 'c.json', '--direction', 'TB']);
    expect(
      (await render(['--check', 'clean.flow', '-o', 'c.json', '--direction', 'TB'])).code,
    ).toBe(0);
    expect((await render(['--check', 'clean.flow', '-o', 'c.json'])).code).toBe(1);
  });

  test('several files: outputs beside their sources, or mirrored under -o DIR', async () => {
    fs.mkdirSync(path.join(tree.dir, 'docs/sub'), { recursive: true });
    fs.writeFileSync(path.join(tree.dir, 'docs/a.flow'), CLEAN_FLOW);
    fs.writeFileSync(path.join(tree.dir, 'docs/sub/b.flow'), CLEAN_FLOW);
    const svg = (await compile(CLEAN_FLOW, { format: 'svg' })).output as string;
    fs.writeFileSync(path.join(tree.dir, 'docs/a.svg'), svg);
    const beside = await render(['--check', 'docs']);
    expect(beside.code).toBe(1);
    expect(beside.stdout).toBe(
      `missing  ${path.join('docs', 'sub', 'b.svg')}  (from ${path.join('docs', 'sub', 'b.flow')})\n✖ 1 of 2 outputs out of date: run flowc render to update them\n`,
    );
    fs.writeFileSync(path.join(tree.dir, 'docs/sub/b.svg'), svg);
    expect((await render(['--check', 'docs'])).code).toBe(0);

    fs.mkdirSync(path.join(tree.dir, 'img/sub'), { recursive: true });
    fs.writeFileSync(path.join(tree.dir, 'img/a.svg'), svg);
    fs.writeFileSync(path.join(tree.dir, 'img/sub/b.svg'), svg);
    expect((await render(['--check', 'docs', '-o', 'img'])).code).toBe(0);
    expect((await render(['--check', 'docs/a.flow', 'docs/sub/b.flow', '-o', 'img/'])).code).toBe(
      0,
    );
    const twoFormats = await render(['--check', 'docs', '-o', 'img', '-f', 'svg,json']);
    expect(twoFormats.code).toBe(1);
    expect(twoFormats.stdout).toContain(`missing  ${path.join('img', 'a.json')}`);
  });

  test('a source that cannot be drawn fails the check with its diagnostics', async () => {
    const r = await render(['--check', 'syntax.flow', '-o', 'syntax.svg']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown shape');
    expect(r.stderr).toContain('syntax.flow could not be rendered');
  });

  test('standard input cannot be checked', async () => {
    expect((await render(['--check', '-'], { stdin: CLEAN_FLOW })).code).toBe(2);
  });
});
