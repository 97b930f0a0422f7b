/**
 * The TextMate grammar (editors/flow.tmLanguage.json), run by vscode-textmate + vscode-oniguruma
 * (VS Code's engine). No snapshots: for every sample and every file of samples/invalid/, what each
 * character is comes from flowc's own parser (the spans of ids, shapes, attributes, strings,
 * references, handles, settings, groups, comments), and each character's token must carry exactly
 * the scopes that say so. Constructs the samples lack are written out below, token by token.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../src/syntax/index.js';
import type { Ast, Attribute, EndpointRef, Statement, GroupDecl } from '../../src/syntax/ast.js';
import { SHAPES, SETTING_VALUES } from '../../src/model/index.js';
import type { SettingKey } from '../../src/syntax/ast.js';
import { SIDES } from '../../src/syntax/index.js';
import { rules } from '../../src/validate/index.js';
import { flowGrammar, toPlist } from '../../scripts/gen-tmlanguage.mjs';
import { GRAMMAR_FILE, REPO, loadGrammar, tokenize, type Token } from './textmate.js';

const S = {
  node: 'entity.name.function.node.flow',
  shape: 'support.type.shape.flow',
  attribute: 'entity.other.attribute-name.flow',
  string: 'string.quoted.double.flow',
  ref: 'variable.other.node.flow',
  group: 'entity.name.type.group.flow',
  side: 'constant.language.side.flow',
  handle: 'keyword.other.handle.flow',
  setting: 'keyword.other.setting.flow',
  direction: 'constant.language.direction.flow',
  layout: 'constant.language.layout.flow',
  arrow: 'keyword.operator.arrow.flow',
  comment: 'comment.line.number-sign',
  title: 'entity.name.section.group-title.flow',
  close: 'punctuation.section.group.end.flow',
  open: 'punctuation.section.group.begin.flow',
  badDirection: 'invalid.illegal.direction.flow',
  badLayout: 'invalid.illegal.layout.flow',
} as const;
/** A setting's value: known, or marked invalid. */
const SETTING_SCOPES: Record<SettingKey, { valid: string; invalid: string }> = {
  direction: { valid: S.direction, invalid: S.badDirection },
  layout: { valid: S.layout, invalid: S.badLayout },
};
const ASSERTED = Object.values(S);

/** Scopes by line (0-based) and column (0-based), from the parser's spans. */
type Expected = Map<number, Map<number, Set<string>>>;

function expectedScopes(ast: Ast, lines: string[]): Expected {
  const expected: Expected = new Map();
  const mark = (line: number, from: number, to: number, scope: string): void => {
    const row = expected.get(line - 1) ?? new Map<number, Set<string>>();
    expected.set(line - 1, row);
    for (let c = from - 1; c < to - 1; c++) {
      const set = row.get(c) ?? new Set<string>();
      set.add(scope);
      row.set(c, set);
    }
  };
  const span = (s: { line: number; column: number; endColumn: number }, scope: string) =>
    mark(s.line, s.column, s.endColumn, scope);
  const attribute = (a: Attribute) => {
    span(a.key.span, S.attribute);
    span(a.value.span, S.string);
  };
  const endpoint = (e: EndpointRef) => {
    e.path.forEach((p, i) => span(p.span, i === e.path.length - 1 ? S.ref : S.group));
    if (e.handle) {
      const text = lines[e.handle.span.line - 1]!;
      const word = text.indexOf('handle', e.path[e.path.length - 1]!.span.endColumn - 1);
      mark(e.handle.span.line, word + 1, word + 7, S.handle);
      const side = text.indexOf(e.handle.side, word + 6);
      mark(e.handle.span.line, side + 1, side + 1 + e.handle.side.length, S.side);
    }
  };
  const statement = (s: Statement | GroupDecl): void => {
    if (s.kind === 'node') {
      span(s.id.span, S.node);
      span(s.shape.span, S.shape);
      s.attributes.forEach(attribute);
    } else if (s.kind === 'edge') {
      endpoint(s.source);
      endpoint(s.target);
      const text = lines[s.span.line - 1]!;
      const arrow = text.indexOf('->', s.source.span.endColumn - 1);
      mark(s.span.line, arrow + 1, arrow + 3, S.arrow);
      s.attributes.forEach(attribute);
    } else {
      span(s.name.span, S.group);
      const text = lines[s.span.line - 1]!;
      const brace = text.indexOf('{', s.name.span.endColumn - 1);
      mark(s.span.line, brace + 1, brace + 2, S.open);
      if (s.title) {
        const at = text.indexOf(s.title, brace);
        mark(s.span.line, at + 1, at + 1 + s.title.length, S.title);
      }
      if (s.closeSpan) span(s.closeSpan, S.close);
      for (const inner of s.body as (Statement | GroupDecl)[]) statement(inner);
    }
  };
  for (const item of ast.items) {
    if (item.kind === 'setting') {
      span(item.key.span, S.setting);
      const key = item.key.name as SettingKey;
      const scopes = SETTING_SCOPES[key];
      span(
        item.value.span,
        SETTING_VALUES[key].includes(item.value.name) ? scopes.valid : scopes.invalid,
      );
    } else if (item.kind === 'style') {
      // `style warn fill:"#fde"`: its attributes read like a node's.
      item.attributes.forEach(attribute);
    } else if (item.kind === 'node' || item.kind === 'edge' || item.kind === 'group')
      statement(item);
  }
  for (const comment of ast.comments) {
    // A comment's text, not its trailing blanks (the title ends at its last character).
    mark(comment.span.line, comment.span.column, comment.span.endColumn, S.comment);
  }
  return expected;
}

