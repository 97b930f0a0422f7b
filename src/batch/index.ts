/**
 * Batch rendering (issue 6): many `.flow` files to many outputs in one run.
 *
 *   plan    read each source, hash it with the options, and skip it when the cache says its
 *           outputs are up to date (no pipeline code is loaded when nothing needs rendering)
 *   render  the rest in this thread (few files, --jobs 1) or on worker threads
 *   report  failures sorted by path, one summary line, and the exit code
 *
 * One broken file never stops the others. Ctrl-C (`io.signal`) stops dispatching; files in flight
 * finish (outputs are written atomically, so none is left half-written), the cache keeps every
 * file that finished, and the run ends with exit code 130.
 */
import { statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { describeFsError, nodeFileSystem } from '../files/fs.js';
import {
  FLOW_EXTENSION,
  FORMAT_EXTENSIONS,
  mirroredOutput,
  outputPathFor,
  withSeparator,
} from '../files/output-paths.js';
import { packageVersion } from '../util/package.js';
import { fnv1a64, sha1 } from '../util/hash.js';
import { nodeOs } from '../util/lazy.js';
import { pathBelow, shownPath } from '../util/paths.js';
import { removeStaleTemps } from '../files/write.js';
import { printable } from '../util/printable.js';
import { MAX_INPUT_BYTES } from '../limits.js';
import { RenderCache, type CacheEntry } from './cache.js';
import { withMkdirMemo } from './mkdir-memo.js';
import { OutputProbe } from './output-probe.js';
import { renderWithWorkers } from './pool.js';
import { writeOutputs } from './write-outputs.js';
import { ProgressLine } from './progress.js';
import { failureLine, summaryLine } from './report.js';
import { inShard } from './shard.js';
import type {
  BatchIo,
  BatchRequest,
  BatchSummary,
  Failure,
  FileOutcome,
  RenderSettings,
  RenderTask,
  TaskResult,
} from './types.js';
import { workerScriptPath } from './worker-script.js';
import { isMarkdownPath } from '../files/markdown.js';

export type {
  BatchIo,
  BatchRequest,
  BatchSummary,
  CompileFormats,
  Failure,
  FileOutcome,
} from './types.js';
export { CACHE_FILE } from './cache.js';

/**
 * A worker thread is started only for at least this many files: a worker's start-up (~55 ms in
 * bench/batch) is about ten files' rendering, and this thread would load the pipeline anyway.
 */
export const FILES_PER_WORKER_MIN = 8;
/** Sources read and hashed at once while planning. */
const PLAN_CONCURRENCY = 32;
/** The cache is saved at most this often during a run (and always at the end). */
const CHECKPOINT_EVERY_MS = 1000;

export const EXIT_INTERRUPTED = 130;

interface PlannedFile {
  source: string;
  relative: string;
  /** Empty for a Markdown file until it is rendered: its blocks decide its images. */
  outputs: RenderTask['outputs'];
  markdown: boolean;
  hash?: string;
  /** The source's stat signature, when it is old enough to be trusted. */
  stat?: string;
}

export async function renderBatch(request: BatchRequest, callerIo: BatchIo): Promise<BatchSummary> {
  const io: BatchIo = { ...callerIo, fs: withMkdirMemo(callerIo.fs) };
  // process.hrtime, not the global `performance`: that getter loads perf_hooks (~2.5 ms of a no-op run).
  const now = io.now ?? (() => Number(process.hrtime.bigint()) / 1e6);
  const started = now();
  const { files, mirrored } = planFiles(request);
  const outcomes: (FileOutcome | undefined)[] = Array.from(
    { length: files.length },
    () => undefined,
  );
  // Mirrored outputs are one per source and format: only other placements may clash.
  if (!mirrored) markOutputClashes(files, outcomes, io.cwd);
  const cache = await RenderCache.load(io.fs, request.outDir ?? request.base);
  const run: Run = {
    request,
    io,
    files,
    outcomes,
    cache,
    outputs: new OutputProbe(io.fs, cachedOutputs(files, cache, request.force === true)),
    optionsDigest: digestOptions(request),
    now,
    planned: (io.wallClock ?? Date.now)(),
    dropped: [],
  };
  const tasks = await planRun(run);
  const { mode, workers, cacheProblems } = await renderRun(run, tasks);
  if (tasks.length > 0) await removeStaleTempsOf(io.fs, tasks, run.cache.folder);
  const pruneProblems: string[] = [];
  const pruned = request.prune && !io.signal?.aborted ? await prune(run, pruneProblems) : undefined;
  const summary = report(
    run,
    { mode, workers, elapsedMs: now() - started, ...(pruned ? { pruned } : {}) },
    [...cacheProblems, ...pruneProblems],
  );
  // An output that could not be removed is a file that could not be written: exit 2.
  if (pruneProblems.length > 0 && !summary.interrupted) summary.exitCode = 2;
  return summary;
}

/**
 * `--prune` (src/batch/prune.ts): removes the outputs of sources that are gone, saying so; returns
 * the files removed. Problems (a file that could not be removed) join the cache problems (exit 2).
 */
async function prune(run: Run, problems: string[]): Promise<string[]> {
  const { io, request, cache, files } = run;
  const { findOrphans, removeOrphans } = await import('./prune.js');
  const keep = new Set<string>();
  for (const file of files) {
    keep.add(file.source);
    for (const output of file.outputs) keep.add(output.file);
  }
  const orphans = await findOrphans(io.fs, cache, request.base, {
    shard: request.shard,
    keep,
    dropped: run.dropped,
  });
  const { removed, problems: failed } = await removeOrphans(io.fs, cache, orphans, request.outDir);
  if (!request.quiet) {
    const sourceOf = new Map(orphans.flatMap((o) => o.outputs.map((f) => [f, o.source] as const)));
    const gone = new Set(orphans.filter((o) => o.key !== undefined).map((o) => o.source));
    for (const file of [...removed].sort()) {
      const source = sourceOf.get(file)!;
      const why = gone.has(source) ? 'is gone' : 'no longer has it';
      io.stderr.write(`removed ${shownPath(io.cwd, file)} (${shownPath(io.cwd, source)} ${why})\n`);
    }
  }
  for (const { file, error } of failed)
    problems.push(
      `cannot remove ${shownPath(io.cwd, file)}: ${describeFsError(error, 'remove failed')}`,
    );
  try {
    await cache.save();
  } catch (error) {
    problems.push(
      `cannot save ${shownPath(io.cwd, cache.file)}: ${describeFsError(error, 'write failed')}`,
    );
  }
  return removed.sort();
}

/**
 * Temporary files a killed run left in the folders this run wrote to (src/files/write.ts): every
 * run that renders cleans up after the ones before it.
 */
async function removeStaleTempsOf(
  fs: BatchIo['fs'],
  tasks: readonly RenderTask[],
  cacheFolder: string,
): Promise<void> {
  const folders = new Set([cacheFolder]);
  for (const task of tasks)
    for (const output of task.outputs) folders.add(path.dirname(output.file));
  for (const folder of folders) await removeStaleTemps(fs, folder);
}

/** Everything one run shares between its phases. */
interface Run {
  request: BatchRequest;
  io: BatchIo;
  files: PlannedFile[];
  /** One per file, set as each file is skipped, rendered or fails. */
  outcomes: (FileOutcome | undefined)[];
  cache: RenderCache;
  /** Asked during planning only: whether the outputs of a cached file are still there. */
  outputs: OutputProbe;
  optionsDigest: string;
  now: () => number;
  /** The wall clock (ms since the epoch) when planning started: how old a source is. */
  planned: number;
  /** Outputs that rendered files had in the cache and no longer have (for --prune). */
  dropped: { source: string; outputs: string[] }[];
}

/** The outputs the planning may look for: those of the files the cache knows. */
function cachedOutputs(
  files: readonly PlannedFile[],
  cache: RenderCache,
  force: boolean,
): string[] {
  const outputs: string[] = [];
  if (force) return outputs;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (!file.markdown && cache.get(file.relative) !== undefined)
      for (let k = 0; k < file.outputs.length; k++) outputs.push(file.outputs[k]!.file);
  }
  return outputs;
}

