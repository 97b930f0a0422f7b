/**
 * `flowc lsp --stdio` driven as an editor drives it (JSON-RPC over the child's standard input and
 * output, vscode-languageserver-protocol on this side), through every feature, on every sample
 * and every file of samples/invalid/. Expected values come from the library (`check`, the
 * resolved references) or are written out, never from the server itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  DocumentFormattingRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { check } from '../../src/check.js';
import { format } from '../../src/format/index.js';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, SETTING_VALUES, SHAPES } from '../../src/model/index.js';
import { SIDES } from '../../src/syntax/index.js';
import { SETTING_KEYS } from '../../src/syntax/ast.js';
import { rules } from '../../src/validate/index.js';
import { CAPABILITIES, LspClient, REPO, uriOf } from './client.js';

const SAMPLES = path.join(REPO, 'samples');
const samples = fs
  .readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.flow'))
  .sort();
const invalid = fs.readdirSync(path.join(SAMPLES, 'invalid')).sort();
const read = (name: string): string => fs.readFileSync(path.join(SAMPLES, name), 'utf8');

let client: LspClient;
let tmp: string;
let counter = 0;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-lsp-'));
  client = await LspClient.start([], undefined, tmp);
});

afterAll(async () => {
  const code = await client.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  // A clean shutdown exits 0; the server wrote no stack trace.
  expect(code).toBe(0);
  expect(client.stderr).not.toMatch(/\n\s+at /);
});

/** Opens `text` as a new document (a fresh URI in the temporary folder, no configuration there). */
async function open(name: string, text: string): Promise<string> {
  const uri = uriOf(path.join(tmp, `${counter++}-${path.basename(name)}`));
  await client.open(uri, text);
  return uri;
}

const request = {
  completion: async (uri: string, position: Position): Promise<CompletionItem[]> => {
    const result = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    })) as CompletionItem[] | CompletionList | null;
    return Array.isArray(result) ? result : (result?.items ?? []);
  },
  definition: async (uri: string, position: Position) =>
    (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position,
    })) as Location | null,
  references: async (uri: string, position: Position, includeDeclaration = true) =>
    (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position,
      context: { includeDeclaration },
    })) ?? [],
  hover: (uri: string, position: Position) =>
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
  rename: (uri: string, position: Position, newName: string) =>
    client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position,
      newName,
    }),
  prepareRename: (uri: string, position: Position) =>
    client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position }),
  actions: async (uri: string, range: Range, diagnostics: Diagnostic[] = []) =>
    ((await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics },
    })) ?? []) as CodeAction[],
  symbols: async (uri: string) =>
    (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[],
  folding: async (uri: string) =>
    (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) ??
    [],
  highlights: async (uri: string, position: Position) =>
    (await client.connection.sendRequest(DocumentHighlightRequest.type, {
      textDocument: { uri },
      position,
    })) ?? [],
};

/** flowc's diagnostics for `text` (as `flowc lint` computes them) in LSP terms. */
function expectedDiagnostics(text: string) {
  return check(text).diagnostics.map((d) => ({
    range: {
      start: { line: d.span.line - 1, character: d.span.column - 1 },
      end: { line: d.span.endLine - 1, character: d.span.endColumn - 1 },
    },
    severity: d.severity === 'error' ? 1 : 2,
    code: d.ruleId,
    message: d.notes ? [d.message, ...d.notes].join('\n') : d.message,
  }));
}

const shape = (d: Diagnostic) => ({
  range: d.range,
  severity: d.severity,
  code: d.code,
  message: d.message,
});

/** The text with the edits applied (edits on one document, not overlapping). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const e of sorted)
    result = result.slice(0, offset(e.range.start)) + e.newText + result.slice(offset(e.range.end));
  return result;
}

function editsOf(edit: WorkspaceEdit | null | undefined, uri: string): TextEdit[] {
  return edit?.changes?.[uri] ?? [];
}

/** The position of the `n`-th occurrence of `needle` on the line that contains `lineNeedle`. */
function find(text: string, lineNeedle: string, needle = lineNeedle, offset = 0): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(lineNeedle));
  if (line < 0) throw new Error(`no line holds ${lineNeedle}`);
  return { line, character: lines[line]!.indexOf(needle) + offset };
}

