/** Types for startup-patches.mjs (plain JavaScript, imported by scripts/build.mjs and by tests). */
import type { Plugin } from 'esbuild';

export interface TextPatch {
  /** The files it applies to. */
  file: RegExp;
  name: string;
  /** Each `find` must occur exactly once. */
  edits: { find: string; replace: string }[];
  /** Added at the end of the file. */
  append?: string;
}

export const DEPENDENCY_PATCHES: TextPatch[];
export function applyPatch(
  patch: TextPatch,
  text: string,
): { text: string; problem?: undefined } | { problem: string; text?: undefined };
export const startupPatches: Plugin;