/**
 * Decides, file by file, what is up to date; returns the files to render, in order. First every
 * source's `stat`, one after the other (the real file system answers synchronously), and the
 * files the cache shows unchanged are settled there without a promise of their own (a no-op
 * batch is nearly all such files); the others are read and hashed, PLAN_CONCURRENCY at once.
 */
async function planRun(run: Run): Promise<RenderTask[]> {
  const { files, outcomes } = run;
  await run.outputs.listAll();
  /** `unchanged`: the signature matches, whether the outputs are there needs a look at the disk. */
  const changed: { id: number; entry: CacheEntry | undefined; unchanged: boolean }[] = [];
  // The real file system's stat, called directly: awaiting its promise suspended and resumed this
  // function once per file. Any other file system (a test's) is awaited as before.
  const statNow = run.io.fs.stat === nodeFileSystem.stat ? statSync : null;
  for (let id = 0; id < files.length; id++) {
    if (outcomes[id] !== undefined) continue;
    const file = files[id]!;
    let stats: Stats;
    try {
      stats = statNow !== null ? statNow(file.source) : await run.io.fs.stat(file.source);
    } catch (error) {
      outcomes[id] = failedFile(
        file,
        ioFailure(`cannot read: ${describeFsError(error, 'read failed')}`),
      );
      continue;
    }
    // A FIFO or a device would block the read or never end: only regular files are read.
    if (!stats.isFile()) {
      outcomes[id] = failedFile(file, ioFailure('cannot read: not a regular file'));
      continue;
    }
    file.stat = trustedSignature(stats, run.planned);
    const entry = run.request.force ? undefined : run.cache.get(file.relative);
    // Unchanged since it was hashed (same size, times and inode) and rendered with these options.
    if (
      entry?.options === run.optionsDigest &&
      entry.stat !== undefined &&
      entry.stat === file.stat
    ) {
      const present = outputsPresentNow(run.outputs, entry, file, run.cache.folder);
      if (present === true) {
        file.hash = entry.hash;
        outcomes[id] = skippedFile(file, entry);
        continue;
      }
      changed.push({ id, entry, unchanged: present === undefined });
    } else changed.push({ id, entry, unchanged: false });
  }
  const tasks: RenderTask[] = [];
  await forEachLimited(changed, PLAN_CONCURRENCY, async ({ id, entry, unchanged }) => {
    const file = files[id]!;
    const decision = await planChangedFile(run, file, entry, unchanged);
    if ('text' in decision)
      tasks.push({
        id,
        source: file.source,
        text: decision.text,
        outputs: file.outputs,
        ...(file.markdown
          ? { markdown: { outDir: run.request.outDir, base: run.request.base } }
          : {}),
      });
    else outcomes[id] = decision;
  });
  return tasks.sort((a, b) => a.id - b.id);
}

