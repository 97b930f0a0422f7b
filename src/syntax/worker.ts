/**
 * Worker thread entry (built to dist/parse-worker.js): parses a slice of a large file's lines for
 * parallel.ts and posts the per-line results back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseLines } from './parse.js';

const { lines, firstLine } = workerData as { lines: string[]; firstLine: number };
parentPort?.postMessage(parseLines(lines, firstLine));