describe('initialize', () => {
  test('advertises every feature, formatting included (flowc fmt)', () => {
    const caps = client.initializeResult!.capabilities;
    expect(caps.hoverProvider).toBe(true);
    expect(caps.definitionProvider).toBe(true);
    expect(caps.referencesProvider).toBe(true);
    expect(caps.renameProvider).toEqual({ prepareProvider: true });
    expect(caps.documentSymbolProvider).toBe(true);
    expect(caps.foldingRangeProvider).toBe(true);
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    expect(caps.completionProvider?.triggerCharacters).toEqual(expect.arrayContaining(['.', '(']));
    expect(caps.documentFormattingProvider).toBe(true);
    expect(client.initializeResult!.serverInfo?.name).toBe('flowc');
  });
});

describe('diagnostics: the same as flowc lint', () => {
  test.each(samples)('%s: none (the samples are lint-clean)', async (name) => {
    const uri = await open(name, read(name));
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  test.each(invalid)(
    'invalid/%s: every diagnostic of flowc lint, with its rule link',
    async (name) => {
      const text = read(`invalid/${name}`);
      const uri = await open(name, text);
      const got = await client.diagnostics(uri);
      expect(got.map(shape)).toEqual(expectedDiagnostics(text));
      // Each file breaks the rule it is named after.
      const rule = name.replace(/\.flow$/, '');
      expect(got.map((d) => d.code)).toContain(rule);
      for (const d of got) {
        expect(d.source).toBe('flowc');
        const href = d.codeDescription?.href ?? '';
        expect(href).toMatch(new RegExp(`docs/rules\\.md#${String(d.code)}$`));
        // package.json names no repository: the copy of docs/rules.md in flowc's package, which
        // exists and has the rule's heading (no guessed web address).
        expect(href.startsWith('file://')).toBe(true);
        const doc = fs.readFileSync(fileURLToPath(href.replace(/#.*$/, '')), 'utf8');
        expect(doc).toContain(`\n### ${String(d.code)}\n`);
      }
    },
  );

  test("the configuration of the file's folder: rule settings and ignore globs, as flowc lint", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'config-'));
    fs.writeFileSync(
      path.join(dir, 'flowc.config.json'),
      JSON.stringify({
        rules: { 'dead-end': 'off', 'missing-end': 'warn' },
        ignore: ['drafts/**'],
      }),
    );
    fs.mkdirSync(path.join(dir, 'drafts'));
    const deadEnd = read('invalid/dead-end.flow');
    const missingEnd = read('invalid/missing-end.flow');
    for (const [file, text] of [
      ['a.flow', deadEnd],
      ['b.flow', missingEnd],
      ['drafts/c.flow', deadEnd],
    ] as const)
      fs.writeFileSync(path.join(dir, file), text);
    const a = uriOf(path.join(dir, 'a.flow'));
    await client.open(a, deadEnd);
    expect((await client.diagnostics(a)).map((d) => d.code)).not.toContain('dead-end');
    const b = uriOf(path.join(dir, 'b.flow'));
    await client.open(b, missingEnd);
    const missing = (await client.diagnostics(b)).filter((d) => d.code === 'missing-end');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((d) => d.severity === 2)).toBe(true);
    const c = uriOf(path.join(dir, 'drafts/c.flow'));
    await client.open(c, deadEnd);
    expect(await client.diagnostics(c)).toEqual([]);
  });

  test('a changed flowc.config.json (workspace/didChangeWatchedFiles) applies to open files', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'reload-'));
    const config = path.join(dir, 'flowc.config.json');
    fs.writeFileSync(config, JSON.stringify({ rules: {} }));
    const text = read('invalid/dead-end.flow');
    const uri = uriOf(path.join(dir, 'a.flow'));
    await client.open(uri, text);
    expect((await client.diagnostics(uri)).map((d) => d.code)).toContain('dead-end');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'dead-end': 'off' } }));
    const before = client.publishCount(uri);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(config), type: FileChangeType.Changed }],
    });
    expect((await client.nextDiagnostics(uri, before)).map((d) => d.code)).not.toContain(
      'dead-end',
    );
  });

  test("this repository's flowc.config.json ignores samples/invalid/, so the real files get none", async () => {
    const uri = uriOf(path.join(SAMPLES, 'invalid/dead-end.flow'));
    await client.open(uri, read('invalid/dead-end.flow'));
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  test('suppression comments count as in flowc lint', async () => {
    const text = read('invalid/dead-end.flow');
    const first = expectedDiagnostics(text).find((d) => d.code === 'dead-end')!;
    const lines = text.split('\n');
    lines.splice(first.range.start.line, 0, '# flowc-disable-next-line dead-end -- on purpose');
    const uri = await open('suppressed.flow', lines.join('\n'));
    const got = await client.diagnostics(uri);
    expect(got.map(shape)).toEqual(expectedDiagnostics(lines.join('\n')));
    expect(got.filter((d) => d.code === 'dead-end').length).toBe(
      expectedDiagnostics(text).filter((d) => d.code === 'dead-end').length - 1,
    );
  });

  test('edits: diagnostics follow the text (incremental changes, the last version published)', async () => {
    const text = read('cqrs.flow');
    const uri = await open('edited.flow', text);
    expect(await client.diagnostics(uri)).toEqual([]);
    // Break a reference, then fix it, in quick succession.
    const at = find(text, 'n4.handle(bottom) -> CommandSide.n8', 'n8');
    const range = { start: at, end: { ...at, character: at.character + 2 } };
    let version = await client.change(uri, [{ range, text: 'n88' }]);
    const broken = text.replace(
      'CommandSide.n8.handle(top) [label="Command"]',
      'CommandSide.n88.handle(top) [label="Command"]',
    );
    expect((await client.diagnostics(uri, version)).map(shape)).toEqual(
      expectedDiagnostics(broken),
    );
    version = await client.change(uri, [
      { range: { start: at, end: { ...at, character: at.character + 3 } }, text: 'n8' },
    ]);
    expect(await client.diagnostics(uri, version)).toEqual([]);
  });

  test('a line typed one character at a time never breaks the server', async () => {
    const text = read('cqrs.flow');
    const uri = await open('typing.flow', text);
    await client.diagnostics(uri);
    const typed =
      'n5.handle(right) -> CommandSide.n13.handle(left) [label="Fail", color="x"] # done';
    const line = text.split('\n').findIndex((l) => l === '}');
    let version = 1;
    let current = text;
    for (let i = 0; i < typed.length; i++) {
      const position = { line, character: i };
      const insert = i === 0 ? `${typed[0]!}\n` : typed[i]!;
      version = await client.change(uri, [
        { range: { start: position, end: position }, text: insert },
      ]);
      const lines = current.split('\n');
      lines.splice(line, i === 0 ? 0 : 1, typed.slice(0, i + 1));
      current = lines.join('\n');
      const after = { line, character: i + 1 };
      await request.completion(uri, after);
      await request.hover(uri, after);
      await request.definition(uri, after);
    }
    expect((await client.diagnostics(uri, version)).map(shape)).toEqual(
      expectedDiagnostics(current),
    );
  });
});

