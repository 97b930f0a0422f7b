import { layout, LayoutError } from '../../src/layout/index.js';
import type { Diagram } from '../../src/model/diagram.js';
import { diagramOf } from './diagrams.js';

describe('layout', () => {
  it('honours the written handles and reports the chosen ones', () => {
    const diagram = diagramOf(
      [
        'a: rectangle label:"A"',
        'b: rectangle label:"B"',
        'a.handle(bottom) -> b.handle(top)',
        'b -> a',
      ].join('\n'),
    );
    const result = layout(diagram);
    expect(result.edges[0]).toMatchObject({ fromHandle: 'bottom', toHandle: 'top' });
    // A bottom → top edge wants its target below, not beside.
    const [a, b] = result.nodes;
    expect((b?.y ?? 0) > (a?.y ?? 0) + (a?.height ?? 0)).toBe(true);
  });

  it('places a node entered only from another lane after its predecessors, in their column (global columns)', () => {
    const text = [
      'A {',
      'a1: circle label:"Start"',
      'a2: rectangle label:"Ask"',
      'a3: rectangle label:"Receive answer"',
      'a1 -> a2',
      'a2.handle(bottom) -> B.b1.handle(top)',
      '}',
      'B {',
      'b1: rectangle label:"Think"',
      'b2: rectangle label:"Answer"',
      'b1.handle(right) -> b2.handle(left)',
      'b2.handle(top) -> A.a3.handle(bottom)',
      '}',
    ].join('\n');
    const result = layout(diagramOf(text));
    const node = (id: string) =>
      result.nodes.find((n) => n.id === id) as { x: number; y: number; width: number };
    const centre = (id: string): number => node(id).x + node(id).width / 2;
    expect(centre('A.a2')).toBe(centre('B.b1'));
    expect(centre('A.a3')).toBe(centre('B.b2'));
    expect(node('A.a3').x).toBeGreaterThan(node('A.a2').x);
    expect(node('A.a3').y).toBeLessThan(node('B.b2').y);
  });

  it('breaks conflicting handle constraints deterministically and still honours every handle', () => {
    // b.top -> a.bottom wants a above b in one column, but a -> b also runs along the flow.
    const text = [
      'a: rectangle label:"A"',
      'b: rectangle label:"B"',
      'a.handle(right) -> b.handle(left)',
      'b.handle(top) -> a.handle(bottom)',
    ].join('\n');
    const first = layout(diagramOf(text));
    expect(first.edges.map((e) => [e.fromHandle, e.toHandle])).toEqual([
      ['right', 'left'],
      ['top', 'bottom'],
    ]);
    expect(layout(diagramOf(text))).toEqual(first);
    const [a, b] = first.nodes;
    expect((b?.x ?? 0) > (a?.x ?? 0)).toBe(true);
  });

  it('leaves right and enters left by default in LR, leaves bottom and enters top in TB', () => {
    const text = ['a: circle label:"Start"', 'b: rectangle label:"Step"', 'a -> b'].join('\n');
    expect(layout(diagramOf(text)).edges[0]).toMatchObject({
      fromHandle: 'right',
      toHandle: 'left',
    });
    expect(layout(diagramOf(text), { direction: 'TB' }).edges[0]).toMatchObject({
      fromHandle: 'bottom',
      toHandle: 'top',
    });
  });

  it('takes the direction from the options first, then the diagram, then LR', () => {
    const diagram = { ...diagramOf('a: rectangle\n'), direction: 'BT' as const };
    expect(layout(diagram).direction).toBe('BT');
    expect(layout(diagram, { direction: 'RL' }).direction).toBe('RL');
    expect(layout(diagramOf('a: rectangle\n')).direction).toBe('LR');
  });

  it('sizes a diamond to hold its text inside the rhombus (about twice the text box)', () => {
    const result = layout(
      diagramOf(
        ['d: diamond label:"Read or write?"', 'r: rectangle label:"Read or write?"'].join('\n'),
      ),
    );
    const [d, r] = result.nodes;
    expect(d?.width).toBeGreaterThanOrEqual(2 * ((r?.width ?? 0) - 32));
  });

  it('throws a LayoutError (not a TypeError) for an edge to a node that does not exist', () => {
    const diagram: Diagram = {
      direction: null,
      groups: [],
      nodes: [],
      edges: [
        {
          index: 0,
          from: 'x',
          to: 'y',
          fromKind: 'node',
          toKind: 'node',
          fromHandle: null,
          toHandle: null,
          label: null,
          style: {},
          span: { line: 1, column: 1, endLine: 1, endColumn: 2 },
        },
      ],
      styles: [],
    };
    expect(() => layout(diagram)).toThrow(LayoutError);
  });
});
