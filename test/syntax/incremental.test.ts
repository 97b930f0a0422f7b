/**
 * IncrementalParser gives exactly what parse gives, whatever edits came before: lines inserted,
 * removed, moved and changed (the reused lines' spans are on their new line).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse } from '../../src/syntax/index.js';
import { IncrementalParser } from '../../src/syntax/incremental.js';

const SAMPLES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../samples');
const files = [
  ...fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.flow'))
    .map((f) => path.join(SAMPLES, f)),
  ...fs.readdirSync(path.join(SAMPLES, 'invalid')).map((f) => path.join(SAMPLES, 'invalid', f)),
];
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const allLines = texts.flatMap((t) => t.split('\n'));

describe('IncrementalParser', () => {
  test.each(files.map((f, i) => [path.relative(SAMPLES, f), texts[i]!]))(
    '%s parses as parse() does, then again after every line is moved down',
    (_name, text) => {
      const parser = new IncrementalParser();
      expect(parser.parse(text)).toEqual(parse(text));
      const shifted = `# a new first line\n\n${text}`;
      expect(parser.parse(shifted)).toEqual(parse(shifted));
      expect(parser.parse(text)).toEqual(parse(text));
    },
  );

  test('a sequence of random line edits always parses as parse() does', () => {
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('insert', 'delete', 'replace', 'type'),
      line: fc.constantFrom(...allLines, '', '  }', 'Broken {', 'x -> ', 'n1: circ'),
      cut: fc.nat(),
    });
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(edit, { maxLength: 25 }), (start, edits) => {
        const parser = new IncrementalParser();
        const lines = start.split('\n');
        expect(parser.parse(start)).toEqual(parse(start));
        for (const e of edits) {
          const i = lines.length === 0 ? 0 : e.at % lines.length;
          if (e.kind === 'insert') lines.splice(i, 0, e.line);
          else if (e.kind === 'delete') lines.splice(i, 1);
          else if (e.kind === 'replace') lines[i] = e.line;
          else lines[i] = (lines[i] ?? '').slice(0, e.cut % ((lines[i]?.length ?? 0) + 1));
          const text = lines.join('\n');
          expect(parser.parse(text)).toEqual(parse(text));
        }
      }),
      { numRuns: 60 },
    );
  });

  test('a fork tries an edit without changing what the parser knows', () => {
    const parser = new IncrementalParser();
    const text = texts[0]!;
    parser.parse(text);
    const fork = parser.fork();
    const edited = text.replace(/n1/g, 'first');
    expect(fork.parse(edited)).toEqual(parse(edited));
    expect(parser.parse(text)).toEqual(parse(text));
  });
});