describe('definition, references, highlights (every reference of every sample)', () => {
  test.each(samples)('%s', async (name) => {
    const text = read(name);
    const uri = await open(name, text);
    const result = check(text);
    const declared = new Map<string, { line: number; column: number }>();
    for (const node of result.diagram.nodes) declared.set(node.id, node.span);
    for (const group of result.diagram.groups) declared.set(group.id, group.span);
    const uses = new Map<string, number>();
    for (const reference of result.references)
      for (const segment of reference.segments) {
        uses.set(segment.id, (uses.get(segment.id) ?? 0) + 1);
        const position = {
          line: segment.name.span.line - 1,
          character: segment.name.span.column - 1,
        };
        const target = declared.get(segment.id)!;
        const location = await request.definition(uri, position);
        expect(location?.uri).toBe(uri);
        expect(location?.range.start).toEqual({
          line: target.line - 1,
          character: target.column - 1,
        });
      }
    expect(uses.size).toBeGreaterThan(0);
    for (const node of result.diagram.nodes) {
      const position = { line: node.span.line - 1, character: node.span.column - 1 };
      const all = await request.references(uri, position);
      expect(all.length).toBe(1 + (uses.get(node.id) ?? 0));
      const without = await request.references(uri, position, false);
      expect(without.length).toBe(uses.get(node.id) ?? 0);
      expect((await request.highlights(uri, position)).length).toBe(all.length);
    }
  });

  test('a plain name and a qualified one are the same node; the same local id elsewhere is not', async () => {
    const text = [
      'A {',
      'x: circle',
      'y: rectangle',
      'x -> y',
      'y -> B.x',
      '}',
      'B {',
      'x: circle',
      '}',
    ].join('\n');
    const uri = await open('scopes.flow', text);
    const inA = await request.references(uri, { line: 1, character: 0 });
    expect(inA.map((l) => l.range.start.line)).toEqual([1, 3]);
    const inB = await request.references(uri, { line: 7, character: 0 });
    expect(inB.map((l) => [l.range.start.line, l.range.start.character])).toEqual([
      [7, 0],
      [4, 7],
    ]);
    // The group segment of `B.x` is the group.
    expect((await request.definition(uri, { line: 4, character: 5 }))?.range.start).toEqual({
      line: 6,
      character: 0,
    });
    expect(await request.definition(uri, { line: 0, character: 2 })).toBeNull();
  });
});