/**
 * A file `planRun` could not settle from its stat alone: skipped when it is `unchanged` (its
 * signature and options match the cache entry's) and its outputs are on disk, or when its bytes
 * hash to the cached hash (a fresh checkout, a touched file) and its outputs are there; else its
 * text, to render.
 */
async function planChangedFile(
  run: Run,
  file: PlannedFile,
  entry: CacheEntry | undefined,
  unchanged: boolean,
): Promise<FileOutcome | { text: string }> {
  const { io, cache, optionsDigest } = run;
  if (
    entry !== undefined &&
    unchanged &&
    (await outputsPresent(run.outputs, entry, file, cache.folder))
  ) {
    file.hash = entry.hash;
    return skippedFile(file, entry);
  }
  const read = await readSourceFile(io, file.source);
  if ('failure' in read) return failedFile(file, read.failure);
  file.hash = sha1().update(optionsDigest).update(read.bytes).digest('hex');
  if (entry?.hash === file.hash && (await outputsPresent(run.outputs, entry, file, cache.folder))) {
    // Same bytes (a fresh checkout, a touched file): remember the new signature.
    if (entry.stat !== file.stat || entry.options !== optionsDigest) {
      const { stat: _previous, ...rest } = entry;
      cache.set(file.relative, { ...rest, options: optionsDigest, ...signatureOf(file) });
    }
    return skippedFile(file, entry);
  }
  return { text: read.bytes.toString('utf8') };
}

function failedFile(file: PlannedFile, failure: Failure): FileOutcome {
  return { source: file.source, relative: file.relative, status: 'failed', failure };
}

