/** Types for startup-patches.mjs (plain JavaScript, imported by scripts/build.mjs). */
import type { Plugin } from 'esbuild';

export const startupPatches: Plugin;