/** Whether a token's scopes include `scope` (a prefix for comments: title and directive kinds). */
const has = (token: Token, scope: string) =>
  token.scopes.some((s) => s === scope || s.startsWith(`${scope}.`));

const SAMPLES = path.join(REPO, 'samples');
const files = [
  ...fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.flow'))
    .sort(),
  ...fs
    .readdirSync(path.join(SAMPLES, 'invalid'))
    .sort()
    .map((f) => `invalid/${f}`),
];

describe('editors/flow.tmLanguage.json (vscode-textmate + vscode-oniguruma)', () => {
  test("is what scripts/gen-tmlanguage.mjs writes from the compiler's lists (JSON and plist)", () => {
    const lists = {
      shapes: SHAPES,
      sides: SIDES,
      settings: SETTING_VALUES,
      rules: rules.filter((r) => r.suppressible).map((r) => r.id),
    };
    const grammar = flowGrammar(lists);
    expect(JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8'))).toEqual(grammar);
    expect(fs.readFileSync(path.join(REPO, 'editors/flow.tmLanguage'), 'utf8')).toBe(
      toPlist(grammar),
    );
  });

  test.each(files)(
    '%s: every character carries the scopes of what the parser says it is',
    async (name) => {
      const grammar = await loadGrammar();
      const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
      const lines = text.split('\n');
      const ast = parse(text);
      const broken = new Set(ast.diagnostics.map((d) => d.span.line - 1));
      const expected = expectedScopes(ast, lines);
      const tokens = tokenize(grammar, text);
      let checked = 0;
      tokens.forEach((lineTokens, line) => {
        if (broken.has(line)) return;
        for (const token of lineTokens)
          for (let c = token.start; c < Math.min(token.end, lines[line]!.length); c++) {
            const want = [...(expected.get(line)?.get(c) ?? [])].sort();
            const got = ASSERTED.filter((scope) => has(token, scope)).sort();
            if (got.join() !== want.join())
              throw new Error(
                `${name}:${line + 1}:${c + 1} '${lines[line]![c]}' in token '${token.text}': scopes ${JSON.stringify(token.scopes)}, expected ${JSON.stringify(want)}`,
              );
            checked++;
            // Nothing written is left unscoped (blanks may be).
            if (lines[line]![c]!.trim() !== '') expect(token.scopes.length).toBeGreaterThan(1);
          }
      });
      expect(checked).toBeGreaterThan(0);
    },
  );
});

describe('constructs written out, token by token', () => {
  /** [text, scope] pairs of the line's tokens, blanks left out. */
  async function tokensOf(line: string): Promise<[string, string][]> {
    const grammar = await loadGrammar();
    return tokenize(grammar, line)[0]!
      .filter((t) => t.text.trim() !== '')
      .map((t) => [t.text, t.scopes[t.scopes.length - 1]!]);
  }

  test('a node: id, colon, shape, attributes, a string with escapes', async () => {
    expect(await tokensOf('n1: circle label:"Say \\"hi\\"\\nthen go"')).toEqual([
      ['n1', S.node],
      [':', 'punctuation.separator.key-value.flow'],
      ['circle', S.shape],
      ['label', S.attribute],
      [':', 'punctuation.separator.key-value.flow'],
      ['"', 'punctuation.definition.string.begin.flow'],
      ['Say ', S.string],
      ['\\"', 'constant.character.escape.flow'],
      ['hi', S.string],
      ['\\"', 'constant.character.escape.flow'],
      ['\\n', 'constant.character.escape.flow'],
      ['then go', S.string],
      ['"', 'punctuation.definition.string.end.flow'],
    ]);
  });

  test('an unknown shape and an invalid escape are marked invalid', async () => {
    const tokens = await tokensOf('n1: circel label:"a\\tb"');
    expect(tokens).toContainEqual(['circel', 'invalid.illegal.shape.flow']);
    expect(tokens).toContainEqual(['\\t', 'invalid.illegal.escape.flow']);
  });

  test('an edge: qualified references, handles, arrow, attributes, a comment after it', async () => {
    expect(
      await tokensOf(
        'a-b.handle(right) -> Outer.Inner.c.handle(top) [label="x # y", style="dashed"] # why',
      ),
    ).toEqual([
      ['a-b', S.ref],
      ['.', 'punctuation.accessor.flow'],
      ['handle', S.handle],
      ['(', 'punctuation.section.parens.begin.flow'],
      ['right', S.side],
      [')', 'punctuation.section.parens.end.flow'],
      ['->', S.arrow],
      ['Outer', S.group],
      ['.', 'punctuation.accessor.flow'],
      ['Inner', S.group],
      ['.', 'punctuation.accessor.flow'],
      ['c', S.ref],
      ['.', 'punctuation.accessor.flow'],
      ['handle', S.handle],
      ['(', 'punctuation.section.parens.begin.flow'],
      ['top', S.side],
      [')', 'punctuation.section.parens.end.flow'],
      ['[', 'punctuation.section.brackets.begin.flow'],
      ['label', S.attribute],
      ['=', 'punctuation.separator.key-value.flow'],
      ['"', 'punctuation.definition.string.begin.flow'],
      ['x # y', S.string],
      ['"', 'punctuation.definition.string.end.flow'],
      [',', 'punctuation.separator.comma.flow'],
      ['style', S.attribute],
      ['=', 'punctuation.separator.key-value.flow'],
      ['"', 'punctuation.definition.string.begin.flow'],
      ['dashed', S.string],
      ['"', 'punctuation.definition.string.end.flow'],
      [']', 'punctuation.section.brackets.end.flow'],
      ['#', 'punctuation.definition.comment.flow'],
      [' why', 'comment.line.number-sign.flow'],
    ]);
  });

  test('an unknown side is marked invalid', async () => {
    expect(await tokensOf('a.handle(up) -> b')).toContainEqual(['up', 'invalid.illegal.side.flow']);
  });

  test('a group with a title, nested groups, the closing brace', async () => {
    expect(await tokensOf('Build { # Build phase')).toEqual([
      ['Build', S.group],
      ['{', S.open],
      ['#', 'punctuation.definition.comment.flow'],
      ['Build phase', S.title],
    ]);
    expect(await tokensOf('  Compile {')).toEqual([
      ['Compile', S.group],
      ['{', S.open],
    ]);
    expect(await tokensOf('  }')).toEqual([['}', S.close]]);
  });

  test('settings and named styles', async () => {
    expect(await tokensOf('direction TB')).toEqual([
      ['direction', S.setting],
      ['TB', S.direction],
    ]);
    expect(await tokensOf('direction up')).toContainEqual(['up', 'invalid.illegal.direction.flow']);
    for (const value of SETTING_VALUES.layout)
      expect(await tokensOf(`layout ${value}`)).toEqual([
        ['layout', S.setting],
        [value, S.layout],
      ]);
    expect(await tokensOf('layout grid')).toContainEqual(['grid', S.badLayout]);
    // No word is reserved: nodes, edges and groups called like a setting are what they are.
    for (const key of Object.keys(SETTING_VALUES)) {
      expect((await tokensOf(`${key}: circle`))[0]).toEqual([key, S.node]);
      expect((await tokensOf(`${key} -> b`))[0]).toEqual([key, S.ref]);
      expect((await tokensOf(`${key} {`))[0]).toEqual([key, S.group]);
    }
    const style = await tokensOf('style warn fill:"#fde" stroke:"#c33"');
    expect(style.slice(0, 3)).toEqual([
      ['style', 'keyword.other.style.flow'],
      ['warn', 'entity.name.type.class.flow'],
      ['fill', S.attribute],
    ]);
    expect(style).toContainEqual(['#fde', S.string]);
    // A node called `style` is a node.
    expect((await tokensOf('style: circle'))[0]).toEqual(['style', S.node]);
  });

  test('directives: kind, rule ids, explanation; misspellings marked invalid', async () => {
    expect(
      await tokensOf('# flowc-disable-next-line dead-end, unreachable-node -- on purpose'),
    ).toEqual([
      ['#', 'punctuation.definition.comment.flow'],
      ['flowc-disable-next-line', 'keyword.other.directive.flow'],
      ['dead-end', 'constant.other.rule-id.flow'],
      [',', 'punctuation.separator.comma.flow'],
      ['unreachable-node', 'constant.other.rule-id.flow'],
      ['-- on purpose', 'comment.line.explanation.flow'],
    ]);
    const wrong = await tokensOf('# flowc-disabel dead-ends');
    expect(wrong).toContainEqual(['flowc-disabel', 'invalid.illegal.directive.flow']);
    expect(wrong).toContainEqual(['dead-ends', 'invalid.illegal.rule-id.flow']);
    expect(await tokensOf('# flowc-enable')).toEqual([
      ['#', 'punctuation.definition.comment.flow'],
      ['flowc-enable', 'keyword.other.directive.flow'],
    ]);
  });

  test('Unicode identifiers; a half-typed line does not swallow the next one', async () => {
    expect((await tokensOf('étape-1: rectangle'))[0]).toEqual(['étape-1', S.node]);
    const grammar = await loadGrammar();
    const [first, second] = tokenize(grammar, 'a: rectangle label:"unterminated\nb: circle');
    expect(first!.some((t) => t.scopes.includes(S.string))).toBe(true);
    const written = second!.filter((t) => t.text.trim() !== '');
    expect(written.map((t) => t.scopes[t.scopes.length - 1])).toEqual([
      S.node,
      'punctuation.separator.key-value.flow',
      S.shape,
    ]);
  });
});