/** A file whose outputs are up to date; its remembered failure, if it had one, is reported again. */
function skippedFile(file: PlannedFile, entry: CacheEntry): FileOutcome {
  return entry.failure
    ? { ...failedFile(file, entry.failure), cached: true }
    : { source: file.source, relative: file.relative, status: 'skipped' };
}

function ioFailure(message: string): Failure {
  return { kind: 'io', message, moreErrors: 0, drawn: false };
}

/** Renders the tasks (workers or this thread), with progress, cache updates and checkpoints. */
async function renderRun(
  run: Run,
  tasks: readonly RenderTask[],
): Promise<{ mode: BatchSummary['mode']; workers: number; cacheProblems: string[] }> {
  const { request, io, files, outcomes, cache, now } = run;
  // isTTY last: asking creates the stream, which loads Node's stream modules.
  const progress =
    !request.quiet && tasks.length > 0 && io.stderr.isTTY
      ? new ProgressLine(io.stderr, files.length, now)
      : null;
  let done = files.length - tasks.length;
  let failed = outcomes.filter((o) => o?.status === 'failed').length;
  let lastCheckpoint = now();
  let saving: Promise<void> = Promise.resolve();
  const cacheProblems: string[] = [];
  const saveCache = (): void => {
    saving = saving
      .then(() => cache.save())
      .catch((error: unknown) => {
        cacheProblems.push(
          `cannot save ${shownPath(io.cwd, cache.file)}: ${describeFsError(error, 'write failed')}`,
        );
      });
  };
  const onResult = (result: TaskResult): void => {
    const file = files[result.id]!;
    if (result.markdown) {
      // The cache records the Markdown file as the run left it: its images, its text with links.
      file.outputs = result.markdown.outputs;
      if (result.markdown.text !== undefined) {
        file.hash = sha1().update(run.optionsDigest).update(result.markdown.text).digest('hex');
        file.stat = undefined;
      }
    }
    outcomes[result.id] = result.failure
      ? { source: file.source, relative: file.relative, status: 'failed', failure: result.failure }
      : { source: file.source, relative: file.relative, status: 'rendered' };
    if (result.warnings) outcomes[result.id]!.warnings = result.warnings;
    // An input failure is remembered (reported again while the file is unchanged); an I/O one is retried.
    if (!result.failure || result.failure.kind === 'input') {
      const entry = cacheEntry(file, result.failure, cache.folder, run.optionsDigest);
      const before = cache.get(file.relative)?.outputs.filter((o) => !entry.outputs.includes(o));
      if (before !== undefined && before.length > 0)
        run.dropped.push({ source: file.source, outputs: before });
      cache.set(file.relative, entry);
    } else cache.delete(file.relative);
    done++;
    if (result.failure) failed++;
    progress?.update(done, failed);
    if (now() - lastCheckpoint >= CHECKPOINT_EVERY_MS) {
      lastCheckpoint = now();
      saveCache();
    }
  };
  progress?.update(done, failed, true);
  const settings: RenderSettings = {
    cwd: io.cwd,
    formats: request.formats,
    render: request.render,
    rules: request.rules,
    markdown: request.markdown ?? 'keep',
  };
  // node:os only when there is something to render (a no-op batch does not load it).
  const jobs =
    tasks.length === 0
      ? 1
      : (request.jobs ?? defaultJobs(io.cores ?? nodeOs().availableParallelism()));
  const workers = workerCount(jobs, tasks.length);
  const script =
    workers > 1 ? (io.workerScript !== undefined ? io.workerScript : workerScriptPath()) : null;
  let mode: BatchSummary['mode'] = 'none';
  if (tasks.length > 0 && !io.signal?.aborted) {
    if (tasks.length > 1) io.longRun?.();
    if (script !== null) {
      mode = 'workers';
      // The workers send outputs back; this thread, idle otherwise, writes them.
      const byId = new Map(tasks.map((task) => [task.id, task]));
      const writes: Promise<void>[] = [];
      const { notDone } = await renderWithWorkers(tasks, settings, {
        workers,
        script,
        signal: io.signal,
        onResult: (answer) => {
          if (!('outputs' in answer)) return onResult(answer);
          writes.push(writeOutputs(byId.get(answer.id)!, answer, settings, io.fs).then(onResult));
        },
      });
      await Promise.all(writes);
      if (!io.signal?.aborted) {
        // Not stopped by Ctrl-C: every worker thread died (each already reported the files it held).
        const failure: Failure = {
          kind: 'internal',
          message: 'internal error: not rendered, every worker thread stopped',
          moreErrors: 0,
          drawn: false,
        };
        for (const id of notDone) onResult({ id, failure, compileMs: 0, writeMs: 0 });
      }
    } else {
      mode = 'in-process';
      if (workers > 1 && !request.quiet) {
        io.stderr.write(
          'flowc: dist/batch-worker.js is missing (run `npm run build`): rendering in one thread\n',
        );
      }
      await renderInThisThread(tasks, settings, io, onResult);
    }
  }
  saveCache();
  await saving;
  progress?.clear();
  return {
    mode,
    workers: mode === 'workers' ? workers : mode === 'in-process' ? 1 : 0,
    cacheProblems,
  };
}

