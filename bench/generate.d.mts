/** Types for generate.mjs (plain JavaScript so bench scripts run it without a build). */
export interface GenerateOptions {
  /** Total node count, start and end circles included (at least 2). */
  nodes: number;
  /** Number of groups (0 = every node at the top level). */
  groups: number;
  /** PRNG seed: the same options always give the same text. */
  seed?: number;
  /** Target edges per node (default 1.3). */
  edgesPerNode?: number;
}

export function generateFlow(options: GenerateOptions): string;

/** `copies` copies of `sample` in one file, each copy's groups renamed (`Client` → `Client7`). */
export function repeatSample(sample: string, copies: number): string;

/** A generated diagram of about `lines` lines (bench/parse.mjs's and bench/ab.mjs's "generated"). */
export function generatedLines(lines: number): string;
