#!/usr/bin/env node
// Writes the TextMate grammar of the .flow language, from one description here and the lists of
// values the compiler itself uses (shapes, sides, the settings and their values, rule ids: read
// from the built library, so the grammar never disagrees with flowc):
// - editors/flow.tmLanguage.json: VS Code (editors/vscode/), Shiki, GitHub Linguist;
// - editors/flow.tmLanguage: the same grammar as an XML property list, for Sublime Text and
//   TextMate.
// `npm run build:tmlanguage` runs it after `npm run build`; test/editors/tmlanguage.test.ts fails
// when the committed files differ from what it writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The grammar, given the compiler's lists. */
export function flowGrammar({ shapes, sides, settings, rules }) {
  const ident = String.raw`[\p{L}_][\p{L}\p{N}_]*(?:-(?!>)[\p{L}\p{N}_]*)*`;
  const alt = (words) => `(?:${words.join('|')})`;
  const word = (words) => String.raw`\b${alt(words)}(?![\p{L}\p{N}_-])`;
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Flow',
    scopeName: 'source.flow',
    fileTypes: ['flow'],
    uuid: '6c3b7c0e-3f1a-4d5e-9b1f-0f10c0de0001',
    patterns: [
      { include: '#comment' },
      { include: '#group-open' },
      { include: '#group-close' },
      { include: '#setting' },
      { include: '#style' },
      { include: '#edge' },
      { include: '#node' },
    ],
    repository: {
      comment: {
        patterns: [
          {
            // `# flowc-disable-next-line rule-a, rule-b -- why`
            name: 'comment.line.number-sign.directive.flow',
            match: String.raw`(#)\s*(flowc-[A-Za-z0-9-]*)([^#]*?)(?:\s+(--(?:\s.*)?))?$`,
            captures: {
              1: { name: 'punctuation.definition.comment.flow' },
              2: {
                patterns: [
                  {
                    match: String.raw`flowc-(?:disable-next-line|disable-line|disable|enable)\b`,
                    name: 'keyword.other.directive.flow',
                  },
                  { match: '.+', name: 'invalid.illegal.directive.flow' },
                ],
              },
              3: {
                patterns: [
                  { match: word(rules), name: 'constant.other.rule-id.flow' },
                  { match: ',', name: 'punctuation.separator.comma.flow' },
                  { match: '[A-Za-z0-9-]+', name: 'invalid.illegal.rule-id.flow' },
                ],
              },
              4: { name: 'comment.line.explanation.flow' },
            },
          },
          {
            name: 'comment.line.number-sign.flow',
            match: '(#).*$',
            captures: { 1: { name: 'punctuation.definition.comment.flow' } },
          },
        ],
      },
      'group-open': {
        // `Client { # Client Application`: the comment is the group's title.
        match: String.raw`^\s*(${ident})\s*(\{)\s*(?:((#)\s*(.*?))\s*)?$`,
        captures: {
          1: { name: 'entity.name.type.group.flow' },
          2: { name: 'punctuation.section.group.begin.flow' },
          3: { name: 'comment.line.number-sign.title.flow' },
          4: { name: 'punctuation.definition.comment.flow' },
          5: { name: 'entity.name.section.group-title.flow' },
        },
      },
      'group-close': {
        match: String.raw`^\s*(\})`,
        captures: { 1: { name: 'punctuation.section.group.end.flow' } },
      },
      setting: {
        // `direction TB`, `layout lanes`: one pattern per setting, its values from the compiler. The
        // keyword is followed by a value or ends the line: `layout: circle` is a node called layout.
        patterns: Object.entries(settings).map(([key, values]) => ({
          match: String.raw`^\s*(${key})(?:\s+(${ident})|\s*$)`,
          captures: {
            1: { name: 'keyword.other.setting.flow' },
            2: {
              patterns: [
                { match: word(values), name: `constant.language.${key}.flow` },
                { match: '.+', name: `invalid.illegal.${key}.flow` },
              ],
            },
          },
        })),
      },
      style: {
        // `style warn fill:"#fde"`: a named style (the extended language).
        begin: String.raw`^\s*(style)\s+(${ident})(?=\s|$)`,
        beginCaptures: {
          1: { name: 'keyword.other.style.flow' },
          2: { name: 'entity.name.type.class.flow' },
        },
        end: '$|(?=#)',
        patterns: [{ include: '#node-attribute' }],
      },
      node: {
        // `n1: circle label:"Start"`
        begin: String.raw`^\s*(${ident})\s*(:)\s*(${ident})?`,
        beginCaptures: {
          1: { name: 'entity.name.function.node.flow' },
          2: { name: 'punctuation.separator.key-value.flow' },
          3: {
            patterns: [
              { match: word(shapes), name: 'support.type.shape.flow' },
              { match: '.+', name: 'invalid.illegal.shape.flow' },
            ],
          },
        },
        end: '$|(?=#)',
        patterns: [{ include: '#node-attribute' }],
      },
      'node-attribute': {
        patterns: [
          {
            match: String.raw`(${ident})\s*(:)`,
            captures: {
              1: { name: 'entity.other.attribute-name.flow' },
              2: { name: 'punctuation.separator.key-value.flow' },
            },
          },
          { include: '#string' },
        ],
      },
      edge: {
        // `a.handle(right) -> Group.b.handle(left) [label="Yes"]`
        begin: String.raw`^(?=[^#"]*->)`,
        end: '$',
        patterns: [
          { include: '#comment' },
          { include: '#handle' },
          { match: '->', name: 'keyword.operator.arrow.flow' },
          {
            // A segment followed by another (not by `.handle(`) names a group.
            match: String.raw`${ident}(?=\s*\.\s*(?!handle\s*\()[\p{L}_])`,
            name: 'entity.name.type.group.flow',
          },
          { match: ident, name: 'variable.other.node.flow' },
          { match: String.raw`\.`, name: 'punctuation.accessor.flow' },
          { include: '#edge-attributes' },
        ],
      },
      handle: {
        match: String.raw`(\.)\s*(handle)\s*(\()\s*(${ident})?\s*(\))?`,
        captures: {
          1: { name: 'punctuation.accessor.flow' },
          2: { name: 'keyword.other.handle.flow' },
          3: { name: 'punctuation.section.parens.begin.flow' },
          4: {
            patterns: [
              { match: word(sides), name: 'constant.language.side.flow' },
              { match: '.+', name: 'invalid.illegal.side.flow' },
            ],
          },
          5: { name: 'punctuation.section.parens.end.flow' },
        },
      },
      'edge-attributes': {
        begin: String.raw`\[`,
        beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.flow' } },
        end: String.raw`\]|$`,
        endCaptures: { 0: { name: 'punctuation.section.brackets.end.flow' } },
        patterns: [
          {
            match: String.raw`(${ident})\s*(=)`,
            captures: {
              1: { name: 'entity.other.attribute-name.flow' },
              2: { name: 'punctuation.separator.key-value.flow' },
            },
          },
          { match: ',', name: 'punctuation.separator.comma.flow' },
          { include: '#string' },
        ],
      },
      string: {
        name: 'string.quoted.double.flow',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.flow' } },
        end: '"|$',
        endCaptures: { 0: { name: 'punctuation.definition.string.end.flow' } },
        patterns: [
          { match: String.raw`\\["\\n]`, name: 'constant.character.escape.flow' },
          { match: String.raw`\\.?`, name: 'invalid.illegal.escape.flow' },
        ],
      },
    },
  };
}

