// Language server benchmark (issue 13): `flowc lsp --stdio` (the built CLI) driven over JSON-RPC
// as an editor drives it, on a generated 2,000-line file. For each request: the time from sending
// it to its answer, median and 95th percentile, in two situations:
// - "after an edit": a one-line change was just sent, so the answer includes analysing the new text
//   (incremental parse of the changed line, resolve, validate);
// - "unchanged": the same document again (the analysis is reused).
// "diagnostics" is the time from a one-line change to its publishDiagnostics, with --debounce 0.
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateFlow } from './generate.mjs';
import { bin, machine, median, root, table } from './lib.mjs';

function fileOfLines(lines) {
  let nodes = Math.round(lines / 2.3);
  let text = generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 13 });
  nodes = Math.round((nodes * lines) / text.split('\n').length);
  return generateFlow({ nodes, groups: Math.max(2, Math.round(nodes / 12)), seed: 13 });
}

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function benchLsp({ lines = 2000, runs = 40 } = {}) {
  const rpc = await import('vscode-languageserver-protocol/node');
  const text = fileOfLines(lines);
  const rows = text.split('\n');
  const child = spawn(process.execPath, [bin, 'lsp', '--stdio', '--no-config', '--debounce', '0'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const published = new Map();
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    published.get(p.version)?.(performance.now());
  });
  connection.listen();
  await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    // As VS Code declares them (snippets, a default edit range for completion lists).
    capabilities: {
      textDocument: {
        completion: {
          completionItem: { snippetSupport: true },
          completionList: { itemDefaults: ['editRange', 'insertTextFormat'] },
        },
        publishDiagnostics: { versionSupport: true },
      },
    },
  });
  await connection.sendNotification(rpc.InitializedNotification.type, {});
  const uri = pathToFileURL(join(root, 'bench', 'out', 'lsp-2000.flow')).href;
  let version = 1;
  const opened = new Promise((resolve) => published.set(1, resolve));
  const t0 = performance.now();
  await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'flow', version, text },
  });
  const openMs = (await opened) - t0;

  // Positions to ask at: a reference in the middle of the file, the end of an edge line.
  const edgeLine = rows.findIndex((l, i) => i > rows.length / 2 && /->/.test(l));
  const edge = rows[edgeLine];
  const ref = { line: edgeLine, character: edge.indexOf('->') + 3 };
  const end = { line: edgeLine, character: edge.length };
  const doc = { uri };
  const requests = {
    completion: () =>
      connection.sendRequest(rpc.CompletionRequest.type, { textDocument: doc, position: ref }),
    hover: () =>
      connection.sendRequest(rpc.HoverRequest.type, { textDocument: doc, position: ref }),
    definition: () =>
      connection.sendRequest(rpc.DefinitionRequest.type, { textDocument: doc, position: ref }),
    references: () =>
      connection.sendRequest(rpc.ReferencesRequest.type, {
        textDocument: doc,
        position: ref,
        context: { includeDeclaration: true },
      }),
    rename: () =>
      connection.sendRequest(rpc.RenameRequest.type, {
        textDocument: doc,
        position: ref,
        newName: 'renamedNode',
      }),
    documentSymbol: () =>
      connection.sendRequest(rpc.DocumentSymbolRequest.type, { textDocument: doc }),
    foldingRange: () => connection.sendRequest(rpc.FoldingRangeRequest.type, { textDocument: doc }),
    codeAction: () =>
      connection.sendRequest(rpc.CodeActionRequest.type, {
        textDocument: doc,
        range: { start: ref, end },
        context: { diagnostics: [] },
      }),
  };

  // A one-line edit: a comment at the end of the last line, alternately added and removed.
  const last = rows.length - 1;
  let commented = false;
  const edit = async () => {
    version++;
    const at = { line: last, character: rows[last].length };
    const change = commented
      ? { range: { start: at, end: { line: last, character: rows[last].length + 2 } }, text: '' }
      : { range: { start: at, end: at }, text: ' #' };
    commented = !commented;
    await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [change],
    });
    return version;
  };

  const time = async (fn) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const results = [];
  // Warm-up: let V8 compile the hot paths, as in an editor session.
  for (let i = 0; i < 5; i++)
    for (const fn of Object.values(requests)) {
      await edit();
      await fn();
    }
  for (const [name, fn] of Object.entries(requests)) {
    const afterEdit = [];
    const unchanged = [];
    for (let i = 0; i < runs; i++) {
      await edit();
      afterEdit.push(await time(fn));
      unchanged.push(await time(fn));
    }
    results.push([name, afterEdit, unchanged]);
  }
  const diagnostics = [];
  for (let i = 0; i < runs; i++) {
    const sent = performance.now();
    const v = version + 1;
    const got = new Promise((resolve) => published.set(v, resolve));
    await edit();
    diagnostics.push((await got) - sent);
    published.delete(v);
  }
  await connection.sendRequest(rpc.ShutdownRequest.type);
  await connection.sendNotification(rpc.ExitNotification.type);
  connection.dispose();

  const inProcess = await computeOnly(text, ref, end, runs);
  const ms = (v) => `${v.toFixed(1)} ms`;
  const body = table(
    ['request', 'after an edit: median', 'p95', 'unchanged: median', 'p95'],
    [
      ...results.map(([name, a, u]) => [
        name,
        ms(median(a)),
        ms(percentile(a, 95)),
        ms(median(u)),
        ms(percentile(u, 95)),
      ]),
      [
        'diagnostics (change → publish)',
        ms(median(diagnostics)),
        ms(percentile(diagnostics, 95)),
        '',
        '',
      ],
    ],
  );
  return [
    `### Language server (\`flowc lsp --stdio\`, ${rows.length}-line file, ${runs} runs each)`,
    '',
    `Machine: ${machine()}. Opening the file (first full analysis) to its diagnostics: ${ms(openMs)}.`,
    '',
    body,
    '',
    'The same work in-process (the library functions behind each request, no JSON-RPC, no',
    'client): analysing the edited text (`analyze`: incremental parse, resolve, validate, the',
    "server's index), then each feature on that analysis:",
    '',
    table(
      ['step', 'wall: median', 'p95', 'CPU time: median', 'p95'],
      inProcess.map(([name, wall, cpu]) => [
        name,
        ms(median(wall)),
        ms(percentile(wall, 95)),
        ms(median(cpu)),
        ms(percentile(cpu, 95)),
      ]),
    ),
    '',
    `CPU time is what the step itself consumed (\`process.cpuUsage\`), which other processes on`,
    'the machine do not inflate; wall time includes waiting for a core (load average at the end',
    `of this run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${cpus().length} cores).`,
  ].join('\n');
}

