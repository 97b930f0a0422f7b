/**
 * The progress line on a terminal: one line redrawn in place, at most ten times a second,
 *   [########------------] 412/1000  205 files/s  ETA 3s  2 failed
 * Off the terminal (CI logs) and with --quiet nothing is drawn: the run prints its failures and
 * one summary line instead.
 */
import type { OutputStream } from '../cli/io.js';

const BAR_WIDTH = 20;
const REDRAW_EVERY_MS = 100;
const CLEAR_LINE = '\r\x1b[K';

export class ProgressLine {
  private lastDraw = -Infinity;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: OutputStream,
    private readonly total: number,
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  /** `done` files of `total` finished (rendered, skipped or failed); `failed` of them failed. */
  update(done: number, failed: number, force = false): void {
    const time = this.now();
    if (!force && time - this.lastDraw < REDRAW_EVERY_MS) return;
    this.lastDraw = time;
    this.drawn = true;
    this.stream.write(CLEAR_LINE + progressText(done, this.total, failed, time - this.started));
  }

  /** Removes the line, so the summary prints where it was. */
  clear(): void {
    if (this.drawn) this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }
}

export function progressText(done: number, total: number, failed: number, elapsedMs: number): string {
  const filled = total === 0 ? BAR_WIDTH : Math.round((BAR_WIDTH * done) / total);
  const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? `ETA ${formatSeconds((total - done) / rate)}` : 'ETA -';
  const failures = failed > 0 ? `  ${failed} failed` : '';
  return `[${bar}] ${done}/${total}  ${Math.round(rate)} files/s  ${eta}${failures}`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.ceil(seconds - minutes * 60)).padStart(2, '0')}s`;
}
