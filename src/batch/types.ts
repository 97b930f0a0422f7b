/**
 * The batch renderer's interface: what it is asked to do (`BatchRequest`), what it may touch
 * (`BatchIo`) and what it reports (`BatchSummary`). Plain data, so the CLI, the tests and the
 * benchmark drive it alike.
 */
import type { Format, MultiCompileResult, RenderOptions } from '../compile.js';
import type { CheckOptions } from '../check.js';
import type { RuleSeverity } from '../config/index.js';
import type { FileSystem } from '../files/fs.js';
import type { OutputStream } from '../util/output-stream.js';
import type { Shard } from './shard.js';
import type { SourceMode } from '../markdown/links.js';

export interface BatchRequest {
  /** The discovered input files: absolute paths, no duplicates. */
  files: readonly string[];
  /** Absolute folder the outputs mirror the inputs from (`docs/a/b.flow` → `OUTDIR/a/b.svg`). */
  base: string;
  /** Absolute output folder; null to write each output beside its source. */
  outDir: string | null;
  formats: readonly Format[];
  render: RenderOptions;
  rules: Readonly<Record<string, RuleSeverity>>;
  /** Threads rendering (`--jobs`); 1 renders in this thread. Default: `defaultJobs` of the cores. */
  jobs?: number;
  /** Render every file even when its outputs are up to date. */
  force: boolean;
  /** Render only this slice of the files (`--shard K/N`). */
  shard: Shard | null;
  /** Print only failures (no progress, no summary line). */
  quiet: boolean;
  /** Markdown files: keep each flow block visible (default), or fold it into `<details>`. */
  markdown?: SourceMode;
  /** `--prune`: remove the outputs (recorded in the cache) of sources that no longer exist. */
  prune?: boolean;
}

/** Parse, check, lay out once and emit several formats: `compileFormats` from src/compile.ts. */
export type CompileFormats = (
  source: string,
  formats: readonly Format[],
  options: CheckOptions & RenderOptions,
) => Promise<MultiCompileResult>;

export interface BatchIo {
  /** Paths in messages are shown relative to this folder. */
  cwd: string;
  /** Progress, failures and the summary line. */
  stderr: OutputStream;
  fs: FileSystem;
  /** Aborted on Ctrl-C: stop dispatching, finish or abandon files in flight, keep what finished. */
  signal?: AbortSignal;
  /** Called before rendering two files or more: see `Io.longRun` (src/cli/io.ts). */
  longRun?: () => void;
  /** Clock for rates and ETA (milliseconds); defaults to `process.hrtime`. */
  now?: () => number;
  /**
   * The wall clock (milliseconds since the epoch) that says how long ago a source changed (a
   * source changed in the last two seconds is always read again); defaults to `Date.now`.
   */
  wallClock?: () => number;
  /**
   * The pipeline used when rendering in this thread; defaults to `compileFormats`. Tests pass a
   * counting wrapper to prove each file is parsed and laid out once for all its formats.
   */
  compileFormats?: CompileFormats;
  /** The cores the default `jobs` is made for; defaults to `os.availableParallelism()`. */
  cores?: number;
  /** Where the worker script is (null: not built); defaults to `<package root>/dist/batch-worker.js`. */
  workerScript?: string | null;
}

/** Why a file failed, with its first diagnostic. */
export interface Failure {
  /**
   * `input`: the diagram has errors (exit 1); `io`: a file could not be read or written (exit 2);
   * `internal`: flowc itself failed on this file (exit 2; a bug to report).
   */
  kind: 'input' | 'io' | 'internal';
  message: string;
  line?: number;
  column?: number;
  ruleId?: string;
  /** How many further errors the file has. */
  moreErrors: number;
  /** True when the diagram was still drawn (rule errors). */
  drawn: boolean;
  /** True when what was drawn marks the offending nodes (SVG or PNG, errors on nodes). */
  marked?: boolean;
}

export type FileStatus = 'rendered' | 'skipped' | 'failed';

export interface FileOutcome {
  /** Absolute source path. */
  source: string;
  /** Source path relative to the base folder, `/`-separated (the cache key). */
  relative: string;
  status: FileStatus;
  failure?: Failure;
  /** True when the failure was remembered from an earlier run (the file is unchanged). */
  cached?: boolean;
  /** Warnings from rendering it (see TaskResult.warnings). */
  warnings?: string[];
}

export interface BatchSummary {
  /** Files in this run (after `--shard`). */
  total: number;
  rendered: number;
  skipped: number;
  failed: number;
  /** Every failure, sorted by path. */
  failures: FileOutcome[];
  /** `--prune`: the output files removed (absolute paths, sorted); absent without `--prune`. */
  pruned?: string[];
  /** Ctrl-C stopped the run; `total - rendered - skipped - failed` files were not done. */
  interrupted: boolean;
  elapsedMs: number;
  /** How the files were rendered: in this thread, or by `workers` worker threads. */
  mode: 'none' | 'in-process' | 'workers';
  workers: number;
  /** 0 every file rendered or up to date; 1 a diagram has errors; 2 an I/O failure; 130 interrupted. */
  exitCode: number;
}

/** One file to render, as sent to a worker. */
export interface RenderTask {
  /** Position in the run's file list, to match results back. */
  id: number;
  source: string;
  text: string;
  outputs: { format: Format; file: string }[];
  /**
   * A Markdown file: `outputs` is empty (its blocks decide them), its images go beside it or
   * under `outDir`, mirroring `base`.
   */
  markdown?: { outDir: string | null; base: string };
}

export interface RenderSettings {
  /** Paths in failure messages are shown relative to this folder. */
  cwd: string;
  formats: readonly Format[];
  render: RenderOptions;
  rules: Readonly<Record<string, RuleSeverity>>;
  /** Markdown files: see `BatchRequest.markdown`. */
  markdown?: SourceMode;
}

/** A rendered (or failed) task, as a worker returns it. */
export interface TaskResult {
  id: number;
  failure?: Failure;
  /**
   * A Markdown file: the image files its blocks have now, and its new text when its links were
   * rewritten (so the cache records the file as it is after the run).
   */
  markdown?: { outputs: { format: Format; file: string }[]; text?: string };
  /** Milliseconds spent in the pipeline (parse → emit) and writing the outputs. */
  compileMs: number;
  /** What the file was drawn with that the user should know (a PNG drawn smaller than asked). */
  warnings?: string[];
  writeMs: number;
}