describe('rename', () => {
  const cqrs = read('cqrs.flow');

  test('a node: its declaration and every reference, plain and qualified', async () => {
    const uri = await open('rename-node.flow', cqrs);
    const at = find(cqrs, 'n8: rectangle');
    expect(await request.prepareRename(uri, at)).toEqual({
      range: { start: at, end: { ...at, character: at.character + 2 } },
      placeholder: 'n8',
    });
    const edits = editsOf(await request.rename(uri, at, 'validate'), uri);
    const result = check(cqrs);
    const uses = result.references
      .flatMap((r) => r.segments)
      .filter((s) => s.id === 'CommandSide.n8');
    expect(edits.length).toBe(1 + uses.length);
    const renamed = applyEdits(cqrs, edits);
    const after = check(renamed);
    expect(after.diagnostics).toEqual([]);
    expect(after.diagram.nodes.map((n) => n.id)).toContain('CommandSide.validate');
    expect(after.diagram.edges.length).toBe(result.diagram.edges.length);
    expect(renamed).toContain('CommandSide.validate.handle(top)');
  });

  test('a group: its qualified references follow', async () => {
    const uri = await open('rename-group.flow', cqrs);
    const at = find(cqrs, 'CommandSide { #');
    const edits = editsOf(await request.rename(uri, at, 'Commands'), uri);
    const renamed = applyEdits(cqrs, edits);
    expect(renamed).not.toContain('CommandSide');
    const after = check(renamed);
    expect(after.diagnostics).toEqual([]);
    expect(after.diagram.edges.map((e) => [e.from, e.to])).toEqual(
      check(cqrs).diagram.edges.map((e) =>
        [e.from, e.to].map((id) => id.replace(/^CommandSide\./, 'Commands.')),
      ),
    );
  });

  test('from a reference, not only from the declaration', async () => {
    const uri = await open('rename-ref.flow', cqrs);
    const at = find(cqrs, '-> CommandSide.n8', 'n8');
    const edits = editsOf(await request.rename(uri, at, 'check'), uri);
    expect(check(applyEdits(cqrs, edits)).diagnostics).toEqual([]);
  });

  test.each([
    ['n9', /already a node in group 'CommandSide'/],
    ['9lives', /not a valid id/],
    ['a b', /not a valid id/],
    ['handle', /not a valid id/],
  ])('refuses %s', async (newName, message) => {
    const uri = await open('rename-refused.flow', cqrs);
    await expect(request.rename(uri, find(cqrs, 'n8: rectangle'), newName)).rejects.toThrow(
      message,
    );
  });

  test('refuses a name that would capture a reference (shadowing)', async () => {
    const text = [
      'start: circle',
      'z: circle',
      'A {',
      'x: rectangle',
      'y: rectangle',
      'x -> z',
      '}',
      'start -> A.x',
      'A.y -> z',
    ].join('\n');
    const uri = await open('shadow.flow', text);
    await expect(request.rename(uri, { line: 4, character: 0 }, 'z')).rejects.toThrow(
      /would name 'A.z' instead of 'z'/,
    );
    // A name nobody uses is fine.
    const edits = editsOf(await request.rename(uri, { line: 4, character: 0 }, 'w'), uri);
    expect(edits.length).toBe(2);
  });

  test('nothing to rename on a keyword, a shape or a comment', async () => {
    const uri = await open('rename-none.flow', cqrs);
    expect(await request.prepareRename(uri, find(cqrs, 'n8: rectangle', 'rectangle'))).toBeNull();
    expect(await request.prepareRename(uri, find(cqrs, 'Client {', '#', 2))).toBeNull();
    expect(await request.prepareRename(uri, find(cqrs, 'n1.handle(right)', 'handle'))).toBeNull();
  });
});

