/**
 * The VS Code extension: the `flow` language (grammar and editing settings come from
 * package.json) and a client that runs `flowc lsp --stdio` (see server-path.ts for which flowc).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { findServer } from './server-path.js';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('flowc', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('flowc.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.commands.registerCommand('flowc.showOutput', () => output?.show()),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (
        event.affectsConfiguration('flowc.path') ||
        event.affectsConfiguration('flowc.lsp.args')
      ) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const settings = vscode.workspace.getConfiguration('flowc');
  const server = findServer({
    configured: settings.get<string>('path', ''),
    extraArgs: settings.get<string[]>('lsp.args', []),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    platform: process.platform,
    exists: (file) => fs.existsSync(file),
  });
  output?.info(`starting ${server.command} ${server.args.join(' ')} (${server.origin})`);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const serverOptions: ServerOptions = {
    command: server.command,
    args: server.args,
    options: { shell: server.shell, ...(cwd ? { cwd } : {}) },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'flow' },
      { scheme: 'untitled', language: 'flow' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/flowc.config.json') },
    outputChannel: output,
  };
  client = new LanguageClient('flowc', 'flowc language server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const where =
      server.origin === 'path'
        ? "no 'flowc' on the PATH or in the workspace's node_modules"
        : server.command;
    void vscode.window.showErrorMessage(
      `flowc: the language server did not start (${where}): ${String(error)}. Install flowc (npm install --save-dev flowc) or set "flowc.path".`,
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) await running.stop();
}
