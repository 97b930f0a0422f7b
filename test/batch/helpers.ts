/**
 * Generated trees of `.flow` files for the batch tests, and drivers for `renderBatch` and the CLI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute } from '../../src/cli/execute.js';
import type { Io } from '../../src/cli/io.js';
import { nodeFileSystem, type FileSystem } from '../../src/files/fs.js';
import { renderBatch } from '../../src/batch/index.js';
import type { BatchIo, BatchRequest, BatchSummary } from '../../src/batch/index.js';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const BIN = path.join(REPO, 'bin', 'flowc.js');

/** A small valid diagram; `n` makes its label (and so its output) unique. */
export function validFlow(n: number): string {
  return `s: circle label:"Start"\na: rectangle label:"Step ${n}"\nb: rectangle label:"Check ${n}"\ne: circle label:"End"\ns -> a\na -> b\nb -> e\n`;
}

/** Cannot be drawn: a syntax error on line 2. */
export const SYNTAX_FLOW = 's: circle label:"Start"\ns -> \ne: circle\n';
/** Drawn with the offending node marked, and still a failure: an unlabelled branch (line 5). */
export const RULE_FLOW =
  's: circle\nd: diamond label:"Which?"\ne: circle\nf: circle\nd -> e\nd -> f [label="no"]\ns -> d\n';

export interface Tree {
  dir: string;
  /** Relative paths of the valid files. */
  valid: string[];
  /** Relative paths of the files that fail (syntax, rule errors). */
  broken: string[];
  cleanup(): void;
}

export function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-batch-')));
}

/**
 * `count` valid files spread over nested folders (`docs/d0/…`, `docs/d1/e1/…`) plus a syntax error
 * and a rule error, under `<tmp>/docs`.
 */
export function generateTree(count: number, { broken = true } = {}): Tree {
  const dir = tempDir();
  const valid: string[] = [];
  for (let i = 0; i < count; i++) {
    const folder = i % 3 === 0 ? `d${i % 4}` : `d${i % 4}/e${i % 3}`;
    valid.push(`${folder}/file-${i}.flow`);
  }
  const failing = broken ? ['d1/broken-syntax.flow', 'd2/e2/broken-rule.flow'] : [];
  for (const rel of valid) writeFile(path.join(dir, 'docs', rel), validFlow(valid.indexOf(rel)));
  if (broken) {
    writeFile(path.join(dir, 'docs', failing[0]!), SYNTAX_FLOW);
    writeFile(path.join(dir, 'docs', failing[1]!), RULE_FLOW);
  }
  return {
    dir,
    valid,
    broken: failing,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function writeFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

export interface Captured {
  text: () => string;
  stream: { write: (chunk: string | Uint8Array) => void; isTTY: boolean };
}

export function capture(isTTY = false): Captured {
  const chunks: string[] = [];
  return {
    text: () => chunks.join(''),
    stream: {
      write: (chunk) =>
        void chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
      isTTY,
    },
  };
}

/** A request over the files of `tree` with the usual defaults. */
export function request(
  dir: string,
  files: readonly string[],
  overrides: Partial<BatchRequest> = {},
): BatchRequest {
  return {
    files: files.map((f) => path.join(dir, 'docs', f)),
    base: path.join(dir, 'docs'),
    outDir: path.join(dir, 'out'),
    formats: ['svg'],
    render: {},
    rules: {},
    jobs: 1,
    force: false,
    shard: null,
    quiet: false,
    ...overrides,
  };
}

export async function batch(
  req: BatchRequest,
  io: Partial<BatchIo> & { tty?: boolean } = {},
): Promise<{ summary: BatchSummary; stderr: string }> {
  const { tty, ...rest } = io;
  const err = capture(tty ?? false);
  const summary = await renderBatch(req, {
    cwd: path.dirname(req.base),
    fs: nodeFileSystem,
    stderr: err.stream,
    ...rest,
  });
  return { summary, stderr: err.text() };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `flowc ARGV` in-process in `cwd`. */
export async function cli(
  argv: string[],
  cwd: string,
  fsOverrides: Partial<FileSystem> = {},
): Promise<CliResult> {
  const out = capture();
  const err = capture();
  const io: Io = {
    cwd,
    env: {},
    stdout: out.stream,
    stderr: err.stream,
    readStdin: async () => Buffer.alloc(0),
    fs: { ...nodeFileSystem, ...fsOverrides },
  };
  const code = await execute(argv, io);
  return { code, stdout: out.text(), stderr: err.text() };
}