describe('completion', () => {
  const cqrs = read('cqrs.flow');
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);

  /** Completion with `line` written in place of the line holding `where` (cursor at its end, or at `|`). */
  async function at(where: string, line: string): Promise<CompletionItem[]> {
    const lines = cqrs.split('\n');
    const index = lines.findIndex((l) => l.includes(where));
    const cursor = line.includes('|') ? line.indexOf('|') : line.length;
    lines[index] = line.replace('|', '');
    const uri = await open('complete.flow', lines.join('\n'));
    return request.completion(uri, { line: index, character: cursor });
  }

  test("after -> : names in scope plain, other groups' nodes qualified, groups", async () => {
    const items = await at('n2.handle(right) -> n3', 'n2 -> ');
    const names = labels(items);
    for (const local of ['n1', 'n2', 'n3', 'n7']) expect(names).toContain(local);
    for (const qualified of ['CommandSide.n8', 'QuerySide.n16', 'EventHandler.n14'])
      expect(names).toContain(qualified);
    expect(names).not.toContain('n8');
    expect(names).toEqual(expect.arrayContaining(['Client', 'CommandSide']));
    const n3 = items.find((i) => i.label === 'n3')!;
    expect(n3.detail).toBe('diamond Client.n3');
    expect(n3.documentation).toBe('Read or write?');
    // In-scope names sort before qualified ones.
    expect(n3.sortText! < items.find((i) => i.label === 'CommandSide.n8')!.sortText!).toBe(true);
  });

  test('after a group name and a dot: its nodes; a partial name is replaced', async () => {
    const items = await at('n2.handle(right) -> n3', 'n2 -> CommandSide.n1');
    expect(labels(items).sort()).toEqual(['n10', 'n11', 'n12', 'n13', 'n8', 'n9']);
    expect((items[0]!.textEdit as TextEdit).range.start.character).toBe(
      'n2 -> CommandSide.'.length,
    );
  });

  test('after a node and a dot: handle(', async () => {
    expect(labels(await at('n2.handle(right) -> n3', 'n2.'))).toEqual(['handle']);
  });

  test('a side inside .handle(', async () => {
    expect(labels(await at('n2.handle(right) -> n3', 'n2.handle(r'))).toEqual([...SIDES]);
    expect(labels(await at('n2.handle(right) -> n3', 'n2 -> n3.handle('))).toEqual([...SIDES]);
  });

  test('a shape after id:', async () => {
    expect(labels(await at('n2: rectangle', 'n2: rec'))).toEqual([...SHAPES]);
  });

  test("attribute names after the shape and inside an edge's [ ], not those already given", async () => {
    const node = await at('n2: rectangle', 'n2: rectangle ');
    expect(labels(node)).toEqual([...NODE_ATTRIBUTES]);
    expect((node[0]!.textEdit as TextEdit).newText).toBe('label:"$1"');
    expect(labels(await at('n2: rectangle', 'n2: rectangle label:"x" '))).toEqual(
      NODE_ATTRIBUTES.filter((key) => key !== 'label'),
    );
    const edge = await at('n2.handle(right) -> n3', 'n2 -> n3 [');
    expect(labels(edge)).toEqual([...EDGE_ATTRIBUTES]);
    expect((edge[0]!.textEdit as TextEdit).newText).toBe('label="$1"');
  });

  test("a setting's values; rule ids in a directive; nothing inside a string", async () => {
    expect(labels(await at('Client {', 'direction '))).toEqual(['LR', 'TB', 'RL', 'BT']);
    expect(labels(await at('Client {', 'layout '))).toEqual(['layered', 'lanes']);
    const partial = await at('Client {', 'layout la');
    expect(labels(partial)).toEqual([...SETTING_VALUES.layout]);
    expect((partial[0]!.textEdit as TextEdit).range.start.character).toBe('layout '.length);
    const ids = labels(await at('n2: rectangle', '# flowc-disable-next-line dead-end, '));
    expect(ids).toEqual(rules.filter((r) => r.suppressible).map((r) => r.id));
    expect(ids).not.toContain('syntax');
    expect(labels(await at('n2: rectangle', '# flowc-dis'))).toContain('flowc-disable-next-line');
    expect(await at('n2: rectangle', 'n2: rectangle label:"-> ')).toEqual([]);
  });

  test('a top-level line: top-level names, groups, qualified nodes and the keywords', async () => {
    const uri = await open('top.flow', `\n${cqrs}`);
    const names = labels(await request.completion(uri, { line: 0, character: 0 }));
    expect(names).toEqual(
      expect.arrayContaining(['Client', 'Client.n1', ...SETTING_KEYS, 'style']),
    );
  });
});

