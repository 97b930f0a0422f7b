/**
 * Drives the CLI in-process: a fake Io over the real file system (tests use temporary folders),
 * capturing stdout and stderr, with stdin given as text.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute } from '../../src/cli/execute.js';
import type { Io } from '../../src/cli/io.js';
import { nodeFileSystem, type FileSystem } from '../../src/files/fs.js';

export interface RunOptions {
  cwd?: string;
  stdin?: string | Buffer;
  env?: Record<string, string | undefined>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  fs?: Partial<FileSystem>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export const REPO = path.resolve(fileURLDir(), '../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/cli');

function fileURLDir(): string {
  return path.dirname(new URL(import.meta.url).pathname);
}

export async function run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const toBuffer = (chunk: string | Uint8Array) =>
    typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
  const io: Io = {
    cwd: options.cwd ?? REPO,
    env: options.env ?? {},
    stdout: {
      write: (chunk) => void out.push(toBuffer(chunk)),
      isTTY: options.stdoutIsTTY ?? false,
    },
    stderr: {
      write: (chunk) => void err.push(toBuffer(chunk)),
      isTTY: options.stderrIsTTY ?? false,
    },
    readStdin: async () =>
      options.stdin === undefined ? Buffer.alloc(0) : Buffer.from(options.stdin),
    fs: { ...nodeFileSystem, ...options.fs },
  };
  const code = await execute(argv, io);
  const stdoutBytes = Buffer.concat(out);
  return {
    code,
    stdout: stdoutBytes.toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    stdoutBytes,
  };
}

/** A fresh temporary folder holding `files` (path → content); removed by `cleanup`. */
export function tempTree(files: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-cli-')));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const CLEAN_FLOW = fs.readFileSync(path.join(FIXTURES, 'clean.flow'), 'utf8');
export const WARNINGS_FLOW = fs.readFileSync(path.join(FIXTURES, 'invalid/warnings.flow'), 'utf8');
export const SYNTAX_FLOW = fs.readFileSync(path.join(FIXTURES, 'invalid/syntax.flow'), 'utf8');
export const RULES_FLOW = fs.readFileSync(path.join(FIXTURES, 'invalid/rules.flow'), 'utf8');
