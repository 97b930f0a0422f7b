import { layout, LayoutError } from '../../src/layout/index.js';
import type { Diagram } from '../../src/model/diagram.js';
import { diagramOf } from './diagrams.js';

describe('layout', () => {
  it('honours the written handles and reports the chosen ones', () => {
    const diagram = diagramOf(['a: rectangle label:"A"', 'b: rectangle label:"B"', 'a.handle(bottom) -> b.handle(top)', 'b -> a'].join('\n'));
    const result = layout(diagram);
    expect(result.edges[0]).toMatchObject({ fromHandle: 'bottom', toHandle: 'top' });
    // A bottom → top edge wants its target below, not beside.
    const [a, b] = result.nodes;
    expect((b?.y ?? 0) > (a?.y ?? 0) + (a?.height ?? 0)).toBe(true);
  });

  it('leaves right and enters left by default in LR, leaves bottom and enters top in TB', () => {
    const text = ['a: circle label:"Start"', 'b: rectangle label:"Step"', 'a -> b'].join('\n');
    expect(layout(diagramOf(text)).edges[0]).toMatchObject({ fromHandle: 'right', toHandle: 'left' });
    expect(layout(diagramOf(text), { direction: 'TB' }).edges[0]).toMatchObject({ fromHandle: 'bottom', toHandle: 'top' });
  });

  it('takes the direction from the options first, then the diagram, then LR', () => {
    const diagram = { ...diagramOf('a: rectangle\n'), direction: 'BT' as const };
    expect(layout(diagram).direction).toBe('BT');
    expect(layout(diagram, { direction: 'RL' }).direction).toBe('RL');
    expect(layout(diagramOf('a: rectangle\n')).direction).toBe('LR');
  });

  it('sizes a diamond to hold its text inside the rhombus (about twice the text box)', () => {
    const result = layout(diagramOf(['d: diamond label:"Read or write?"', 'r: rectangle label:"Read or write?"'].join('\n')));
    const [d, r] = result.nodes;
    expect(d?.width).toBeGreaterThanOrEqual(2 * ((r?.width ?? 0) - 32));
  });

  it('throws a LayoutError (not a TypeError) for an edge to a node that does not exist', () => {
    const diagram: Diagram = {
      direction: null,
      groups: [],
      nodes: [],
      edges: [{ index: 0, from: 'x', to: 'y', fromHandle: null, toHandle: null, label: null, span: { line: 1, column: 1, endLine: 1, endColumn: 2 } }],
    };
    expect(() => layout(diagram)).toThrow(LayoutError);
  });
});
