/**
 * flowc's language server as a library: `startServer(connection, options)` serves any LSP
 * connection; `serveStdio(options)` serves one on standard input and output (`flowc lsp --stdio`).
 * Built on the public stages (parse, resolve, validate, with `IncrementalParser` and `checkAst`);
 * loaded only by `flowc lsp`, never by the other commands.
 */
import { createConnection } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server.js';

export { startServer, type ServerOptions } from './server.js';
export { analyze, type Analysis } from './analysis.js';
// The features as plain functions of an analysis (for hosts other than an LSP connection).
export { complete } from './completion.js';
export { hover } from './hover.js';
export { definition, references, rename, prepareRename } from './navigation.js';
export { documentSymbols, foldingRanges } from './outline.js';
export { codeActions } from './actions.js';
export { formatting } from './formatting.js';

/** Serves the client on this process' standard input and output until it says `exit`. */
export function serveStdio(options: ServerOptions = {}): void {
  // Standard output carries the protocol: anything printed by mistake goes to standard error.
  const toStderr = (...args: unknown[]): void => {
    process.stderr.write(`${args.map(String).join(' ')}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.warn = toStderr;
  console.debug = toStderr;
  const connection = createConnection(process.stdin, process.stdout);
  startServer(connection, options);
}
