/**
 * `flowc import`: a .mmd file to stdout or to a file, Markdown files (one or several flowcharts,
 * --block, other diagrams skipped), standard input, warnings with their lines, --quiet,
 * --max-warnings, and what is never written (a chart Mermaid cannot read, a file that is not a
 * flowchart).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tempTree } from './helpers.js';

const CHART = 'flowchart LR\n  a[Start] --> b{Ok?}\n  b -->|yes| c((Done))\n  b --- a\n';
const EXPECTED = [
  '# Converted from Mermaid by flowc import (chart.mmd)',
  'direction LR',
  '',
  'a: rectangle label:"Start"',
  'b: diamond label:"Ok?"',
  'a -> b',
  'c: circle label:"Done"',
  'b -> c [label="yes"]',
  'b -> a',
  '',
].join('\n');

const MARKDOWN = [
  '# Doc',
  '',
  '```mermaid',
  'flowchart TD',
  '  x --> y',
  '```',
  '',
  '```mermaid',
  'sequenceDiagram',
  '  A->>B: hi',
  '```',
  '',
  '```mermaid',
  'graph LR',
  '  p --> q',
  '```',
  '',
].join('\n');

describe('flowc import FILE.mmd', () => {
  test('.flow on stdout, warnings with their lines on stderr, exit 0', async () => {
    const { dir, cleanup } = tempTree({ 'chart.mmd': CHART });
    try {
      const r = await run(['import', 'chart.mmd'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(EXPECTED);
      expect(r.stderr).toBe(
        "chart.mmd:4: warning: links without an arrowhead ('---') get one: every .flow edge has a direction\n",
      );
    } finally {
      cleanup();
    }
  });

  test('-o FILE writes it (atomically, folders created); what it wrote lints without syntax errors', async () => {
    const { dir, cleanup } = tempTree({ 'chart.mmd': CHART });
    try {
      const r = await run(['import', 'chart.mmd', '-o', 'out/chart.flow', '--quiet'], { cwd: dir });
      expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
      expect(fs.readFileSync(path.join(dir, 'out/chart.flow'), 'utf8')).toBe(EXPECTED);
      const lint = await run(['lint', 'out/chart.flow', '--format', 'unix'], { cwd: dir });
      expect(lint.stdout).not.toContain('syntax');
    } finally {
      cleanup();
    }
  });

  test('a chart with a start and an end: the .flow it writes passes flowc lint (exit 0, no problem)', async () => {
    const chart =
      'flowchart TD\n  s([Start]) --> b{Ok?}\n  b -->|yes| e([Done])\n  b -->|no| fix[/Fix it/] --> b\n';
    const { dir, cleanup } = tempTree({ 'chart.mmd': chart });
    try {
      const r = await run(['import', 'chart.mmd', '-o', 'chart.flow'], { cwd: dir });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(fs.readFileSync(path.join(dir, 'chart.flow'), 'utf8')).toContain(
        's: terminator label:"Start"',
      );
      const lint = await run(['lint', 'chart.flow'], { cwd: dir });
      expect([lint.code, lint.stdout, lint.stderr]).toEqual([
        0,
        '✔ 1 file checked, no problems\n',
        '',
      ]);
    } finally {
      cleanup();
    }
  });

  test('--max-warnings: more warnings than allowed exit 1 (the file is still written)', async () => {
    const { dir, cleanup } = tempTree({ 'chart.mmd': CHART });
    try {
      const r = await run(['import', 'chart.mmd', '-o', 'c.flow', '--max-warnings', '0'], {
        cwd: dir,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('too many warnings (1); at most 0 allowed by --max-warnings');
      const ok = await run(['import', 'chart.mmd', '-o', 'c.flow', '--max-warnings', '1'], {
        cwd: dir,
      });
      expect(ok.code).toBe(0);
    } finally {
      cleanup();
    }
  });

  test('a Mermaid syntax error: reported with line and column, nothing written, exit 1', async () => {
    const { dir, cleanup } = tempTree({
      'bad.mmd': 'flowchart LR\n  a --> b\n  c[unclosed --> d\n',
    });
    try {
      const r = await run(['import', 'bad.mmd', '-o', 'bad.flow'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^bad\.mmd:3:\d+: error: Mermaid syntax error: /);
      expect(fs.existsSync(path.join(dir, 'bad.flow'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  test('not a flowchart: said so, exit 1', async () => {
    const r = await run(['import', '-'], { stdin: 'sequenceDiagram\n  A->>B: hi\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "<stdin>:1:1: error: not a Mermaid flowchart: it starts with 'sequenceDiagram'",
    );
    expect(r.stdout).toBe('');
  });

  test('an unreadable input or a missing argument is misuse, exit 2', async () => {
    expect((await run(['import', 'nope.mmd'])).code).toBe(2);
    expect((await run(['import'])).code).toBe(2);
  });
});

describe('flowc import FILE.md', () => {
  test('several flowcharts go to a folder, one file each; other diagrams are skipped with a note', async () => {
    const { dir, cleanup } = tempTree({ 'doc.md': MARKDOWN });
    try {
      const r = await run(['import', 'doc.md', '-o', 'flows/'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        'doc.md:8: note: a Mermaid sequenceDiagram diagram, not a flowchart: skipped',
      );
      expect(fs.readdirSync(path.join(dir, 'flows')).sort()).toEqual(['doc-1.flow', 'doc-2.flow']);
      expect(fs.readFileSync(path.join(dir, 'flows/doc-1.flow'), 'utf8')).toBe(
        '# Converted from Mermaid by flowc import (doc.md, line 3)\ndirection TB\n\nx: rectangle\ny: rectangle\nx -> y\n',
      );
      expect(fs.readFileSync(path.join(dir, 'flows/doc-2.flow'), 'utf8')).toContain('p -> q');
    } finally {
      cleanup();
    }
  });

  test('several flowcharts cannot go to stdout or one file: misuse, exit 2, nothing written', async () => {
    const { dir, cleanup } = tempTree({ 'doc.md': MARKDOWN });
    try {
      const toStdout = await run(['import', 'doc.md'], { cwd: dir });
      expect(toStdout.code).toBe(2);
      expect(toStdout.stderr).toContain(
        'doc.md has 2 flowcharts: write them to a folder with -o DIR',
      );
      const toFile = await run(['import', 'doc.md', '-o', 'one.flow'], { cwd: dir });
      expect(toFile.code).toBe(2);
      expect(fs.existsSync(path.join(dir, 'one.flow'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  test('--block N picks one; warnings carry the Markdown line', async () => {
    const md =
      '```mermaid\ngraph LR\n  a --> b\n```\n\ntext\n\n```mermaid\nflowchart LR\n  c --- d\n```\n';
    const { dir, cleanup } = tempTree({ 'doc.md': md });
    try {
      const r = await run(['import', 'doc.md', '--block', '2'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('c -> d');
      expect(r.stderr).toMatch(/^doc\.md:10: warning: links without an arrowhead/);
      const beyond = await run(['import', 'doc.md', '--block', '3'], { cwd: dir });
      expect(beyond.code).toBe(2);
      expect(beyond.stderr).toContain('--block 3: doc.md has 2 flowcharts');
    } finally {
      cleanup();
    }
  });

  test('a Markdown file without a flowchart: exit 1', async () => {
    const { dir, cleanup } = tempTree({ 'doc.md': '# nothing\n\n```mermaid\npie\n"a": 1\n```\n' });
    try {
      const r = await run(['import', 'doc.md'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('doc.md has no Mermaid flowchart');
    } finally {
      cleanup();
    }
  });

  test('Markdown on standard input is recognised by its fences', async () => {
    const r = await run(['import', '-', '--block', '1'], { stdin: MARKDOWN });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('x -> y');
  });
});
