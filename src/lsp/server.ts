/**
 * The language server: `startServer(connection)` answers a client over any LSP connection
 * (`flowc lsp --stdio` makes one on standard input and output).
 *
 * Every feature reads one `Analysis` per document version (see analysis.ts), made on demand: a
 * request after an edit analyses the new text first (incrementally, so it stays fast on large
 * files); diagnostics are published a short while after the last edit (debounced) and at once
 * when a document opens. No request lets an exception out: a failure is logged to the client and
 * answered with an empty result, so a half-typed line never takes the server down.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CompletionItem,
  type CompletionList,
  type Connection,
  type InitializeResult,
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalParser } from '../syntax/incremental.js';
import { codeActions } from './actions.js';
import { analyze, type Analysis } from './analysis.js';
import { complete } from './completion.js';
import { toLspDiagnostic } from './diagnostics.js';
import { hover } from './hover.js';
import { definition, highlights, prepareRename, references, rename } from './navigation.js';
import { formatting } from './formatting.js';
import { documentSymbols, foldingRanges } from './outline.js';
import { toRange } from './positions.js';
import { SettingsCache, type DocumentSettings, type ServerConfigOptions } from './settings.js';

export interface ServerOptions extends ServerConfigOptions {
  /** Milliseconds from the last edit to the diagnostics; 150 by default. */
  debounceMs?: number;
  /** Where `--config` is resolved and unsaved documents find their configuration. */
  cwd?: string;
  /** The version reported to the client. */
  version?: string;
}

interface DocumentState {
  parser: IncrementalParser;
  analysis: Analysis | null;
  settings: DocumentSettings;
  /** False until the document's configuration is read: nothing is published before. */
  settingsRead: boolean;
  timer: NodeJS.Timeout | null;
}

