/**
 * `flowc render` with several inputs, a folder, a glob or an output folder: the CLI's render
 * command hands over here (imported when needed). This module turns what the user typed into a
 * `BatchRequest` (files discovered, base folder, jobs, shard), binds Ctrl-C to the run, and
 * returns the exit code.
 *
 * Exit codes: 0 every file rendered or up to date; 1 a diagram has errors; 2 misuse, a missing
 * input, or a file that could not be read or written; 130 interrupted by Ctrl-C.
 */
import * as path from 'node:path';
import { discoverFiles } from '../files/discover.js';
import { EXIT_USAGE } from './errors.js';
import type { Io } from './io.js';
import { inputsBase } from '../files/output-paths.js';
import type { BatchRenderRequest } from './render.js';
import { shownPath } from '../util/paths.js';
import { renderBatch, type BatchIo } from '../batch/index.js';
import { parseShard } from './shard.js';

export interface BatchCommandHooks {
  /** Ctrl-C; defaults to the process's SIGINT. Tests pass their own signal. */
  signal?: AbortSignal;
}

export async function runBatchCommand(
  inputs: readonly string[],
  request: BatchRenderRequest,
  io: Io,
  hooks: BatchCommandHooks = {},
): Promise<number> {
  const shard = request.batch.shard !== undefined ? parseShard(request.batch.shard) : null;
  const discovery = await discoverFiles(inputs, {
    markdown: true,
    cwd: io.cwd,
    fs: io.fs,
    ignore: request.ignore,
    excludeDirs: request.outDir === null ? [] : [request.outDir],
  });
  for (const problem of discovery.problems)
    io.stderr.write(`flowc: ${shownPath(io.cwd, problem.input)}: ${problem.message}\n`);
  if (discovery.files.length === 0) {
    if (discovery.problems.length === 0)
      io.stderr.write('flowc: no .flow files (or Markdown files with flow blocks) to render\n');
    return EXIT_USAGE;
  }
  const base =
    request.batch.base !== undefined
      ? path.resolve(io.cwd, request.batch.base)
      : await inputsBase(inputs, io.cwd, io.fs);
  const interrupt = hooks.signal ? null : new AbortController();
  const onSigint = (): void => interrupt?.abort();
  if (interrupt) process.on('SIGINT', onSigint);
  try {
    const batchIo: BatchIo = {
      cwd: io.cwd,
      stderr: io.stderr,
      fs: io.fs,
      signal: hooks.signal ?? interrupt!.signal,
      longRun: io.longRun,
    };
    const summary = await renderBatch(
      {
        files: discovery.files,
        base,
        outDir: request.outDir,
        formats: request.formats,
        render: request.render,
        rules: request.rules,
        ...(request.batch.jobs !== undefined ? { jobs: request.batch.jobs } : {}),
        force: request.batch.force === true,
        shard,
        quiet: request.quiet,
        markdown: request.markdown,
        prune: request.batch.prune === true,
      },
      batchIo,
    );
    if (summary.interrupted) return summary.exitCode;
    return discovery.problems.length > 0
      ? Math.max(EXIT_USAGE, summary.exitCode)
      : summary.exitCode;
  } finally {
    if (interrupt) process.off('SIGINT', onSigint);
  }
}
