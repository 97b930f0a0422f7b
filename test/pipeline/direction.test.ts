/**
 * A direction that is asked for and not drawn is said (compile's onWarning): swimlanes whose
 * handles run across the asked flow are turned to the flow the handles ask for (docs/layout.md,
 * "Turned lanes"), and the user is told why and how to get the direction asked for.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile, compileFormats, turnedMessage } from '../../src/compile.js';

const CQRS = readFileSync(
  fileURLToPath(new URL('../../samples/cqrs.flow', import.meta.url)),
  'utf8',
);

async function drawn(
  source: string,
  options: Parameters<typeof compile>[1],
): Promise<{ direction: string; warnings: string[] }> {
  const warnings: string[] = [];
  const result = await compile(source, { ...options, onWarning: (m) => warnings.push(m) });
  return { direction: JSON.parse(result.output as string).direction, warnings };
}

describe('a turned drawing is said', () => {
  it('CQRS asked TB is drawn LR (its handles run left to right), with a warning saying so', async () => {
    const tb = await drawn(CQRS, { format: 'json', direction: 'TB' });
    expect(tb.direction).toBe('LR');
    expect(tb.warnings).toEqual([turnedMessage('TB', 'LR')]);
    expect(tb.warnings[0]).toContain('drawn LR instead of TB');
    expect(tb.warnings[0]).toContain('--layout layered draws it TB');
  });

  it('the advice holds: the layered placement draws CQRS TB, without a warning', async () => {
    const layered = await drawn(CQRS, { format: 'json', direction: 'TB', layout: 'layered' });
    expect(layered).toEqual({ direction: 'TB', warnings: [] });
  });

  it('no warning when the drawing is in the direction asked, or by default', async () => {
    expect(await drawn(CQRS, { format: 'json', direction: 'LR' })).toEqual({
      direction: 'LR',
      warnings: [],
    });
    expect(await drawn(CQRS, { format: 'json' })).toEqual({ direction: 'LR', warnings: [] });
    const flat = 'a: circle label:"A"\nb: circle label:"B"\na -> b\n';
    expect(await drawn(flat, { format: 'json', direction: 'BT' })).toEqual({
      direction: 'BT',
      warnings: [],
    });
  });

  it('formats drawn without a layout (Mermaid, DOT) keep the direction asked and say nothing', async () => {
    const warnings: string[] = [];
    const result = await compileFormats(CQRS, ['mermaid', 'dot'], {
      direction: 'TB',
      onWarning: (m) => warnings.push(m),
    });
    expect(result.outputs.mermaid).toMatch(/^flowchart TB/m);
    expect(result.outputs.dot).toContain('rankdir=TB');
    expect(warnings).toEqual([]);
  });

  it('SVG, PNG and JSON of one run are one drawing: one warning', async () => {
    const warnings: string[] = [];
    await compileFormats(CQRS, ['svg', 'json'], {
      direction: 'TB',
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toHaveLength(1);
  });
});