/** The grammar as an XML property list (Sublime Text, TextMate). */
export function toPlist(value) {
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const emit = (v, indent) => {
    const pad = '\t'.repeat(indent);
    if (Array.isArray(v))
      return `${pad}<array>\n${v.map((x) => emit(x, indent + 1)).join('')}${pad}</array>\n`;
    if (v !== null && typeof v === 'object')
      return `${pad}<dict>\n${Object.entries(v)
        .filter(([k]) => k !== '$schema')
        .map(([k, x]) => `${pad}\t<key>${escape(k)}</key>\n${emit(x, indent + 1)}`)
        .join('')}${pad}</dict>\n`;
    return `${pad}<string>${escape(String(v))}</string>\n`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${emit(value, 0)}</plist>\n`;
}

/** The compiler's lists, from the built library. */
export async function compilerLists() {
  const lib = await import(pathToFileURL(`${root}dist/index.js`).href);
  return {
    shapes: lib.SHAPES,
    sides: lib.SIDES,
    settings: lib.SETTING_VALUES,
    rules: lib.rules.filter((r) => r.suppressible).map((r) => r.id),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const grammar = flowGrammar(await compilerLists());
  writeFileSync(`${root}editors/flow.tmLanguage.json`, `${JSON.stringify(grammar, null, 2)}\n`);
  writeFileSync(`${root}editors/flow.tmLanguage`, toPlist(grammar));
  console.log('wrote editors/flow.tmLanguage.json and editors/flow.tmLanguage');
}
