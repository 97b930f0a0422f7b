/**
 * The shape registry is the one list of shapes: the parser, the model, the docs' table and every
 * emitter agree with it (completeness), and each module's geometry is true of what it draws: the
 * label fits inside the outline, and the point where an edge attaches on each side lies on the
 * outline as drawn (read back from the SVG element by test/support/outline.ts), which is not the
 * bounding box wherever the side is a vertex, a curve or a slant.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SHAPES } from '../../src/model/diagram.js';
import {
  SHAPE_MODULES,
  SHAPE_NAMES,
  attachPoint,
  isShapeName,
  shapeModule,
  type Box,
  type Point,
} from '../../src/shapes/index.js';
import { parse } from '../../src/syntax/index.js';
import { check } from '../../src/check.js';
import { SIDES, type Side } from '../../src/syntax/ast.js';
import { emitDot } from '../../src/emit/dot.js';
import { emitMermaid } from '../../src/emit/mermaid.js';
import { distanceToOutline, elementOutline } from '../support/outline.js';

const docs = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');

describe('the registry is the one list of shapes', () => {
  test('the ten shapes of the language, each once, in the docs order', () => {
    expect(SHAPE_NAMES).toEqual([
      'circle',
      'rectangle',
      'diamond',
      'terminator',
      'parallelogram',
      'document',
      'cylinder',
      'subroutine',
      'hexagon',
      'trapezoid',
    ]);
    expect(SHAPES).toBe(SHAPE_NAMES);
  });

  test.each(SHAPE_NAMES)('%s: one module file named after it, exporting it', async (name) => {
    const file = new URL(`../../src/shapes/${name}.ts`, import.meta.url);
    expect(existsSync(file)).toBe(true);
    const module = (await import(`../../src/shapes/${name}.js`)) as Record<string, unknown>;
    expect(Object.values(module)).toContain(shapeModule(name));
  });

  test('the parser accepts exactly the registry names as shapes', () => {
    for (const name of SHAPE_NAMES) {
      expect(parse(`n: ${name} label:"x"`).diagnostics).toEqual([]);
      expect(isShapeName(name)).toBe(true);
    }
    const [unknown] = parse('n: square').diagnostics;
    expect(unknown!.message).toBe(
      `unknown shape 'square': expected a shape: ${SHAPE_NAMES.slice(0, -1).join(', ')} or trapezoid`,
    );
    expect(parse('n: Circle').diagnostics[0]!.message).toBe(
      "unknown shape 'Circle': did you mean 'circle'?",
    );
  });

  test('terminals are exactly circle and terminator; both start and end a flow', () => {
    expect(SHAPE_MODULES.filter((m) => m.terminal).map((m) => m.name)).toEqual([
      'circle',
      'terminator',
    ]);
    for (const [start, end] of [
      ['terminator', 'terminator'],
      ['terminator', 'circle'],
      ['circle', 'terminator'],
    ]) {
      const result = check(`s: ${start}\nx: rectangle\ne: ${end}\ns -> x\nx -> e\n`);
      expect(result.diagnostics).toEqual([]);
    }
    // A terminator with an edge out is a start, not an end: the flow has no end.
    expect(check('s: terminator\nx: rectangle\ns -> x\n').diagnostics.map((d) => d.ruleId)).toEqual(
      ['missing-end'],
    );
    const through = check('s: circle\nt: terminator\ne: circle\ns -> t\nt -> e\n');
    expect(through.diagnostics.map((d) => d.ruleId)).toEqual(['circle-in-flow']);
    expect(through.diagnostics[0]!.message).toBe(
      "terminator 't' has incoming and outgoing edges, so it is neither a start nor an end",
    );
  });

  test('docs/language.md lists every shape with the Mermaid and DOT form the emitters write', () => {
    const rows = docs
      .split('\n')
      .filter((line) => /^\| `[a-z]+` \|/.test(line))
      .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| /, '').trim()));
    const shapeRows = rows.filter((cells) => cells.length === 5);
    expect(shapeRows.map((cells) => cells[0])).toEqual(SHAPE_NAMES.map((n) => `\`${n}\``));
    for (const [cell, , , mermaidCell, dotCell] of shapeRows) {
      const module = shapeModule(cell!.slice(1, -1) as (typeof SHAPE_NAMES)[number]);
      const form = module.mermaid(false);
      const written =
        'shape' in form ? `@{ shape: ${form.shape} }` : `${form.open}"…"${form.close}`;
      expect(mermaidCell).toContain(`\`${written}\``);
      expect(dotCell).toContain(`\`${module.dot(false).shape}\``);
      const end = module.mermaid(true);
      if ('open' in end && 'open' in form && end.open !== form.open)
        expect(mermaidCell).toContain(`\`${end.open}"…"${end.close}\``);
      if (module.dot(true).shape !== module.dot(false).shape)
        expect(dotCell).toContain(`\`${module.dot(true).shape}\``);
    }
  });

  test('every emitter writes every shape (its own form, not a fallback)', () => {
    const text = SHAPE_NAMES.map((name) => `${name}: ${name} label:"${name}"`).join('\n');
    const { diagram } = check(text);
    const mermaid = emitMermaid(diagram);
    const dot = emitDot(diagram);
    for (const module of SHAPE_MODULES) {
      const form = module.mermaid(false);
      expect(mermaid).toContain(
        'shape' in form
          ? `${module.name}@{ shape: ${form.shape}, label: "${module.name}" }`
          : `${module.name}${form.open}"${module.name}"${form.close}`,
      );
      expect(dot).toContain(
        `"${module.name}" [label="${module.name}", shape=${module.dot(false).shape}`,
      );
    }
  });
});

/** Labels of a few sizes: one short word, a long line, several lines. */
const TEXTS = [
  { width: 20, height: 17 },
  { width: 150, height: 17 },
  { width: 120, height: 73 },
];

