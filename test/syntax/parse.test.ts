import { seedCqrsText } from '../support/seed.js';
import { parse } from '../../src/syntax/index.js';
import { MAX_GROUP_DEPTH } from '../../src/syntax/parse.js';
import type { EdgeDecl, GroupDecl, NodeDecl } from '../../src/syntax/index.js';

const seedCqrs = seedCqrsText;

const group = (src: string, index = 0): GroupDecl => parse(src).items[index] as GroupDecl;

describe('parse: the language of the contract', () => {
  test('the seed CQRS text parses without a diagnostic', () => {
    const ast = parse(seedCqrs());
    expect(ast.diagnostics).toEqual([]);
    const groups = ast.items as GroupDecl[];
    expect(groups.map((g) => [g.name.name, g.title])).toEqual([
      ['Client', 'Client Application'],
      ['CommandSide', 'Command Side'],
      ['EventHandler', 'Event Handler'],
      ['QuerySide', 'Query Side'],
    ]);
    expect(groups.map((g) => g.body.length)).toEqual([14, 14, 4, 8]);
  });

  test('a node: id, shape, attributes, with spans', () => {
    const node = group('G {\n  n1: circle label:"Start"\n}\n').body[0] as NodeDecl;
    expect(node.kind).toBe('node');
    expect(node.id).toEqual({ name: 'n1', span: { line: 2, column: 3, endLine: 2, endColumn: 5 } });
    expect(node.shape.name).toBe('circle');
    expect(node.attributes).toHaveLength(1);
    expect(node.attributes[0]!.key.name).toBe('label');
    expect(node.attributes[0]!.value).toEqual({
      value: 'Start',
      span: { line: 2, column: 20, endLine: 2, endColumn: 27 },
    });
    expect(node.span).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 27 });
  });

  test('an edge with handles, a qualified target and attributes', () => {
    const edge = group(
      'G {\nn3.handle(bottom) -> QuerySide.n16.handle(top) [label="Read", label="x"]\n}',
    ).body[0] as EdgeDecl;
    expect(edge.source.path.map((p) => p.name)).toEqual(['n3']);
    expect(edge.source.handle).toEqual({
      side: 'bottom',
      span: { line: 2, column: 11, endLine: 2, endColumn: 17 },
    });
    expect(edge.target.path.map((p) => p.name)).toEqual(['QuerySide', 'n16']);
    expect(edge.target.handle?.side).toBe('top');
    expect(edge.attributes.map((a) => [a.key.name, a.value.value])).toEqual([
      ['label', 'Read'],
      ['label', 'x'],
    ]);
  });

  test('a node called handle, and shape names as ids', () => {
    const ast = parse(
      'Worker {\nhandle: rectangle\ncircle: circle\n}\nWorker.handle.handle(left) -> Worker.circle\nhandle -> circle.handle(top)\n',
    );
    expect(ast.diagnostics).toEqual([]);
    const [, e1, e2] = ast.items as EdgeDecl[];
    expect(e1!.source.path.map((p) => p.name)).toEqual(['Worker', 'handle']);
    expect(e1!.source.handle?.side).toBe('left');
    expect(e1!.target.handle).toBeNull();
    expect(e2!.source.path.map((p) => p.name)).toEqual(['handle']);
    expect(e2!.target.path.map((p) => p.name)).toEqual(['circle']);
    expect(e2!.target.handle?.side).toBe('top');
  });

  test('Unicode identifiers, dashes, underscores; -> without spaces', () => {
    const ast = parse(
      'Début: rectangle label:"Début"\nstep-2: rectangle\n_x: circle\nDébut->step-2\nstep-2 -> _x\n',
    );
    expect(ast.diagnostics).toEqual([]);
    expect((ast.items[3] as EdgeDecl).source.path[0]!.name).toBe('Début');
    expect((ast.items[3] as EdgeDecl).target.path[0]!.name).toBe('step-2');
  });

  test('string escapes', () => {
    const node = parse('n: rectangle label:"say \\"hi\\"\\nback\\\\slash # not a comment"\n')
      .items[0] as NodeDecl;
    expect(node.attributes[0]!.value.value).toBe('say "hi"\nback\\slash # not a comment');
  });

  test('comments: group title, trailing comments, comment-only lines, untitled group', () => {
    const ast = parse('# header\nA { # The A team \nn: circle # trailing\n}\nB {\n}\n');
    expect(ast.diagnostics).toEqual([]);
    expect(group('A { # The A team \n}').title).toBe('The A team');
    expect((ast.items[1] as GroupDecl).title).toBeNull();
    expect(ast.comments.map((c) => [c.text, c.span.line, c.span.column])).toEqual([
      [' header', 1, 1],
      [' The A team ', 2, 5],
      [' trailing', 3, 11],
    ]);
  });

  test('CRLF line endings, a BOM, tabs and blank lines', () => {
    const lf = parse('G { # T\n\tn1: circle\n\n\tn2: circle\n\tn1 -> n2\n}\n');
    const crlf = parse('\uFEFFG { # T\r\n\tn1: circle\r\n\r\n\tn2: circle\r\n\tn1 -> n2\r\n}\r\n');
    expect(crlf.diagnostics).toEqual([]);
    expect(crlf.items).toEqual(lf.items);
    expect((crlf.items[0] as GroupDecl).title).toBe('T');
  });

  test('the direction setting at top level', () => {
    const ast = parse('direction TB\nn: circle\n');
    expect(ast.diagnostics).toEqual([]);
    expect(ast.items[0]).toMatchObject({
      kind: 'setting',
      key: { name: 'direction' },
      value: { name: 'TB' },
    });
  });

  test('a file of only comments and blanks is an empty diagram', () => {
    const ast = parse('\n# nothing here\n   \n');
    expect(ast).toMatchObject({ items: [], diagnostics: [], lineCount: 4 });
  });
});

