/**
 * `flowc lsp --stdio`: the language server on standard input and output. The server itself is
 * src/lsp/ (a library); this only turns the options into its settings. Loaded (with the server
 * and vscode-languageserver) only when this command runs.
 */
import { rules } from '../validate/index.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { parseRuleFlags } from './settings.js';
import { flowcVersion } from './version.js';

export interface LspCommandOptions {
  stdio?: boolean;
  config?: string | false;
  rule?: string[];
  debounce?: number;
}

/** Starts the server; the returned promise never settles (the server exits the process on `exit`). */
export async function runLsp(options: LspCommandOptions, io: Io): Promise<number> {
  const known = rules.map((r) => r.id);
  const fixed = rules.filter((r) => !r.configurable).map((r) => r.id);
  const ruleFlags = parseRuleFlags(options.rule ?? [], known, fixed);
  if (options.config === '') throw new UsageError('--config needs a file name');
  // A server runs for hours: let V8 optimise its hot code as usual.
  io.longRun?.();
  const { serveStdio } = await import('../lsp/index.js');
  serveStdio({
    cwd: io.cwd,
    version: flowcVersion(),
    rules: ruleFlags,
    ...(typeof options.config === 'string' ? { configFile: options.config } : {}),
    ...(options.config === false ? { noConfig: true } : {}),
    ...(options.debounce !== undefined ? { debounceMs: options.debounce } : {}),
  });
  return new Promise<number>(() => {});
}
