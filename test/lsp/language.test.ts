/**
 * The server on the extended language (issue 11): nested groups and qualified ids
 * `Outer.Inner.id`, edges to groups, named styles and `class`, the new shapes and attributes,
 * through the protocol as in protocol.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Location,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { check } from '../../src/check.js';
import { LINE_STYLES, SHAPES } from '../../src/model/index.js';
import { LspClient, uriOf } from './client.js';

const TEXT = `direction LR
style warn fill:"#fde" stroke:"#c33" text:"darkred" style:"dashed"
style calm fill:"honeydew"
start: terminator label:"Start"
Build { # Build phase
  src: parallelogram label:"Sources" class:"warn calm" link:"https://example.com/src"
  Compile { # Compile step
    cc: subroutine label:"Compile"
    cc -> Build.db
  }
  db: cylinder label:"Artifacts" class:"calm"
  src -> Compile.cc [label="build", class="warn"]
}
done: terminator label:"End" class:"warn"
start -> Build [label="go", style="dashed", color="red"]
Build.db -> done
`;

let client: LspClient;
let tmp: string;
let uri: string;
const lines = TEXT.split('\n');

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowc-lsp-lang-'));
  client = await LspClient.start([], undefined, tmp);
  uri = uriOf(path.join(tmp, 'build.flow'));
  await client.open(uri, TEXT);
});

afterAll(async () => {
  expect(await client.stop()).toBe(0);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Position of `needle` (the n-th time it occurs) on the line that holds `lineNeedle`. */
function at(lineNeedle: string, needle: string, offset = 0): Position {
  const line = lines.findIndex((l) => l.includes(lineNeedle));
  return { line, character: lines[line]!.indexOf(needle) + offset };
}

const definition = async (p: Position) =>
  (await client.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri },
    position: p,
  })) as Location | null;

const references = async (p: Position) =>
  (await client.connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri },
    position: p,
    context: { includeDeclaration: true },
  })) ?? [];

async function completion(text: string, p: Position): Promise<string[]> {
  const u = uriOf(path.join(tmp, `c${Math.random().toString(36).slice(2)}.flow`));
  await client.open(u, text);
  const result = (await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri: u },
    position: p,
  })) as CompletionItem[] | CompletionList | null;
  return (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);
}

/** TEXT with `line` in place of the line holding `where`; completion at its end. */
async function completeLine(where: string, line: string): Promise<string[]> {
  const copy = [...lines];
  const index = copy.findIndex((l) => l.includes(where));
  copy[index] = line;
  return completion(copy.join('\n'), { line: index, character: line.length });
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const rows = text.split('\n');
  const sorted = [...edits].sort(
    (a, b) =>
      b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
  );
  for (const e of sorted) {
    const row = rows[e.range.start.line]!;
    rows[e.range.start.line] =
      row.slice(0, e.range.start.character) + e.newText + row.slice(e.range.end.character);
  }
  return rows.join('\n');
}

describe('the extended language', () => {
  test('the sample text is lint-clean, and so are the diagnostics', async () => {
    expect(check(TEXT).diagnostics).toEqual([]);
    expect(await client.diagnostics(uri)).toEqual([]);
  });

  test('definition through nested groups: Build.db, Compile.cc, an edge to a group', async () => {
    expect((await definition(at('cc -> Build.db', 'db')))?.range.start).toEqual(
      at('db: cylinder', 'db'),
    );
    expect((await definition(at('cc -> Build.db', 'Build')))?.range.start).toEqual(
      at('Build {', 'Build'),
    );
    expect((await definition(at('src -> Compile.cc', 'cc')))?.range.start).toEqual(
      at('cc: subroutine', 'cc'),
    );
    expect((await definition(at('src -> Compile.cc', 'Compile')))?.range.start).toEqual(
      at('Compile {', 'Compile'),
    );
    expect((await definition(at('start -> Build', 'Build')))?.range.start).toEqual(
      at('Build {', 'Build'),
    );
  });

  test('references of a nested node and of a group', async () => {
    expect((await references(at('cc: subroutine', 'cc'))).length).toBe(3);
    // Build: its declaration, `Build.db` twice, the edge to the group.
    expect((await references(at('Build {', 'Build'))).length).toBe(4);
  });

  test('named styles: definition from a class word, references, hover', async () => {
    expect((await definition(at('class:"warn calm" link', 'calm')))?.range.start).toEqual(
      at('style calm', 'calm'),
    );
    // warn: declared, used by src, the edge and done.
    expect((await references(at('style warn', 'warn'))).length).toBe(4);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: at('done: terminator', 'warn', 1),
    });
    expect((hover?.contents as { value: string }).value).toContain('**style** `warn`');
  });

  test('rename a nested group: qualified references follow', async () => {
    const edit = (await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: at('Compile {', 'Compile'),
      newName: 'Make',
    })) as WorkspaceEdit;
    const renamed = applyEdits(TEXT, edit.changes![uri]!);
    expect(renamed).toContain('src -> Make.cc');
    expect(check(renamed).diagnostics).toEqual([]);
  });

  test('rename a style: its declaration and every class word; refused onto another style', async () => {
    const edit = (await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position: at('style warn', 'warn'),
      newName: 'alert',
    })) as WorkspaceEdit;
    const renamed = applyEdits(TEXT, edit.changes![uri]!);
    expect(renamed).toContain('class:"alert calm"');
    expect(renamed).not.toContain('warn');
    expect(check(renamed).diagnostics).toEqual([]);
    await expect(
      client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri },
        position: at('style warn', 'warn'),
        newName: 'calm',
      }),
    ).rejects.toThrow(/already a style/);
  });

  test('outline: styles, groups within groups', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual([
      'direction LR',
      'warn',
      'calm',
      'start',
      'Build',
      'done',
    ]);
    const build = symbols.find((s) => s.name === 'Build')!;
    expect(build.children!.map((c) => c.name)).toEqual(['src', 'Compile', 'db']);
    expect(build.children![1]!.children!.map((c) => c.name)).toEqual(['cc']);
  });

  test('completion: every shape, scoped names in nested groups, attribute values', async () => {
    expect(await completeLine('db: cylinder', '  db: ')).toEqual([...SHAPES]);
    const inner = await completeLine('cc -> Build.db', '    cc -> ');
    expect(inner).toEqual(expect.arrayContaining(['cc', 'src', 'db', 'Compile', 'Build', 'start']));
    expect(await completeLine('cc -> Build.db', '    cc -> Build.')).toEqual([
      'src',
      'Compile',
      'db',
    ]);
    expect(await completeLine('db: cylinder', '  db: cylinder class:"warn ')).toEqual(['calm']);
    expect(await completeLine('db: cylinder', '  db: cylinder style:"')).toEqual([...LINE_STYLES]);
    const colours = await completeLine('db: cylinder', '  db: cylinder fill:"light');
    expect(colours).toContain('lightyellow');
    expect(await completeLine('style calm', 'style calm ')).toEqual(
      expect.arrayContaining(['fill', 'stroke', 'text', 'style']),
    );
    const node = await completeLine('db: cylinder', '  db: cylinder label:"x" ');
    expect(node).toEqual(expect.arrayContaining(['class', 'fill', 'link', 'tooltip']));
    expect(node).not.toContain('label');
  });
});
