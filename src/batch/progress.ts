/**
 * The progress line on a terminal: one line redrawn in place, at most ten times a second,
 *   [########------------] 412/1000  205 files/s  ETA 3s  2 failed
 * Off the terminal (CI logs) and with --quiet nothing is drawn: the run prints its failures and
 * one summary line instead.
 */
import type { OutputStream } from '../util/output-stream.js';

const BAR_WIDTH = 20;
const REDRAW_EVERY_MS = 100;
const CLEAR_LINE = '\r\x1b[K';

/** The rate is measured over the last few seconds, so worker start-up and skipped files do not skew the ETA. */
const RATE_WINDOW_MS = 3000;

export class ProgressLine {
  private lastDraw = -Infinity;
  private drawn = false;
  private readonly samples: { time: number; done: number }[] = [];

  constructor(
    private readonly stream: OutputStream,
    private readonly total: number,
    private readonly now: () => number,
  ) {}

  /** `done` files of `total` finished (rendered, skipped or failed); `failed` of them failed. */
  update(done: number, failed: number, force = false): void {
    const time = this.now();
    const last = this.samples.at(-1);
    if (last === undefined || time - last.time >= REDRAW_EVERY_MS / 2)
      this.samples.push({ time, done });
    while (this.samples.length > 1 && time - this.samples[0]!.time > RATE_WINDOW_MS)
      this.samples.shift();
    if (!force && time - this.lastDraw < REDRAW_EVERY_MS) return;
    this.lastDraw = time;
    this.drawn = true;
    const oldest = this.samples[0]!;
    const rate =
      time > oldest.time && done > oldest.done
        ? ((done - oldest.done) * 1000) / (time - oldest.time)
        : null;
    this.stream.write(CLEAR_LINE + progressText(done, this.total, failed, rate));
  }

  /** Removes the line, so the summary prints where it was. */
  clear(): void {
    if (this.drawn) this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }
}

/** `rate` in files per second, or null before it can be measured. */
export function progressText(
  done: number,
  total: number,
  failed: number,
  rate: number | null,
): string {
  const filled = total === 0 ? BAR_WIDTH : Math.round((BAR_WIDTH * done) / total);
  const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
  const speed = rate === null ? '- files/s' : `${Math.round(rate)} files/s`;
  const eta = rate === null ? 'ETA -' : `ETA ${formatSeconds((total - done) / rate)}`;
  const failures = failed > 0 ? `  ${failed} failed` : '';
  return `[${bar}] ${done}/${total}  ${speed}  ${eta}${failures}`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.ceil(seconds - minutes * 60)).padStart(2, '0')}s`;
}