/** Prints the failures (sorted by path) and the summary line; returns the summary. */
function report(
  run: Run,
  how: Pick<BatchSummary, 'mode' | 'workers' | 'elapsedMs' | 'pruned'>,
  cacheProblems: readonly string[],
): BatchSummary {
  const { outcomes, io, request } = run;
  const failures = outcomes
    .filter((o): o is FileOutcome => o?.status === 'failed')
    .sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  const summary: BatchSummary = {
    total: outcomes.length,
    rendered: outcomes.filter((o) => o?.status === 'rendered').length,
    skipped: outcomes.filter((o) => o?.status === 'skipped').length,
    failed: failures.length,
    failures,
    interrupted: io.signal?.aborted === true && outcomes.some((o) => o === undefined),
    ...how,
    exitCode: 0,
  };
  summary.exitCode = exitCodeOf(summary);
  if (!request.quiet)
    for (const outcome of outcomes)
      for (const warning of outcome?.warnings ?? [])
        io.stderr.write(`${shownPath(io.cwd, outcome!.source)}: warning: ${printable(warning)}\n`);
  for (const failure of failures) io.stderr.write(failureLine(failure, io.cwd) + '\n');
  for (const problem of cacheProblems) io.stderr.write(`flowc: ${problem}\n`);
  if (!request.quiet || summary.interrupted) io.stderr.write(summaryLine(summary) + '\n');
  return summary;
}

/**
 * `--jobs` when none is given: one rendering thread per two cores, at least one. A thread that
 * renders keeps about a second core busy through a batch's first thousand files: V8 optimises the
 * pipeline on its own threads beside it, and every rendering thread optimises it again (1,000
 * CQRS-sized files in one thread: 14.6 s of CPU on that thread and 11.3 s on V8's; in two
 * workers, 9.4-9.7 s on each and 19.5 s on V8's, 1.5x the CPU in all; docs/performance.md,
 * "Two workers on two cores"). On two cores one thread is faster than two.
 */
export function defaultJobs(cores: number): number {
  return Math.max(1, Math.floor(cores / 2));
}

/** Worker threads worth starting for `files` files with `--jobs jobs`; 1 means this thread. */
export function workerCount(jobs: number, files: number): number {
  return Math.max(1, Math.min(jobs, Math.floor(files / FILES_PER_WORKER_MIN)));
}

/**
 * The files of the run with their cache keys and outputs; `mirrored` when every output is a plain
 * mirror of its source (`mirroredOutput`), so no two sources can write one file.
 */
function planFiles(request: BatchRequest): { files: PlannedFile[]; mirrored: boolean } {
  const planned: PlannedFile[] = [];
  const { files: sources, formats, outDir, base } = request;
  // Worked out once, not per file: the base's prefix and each format's extension.
  const below = withSeparator(base);
  const extensions = formats.map((format) => FORMAT_EXTENSIONS[format]);
  let mirrored = new Set(formats).size === formats.length;
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    const relative =
      path.sep === '/' && source.startsWith(below)
        ? source.slice(below.length)
        : relativeKey(base, source);
    if (!inShard(relative, request.shard)) continue;
    const markdown = !source.endsWith(FLOW_EXTENSION) && isMarkdownPath(source);
    const outputs: RenderTask['outputs'] = [];
    if (!markdown)
      for (let k = 0; k < formats.length; k++) {
        let file = mirroredOutput(source, extensions[k]!, outDir, below);
        if (file === null) {
          mirrored = false;
          file = outputPathFor(source, formats[k]!, outDir, base);
        }
        outputs.push({ format: formats[k]!, file });
      }
    // Every field set from the start: planning sets hash and stat on each file later, which
    // would otherwise give every object a new shape and an out-of-object property store.
    planned.push({ source, relative, outputs, markdown, hash: undefined, stat: undefined });
  }
  return { files: planned, mirrored };
}