/** Times `analyze` after a one-line edit and each feature function, in this process. */
async function computeOnly(text, ref, end, runs) {
  const { IncrementalParser } = await import(join(root, 'dist', 'index.js'));
  const lsp = await import(join(root, 'dist', 'lsp.js'));
  const parser = new IncrementalParser();
  const uri = 'file:///bench.flow';
  let analysis = lsp.analyze(text, 0, parser, {});
  const steps = {
    'analyze (after a one-line edit)': (i) => {
      analysis = lsp.analyze(i % 2 ? text : `${text} #`, i + 1, parser, {});
    },
    completion: () => lsp.complete(analysis, ref, { snippets: true }),
    hover: () => lsp.hover(analysis, ref),
    definition: () => lsp.definition(analysis, uri, ref),
    references: () => lsp.references(analysis, uri, ref, true),
    rename: () =>
      lsp.rename(analysis, uri, ref, 'renamedNode', (t) => lsp.analyze(t, -1, parser.fork(), {})),
    documentSymbol: () => lsp.documentSymbols(analysis),
    foldingRange: () => lsp.foldingRanges(analysis),
    codeAction: () => lsp.codeActions(analysis, uri, { start: ref, end }),
  };
  const times = Object.keys(steps).map((name) => [name, [], []]);
  for (let i = 0; i < runs + 5; i++)
    Object.values(steps).forEach((step, k) => {
      const cpu = process.cpuUsage();
      const t = performance.now();
      step(i);
      const wall = performance.now() - t;
      const used = process.cpuUsage(cpu);
      if (i >= 5) {
        times[k][1].push(wall);
        times[k][2].push((used.user + used.system) / 1000);
      }
    });
  return times;
}