describe('completion for a client that takes a default edit range (LSP 3.17, as VS Code)', () => {
  test('the range is said once; items keep their text', async () => {
    const vscodeLike = await LspClient.start(
      [],
      {
        ...CAPABILITIES,
        textDocument: {
          ...CAPABILITIES.textDocument,
          completion: {
            completionItem: { snippetSupport: true },
            completionList: { itemDefaults: ['editRange', 'insertTextFormat'] },
          },
        },
      },
      tmp,
    );
    try {
      const text = read('cqrs.flow').replace('n2.handle(right) -> n3.handle(left)', 'n2 -> Comm');
      const uri = uriOf(path.join(tmp, 'defaults.flow'));
      await vscodeLike.open(uri, text);
      const position = find(text, 'n2 -> Comm', 'Comm', 4);
      const list = (await vscodeLike.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position,
      })) as CompletionList;
      expect(list.itemDefaults?.editRange).toEqual({
        start: { ...position, character: position.character - 4 },
        end: position,
      });
      expect(list.items.every((i) => i.textEdit === undefined)).toBe(true);
      expect(list.items.map((i) => i.label)).toContain('CommandSide.n8');
      expect(list.items.find((i) => i.label === 'CommandSide.n8')?.textEditText).toBeUndefined();
    } finally {
      expect(await vscodeLike.stop()).toBe(0);
    }
  });
});