describe('parse: syntax errors', () => {
  const errors = (src: string) =>
    parse(src).diagnostics.map((d) => ({ ...d.span, message: d.message, notes: d.notes }));

  test('every broken line is reported, with its real line and column', () => {
    const ds = parse(
      'G {\nn1: circle\nn2 circle\nn1 -> \nn3: rectangle label:"ok"\nn4: rectangle label:"x" extra\n}\n',
    ).diagnostics;
    expect(ds.map((d) => [d.ruleId, d.severity, d.span.line, d.span.column])).toEqual([
      ['syntax', 'error', 3, 4],
      ['syntax', 'error', 4, 7],
      ['syntax', 'error', 6, 30],
    ]);
    expect(ds[0]!.message).toBe("missing ':' before the shape 'circle'");
    expect(ds[1]!.message).toBe('unexpected end of line: expected an identifier');
    expect(ds[2]!.message).toBe("unexpected end of line: expected ':'");
  });

  test('unknown shape with a did-you-mean', () => {
    expect(errors('n1: rectangel label:"x"')).toEqual([
      {
        line: 1,
        column: 5,
        endLine: 1,
        endColumn: 14,
        message: "unknown shape 'rectangel': did you mean 'rectangle'?",
        notes: [
          'expected a shape: circle, rectangle, diamond, terminator, parallelogram, document, cylinder, subroutine, hexagon or trapezoid',
        ],
      },
    ]);
    expect(errors('n1: hexagone')[0]!.message).toBe(
      "unknown shape 'hexagone': did you mean 'hexagon'?",
    );
    expect(errors('n1: blob')[0]!.message).toBe(
      "unknown shape 'blob': expected a shape: circle, rectangle, diamond, terminator, parallelogram, document, cylinder, subroutine, hexagon or trapezoid",
    );
  });

  test('unknown side: expected one of top, right, bottom, left', () => {
    expect(errors('a.handle(rigth) -> b')[0]).toMatchObject({
      column: 10,
      endColumn: 15,
      message: "unknown side 'rigth': did you mean 'right'?",
    });
    expect(errors('a.handle(up) -> b')[0]!.message).toBe(
      "unknown side 'up': expected one of top, right, bottom, left",
    );
  });

  test('misspelled handle and direction keywords', () => {
    expect(errors('a.handel(right) -> b')[0]).toMatchObject({
      column: 3,
      message: "unknown 'handel(...)': did you mean 'handle(...)'?",
    });
    expect(errors('direciton TB')[0]).toMatchObject({
      column: 1,
      message: "unknown statement 'direciton': did you mean 'direction'?",
    });
  });

  test('strings: unterminated, invalid escape', () => {
    expect(errors('n: rectangle label:"abc')[0]).toMatchObject({
      column: 20,
      message: "unterminated string: expected a closing '\"' on the same line",
    });
    expect(errors('n: rectangle label:"a\\tb"')[0]).toMatchObject({
      column: 22,
      endColumn: 24,
      message: "invalid escape '\\t' in string",
    });
  });

  test('edge attributes use = and commas', () => {
    expect(errors('a -> b [label:"x"]')[0]!.message).toBe("unexpected ':': expected '='");
    expect(errors('a -> b [label="x" label="y"]')[0]!.message).toBe(
      "unexpected 'label': expected one of ']' or ','",
    );
  });

  test('group structure: stray brace, unclosed groups, setting and style inside a group', () => {
    const ds = parse('A {\nB {\n}\n}\n}\nC {\nD {\ndirection TB\nstyle s fill:"red"\n').diagnostics;
    expect(ds.map((d) => [d.span.line, d.message])).toEqual([
      [5, "unexpected '}': no group is open"],
      [8, "'direction' is a file-level setting: move it out of group 'C'"],
      [9, "style 's' is a named style, declared at the top level: move it out of group 'C'"],
      [6, "group 'C' is never closed: expected '}' before the end of the file"],
      [7, "group 'D' is never closed: expected '}' before the end of the file"],
    ]);
  });

  test('groups nest: the body holds nodes, edges and groups in order', () => {
    const ast = parse('A {\na: circle\nB {\nb: rectangle\n}\na -> B\n}\n');
    expect(ast.diagnostics).toEqual([]);
    const outer = ast.items[0] as GroupDecl;
    expect(outer.body.map((item) => item.kind)).toEqual(['node', 'group', 'edge']);
    expect((outer.body[1] as GroupDecl).body.map((item) => item.kind)).toEqual(['node']);
  });

  test('nesting is bounded: the group past the limit is an error, its braces still pair up', () => {
    const depth = MAX_GROUP_DEPTH + 1;
    const text = [
      ...Array.from({ length: depth }, (_, i) => `G${i} {`),
      'x: circle',
      ...Array<string>(depth).fill('}'),
      'y: circle',
    ].join('\n');
    const ast = parse(text);
    expect(ast.diagnostics.map((d) => [d.span.line, d.message])).toEqual([
      [
        depth,
        `groups nest at most ${MAX_GROUP_DEPTH} deep: 'G${depth - 1}' would be group ${depth} inside 'G0'`,
      ],
    ]);
    expect(ast.items.map((item) => item.kind)).toEqual(['group', 'node']);
  });

  test('a named style: name and attributes; an unknown shape is kept with a syntax error', () => {
    const ast = parse('style warn fill:"#fde" style:"dashed"\nn: blob label:"x"\n');
    expect(ast.items[0]).toMatchObject({
      kind: 'style',
      name: { name: 'warn' },
      attributes: [
        { key: { name: 'fill' }, value: { value: '#fde' } },
        { key: { name: 'style' }, value: { value: 'dashed' } },
      ],
    });
    expect(ast.items[1]).toMatchObject({ kind: 'node', shape: { name: 'blob' } });
    expect(ast.diagnostics.map((d) => [d.span.column, d.span.endColumn, d.message])).toEqual([
      [
        4,
        8,
        "unknown shape 'blob': expected a shape: circle, rectangle, diamond, terminator, parallelogram, document, cylinder, subroutine, hexagon or trapezoid",
      ],
    ]);
  });

  test('a node or group may still be called style', () => {
    const ast = parse('style: rectangle\nstyle {\n}\nstyle -> style\n');
    expect(ast.diagnostics).toEqual([]);
    expect(ast.items.map((item) => item.kind)).toEqual(['node', 'group', 'edge']);
  });

  test('a raw line break inside a string is an error on the opening line', () => {
    const ds = parse('n: rectangle label:"two\nlines"\n').diagnostics;
    expect(ds.map((d) => d.span.line)).toEqual([1, 2]);
    expect(ds[0]!.message).toMatch(/^unterminated string/);
  });

  test('what parsed survives around broken lines', () => {
    const ast = parse('G {\nn1: circle\nbroken ((\nn2: circle\nn1 -> n2\n}\n');
    expect(ast.diagnostics).toHaveLength(1);
    expect((ast.items[0] as GroupDecl).body.map((s) => s.kind)).toEqual(['node', 'node', 'edge']);
  });
});
