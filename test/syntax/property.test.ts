/**
 * Property tests: whatever the text, `parse` returns an AST and its own diagnostics (never throws,
 * never hangs), with spans that point inside the text; and every well-formed file round-trips.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from '../../src/syntax/index.js';
import { seedCqrsText } from '../support/seed.js';
import { mutate, mutationOf, syntaxUnit } from '../support/mutations.js';
import type { Ast, EdgeDecl, GroupDecl, NodeDecl } from '../../src/syntax/index.js';

const samplesDir = new URL('../../samples/', import.meta.url);
const seedText = seedCqrsText();
const corpus = [
  seedText,
  ...readdirSync(samplesDir)
    .filter((f) => f.endsWith('.flow'))
    .map((f) => readFileSync(new URL(f, samplesDir), 'utf8')),
];

function expectWellFormed(source: string, ast: Ast): void {
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  const lineCount = lines.length;
  expect(ast.lineCount).toBe(lineCount);
  for (const d of ast.diagnostics) {
    expect(d.ruleId).toBe('syntax');
    expect(d.severity).toBe('error');
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.span.line).toBeGreaterThanOrEqual(1);
    expect(d.span.line).toBeLessThanOrEqual(lineCount);
    expect(d.span.column).toBeGreaterThanOrEqual(1);
    expect(d.span.endLine).toBe(d.span.line);
    // Within its line: a span is empty only at the very end of a line (what is missing there).
    const length = (lines[d.span.line - 1] ?? '').replace(/\r$/, '').length;
    expect(d.span.endColumn).toBeLessThanOrEqual(length + 1);
    if (d.span.column < length + 1) expect(d.span.endColumn).toBeGreaterThan(d.span.column);
    else expect(d.span.endColumn).toBe(d.span.column);
  }
}

// Characters that matter to the grammar, so mutations hit interesting places often.
const syntaxChar = syntaxUnit();
const mutation = mutationOf(syntaxChar);

describe('parse never throws and reports only its own diagnostics', () => {
  test('on arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) =>
        expectWellFormed(text, parse(text)),
      ),
      { numRuns: 500 },
    );
  });

  test("on text made of the grammar's own characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: syntaxChar, maxLength: 200 }), (text) =>
        expectWellFormed(text, parse(text)),
      ),
      { numRuns: 1000 },
    );
  });

  test('on random mutations of the samples', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (source, edits) => {
          const text = mutate(source, edits);
          expectWellFormed(text, parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('on very long and pathological lines', () => {
    for (const text of [
      'a'.repeat(100_000),
      '"'.repeat(50_001),
      'a.'.repeat(20_000) + 'handle(left) -> b',
      '{'.repeat(10_000),
      'n: rectangle label:"' + '\\n'.repeat(20_000),
    ]) {
      expectWellFormed(text, parse(text));
    }
  });
});

// ---- Round trip: a random well-formed file prints and parses back to the same structure. ----

const identStart = fc.constantFrom('a', 'b', 'Z', '_', 'é', 'Ж', 'λ', 'ß');
const identRest = fc.constantFrom('a', 'x', '0', '9', '_', '-', 'é');
const ident = fc
  .tuple(identStart, fc.string({ unit: identRest, maxLength: 6 }))
  .map(([a, b]) => a + b)
  .filter((s) => !s.endsWith('-'));
const label = fc.string({
  unit: fc.constantFrom('a', ' ', '"', '\\', '\n', '#', '→', '[', ']', ',', 'Z'),
  maxLength: 12,
});
const side = fc.constantFrom('top', 'right', 'bottom', 'left');
const quote = (s: string) =>
  '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';

const nodeLine = fc.record({
  id: ident,
  shape: fc.constantFrom('circle', 'rectangle', 'diamond'),
  label: fc.option(label),
});
const endpoint = fc.record({
  path: fc.array(ident, { minLength: 1, maxLength: 2 }),
  side: fc.option(side),
});
const edgeLine = fc.record({ from: endpoint, to: endpoint, label: fc.option(label) });
const statement = fc.oneof(
  nodeLine.map((n) => ({ node: n })),
  edgeLine.map((e) => ({ edge: e })),
);
const file = fc.array(
  fc.record({
    name: ident,
    title: fc.option(
      fc
        .string({ unit: fc.constantFrom('a', 'B', ' ', '#', '{'), minLength: 1, maxLength: 10 })
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    ),
    body: fc.array(statement, { maxLength: 6 }),
  }),
  { maxLength: 4 },
);

type Endpoint = { path: string[]; side: string | null };
const printEndpoint = (e: Endpoint) => e.path.join('.') + (e.side ? `.handle(${e.side})` : '');

describe('round trip', () => {
  test('printed well-formed files parse back to what was printed', () => {
    fc.assert(
      fc.property(
        file,
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('', '  ', '\t'),
        (groups, eol, indent) => {
          const lines: string[] = [];
          for (const g of groups) {
            lines.push(`${g.name} {${g.title ? ` # ${g.title}` : ''}`);
            for (const s of g.body) {
              if ('node' in s)
                lines.push(
                  `${indent}${s.node.id}: ${s.node.shape}${s.node.label !== null ? ` label:${quote(s.node.label)}` : ''}`,
                );
              else
                lines.push(
                  `${indent}${printEndpoint(s.edge.from)} -> ${printEndpoint(s.edge.to)}${s.edge.label !== null ? ` [label=${quote(s.edge.label)}]` : ''}`,
                );
            }
            lines.push('}');
          }
          const ast = parse(lines.join(eol) + eol);
          expect(ast.diagnostics).toEqual([]);
          const parsed = ast.items as GroupDecl[];
          expect(parsed.map((g) => [g.name.name, g.title])).toEqual(
            groups.map((g) => [g.name, g.title]),
          );
          parsed.forEach((g, i) => {
            const expected = groups[i]!.body.map((s) =>
              'node' in s
                ? { node: [s.node.id, s.node.shape, s.node.label] }
                : {
                    edge: [
                      s.edge.from.path,
                      s.edge.from.side,
                      s.edge.to.path,
                      s.edge.to.side,
                      s.edge.label,
                    ],
                  },
            );
            const actual = g.body.map((s) =>
              s.kind === 'node'
                ? {
                    node: [
                      (s as NodeDecl).id.name,
                      s.shape.name,
                      s.attributes[0]?.value.value ?? null,
                    ],
                  }
                : {
                    edge: [
                      (s as EdgeDecl).source.path.map((p) => p.name),
                      (s as EdgeDecl).source.handle?.side ?? null,
                      (s as EdgeDecl).target.path.map((p) => p.name),
                      (s as EdgeDecl).target.handle?.side ?? null,
                      (s as EdgeDecl).attributes[0]?.value.value ?? null,
                    ],
                  },
            );
            expect(actual).toEqual(expected);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