describe('hover, symbols and folding', () => {
  test('hover on a reference: label, shape and group', async () => {
    const text = read('cqrs.flow');
    const uri = await open('hover.flow', text);
    const hover = await request.hover(uri, find(text, '-> CommandSide.n8', 'n8'));
    const value = (hover?.contents as { value: string }).value;
    expect(value).toContain('**rectangle** `CommandSide.n8`');
    expect(value).toContain('Validate command');
    expect(value).toContain('in group `CommandSide` (Command Side)');
    const group = await request.hover(uri, find(text, '-> CommandSide.n8', 'CommandSide'));
    expect((group?.contents as { value: string }).value).toContain(
      '**group** `CommandSide` — Command Side',
    );
    expect(await request.hover(uri, find(text, 'Client {', '#', 3))).toBeNull();
  });

  test('hover on a setting: what it does and every value', async () => {
    const text = `direction TB\nlayout lanes\nlayout grid\n${read('cqrs.flow')}`;
    const uri = await open('hover-settings.flow', text);
    const onKey = await request.hover(uri, { line: 1, character: 2 });
    const value = (onKey?.contents as { value: string }).value;
    expect(value).toMatch(/^\*\*layout\*\* `lanes` — every group a swimlane/);
    for (const kind of SETTING_VALUES.layout) expect(value).toContain(`\`${kind}\`: `);
    expect(onKey?.range).toEqual({
      start: { line: 1, character: 0 },
      end: { line: 1, character: 'layout lanes'.length },
    });
    const onValue = await request.hover(uri, { line: 0, character: 'direction T'.length });
    const direction = (onValue?.contents as { value: string }).value;
    expect(direction).toMatch(/^\*\*direction\*\* `TB` — top to bottom/);
    for (const dir of SETTING_VALUES.direction) expect(direction).toContain(`\`${dir}\`: `);
    const unknown = await request.hover(uri, { line: 2, character: 1 });
    expect((unknown?.contents as { value: string }).value).toContain(
      '`grid` — not a value of this setting',
    );
  });

  test.each(samples)('%s: a symbol per group holding its nodes; a fold per group', async (name) => {
    const text = read(name);
    const uri = await open(name, text);
    const { diagram } = check(text);
    const symbols = await request.symbols(uri);
    // Groups nest: a group's symbol holds its nodes and its groups; named here by qualified id.
    const groups: Array<{ id: string; symbol: (typeof symbols)[number] }> = [];
    const collect = (list: typeof symbols, parent: string | null): void => {
      for (const s of list)
        if (s.kind === 3) {
          const id = parent === null ? s.name : `${parent}.${s.name}`;
          groups.push({ id, symbol: s });
          collect(s.children ?? [], id);
        }
    };
    collect(symbols, null);
    expect(groups.map((g) => g.id)).toEqual(diagram.groups.map((g) => g.id));
    for (const { id, symbol: g } of groups) {
      const expected = diagram.groups.find((d) => d.id === id)!;
      const nodes = g.children!.filter((c) => c.kind !== 3).map((c) => `${id}.${c.name}`);
      expect(nodes).toEqual(expected.nodeIds);
      expect(g.detail).toBe(expected.title === g.name ? undefined : expected.title);
    }
    // Not groups (3), settings (7) or named styles (5).
    const topNodes = symbols.filter((s) => ![3, 5, 7].includes(s.kind)).map((s) => s.name);
    expect(topNodes).toEqual(diagram.nodes.filter((n) => n.group === null).map((n) => n.id));
    expect(symbols.filter((s) => s.kind === 5).map((s) => s.name)).toEqual(
      diagram.styles.map((s) => s.name),
    );
    const folds = (await request.folding(uri)).filter((f) => f.kind === undefined);
    expect(folds.map((f) => f.startLine)).toEqual(diagram.groups.map((g) => g.span.line - 1));
  });
});

describe('code actions', () => {
  test.each(invalid)(
    'invalid/%s: every "did you mean" is a quick fix that removes its diagnostic',
    async (name) => {
      const text = read(`invalid/${name}`);
      const uri = await open(name, text);
      const diagnostics = await client.diagnostics(uri);
      for (const d of diagnostics) {
        const message = typeof d.message === 'string' ? d.message : d.message.value;
        const actions = await request.actions(uri, d.range, [d]);
        const fixes = actions.filter((a) => a.title.startsWith('Change to'));
        if (!/did you mean/.test(message)) {
          expect(fixes).toEqual([]);
          continue;
        }
        expect(fixes.length).toBeGreaterThan(0);
        for (const fix of fixes) {
          expect(fix.kind).toBe('quickfix');
          expect(message).toContain(fix.title.replace(/^Change to /, ''));
        }
        const fixed = applyEdits(text, editsOf(fixes[0]!.edit, uri));
        const still = expectedDiagnostics(fixed).filter(
          (e) => e.code === d.code && e.range.start.line === d.range.start.line,
        );
        expect(still).toEqual([]);
      }
    },
  );

  test('add a label to an unlabelled branch: the counterpart of the other branch', async () => {
    const text = read('invalid/unlabelled-branch.flow');
    const uri = await open('unlabelled.flow', text);
    const d = (await client.diagnostics(uri)).find((x) => x.code === 'unlabelled-branch')!;
    const action = (await request.actions(uri, d.range, [d])).find((a) =>
      a.title.startsWith('Add a label'),
    )!;
    expect(action.isPreferred).toBe(true);
    const fixed = applyEdits(text, editsOf(action.edit, uri));
    expect(expectedDiagnostics(fixed).map((x) => x.code)).not.toContain('unlabelled-branch');
  });

  test('disable a rule for one line', async () => {
    const text = read('invalid/dead-end.flow');
    const uri = await open('disable.flow', text);
    const d = (await client.diagnostics(uri)).find((x) => x.code === 'dead-end')!;
    const action = (await request.actions(uri, d.range, [d])).find((a) =>
      a.title.startsWith('Disable dead-end'),
    )!;
    const fixed = applyEdits(text, editsOf(action.edit, uri));
    const after = expectedDiagnostics(fixed);
    expect(after.filter((x) => x.code === 'dead-end').length).toBe(
      expectedDiagnostics(text).filter((x) => x.code === 'dead-end').length - 1,
    );
    expect(after.map((x) => x.code)).not.toContain('unused-disable-directive');
    // Not offered for a rule a comment may not silence.
    const syntax = read('invalid/syntax.flow');
    const su = await open('syntax.flow', syntax);
    const sd = (await client.diagnostics(su))[0]!;
    expect((await request.actions(su, sd.range, [sd])).map((a) => a.title)).not.toContain(
      'Disable syntax for this line',
    );
  });
});