/** The cache key and shard key: the source path relative to the base, `/`-separated. */
export function relativeKey(base: string, source: string): string {
  const relative = pathBelow(base, source);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

/** Everything besides the source text that decides the outputs. */
function digestOptions(request: BatchRequest): string {
  const render = Object.fromEntries(
    Object.entries(request.render)
      .filter(([, v]) => v !== undefined)
      .sort(),
  );
  const rules = Object.fromEntries(Object.entries(request.rules).sort());
  // Folding Markdown blocks into <details> changes the Markdown files a run writes.
  const markdown = request.markdown === 'details' ? { markdown: 'details' } : {};
  const key = JSON.stringify({
    flowc: packageVersion(),
    formats: request.formats,
    render,
    rules,
    ...markdown,
  });
  return fnv1a64(key);
}

type SourceRead = { bytes: Buffer } | { failure: Failure };

async function readSourceFile(io: BatchIo, file: string): Promise<SourceRead> {
  try {
    return { bytes: await io.fs.readFile(file, MAX_INPUT_BYTES) };
  } catch (error) {
    return {
      failure: {
        kind: 'io',
        message: `cannot read: ${describeFsError(error, 'read failed')}`,
        moreErrors: 0,
        drawn: false,
      },
    };
  }
}

/** A file modified this recently may change again within the same clock tick: not trusted. */
const SETTLED_MS = 2000;

/**
 * The source's stat signature: size, modification and change times, inode. The change time
 * (ctime) is set by the system on every write and cannot be set back, so an edit that keeps the
 * size and puts the old modification time back (`cp -p`, `rsync -t`, `tar -x` over the file, an
 * editor preserving times) still changes the signature, as it does for git's index. None for a
 * file changed less than SETTLED_MS before `now` (the planning's start: an earlier clock only
 * trusts fewer files).
 */
function trustedSignature(stats: Stats, now: number): string | undefined {
  const changed = stats.mtimeMs > stats.ctimeMs ? stats.mtimeMs : stats.ctimeMs;
  return now - changed > SETTLED_MS
    ? `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`
    : undefined;
}

function signatureOf(file: PlannedFile): { stat?: string } {
  return file.stat === undefined ? {} : { stat: file.stat };
}

/** The output files of `file` as the cache names them, `/`-separated, relative to its folder. */
function outputKeys(file: PlannedFile, entry: CacheEntry, cacheFolder: string): readonly string[] {
  // A Markdown file's outputs are those its last render made.
  return file.markdown ? entry.outputs : file.outputs.map((o) => relativeKey(cacheFolder, o.file));
}

/** The same output names in the same order. */
function sameOutputs(entry: CacheEntry, outputs: readonly string[]): boolean {
  if (entry.outputs.length !== outputs.length) return false;
  for (let i = 0; i < outputs.length; i++) if (entry.outputs[i] !== outputs[i]) return false;
  return true;
}

/**
 * `sameOutputs(entry, outputKeys(file, entry, cacheFolder))` for a `.flow` file, without making
 * the keys: an output inside the cache's folder is its key there, so each entry name is compared
 * with the end of the output's path (a no-op batch asks this for every file). An output elsewhere
 * is left to `outputKeys`.
 */
function namesOutputs(entry: CacheEntry, file: PlannedFile, cacheFolder: string): boolean {
  const outputs = file.outputs;
  if (path.sep !== '/' || entry.outputs.length !== outputs.length)
    return sameOutputs(entry, outputKeys(file, entry, cacheFolder));
  const prefix = cacheFolder.endsWith('/') ? cacheFolder.length : cacheFolder.length + 1;
  for (let i = 0; i < outputs.length; i++) {
    const output = outputs[i]!.file;
    const key = entry.outputs[i]!;
    if (
      output.length <= prefix ||
      output.charCodeAt(prefix - 1) !== 47 /* / */ ||
      !output.startsWith(cacheFolder)
    )
      return sameOutputs(entry, outputKeys(file, entry, cacheFolder));
    if (output.length !== prefix + key.length || !output.endsWith(key)) return false;
  }
  return true;
}

/**
 * `outputsPresent` answered from the output folders listed already, without waiting; undefined
 * when an output needs a look at the disk.
 */
function outputsPresentNow(
  probe: OutputProbe,
  entry: CacheEntry,
  file: PlannedFile,
  cacheFolder: string,
): boolean | undefined {
  if (file.markdown) return undefined;
  if (!namesOutputs(entry, file, cacheFolder)) return false;
  if (entry.failure !== undefined && !entry.failure.drawn) return true;
  const outputs = file.outputs;
  for (let i = 0; i < outputs.length; i++) {
    const known = probe.known(outputs[i]!.file);
    if (known !== true) return known;
  }
  return true;
}

/** The entry names these outputs, and they exist (a diagram that could not be drawn has none). */
async function outputsPresent(
  probe: OutputProbe,
  entry: CacheEntry,
  file: PlannedFile,
  cacheFolder: string,
): Promise<boolean> {
  const outputs = outputKeys(file, entry, cacheFolder);
  if (!sameOutputs(entry, outputs)) return false;
  // A Markdown file lists the images its drawn blocks have, whatever failed beside them.
  if (!file.markdown && entry.failure !== undefined && !entry.failure.drawn) return true;
  const files = file.markdown
    ? outputs.map((o) => path.join(cacheFolder, ...o.split('/')))
    : file.outputs.map((o) => o.file);
  for (const output of files) if (!(await probe.isFile(output))) return false;
  return true;
}

function cacheEntry(
  file: PlannedFile,
  failure: Failure | undefined,
  cacheFolder: string,
  options: string,
): CacheEntry {
  const entry: CacheEntry = {
    hash: file.hash!,
    options,
    ...signatureOf(file),
    outputs: file.outputs.map((o) => relativeKey(cacheFolder, o.file)),
  };
  if (failure) entry.failure = failure;
  return entry;
}

/**
 * Two sources that would write the same output (possible only for sources outside `--base`,
 * which keep just their name): the later one fails instead of overwriting the first.
 */
function markOutputClashes(
  files: readonly PlannedFile[],
  outcomes: (FileOutcome | undefined)[],
  cwd: string,
): void {
  const owner = new Map<string, string>();
  for (let id = 0; id < files.length; id++) {
    const file = files[id]!;
    for (let k = 0; k < file.outputs.length; k++) {
      const output = file.outputs[k]!.file;
      const first = owner.get(output);
      if (first === undefined) {
        owner.set(output, file.source);
        continue;
      }
      const message = `${shownPath(cwd, output)} is also the output of ${shownPath(cwd, first)}: choose a --base that contains both`;
      outcomes[id] = {
        source: file.source,
        relative: file.relative,
        status: 'failed',
        failure: { kind: 'io', message, moreErrors: 0, drawn: false },
      };
      break;
    }
  }
}

async function renderInThisThread(
  tasks: readonly RenderTask[],
  settings: RenderSettings,
  io: BatchIo,
  onResult: (result: TaskResult) => void,
): Promise<void> {
  const { renderTask, compileFormats } = await import('./render-task.js');
  const compile = io.compileFormats ?? compileFormats;
  for (const task of tasks) {
    // A turn of the event loop between files: the file system calls are synchronous, so without it
    // a SIGINT handler (Ctrl-C, io.signal) would not run before the last file is done.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (io.signal?.aborted) return;
    onResult(await renderTask(task, settings, io.fs, compile));
  }
}

function exitCodeOf(summary: BatchSummary): number {
  if (summary.interrupted) return EXIT_INTERRUPTED;
  if (summary.failures.some((f) => f.failure?.kind !== 'input')) return 2;
  return summary.failed > 0 ? 1 : 0;
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await run(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
