/**
 * `parseLarge(source)`: the same Ast as `parse`, with a large file's lines split between this
 * thread and one worker thread. Lines are matched independently (only `assemble` looks across
 * them), so the halves are parsed at the same time and joined in line order; parsing is nearly all
 * of a lint's time on a large file.
 *
 * Small files, machines with one core, code already running in a worker (batch rendering spreads
 * files over the cores instead), and a worker that fails to start all take the one-thread path.
 */
import { nodeOs, nodeWorkerThreads } from '../util/lazy.js';
import { distScript } from '../util/package.js';
import type { Ast } from './ast.js';
import { assemble, parseLines, splitLines, type ParsedLine } from './parse.js';

/** Below this many lines a worker's start-up (~50 ms) costs more than it saves. */
export const PARALLEL_MIN_LINES = 4000;
/** Lines the main thread parses while the worker starts, so both halves end at about the same time. */
const HEAD_START_LINES = 500;

export async function parseLarge(source: string): Promise<Ast> {
  const lines = splitLines(source);
  if (lines.length < PARALLEL_MIN_LINES) return assemble(parseLines(lines, 1), lines.length);
  // Loaded here, not imported: a small file's start-up does not pay for node:worker_threads.
  const { isMainThread, Worker } = nodeWorkerThreads();
  const { availableParallelism } = nodeOs();
  const script = isMainThread && availableParallelism() > 1 ? distScript('parse-worker.js') : null;
  if (!script) return assemble(parseLines(lines, 1), lines.length);

  const split = Math.min(lines.length, Math.ceil(lines.length / 2) + HEAD_START_LINES);
  const tailLines = lines.slice(split);
  const worker = new Worker(script, { workerData: { lines: tailLines, firstLine: split + 1 } });
  const fromWorker = new Promise<ParsedLine[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`parse worker exited with code ${code}`)));
  });
  const head = parseLines(lines.slice(0, split), 1);
  let tail: ParsedLine[];
  try {
    tail = await fromWorker;
  } catch {
    // The worker could not do its part (missing build, no threads left): do it here.
    tail = parseLines(tailLines, split + 1);
  } finally {
    void worker.terminate();
  }
  return assemble(head.concat(tail), lines.length);
}