describe('formatting: exactly what flowc fmt writes', () => {
  const formatted = async (uri: string, text: string) =>
    applyEdits(
      text,
      (await client.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      })) ?? [],
    );

  /** The text as a careless hand might leave it: no indentation, blank runs, trailing blanks. */
  const untidy = (text: string) =>
    text
      .split('\n')
      .map((l, i) =>
        i % 3 === 0 ? `${l.trim()}   ` : i % 3 === 1 ? `\t${l.trim()}\n\n` : l.trim(),
      )
      .join('\n');

  test.each(samples)("%s, untidied, formats to flowc fmt's text", async (name) => {
    const text = untidy(read(name));
    const expected = format(text).output;
    expect(expected).not.toBeNull();
    expect(expected).not.toBe(text);
    const uri = await open(name, text);
    expect(await formatted(uri, text)).toBe(expected);
  });

  test.each(samples)('%s as committed is already formatted: no edit', async (name) => {
    const text = read(name);
    const uri = await open(name, text);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits).toEqual(format(text).changed ? expect.anything() : []);
  });

  test.each(invalid)(
    'invalid/%s: formatted as flowc fmt does (not at all with a syntax error)',
    async (name) => {
      const text = read(`invalid/${name}`);
      const uri = await open(name, text);
      expect(await formatted(uri, text)).toBe(format(text).output ?? text);
    },
  );

  test('a file without a final newline, and one with CRLF line ends', async () => {
    for (const text of ['a: circle\nb: circle\na -> b', 'a: circle\r\nb: circle\r\na -> b\r\n']) {
      const uri = await open('ends.flow', text);
      expect(await formatted(uri, text)).toBe(format(text).output);
    }
  });
});

describe('hostile input: the server answers and stays up', () => {
  test.each([
    ['control characters', '\u0000\u0001 -> \u0002\n\u202e: circle\n\u0007 {'],
    ['brackets and quotes everywhere', '{{{ ]]] "\\" -> [label="\n-> -> ->\n}}}}\n"'],
    ['groups never closed', Array.from({ length: 200 }, (_, i) => `G${i} {`).join('\n')],
    ['a 100,000-character line', `a: rectangle label:"${'x'.repeat(100000)}"`],
  ])('%s', async (_name, text) => {
    const uri = await open('hostile.flow', text);
    expect((await client.diagnostics(uri)).length).toBeGreaterThan(0);
    const position = { line: 0, character: 2 };
    await request.completion(uri, position);
    await request.hover(uri, position);
    await request.definition(uri, position);
    await request.actions(uri, { start: position, end: position });
    expect(Array.isArray(await request.symbols(uri))).toBe(true);
    expect(client.child.exitCode).toBeNull();
  });
});

describe('every file of samples/invalid/: every request at every position answers', () => {
  test.each(invalid)('invalid/%s', async (name) => {
    const text = read(`invalid/${name}`);
    const uri = await open(name, text);
    await client.diagnostics(uri);
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      const length = lines[line]!.length;
      for (const character of new Set([0, Math.floor(length / 2), length])) {
        const position = { line, character };
        await request.completion(uri, position);
        await request.hover(uri, position);
        await request.definition(uri, position);
        await request.references(uri, position);
        await request.prepareRename(uri, position);
        await request.highlights(uri, position);
        await request.actions(uri, { start: position, end: position });
      }
    }
    expect(Array.isArray(await request.symbols(uri))).toBe(true);
    expect(Array.isArray(await request.folding(uri))).toBe(true);
    expect(client.child.exitCode).toBeNull();
  });
});