const DEFAULT_SETTINGS: DocumentSettings = { rules: {}, ignored: false, problem: null };

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocumentState>();
  const settingsCache = new SettingsCache(options, options.cwd ?? process.cwd());
  const debounceMs = options.debounceMs ?? 150;
  const reportedProblems = new Set<string>();
  let snippets = false;
  let editRangeDefault = false;
  let watchDynamically = false;

  const stateOf = (uri: string): DocumentState => {
    let state = states.get(uri);
    if (!state) {
      state = {
        parser: new IncrementalParser(),
        analysis: null,
        settings: DEFAULT_SETTINGS,
        settingsRead: false,
        timer: null,
      };
      states.set(uri, state);
    }
    return state;
  };

  /** The analysis of the document's current text (made now if the text changed since). */
  const analysisOf = (uri: string): Analysis | null => {
    const document = documents.get(uri);
    if (!document) return null;
    const state = stateOf(uri);
    if (state.analysis?.version !== document.version) {
      state.analysis = analyze(document.getText(), document.version, state.parser, {
        rules: state.settings.rules,
      });
    }
    return state.analysis;
  };

  const publish = (uri: string): void => {
    const document = documents.get(uri);
    if (!document) return;
    const state = stateOf(uri);
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    if (!state.settingsRead) return;
    const diagnostics = state.settings.ignored
      ? []
      : (analysisOf(uri)?.diagnostics.map(toLspDiagnostic) ?? []);
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  };

  /** Reads the document's settings (configuration file), then publishes its diagnostics. */
  const refresh = async (uri: string): Promise<void> => {
    let file: string | null = null;
    if (uri.startsWith('file:')) {
      try {
        file = fileURLToPath(uri);
      } catch {
        file = null;
      }
    }
    const settings = await settingsCache.forFile(file);
    if (settings.problem && !reportedProblems.has(settings.problem)) {
      reportedProblems.add(settings.problem);
      void connection.window.showWarningMessage(
        `flowc: ${settings.problem}\n(linting with the default rule settings until it is fixed)`,
      );
    }
    if (!documents.get(uri)) return;
    const state = stateOf(uri);
    if (JSON.stringify(settings) !== JSON.stringify(state.settings)) {
      state.settings = settings;
      state.analysis = null;
    }
    state.settingsRead = true;
    publish(uri);
  };

  /** Runs a request handler; a failure is logged and answered with `fallback`. */
  const guard =
    <P, R>(name: string, fallback: R, handler: (params: P) => R) =>
    (params: P): R => {
      try {
        return handler(params);
      } catch (error) {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        connection.console.error(`flowc lsp: ${name} failed: ${text}`);
        return fallback;
      }
    };

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    editRangeDefault =
      capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') ===
      true;
    watchDynamically = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        completionProvider: { triggerCharacters: ['.', '(', ':', '>', '[', ',', '-'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
      },
      serverInfo: { name: 'flowc', ...(options.version ? { version: options.version } : {}) },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/flowc.config.json' }],
      });
  });

  connection.onDidChangeWatchedFiles(() => {
    settingsCache.clear();
    reportedProblems.clear();
    for (const document of documents.all()) void refresh(document.uri);
  });

  documents.onDidOpen(({ document }) => {
    stateOf(document.uri);
    void refresh(document.uri).catch((error: unknown) =>
      connection.console.error(`flowc lsp: ${String(error)}`),
    );
  });
  documents.onDidChangeContent(({ document }) => {
    const state = stateOf(document.uri);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(
      guard('diagnostics', undefined, () => publish(document.uri)),
      debounceMs,
    );
  });
  documents.onDidSave(({ document }) => publish(document.uri));
  documents.onDidClose(({ document }) => {
    const state = states.get(document.uri);
    if (state?.timer) clearTimeout(state.timer);
    states.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion(
    guard('completion', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      const items = analysis ? complete(analysis, params.position, { snippets }) : [];
      return editRangeDefault ? withDefaultRange(items) : items;
    }),
  );
  connection.onHover(
    guard('hover', null, (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return analysis ? hover(analysis, params.position) : null;
    }),
  );
  connection.onDefinition(
    guard('definition', null, (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return analysis ? definition(analysis, params.textDocument.uri, params.position) : null;
    }),
  );
  connection.onReferences(
    guard('references', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return analysis
        ? references(
            analysis,
            params.textDocument.uri,
            params.position,
            params.context.includeDeclaration,
          )
        : [];
    }),
  );
  connection.onDocumentHighlight(
    guard('highlight', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return analysis
        ? highlights(analysis, params.position).map((o) => ({
            range: toRange(o.span),
            kind: o.declaration ? 3 : 2,
          }))
        : [];
    }),
  );
  connection.onPrepareRename(
    guard('prepareRename', null, (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return analysis ? prepareRename(analysis, params.position) : null;
    }),
  );
  connection.onRenameRequest(
    guard('rename', null, (params) => {
      const uri = params.textDocument.uri;
      const analysis = analysisOf(uri);
      if (!analysis) return null;
      const state = stateOf(uri);
      // The edited text is analysed with a copy of the document's parser: only renamed lines are matched.
      return rename(analysis, uri, params.position, params.newName, (text) =>
        analyze(text, -1, state.parser.fork(), { rules: state.settings.rules }),
      );
    }),
  );
  connection.onDocumentSymbol(
    guard('documentSymbol', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return analysis ? documentSymbols(analysis) : [];
    }),
  );
  connection.onFoldingRanges(
    guard('foldingRange', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      return analysis ? foldingRanges(analysis) : [];
    }),
  );
  connection.onCodeAction(
    guard('codeAction', [], (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      if (!analysis || stateOf(params.textDocument.uri).settings.ignored) return [];
      return codeActions(analysis, params.textDocument.uri, params.range);
    }),
  );

  connection.onDocumentFormatting(
    guard('formatting', null, (params) => {
      const analysis = analysisOf(params.textDocument.uri);
      if (!analysis) return null;
      const edits = formatting(analysis);
      if (edits === null)
        connection.console.warn(
          `flowc: ${params.textDocument.uri} is not formatted: it has syntax errors (as flowc fmt)`,
        );
      return edits ?? [];
    }),
  );

  documents.listen(connection);
  connection.listen();
}

/**
 * Items that all replace the same range, as a list that says the range once (`itemDefaults`,
 * LSP 3.17): on a 2,000-line file the completion of node ids is a few hundred items.
 */
function withDefaultRange(items: CompletionItem[]): CompletionItem[] | CompletionList {
  const first = items[0]?.textEdit;
  if (!first || !('range' in first)) return items;
  const same = (r: Range) =>
    r.start.line === first.range.start.line &&
    r.start.character === first.range.start.character &&
    r.end.line === first.range.end.line &&
    r.end.character === first.range.end.character;
  if (!items.every((i) => i.textEdit && 'range' in i.textEdit && same(i.textEdit.range)))
    return items;
  return {
    isIncomplete: false,
    itemDefaults: { editRange: first.range },
    items: items.map(({ textEdit, ...item }) =>
      textEdit && textEdit.newText !== item.label
        ? { ...item, textEditText: textEdit.newText }
        : item,
    ),
  };
}
