/**
 * Labels placed by src/layout/labels.ts (every label in the spline and straight styles): the labels
 * of shorter routes are placed first. A diamond's two labelled branches leave from one point; the
 * diagonal branch's label, placed first, took the only room the short straight branch had, whose
 * label then went beside its line instead of on it.
 */
import { layout } from '../../src/layout/index.js';
import { layoutViolations } from '../support/geometry.js';
import { diagramOf } from './diagrams.js';

const text = [
  'a: rectangle label:"Start"',
  'x: rectangle label:"Other"',
  'd: diamond label:"In stock?"',
  'e: rectangle label:"Notify event"',
  't: rectangle label:"Notify token"',
  'f: rectangle label:"Next one"',
  'h: rectangle label:"Next two"',
  'a -> d',
  'a -> x',
  'x.handle(right) -> t.handle(left)',
  'd -> t [label="Reject"]',
  'd.handle(right) -> e.handle(left) [label="Accept"]',
  'e -> f',
  't -> h',
].join('\n');

describe('labels of short routes go first', () => {
  it.each(['spline', 'straight'] as const)('both branch labels on their routes, LR %s', (edges) => {
    const diagram = diagramOf(text);
    const drawn = layout(diagram, { direction: 'LR', edges, layout: 'layered' });
    expect(layoutViolations(diagram, drawn)).toEqual([]);
  });
});
