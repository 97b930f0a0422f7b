/**
 * A diagram bigger than the layout takes (src/limits.ts MAX_LAYOUT_NODES) is refused by `render`
 * with a message naming the limit, exit 1, and no picture written — an existing one is left as it
 * was — while the formats that need no layout (DOT) are still written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_LAYOUT_NODES } from '../../src/limits.js';
import { run, tempTree } from './helpers.js';

/** A lint-clean chain: a start circle, MAX_LAYOUT_NODES - 1 steps, an end circle. */
function chain(nodes: number): string {
  const lines = ['direction LR', 'n0: circle label:"Start"'];
  for (let k = 1; k < nodes - 1; k++) lines.push(`n${k}: rectangle label:"Step ${k}"`);
  lines.push(`n${nodes - 1}: circle label:"End"`);
  for (let k = 0; k < nodes - 1; k++) lines.push(`n${k} -> n${k + 1}`);
  return `${lines.join('\n')}\n`;
}

describe('render of a diagram over the layout limit', () => {
  const tree = tempTree({ 'big.flow': chain(MAX_LAYOUT_NODES + 1), 'old.svg': '<svg>old</svg>' });
  afterAll(() => tree.cleanup());

  it('is refused with the limit named, exit 1, and no SVG written or replaced', async () => {
    const result = await run(['render', 'big.flow', '-o', 'old.svg'], { cwd: tree.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `more than the ${MAX_LAYOUT_NODES.toLocaleString('en-US')} flowc lays out`,
    );
    expect(result.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(fs.readFileSync(path.join(tree.dir, 'old.svg'), 'utf8')).toBe('<svg>old</svg>');
    const fresh = await run(['render', 'big.flow', '-o', 'new.svg'], { cwd: tree.dir });
    expect(fresh.code).toBe(1);
    expect(fs.existsSync(path.join(tree.dir, 'new.svg'))).toBe(false);
  }, 120_000);

  it('still writes DOT, which needs no layout', async () => {
    const result = await run(['render', 'big.flow', '-f', 'dot', '-o', 'big.dot'], {
      cwd: tree.dir,
    });
    expect(result.code).toBe(0);
    const dot = fs.readFileSync(path.join(tree.dir, 'big.dot'), 'utf8');
    expect(dot).toContain(`n${MAX_LAYOUT_NODES}`);
  }, 120_000);
});
