/**
 * The values of the file-level placement settings: the one list of layout directions and the one
 * list of layout kinds. model/diagram.ts re-exports them; this module imports nothing, so the
 * configuration loader reads them without loading the shape registry (a batch with nothing to
 * render never needs it).
 */

/** The layout directions: the one list the grammar check, the CLI, the configuration and the LSP use. */
export const DIRECTIONS = ['LR', 'TB', 'RL', 'BT'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The direction of a diagram that names none (no `direction` line, no option). */
export const DEFAULT_DIRECTION: Direction = 'LR';

/** The placement: layered (groups as clusters, dot's picture) or lanes (groups as swimlanes). */
export const LAYOUT_KINDS = ['layered', 'lanes'] as const;
export type LayoutKind = (typeof LAYOUT_KINDS)[number];
