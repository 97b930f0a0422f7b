/**
 * flowc's documented limits (docs/limits.md), in one place. Hostile input is normal input: each
 * limit bounds the time and memory one run may take, and is reported as an error that says which
 * limit was met and what to do, never as a crash or a multi-gigabyte surprise.
 *
 * Each value is well above what a diagram meant for people needs (the largest sample has 48 lines;
 * Mermaid refuses a diagram of more than 50,000 characters by default).
 */

/** Bytes read from one input file or standard input. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** Bytes of a flowc.config.json. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Globs in the configuration's `ignore` list, and characters in one of them. */
export const MAX_IGNORE_GLOBS = 1_000;
export const MAX_GLOB_LENGTH = 1_000;

/** Pixels on a side of a PNG: the rasteriser's (librsvg's) own limit. */
export const MAX_PNG_SIDE = 32_767;

/** Pixels in one PNG (4 bytes each while it is drawn): a larger PNG is drawn smaller, with a warning. */
export const MAX_PNG_PIXELS = 64 * 1024 * 1024;

/** The largest --scale. */
export const MAX_PNG_SCALE = 100;

/** Bytes of the batch renderer's cache file (a larger one is ignored, as a damaged one is). */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Edges one Mermaid chart may give `flowc import` (`a & b --> c & d` is four; Mermaid's own default
 * `maxEdges` is 500).
 */
export const MAX_IMPORT_EDGES = 100_000;

/**
 * Nodes and edges one diagram may give the layout (SVG, PNG, JSON; lint, DOT and Mermaid have no
 * such limit). Layout time and memory grow about linearly beyond this, but a 200,000-node chain
 * took 86 s and 2 GB to draw: split such a diagram.
 */
export const MAX_LAYOUT_NODES = 50_000;
export const MAX_LAYOUT_EDGES = 100_000;

/** Every limit by name, with how docs/limits.md shows its value. */
export const LIMITS = {
  MAX_INPUT_BYTES: { value: MAX_INPUT_BYTES, unit: 'bytes' },
  MAX_CONFIG_BYTES: { value: MAX_CONFIG_BYTES, unit: 'bytes' },
  MAX_IGNORE_GLOBS: { value: MAX_IGNORE_GLOBS, unit: 'count' },
  MAX_GLOB_LENGTH: { value: MAX_GLOB_LENGTH, unit: 'count' },
  MAX_CACHE_BYTES: { value: MAX_CACHE_BYTES, unit: 'bytes' },
  MAX_PNG_SIDE: { value: MAX_PNG_SIDE, unit: 'count' },
  MAX_PNG_PIXELS: { value: MAX_PNG_PIXELS, unit: 'count' },
  MAX_PNG_SCALE: { value: MAX_PNG_SCALE, unit: 'count' },
  MAX_IMPORT_EDGES: { value: MAX_IMPORT_EDGES, unit: 'count' },
  MAX_LAYOUT_NODES: { value: MAX_LAYOUT_NODES, unit: 'count' },
  MAX_LAYOUT_EDGES: { value: MAX_LAYOUT_EDGES, unit: 'count' },
} as const satisfies Record<string, { value: number; unit: 'bytes' | 'count' }>;

/** `8 MiB`, `1,000`: a limit as messages and docs show it. */
export function formatLimit(value: number, unit: 'bytes' | 'count' = 'count'): string {
  if (unit === 'bytes' && value % (1024 * 1024) === 0) return `${value / (1024 * 1024)} MiB`;
  if (unit === 'bytes' && value % 1024 === 0) return `${value / 1024} KiB`;
  return value.toLocaleString('en-US');
}
