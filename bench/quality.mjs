// Picture quality of the layout, measured: for every sample (and direction), the drawing's size, the
// bends, the crossings between edges, segments closer than 10 px to a parallel segment of another
// edge (and how many of those are trunks: on one line with an edge from the same source or to the
// same target, merged on purpose), labels lying on another edge's line, and segments through another group's header band.
//
//   node scripts/build.mjs --no-types && node bench/quality.mjs [--dirs LR,TB] [--layout lanes|layered|auto] [--png DIR] [FILE.flow ...]
//
// Reads dist/ (the built library). With --png, also writes one PNG per sample and direction.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { root, takeOption } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback = null) => takeOption(args, name, fallback);
const dirs = (option('--dirs') ?? 'LR,TB').split(',');
const pngDir = option('--png');
const kind = option('--layout') ?? 'auto';
const files =
  args.length > 0
    ? args
    : readdirSync(join(root, 'samples'))
        .filter((f) => f.endsWith('.flow'))
        .sort()
        .map((f) => join(root, 'samples', f));

const lib = await import(join(root, 'dist', 'index.js'));

/** Segments of every edge as [edgeIndex, a, b]. */
function segmentsOf(layout) {
  const out = [];
  layout.edges.forEach((edge, k) => {
    for (let s = 0; s + 1 < edge.points.length; s++)
      out.push([k, edge.points[s], edge.points[s + 1]]);
  });
  return out;
}

/** Proper crossing of an axis-aligned horizontal and vertical segment (interiors meet). */
function crosses(h1, h2, v1, v2) {
  const [x0, x1] = [Math.min(h1.x, h2.x), Math.max(h1.x, h2.x)];
  const [y0, y1] = [Math.min(v1.y, v2.y), Math.max(v1.y, v2.y)];
  return v1.x > x0 && v1.x < x1 && h1.y > y0 && h1.y < y1;
}

function boxHitsSegment(box, a, b) {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  return x1 > box.x && x0 < box.x + box.width && y1 > box.y && y0 < box.y + box.height;
}

export function measure(layout) {
  const segs = segmentsOf(layout);
  let bends = 0;
  for (const e of layout.edges) bends += Math.max(0, e.points.length - 2);
  let crossings = 0;
  let closeParallel = 0;
  let trunks = 0;
  for (let i = 0; i < segs.length; i++) {
    const [ei, a, b] = segs[i];
    const aH = a.y === b.y;
    for (let j = i + 1; j < segs.length; j++) {
      const [ej, c, d] = segs[j];
      if (ei === ej) continue;
      const cH = c.y === d.y;
      if (aH && !cH && crosses(a, b, c, d)) crossings++;
      else if (!aH && cH && crosses(c, d, a, b)) crossings++;
      else if (aH === cH) {
        // Parallel: overlapping spans closer than 10 px (same line counts when they overlap).
        const gap = aH ? Math.abs(a.y - c.y) : Math.abs(a.x - c.x);
        const [p0, p1] = aH
          ? [Math.min(a.x, b.x), Math.max(a.x, b.x)]
          : [Math.min(a.y, b.y), Math.max(a.y, b.y)];
        const [q0, q1] = aH
          ? [Math.min(c.x, d.x), Math.max(c.x, d.x)]
          : [Math.min(c.y, d.y), Math.max(c.y, d.y)];
        const shared = Math.min(p1, q1) - Math.max(p0, q0);
        if (gap < 10 && shared > 4) {
          closeParallel++;
          // On one line, out of one source or into one target: a trunk merged on purpose.
          const e = layout.edges[ei];
          const f = layout.edges[ej];
          if (gap === 0 && (e.from === f.from || e.to === f.to)) trunks++;
        }
      }
    }
  }
  let labelOnLine = 0;
  layout.edges.forEach((edge, k) => {
    if (!edge.labelBox) return;
    if (segs.some(([e, a, b]) => e !== k && boxHitsSegment(edge.labelBox, a, b))) labelOnLine++;
  });
  let throughHeaders = 0;
  for (const [k, a, b] of segs) {
    const edge = layout.edges[k];
    const own = new Set([
      layout.nodes.find((n) => n.id === edge.from)?.group,
      layout.nodes.find((n) => n.id === edge.to)?.group,
    ]);
    for (const g of layout.groups) {
      // Running along a header band (not just across it) hides the title.
      const along = a.y === b.y ? Math.abs(a.x - b.x) : 0;
      if (along > 0 && boxHitsSegment(g.header, a, b) && !own.has(g.id)) throughHeaders++;
    }
  }
  return {
    width: layout.width,
    height: layout.height,
    bends,
    crossings,
    closeParallel,
    trunks,
    labelOnLine,
    throughHeaders,
  };
}

const rows = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const { diagram } = lib.resolve(lib.parse(text));
  for (const direction of dirs) {
    const layout = lib.layout(diagram, { direction, layout: kind });
    const m = measure(layout);
    rows.push({ sample: basename(file, '.flow'), direction, kind: layout.layout, ...m });
    if (pngDir) {
      mkdirSync(pngDir, { recursive: true });
      const svg = lib.emitSvg(layout);
      writeFileSync(
        join(pngDir, `${basename(file, '.flow')}-${direction}.png`),
        await lib.emitPng(svg),
      );
    }
  }
}
const header = [
  'sample',
  'dir',
  'layout',
  'size',
  'bends',
  'crossings',
  'parallel<10px',
  'of them trunks',
  'label on line',
  'along header',
];
const lines = rows.map((r) =>
  [
    r.sample,
    r.direction,
    r.kind ?? '',
    `${r.width}×${r.height}`,
    r.bends,
    r.crossings,
    r.closeParallel,
    r.trunks,
    r.labelOnLine,
    r.throughHeaders,
  ].map(String),
);
const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
const fmt = (cells) => `| ${cells.map((c, k) => c.padEnd(widths[k])).join(' | ')} |`;
console.log(fmt(header));
console.log(fmt(widths.map((w) => '-'.repeat(w))));
for (const l of lines) console.log(fmt(l));
const total = (key) => rows.reduce((s, r) => s + r[key], 0);
console.log(
  `\ntotal: ${total('bends')} bends, ${total('crossings')} crossings, ${total('closeParallel')} close parallels (${total('trunks')} of them trunks out of one source or into one target), ${total('labelOnLine')} labels on lines, ${total('throughHeaders')} runs along other groups' headers`,
);
