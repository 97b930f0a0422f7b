/**
 * The whole pipeline on broken and odd input: whatever a mutated sample says, `check` and
 * `compileFormats` return diagnostics of flowc's own rules (and outputs when the file is drawable),
 * never an exception.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { check } from '../../src/check.js';
import { compileFormats } from '../../src/compile.js';
import { rules } from '../../src/validate/index.js';

const samplesDir = new URL('../../samples/', import.meta.url);
const corpus = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.flow'))
  .sort()
  .map((f) => readFileSync(new URL(f, samplesDir), 'utf8'));
const ruleIds = new Set(rules.map((r) => r.id));

// Line-level mutations keep most of a file valid, so the later stages (resolve, validate, layout)
// see many odd but drawable diagrams: dropped, duplicated and swapped lines, retargeted edges.
const lineEdit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('drop', 'duplicate', 'swap', 'retarget', 'flip-handle', 'insert'),
  other: fc.nat(),
  text: fc.constantFrom(
    '}',
    'X { # x',
    'n1 -> n1',
    'a: circle',
    'z: diamond label:""',
    'direction TB',
    'n2.handle(top) -> n2.handle(bottom)',
  ),
});

function edit(
  source: string,
  edits: { at: number; kind: string; other: number; text: string }[],
): string {
  const lines = source.split('\n');
  for (const e of edits) {
    if (lines.length === 0) break;
    const i = e.at % lines.length;
    const j = e.other % lines.length;
    switch (e.kind) {
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i]!);
        break;
      case 'swap':
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        break;
      case 'retarget': {
        const target = /^\s*([\p{L}_][\p{L}\p{N}_-]*)\s*:/u.exec(lines[j]!)?.[1];
        if (target) lines[i] = lines[i]!.replace(/->\s*[\p{L}_][\p{L}\p{N}_.-]*/u, `-> ${target}`);
        break;
      }
      case 'flip-handle':
        lines[i] = lines[i]!.replace(
          /handle\((\w+)\)/,
          (_m, side: string) =>
            `handle(${{ left: 'top', top: 'right', right: 'bottom', bottom: 'left' }[side] ?? side})`,
        );
        break;
      default:
        lines.splice(i, 0, e.text);
    }
  }
  return lines.join('\n');
}

test('check and compile never throw on mutated samples, and report only known rules', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...corpus),
      fc.array(lineEdit, { minLength: 1, maxLength: 6 }),
      async (source, edits) => {
        const text = edit(source, edits);
        const checked = check(text);
        for (const d of checked.diagnostics) expect(ruleIds).toContain(d.ruleId);
        const compiled = await compileFormats(text, ['svg', 'json', 'mermaid', 'dot']);
        for (const d of compiled.diagnostics) expect(ruleIds).toContain(d.ruleId);
        if (compiled.renderable) {
          expect(compiled.outputs.svg).toMatch(/^<svg|^<\?xml/);
          expect(JSON.parse(compiled.outputs.json as string).version).toBe(1);
        } else {
          expect(compiled.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        }
      },
    ),
    { numRuns: 150 },
  );
});
