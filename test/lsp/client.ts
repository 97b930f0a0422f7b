/**
 * A Language Server Protocol client for tests: starts `flowc lsp --stdio` (bin/flowc.js, the
 * built CLI) as a child process and talks JSON-RPC to it through vscode-languageserver-protocol,
 * as an editor would. Diagnostics notifications are collected per document.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const BIN = path.join(REPO, 'bin/flowc.js');

export const uriOf = (file: string): string => pathToFileURL(file).href;

export const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true } },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
    rename: { prepareSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
      isPreferredSupport: true,
    },
  },
  workspace: { didChangeWatchedFiles: { dynamicRegistration: false } },
};

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  initializeResult: InitializeResult | null = null;
  stderr = '';
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();

  constructor(args: string[] = [], cwd = REPO) {
    this.child = spawn(process.execPath, [BIN, 'lsp', '--stdio', ...args], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.listen();
  }

  static async start(
    args: string[] = [],
    capabilities: ClientCapabilities = CAPABILITIES,
    cwd = REPO,
  ): Promise<LspClient> {
    const client = new LspClient(args, cwd);
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(cwd),
      capabilities,
      workspaceFolders: null,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'flow', version: 1, text },
    });
  }

  /** Sends changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }

  /** The diagnostics published for the document's version (the latest version by default). */
  async diagnostics(uri: string, version = this.versions.get(uri) ?? 1): Promise<Diagnostic[]> {
    const deadline = Date.now() + 20000;
    for (;;) {
      const found = (this.published.get(uri) ?? []).find((p) => p.version === version);
      if (found) return found.diagnostics;
      if (this.child.exitCode !== null)
        throw new Error(`the server exited (${this.child.exitCode}): ${this.stderr}`);
      if (Date.now() > deadline)
        throw new Error(`no diagnostics for ${uri} version ${version}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** How many times diagnostics were published for the document so far. */
  publishCount(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  /** The diagnostics of the first publication after the first `after` ones. */
  async nextDiagnostics(uri: string, after: number): Promise<Diagnostic[]> {
    const deadline = Date.now() + 20000;
    for (;;) {
      const found = this.published.get(uri)?.[after];
      if (found) return found.diagnostics;
      if (Date.now() > deadline) throw new Error(`no new diagnostics for ${uri}: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Shuts the server down as a client does; resolves with its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
