/** Types for chromium.mjs (plain JavaScript, used by tests, the benchmark and a docs script). */
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';

export const CHROMIUM: string;
export const hasChromium: boolean;
export function launchChromium(): Promise<Browser>;

export interface WatchProcess {
  url: string;
  port: number;
  child: ChildProcess;
  stderr(): string;
  /** SIGINT, then the exit code. */
  stop(): Promise<number | null>;
}

export function startWatch(cwd: string, args: string[]): Promise<WatchProcess>;
