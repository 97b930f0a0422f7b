/**
 * Diagrams for layout tests: from .flow text through the real parser and resolver, plus the small
 * adversarial cases the geometry suite runs in every direction and edge style.
 */
import { parse } from '../../src/syntax/index.js';
import { resolve } from '../../src/model/index.js';
import type { Diagram } from '../../src/model/diagram.js';
import type { Side } from '../../src/syntax/ast.js';
import { SHAPE_NAMES } from '../../src/shapes/index.js';

export function diagramOf(text: string): Diagram {
  return resolve(parse(text)).diagram;
}

const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];

/** Named .flow texts that stress the layout. */
export function adversarialFlows(): Array<[string, string]> {
  const cases: Array<[string, string]> = [
    ['single node', 'a: rectangle label:"Alone"\n'],
    [
      'self loops on every shape',
      [
        's: circle label:"Start"',
        'r: rectangle label:"Retry step"',
        'd: diamond label:"Again?"',
        's -> r',
        'r -> r',
        'r.handle(bottom) -> r.handle(bottom)',
        'r -> d',
        'd -> d [label="Yes"]',
        'd.handle(top) -> d.handle(left) [label="Maybe"]',
      ].join('\n'),
    ],
    [
      'parallel edges',
      [
        'a: rectangle label:"Client"',
        'b: rectangle label:"Server"',
        'c: diamond label:"Choice"',
        'a -> b [label="first"]',
        'a -> b [label="second"]',
        'a -> b',
        'b -> a [label="back"]',
        'a -> c',
        'a -> c',
        'c -> b [label="one"]',
        'c -> b [label="two"]',
      ].join('\n'),
    ],
    [
      'handles pointing backwards',
      [
        'a: circle label:"Start"',
        'b: rectangle label:"Second"',
        'c: rectangle label:"Third"',
        'd: circle label:"End"',
        'a.handle(left) -> b.handle(right)',
        'b.handle(left) -> c.handle(right)',
        'c.handle(top) -> d.handle(bottom)',
        'd.handle(right) -> a.handle(top)',
      ].join('\n'),
    ],
    [
      'top-level nodes beside groups, an empty group',
      [
        'start: circle label:"Start"',
        'A { # First group',
        'a1: rectangle label:"One"',
        'a2: rectangle label:"Two"',
        'a1 -> a2',
        '}',
        'Empty { # Nothing here yet',
        '}',
        'B {',
        'b1: diamond label:"Decide"',
        'b2: rectangle label:"Three"',
        'b1 -> b2 [label="go"]',
        '}',
        'end: circle label:"End"',
        'start -> A.a1',
        'A.a2.handle(bottom) -> B.b1.handle(top)',
        'B.b1 -> end [label="stop"]',
        'B.b2 -> end',
      ].join('\n'),
    ],
    [
      'long labels',
      [
        'a: rectangle label:"A rather long label that has to wrap over several lines to stay readable"',
        'b: diamond label:"Is this very long question answered yet?"',
        'c: circle label:"Finish\\nline"',
        'd: rectangle label:"Supercalifragilisticexpialidociousandthensomemore"',
        'a -> b',
        'b -> c [label="an edge label long enough to wrap onto two lines"]',
        'b -> d [label="No"]',
        'd -> c',
      ].join('\n'),
    ],
  ];
  cases.push([
    'nested groups three deep, edges to and from groups',
    [
      'start: terminator label:"Start"',
      'Outer { # Outer group',
      'a: rectangle label:"Outer step"',
      'Mid { # Middle group',
      'b: parallelogram label:"Middle step"',
      'Inner { # Inner group',
      'c: cylinder label:"Inner store"',
      'd: hexagon label:"Inner prep"',
      'c -> d',
      '}',
      'b -> Inner',
      '}',
      'Side { # Empty side group',
      '}',
      'a -> Mid [label="into the middle"]',
      '}',
      'Other { # Another top group',
      'e: document label:"Report"',
      '}',
      'end: circle label:"End"',
      'start -> Outer',
      'Outer.Mid.Inner -> Other.handle(top)',
      'Other.handle(right) -> end',
      'Outer.Mid -> Outer.Side',
      'Outer.Mid.Inner.d -> Outer',
    ].join('\n'),
  ]);
  // Every shape with an edge on each of its sides, as source and as target.
  cases.push([
    'every shape, every side',
    SHAPE_NAMES.flatMap((shape, k) => {
      const lines = [`s${k}: ${shape} label:"${shape}"`];
      for (const side of SIDES) {
        lines.push(`p${k}${side}: rectangle label:"${side}"`);
        lines.push(`s${k}.handle(${side}) -> p${k}${side}`);
        lines.push(`p${k}${side} -> s${k}.handle(${side})`);
      }
      return lines;
    }).join('\n'),
  ]);
  for (const from of SIDES) {
    for (const to of SIDES) {
      cases.push([
        `handles ${from} -> ${to}`,
        [
          'G {',
          'a: rectangle label:"Source"',
          'b: diamond label:"Target?"',
          `a.handle(${from}) -> b.handle(${to}) [label="x"]`,
          '}',
        ].join('\n'),
      ]);
    }
  }
  return cases;
}
