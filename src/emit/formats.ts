/**
 * The output formats: one emitter module each (src/emit), the one list of them. The CLI, the
 * configuration and the batch renderer read it from here (through src/config for the CLI); a leaf
 * module, so reading the list loads no emitter.
 */
export const FORMATS = ['svg', 'png', 'json', 'mermaid', 'dot'] as const;
export type Format = (typeof FORMATS)[number];
