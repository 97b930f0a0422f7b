import { Ajv } from 'ajv';
import { emitJson } from '../../src/emit/json.js';
import type { Layout } from '../../src/layout/types.js';
import { hostileLayout, sampleLayout } from './fixtures.js';

/** The contract's `--format json` shape (flow-language.md, "The layout as data"); extra fields are allowed. */
const number = { type: 'number' };
const box = {
  type: 'object',
  required: ['x', 'y', 'width', 'height'],
  properties: { x: number, y: number, width: number, height: number },
};
const side = { enum: ['top', 'right', 'bottom', 'left'] };
const CONTRACT_SCHEMA = {
  type: 'object',
  required: ['version', 'width', 'height', 'groups', 'nodes', 'edges'],
  properties: {
    version: { const: 1 },
    width: number,
    height: number,
    groups: {
      type: 'array',
      items: {
        ...box,
        required: ['id', 'title', ...box.required],
        properties: { ...box.properties, id: { type: 'string' }, title: { type: 'string' } },
      },
    },
    nodes: {
      type: 'array',
      items: {
        ...box,
        required: ['id', 'group', 'shape', 'label', ...box.required],
        properties: {
          ...box.properties,
          id: { type: 'string' },
          group: { type: ['string', 'null'] },
          shape: { enum: ['circle', 'rectangle', 'diamond'] },
          label: { type: 'string' },
        },
      },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to', 'fromHandle', 'toHandle', 'label', 'points', 'labelBox'],
        properties: {
          from: { type: 'string' },
          to: { type: 'string' },
          fromHandle: side,
          toHandle: side,
          label: { type: ['string', 'null'] },
          points: {
            type: 'array',
            minItems: 2,
            items: { type: 'object', required: ['x', 'y'], properties: { x: number, y: number } },
          },
          labelBox: { oneOf: [{ type: 'null' }, box] },
        },
      },
    },
  },
};

const validate = new Ajv({ allErrors: true, strict: false }).compile(CONTRACT_SCHEMA);

describe('emitJson', () => {
  const text = emitJson(sampleLayout);
  const data = JSON.parse(text) as Record<string, unknown>;

  test('matches the contract shape', () => {
    expect(validate(data)).toBe(true);
    expect(validate.errors ?? null).toBeNull();
    expect(validate(JSON.parse(emitJson(hostileLayout())))).toBe(true);
  });

  test('is indented by 2 spaces and ends with a line break', () => {
    expect(text.startsWith('{\n  "version": 1,\n  "width": 760,\n  "height": 400,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  test('writes keys in a fixed order whatever order the layout objects have', () => {
    const shuffled = JSON.parse(JSON.stringify(sampleLayout), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as Layout;
    expect(Object.keys(shuffled)[0]).not.toBe('version');
    expect(emitJson(shuffled)).toBe(text);
    expect(Object.keys(data)).toEqual([
      'version',
      'width',
      'height',
      'direction',
      'edgeStyle',
      'groups',
      'nodes',
      'edges',
    ]);
    const edges = data.edges as Record<string, unknown>[];
    expect(Object.keys(edges[0]!)).toEqual([
      'from',
      'to',
      'fromKind',
      'toKind',
      'fromHandle',
      'toHandle',
      'label',
      'points',
      'labelBox',
      'style',
    ]);
    const nodes = data.nodes as Record<string, unknown>[];
    expect(Object.keys(nodes[0]!)).toEqual([
      'id',
      'group',
      'shape',
      'label',
      'x',
      'y',
      'width',
      'height',
      'lines',
      'style',
      'link',
      'tooltip',
    ]);
    const groups = data.groups as Record<string, unknown>[];
    expect(Object.keys(groups[0]!)).toEqual([
      'id',
      'title',
      'parent',
      'depth',
      'x',
      'y',
      'width',
      'height',
      'header',
    ]);
  });

  test('keeps the layout values: ids, null group and label, handles, points and label boxes', () => {
    const nodes = data.nodes as { id: string; group: string | null }[];
    expect(nodes.find((n) => n.id === 'audit')?.group).toBeNull();
    expect(nodes.find((n) => n.id === 'Client.n1')?.group).toBe('Client');
    const edges = data.edges as {
      label: string | null;
      labelBox: unknown;
      points: unknown;
      fromHandle: string;
    }[];
    expect(edges[0]).toMatchObject({
      label: null,
      labelBox: null,
      fromHandle: 'right',
      points: [
        { x: 96, y: 118 },
        { x: 136, y: 118 },
      ],
    });
    expect(edges[6]).toMatchObject({
      label: 'Sync\nlater',
      labelBox: { x: 589, y: 189, width: 44, height: 32 },
    });
    const groups = data.groups as { title: string }[];
    expect(groups.map((g) => g.title)).toEqual(['Client Application', 'Command Side']);
  });

  test('rounds coordinates to 2 decimals and never writes -0', () => {
    const messy: Layout = structuredClone(sampleLayout);
    messy.width = 760.123456;
    messy.nodes[0]!.x = -0.0001;
    messy.edges[0]!.points[0]!.y = 118.005;
    const out = JSON.parse(emitJson(messy)) as {
      width: number;
      nodes: { x: number }[];
      edges: { points: { y: number }[] }[];
    };
    expect(out.width).toBe(760.12);
    expect(Object.is(out.nodes[0]!.x, -0)).toBe(false);
    expect(out.nodes[0]!.x).toBe(0);
    expect(out.edges[0]!.points[0]!.y).toBe(118.01);
  });

  test('labels with any characters survive a JSON round trip', () => {
    const layout = hostileLayout();
    const out = JSON.parse(emitJson(layout)) as { nodes: { label: string }[] };
    expect(out.nodes.map((n) => n.label)).toEqual(layout.nodes.map((n) => n.label));
  });
});
