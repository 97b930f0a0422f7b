/**
 * Configuration: the file format (validated by hand, every problem at once, by JSON path, with
 * suggestions), where it is found, and its effect end-to-end through the CLI — severities from
 * the file and from --rule (the flag wins), ignore globs, render defaults, and inline
 * suppression comments.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, findConfigFile, loadConfig, parseConfig } from '../../src/config/index.js';
import { nodeFileSystem } from '../../src/files/fs.js';
import { compile } from '../../src/compile.js';
import { CLEAN_FLOW, WARNINGS_FLOW, run, tempTree } from '../cli/helpers.js';

const KNOWN = ['dead-end', 'single-branch', 'unreachable-node', 'syntax'];

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, 'flowc.config.json', KNOWN, ['syntax']);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  test('a full, valid configuration', () => {
    const config = parseConfig(
      JSON.stringify({
        $schema: './x.json',
        rules: { 'dead-end': 'off', 'single-branch': 'error', syntax: 'error' },
        ignore: ['drafts/**'],
        render: {
          direction: 'TB',
          edges: 'spline',
          theme: 'dark',
          format: 'png',
          scale: 3,
          width: 800,
          background: 'white',
          outDir: 'img',
        },
      }),
      'flowc.config.json',
      KNOWN,
      ['syntax'],
    );
    expect(config).toEqual({
      rules: { 'dead-end': 'off', 'single-branch': 'error', syntax: 'error' },
      ignore: ['drafts/**'],
      render: {
        direction: 'TB',
        edges: 'spline',
        theme: 'dark',
        format: 'png',
        scale: 3,
        width: 800,
        background: 'white',
        outDir: 'img',
      },
    });
  });

  test('an empty object is the empty configuration; a BOM is accepted', () => {
    expect(parseConfig('\uFEFF{}', 'f', KNOWN)).toEqual({ rules: {}, ignore: [], render: {} });
  });

  test('every problem is reported at once, at its JSON path, with suggestions', () => {
    expect(
      problemsOf(
        JSON.stringify({
          rule: {},
          rules: {
            'dead-ends': 'off',
            'single-branch': 'warning',
            syntax: 'off',
            'unreachable-node': 1,
          },
          ignore: ['ok', 3],
          render: {
            direction: 'tb',
            sacle: 2,
            scale: -1,
            theme: 'drak',
            format: 'svgz',
            background: '',
          },
        }),
      ),
    ).toEqual([
      "rule: unknown key 'rule' (did you mean 'rules'?)",
      "rules[\"dead-ends\"]: unknown rule 'dead-ends' (did you mean 'dead-end'?)",
      'rules["single-branch"]: invalid severity "warning": expected "off", "warn" or "error" (did you mean \'warn\'?)',
      'rules.syntax: rule \'syntax\' cannot be set to "off": its errors leave no diagram to draw, so it is always an error',
      'rules["unreachable-node"]: invalid severity 1: expected "off", "warn" or "error" (did you mean \'warn\'?)',
      'ignore[1]: expected a non-empty glob string, got 3',
      "render.sacle: unknown key 'sacle' (did you mean 'scale'?)",
      'render.direction: invalid value "tb": expected one of LR, TB, RL, BT (did you mean \'TB\'?)',
      'render.theme: invalid value "drak": expected one of light, dark, auto (did you mean \'dark\'?)',
      'render.format: invalid value "svgz": expected one of svg, png, json, mermaid, dot (did you mean \'svg\'?)',
      'render.scale: expected a positive number, got -1',
      'render.background: expected a non-empty string, got ""',
    ]);
  });

  test('wrong types at the top', () => {
    expect(problemsOf('[]')).toEqual(['the configuration must be a JSON object']);
    expect(problemsOf('{"rules": []}')).toEqual([
      'rules: expected an object mapping rule ids to "off", "warn" or "error"',
    ]);
    expect(problemsOf('{"ignore": "x"}')).toEqual(['ignore: expected an array of glob strings']);
    expect(problemsOf('{"render": 1}')).toEqual(['render: expected an object']);
    expect(problemsOf('{"rules": {')[0]).toMatch(/^not valid JSON: /);
  });
});

describe('findConfigFile', () => {
  test('walks up from the cwd, and stops at the repository root (.git)', async () => {
    const tree = tempTree({
      'flowc.config.json': '{}',
      'repo/.git/HEAD': '',
      'repo/a/b/x.flow': '',
      'repo2/flowc.config.json': '{}',
      'repo2/a/b/x.flow': '',
    });
    try {
      expect(await findConfigFile(path.join(tree.dir, 'repo/a/b'), nodeFileSystem)).toBeNull();
      expect(await findConfigFile(path.join(tree.dir, 'repo2/a/b'), nodeFileSystem)).toBe(
        path.join(tree.dir, 'repo2/flowc.config.json'),
      );
      expect(await findConfigFile(path.join(tree.dir, 'repo2'), nodeFileSystem)).toBe(
        path.join(tree.dir, 'repo2/flowc.config.json'),
      );
    } finally {
      tree.cleanup();
    }
  });
});

describe('loadConfig', () => {
  // The CLI gets the rule ids from the validator's registry: a configuration without a `rules`
  // section (or no configuration) must not need them, so a run that reports nothing never loads it.
  test('asks for the rule ids only when the file has a rules section, and checks them then', async () => {
    const tree = tempTree({
      'plain/flowc.config.json': '{"ignore": ["drafts/**"], "render": {"direction": "TB"}}',
      'plain/.git/HEAD': '',
      'ruled/flowc.config.json': '{"rules": {"dead-ends": "off", "single-branch": "warn"}}',
      'ruled/.git/HEAD': '',
      'none/.git/HEAD': '',
    });
    let asked = 0;
    const ruleIds = async () => {
      asked++;
      return { known: KNOWN, fixed: ['syntax'] };
    };
    try {
      const load = (folder: string) =>
        loadConfig({ cwd: path.join(tree.dir, folder), fs: nodeFileSystem, ruleIds });
      expect((await load('plain')).config).toEqual({
        rules: {},
        ignore: ['drafts/**'],
        render: { direction: 'TB' },
      });
      expect((await load('none')).path).toBeNull();
      expect(asked).toBe(0);
      const error = await load('ruled').catch((e: unknown) => e);
      expect(asked).toBe(1);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        "rules[\"dead-ends\"]: unknown rule 'dead-ends' (did you mean 'dead-end'?)",
      ]);
    } finally {
      tree.cleanup();
    }
  });
});

describe('configuration through the CLI', () => {
  let tree: { dir: string; cleanup: () => void };
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(tree.dir, name)), { recursive: true });
    fs.writeFileSync(path.join(tree.dir, name), text);
  };
  beforeEach(() => {
    tree = tempTree({ '.git/HEAD': '', 'warn.flow': WARNINGS_FLOW, 'clean.flow': CLEAN_FLOW });
  });
  afterEach(() => tree.cleanup());

  test('severities from the file apply, and --rule wins over them', async () => {
    write(
      'flowc.config.json',
      JSON.stringify({ rules: { 'dead-end': 'error', 'single-branch': 'off' } }),
    );
    const fromFile = await run(['lint', 'warn.flow', '-f', 'compact'], { cwd: tree.dir });
    expect(fromFile.code).toBe(1);
    expect(fromFile.stdout).toMatch(/^warn\.flow:4:1: error the flow stops at .* \[dead-end\]\n$/);
    const flagWins = await run(
      [
        'lint',
        'warn.flow',
        '-f',
        'compact',
        '--rule',
        'dead-end=warn',
        '--rule',
        'single-branch=error',
      ],
      { cwd: tree.dir },
    );
    expect(flagWins.code).toBe(1);
    expect(flagWins.stdout).toContain('warn.flow:3:1: error');
    expect(flagWins.stdout).toContain('warn.flow:4:1: warning');
  });

  test('the configuration is found from a subfolder', async () => {
    write(
      'flowc.config.json',
      JSON.stringify({ rules: { 'dead-end': 'off', 'single-branch': 'off' } }),
    );
    write('sub/deeper/w.flow', WARNINGS_FLOW);
    const r = await run(['lint', 'w.flow'], { cwd: path.join(tree.dir, 'sub/deeper') });
    expect(r).toMatchObject({ code: 0, stdout: '✔ 1 file checked, no problems\n' });
  });

  test('--config names a file; --no-config ignores the one found', async () => {
    write('ci/strict.json', JSON.stringify({ rules: { 'dead-end': 'error' } }));
    write(
      'flowc.config.json',
      JSON.stringify({ rules: { 'dead-end': 'off', 'single-branch': 'off' } }),
    );
    expect(
      (await run(['lint', 'warn.flow', '--config', 'ci/strict.json'], { cwd: tree.dir })).code,
    ).toBe(1);
    const none = await run(['lint', 'warn.flow', '--no-config', '-f', 'compact'], {
      cwd: tree.dir,
    });
    expect(none.stdout).toContain('[dead-end]');
    expect(none.stdout).toContain('[single-branch]');
    const missing = await run(['lint', 'warn.flow', '--config', 'nope.json'], { cwd: tree.dir });
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'flowc: invalid configuration nope.json:\n  no such file or folder\n',
    });
  });

  test('unknown keys and rule ids exit 2 with a suggestion, for lint and render', async () => {
    write(
      'flowc.config.json',
      JSON.stringify({ rules: { 'unreachable-nodes': 'off' }, ignroe: [] }),
    );
    const lint = await run(['lint', 'clean.flow'], { cwd: tree.dir });
    expect(lint.code).toBe(2);
    expect(lint.stdout).toBe('');
    expect(lint.stderr).toBe(
      'flowc: invalid configuration flowc.config.json:\n' +
        "  ignroe: unknown key 'ignroe' (did you mean 'ignore'?)\n" +
        "  rules[\"unreachable-nodes\"]: unknown rule 'unreachable-nodes' (did you mean 'unreachable-node'?)\n",
    );
    const render = await run(['render', 'clean.flow', '-o', 'x.svg'], { cwd: tree.dir });
    expect(render.code).toBe(2);
    expect(fs.existsSync(path.join(tree.dir, 'x.svg'))).toBe(false);
  });

  test('ignore globs leave files out of folders, globs and explicit names', async () => {
    write('flowc.config.json', JSON.stringify({ ignore: ['drafts/**', '**/*.wip.flow'] }));
    write('drafts/a.flow', 'broken {');
    write('docs/b.wip.flow', 'broken {');
    write('docs/c.flow', CLEAN_FLOW);
    const r = await run(['lint', '.', '-f', 'json'], { cwd: tree.dir });
    expect((JSON.parse(r.stdout) as Array<{ filePath: string }>).map((f) => f.filePath)).toEqual([
      'clean.flow',
      path.join('docs', 'c.flow'),
      'warn.flow',
    ]);
    expect(r.code).toBe(0);
    const named = await run(['lint', 'drafts/a.flow', 'docs/c.flow', '-f', 'json'], {
      cwd: tree.dir,
    });
    expect(JSON.parse(named.stdout)).toHaveLength(1);
    const allIgnored = await run(['lint', 'drafts'], { cwd: tree.dir });
    expect(allIgnored.code).toBe(2);
    expect(allIgnored.stderr).toContain('is ignored by the configuration');
  });

  test('render defaults come from the file; flags win', async () => {
    write(
      'flowc.config.json',
      JSON.stringify({ render: { direction: 'TB', theme: 'dark', format: 'json' } }),
    );
    const r = await run(['render', 'clean.flow'], { cwd: tree.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).direction).toBe('TB');
    const flag = await run(['render', 'clean.flow', '--direction', 'RL'], { cwd: tree.dir });
    expect(JSON.parse(flag.stdout).direction).toBe('RL');
    const svg = await run(['render', 'clean.flow', '-o', 'x.svg'], { cwd: tree.dir });
    expect(fs.readFileSync(path.join(tree.dir, 'x.svg'), 'utf8')).toBe(
      (await compile(CLEAN_FLOW, { format: 'svg', direction: 'TB', theme: 'dark' })).output,
    );
    expect(svg.code).toBe(0);
  });

  test('render.outDir is where --check looks, mirrored from the configuration folder whichever files are given', async () => {
    write('flowc.config.json', JSON.stringify({ render: { outDir: 'img' } }));
    write('docs/c.flow', CLEAN_FLOW);
    write('docs/sub/d.flow', CLEAN_FLOW);
    const svg = (await compile(CLEAN_FLOW, { format: 'svg' })).output as string;
    write('img/docs/c.svg', svg);
    write('img/docs/sub/d.svg', svg);
    expect(await run(['render', '--check', 'docs'], { cwd: tree.dir })).toMatchObject({
      code: 0,
      stdout: '✔ 2 outputs up to date\n',
    });
    // A pre-commit hook passes only the changed file, from the repository root or anywhere below.
    expect((await run(['render', '--check', 'docs/sub/d.flow'], { cwd: tree.dir })).code).toBe(0);
    expect(
      (await run(['render', '--check', 'd.flow'], { cwd: path.join(tree.dir, 'docs/sub') })).code,
    ).toBe(0);
    fs.rmSync(path.join(tree.dir, 'img/docs/sub/d.svg'));
    const missing = await run(['render', '--check', 'docs/sub/d.flow'], { cwd: tree.dir });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`missing  ${path.join('img', 'docs', 'sub', 'd.svg')}`);
  });
});