function inside(p: Point, polygon: readonly Point[]): boolean {
  let odd = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x)
      odd = !odd;
  }
  return odd;
}

function sidePoint(box: Box, side: Side, at: number): Point {
  return side === 'top'
    ? { x: at, y: box.y }
    : side === 'bottom'
      ? { x: at, y: box.y + box.height }
      : side === 'left'
        ? { x: box.x, y: at }
        : { x: box.x + box.width, y: at };
}

describe.each(SHAPE_NAMES)('%s geometry', (name) => {
  const module = shapeModule(name);

  test.each(TEXTS)('a %o label: an even-sized box whose outline holds the text', (text) => {
    const size = module.size(text);
    expect(size.width % 2).toBe(0);
    expect(size.height % 2).toBe(0);
    const box = { x: 10, y: 20, ...size };
    const [outline] = elementOutline(module.draw(box, false).body);
    const c = module.labelCentre(box);
    for (const dx of [-1, 1])
      for (const dy of [-1, 1]) {
        const corner = { x: c.x + (dx * text.width) / 2, y: c.y + (dy * text.height) / 2 };
        expect([corner, inside(corner, outline!)]).toEqual([corner, true]);
      }
  });

  test.each(SIDES)('ports on the %s side lie on the outline as drawn', (side) => {
    const box = { x: 40, y: 30, ...module.size({ width: 110, height: 34 }) };
    const drawn = elementOutline(module.draw(box, false).body);
    const horizontal = side === 'top' || side === 'bottom';
    const middle = horizontal ? box.x + box.width / 2 : box.y + box.height / 2;
    const span = module.portSpan(box, side);
    const ats = span ? [span[0], (span[0] + span[1]) / 2, span[1]] : [middle];
    for (const at of ats) {
      const p = attachPoint(module, box, side, at);
      // On the drawn outline (within the half-pixel rounding of layout coordinates)...
      expect([side, at, distanceToOutline(p, drawn) <= 0.3]).toEqual([side, at, true]);
      // ...on the line through `at` perpendicular to the side...
      expect(horizontal ? p.x : p.y).toBeCloseTo(at, 6);
      // ...and on the outermost crossing of that line: nothing of the shape lies beyond it.
      const outward = {
        top: { x: 0, y: -1 },
        bottom: { x: 0, y: 1 },
        left: { x: -1, y: 0 },
        right: { x: 1, y: 0 },
      }[side];
      const beyond = { x: p.x + outward.x * 1.5, y: p.y + outward.y * 1.5 };
      expect(inside(beyond, drawn[0]!)).toBe(false);
      // A straight span lies on the bounding box itself.
      if (span) expect(p).toEqual(sidePoint(box, side, at));
    }
  });

  test('the highlight outline surrounds the shape', () => {
    const box = { x: 40, y: 30, ...module.size({ width: 80, height: 17 }) };
    const [shape] = elementOutline(module.draw(box, false).body);
    const [ring] = elementOutline(module.highlight(box, 4));
    for (const p of shape!) expect(inside(p, ring!)).toBe(true);
  });
});

test('where a side is a vertex, a curve or a slant the port is on the outline, not the bounding box', () => {
  const away = (name: (typeof SHAPE_NAMES)[number], side: Side): number => {
    const module = shapeModule(name);
    const box = { x: 0, y: 0, ...module.size({ width: 100, height: 17 }) };
    const middle =
      side === 'top' || side === 'bottom' ? box.x + box.width / 2 : box.y + box.height / 2;
    const p = attachPoint(module, box, side, middle);
    const q = sidePoint(box, side, middle);
    return Math.hypot(p.x - q.x, p.y - q.y);
  };
  // The slanted sides of the parallelogram and trapezoid, the document's wave, the rounded tips of
  // the diamond and the hexagon: the port moves in from the bounding box onto the outline.
  expect(away('parallelogram', 'left')).toBeGreaterThan(5);
  expect(away('parallelogram', 'right')).toBeGreaterThan(5);
  expect(away('trapezoid', 'left')).toBeGreaterThan(5);
  expect(away('trapezoid', 'right')).toBeGreaterThan(5);
  expect(away('document', 'bottom')).toBeGreaterThan(4);
  expect(away('diamond', 'left')).toBeGreaterThan(1);
  expect(away('hexagon', 'left')).toBeGreaterThan(0.4);
  // A circle's extreme points and a rectangle's sides are on the bounding box.
  for (const side of SIDES) {
    expect(away('circle', side)).toBeLessThan(0.3);
    expect(away('rectangle', side)).toBe(0);
  }
});

test('an end terminal is drawn with an inner ring; a start is not', () => {
  for (const name of ['circle', 'terminator'] as const) {
    const box = { x: 0, y: 0, width: 100, height: 40 };
    expect(
      shapeModule(name)
        .draw(box, true)
        .details.map((d) => d.kind),
    ).toEqual(['ring']);
    expect(shapeModule(name).draw(box, false).details).toEqual([]);
  }
});
