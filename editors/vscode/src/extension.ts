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
import { startPreview, type Preview } from './preview.js';
import { findFlowc, findServer } from './server-path.js';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
/** The running `flowc watch` of each previewed file. */
const previews = new Map<string, Preview>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('flowc', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('flowc.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.commands.registerCommand('flowc.showOutput', () => output?.show()),
    vscode.commands.registerCommand('flowc.openPreview', (uri?: vscode.Uri) => openPreview(uri)),
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
  for (const preview of previews.values()) preview.process.kill();
  previews.clear();
  await stop();
}

function flowcSettings() {
  const settings = vscode.workspace.getConfiguration('flowc');
  return {
    configured: settings.get<string>('path', ''),
    extraArgs: settings.get<string[]>('lsp.args', []),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    platform: process.platform,
    exists: (file: string) => fs.existsSync(file),
  };
}

/** `flowc watch FILE` for the file (started once), its page shown beside the editor. */
async function openPreview(uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target || target.scheme !== 'file') {
    void vscode.window.showErrorMessage('flowc: open a saved .flow file to preview it');
    return;
  }
  let preview = previews.get(target.fsPath);
  if (!preview || preview.process.exitCode !== null) {
    const flowc = findFlowc(flowcSettings());
    const cwd = vscode.workspace.getWorkspaceFolder(target)?.uri.fsPath;
    try {
      preview = await startPreview(flowc, target.fsPath, cwd);
    } catch (error) {
      void vscode.window.showErrorMessage(`flowc: the preview did not start: ${String(error)}`);
      return;
    }
    const started = preview;
    previews.set(target.fsPath, started);
    started.process.on('exit', () => {
      if (previews.get(target.fsPath) === started) previews.delete(target.fsPath);
    });
    output?.info(`preview of ${target.fsPath}: ${started.url}`);
  }
  try {
    // VS Code's built-in Simple Browser, beside the editor.
    await vscode.commands.executeCommand('simpleBrowser.show', preview.url, {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
    });
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(preview.url));
  }
}

async function start(): Promise<void> {
  const server = findServer(flowcSettings());
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