describe('inline suppression comments through the CLI', () => {
  let tree: { dir: string; cleanup: () => void };
  beforeEach(() => {
    tree = tempTree({ '.git/HEAD': '' });
  });
  afterEach(() => tree.cleanup());

  test('a disable comment silences its rule; an unused one is reported', async () => {
    const suppressed = WARNINGS_FLOW.replace(
      'stuck: rectangle',
      '# flowc-disable-next-line dead-end -- waiting for the next release\nstuck: rectangle',
    ).replace(
      'e: circle label:"End"',
      '# flowc-disable-next-line unreachable-node\ne: circle label:"End"',
    );
    fs.writeFileSync(path.join(tree.dir, 's.flow'), suppressed);
    const r = await run(['lint', 's.flow', '-f', 'compact'], { cwd: tree.dir });
    expect(r.stdout).not.toContain('[dead-end]');
    expect(r.stdout).toContain('[single-branch]');
    expect(r.stdout).toMatch(
      /s\.flow:6:27: warning .unreachable-node. is not reported on line 7.*\[unused-disable-directive\]/,
    );
    expect(r.code).toBe(0);
  });

  test('an unknown rule in a directive is reported with a suggestion', async () => {
    fs.writeFileSync(
      path.join(tree.dir, 's.flow'),
      `# flowc-disable-next-line dead-ends\n${CLEAN_FLOW}`,
    );
    const r = await run(['lint', 's.flow', '-f', 'compact'], { cwd: tree.dir });
    expect(r.stdout).toMatch(/s\.flow:1:\d+: \w+ .*dead-end.*\[invalid-directive\]/);
  });
});
