/**
 * Shapes as drawn, read back for geometry tests: an SVG element (`rect` with `rx`, `circle`, or a
 * `path` of absolute M/L/Q/C/A/Z commands) flattened into polylines by this file's own code, not by
 * src/shapes/outline.ts, so a test that a point lies on the outline checks the drawing itself.
 */
import type { Point } from '../../src/layout/types.js';
import type { SvgElement } from '../../src/shapes/index.js';

const STEPS = 48;

function attribute(element: SvgElement, name: string): number | string {
  const found = element.attributes.find(([key]) => key === name);
  if (!found) throw new Error(`<${element.tag}> has no ${name}`);
  return found[1];
}

const num = (element: SvgElement, name: string): number => Number(attribute(element, name));

/** The element's outline as polylines (one per subpath). */
export function elementOutline(element: SvgElement): Point[][] {
  if (element.tag === 'circle') {
    const [cx, cy, r] = [num(element, 'cx'), num(element, 'cy'), num(element, 'r')];
    return [
      Array.from({ length: 4 * STEPS + 1 }, (_, k) => {
        const t = (2 * Math.PI * k) / (4 * STEPS);
        return { x: cx + r * Math.cos(t), y: cy + r * Math.sin(t) };
      }),
    ];
  }
  if (element.tag === 'rect') {
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => num(element, k)) as [
      number,
      number,
      number,
      number,
    ];
    const r = Math.min(num(element, 'rx'), w / 2, h / 2);
    const corner = (cx: number, cy: number, from: number): Point[] =>
      Array.from({ length: STEPS + 1 }, (_, k) => {
        const t = from + ((Math.PI / 2) * k) / STEPS;
        return { x: cx + r * Math.cos(t), y: cy + r * Math.sin(t) };
      });
    return [
      [
        ...corner(x + w - r, y + r, -Math.PI / 2),
        ...corner(x + w - r, y + h - r, 0),
        ...corner(x + r, y + h - r, Math.PI / 2),
        ...corner(x + r, y + r, Math.PI),
        { x: x + w - r, y },
      ],
    ];
  }
  return pathOutline(String(attribute(element, 'd')));
}

/** Flattens absolute path data. */
export function pathOutline(d: string): Point[][] {
  const tokens = d.match(/[MLQCAZ]|-?\d*\.?\d+(?:e-?\d+)?/gi) ?? [];
  const paths: Point[][] = [];
  let current: Point[] = [];
  let at: Point = { x: 0, y: 0 };
  let start: Point = at;
  let k = 0;
  const next = (): number => Number(tokens[k++]);
  while (k < tokens.length) {
    const command = tokens[k++]!;
    switch (command) {
      case 'M':
        if (current.length > 0) paths.push(current);
        at = { x: next(), y: next() };
        start = at;
        current = [at];
        break;
      case 'L':
        at = { x: next(), y: next() };
        current.push(at);
        break;
      case 'Q': {
        const c = { x: next(), y: next() };
        const to = { x: next(), y: next() };
        const from = at;
        for (let s = 1; s <= STEPS; s++) {
          const t = s / STEPS;
          current.push({
            x: (1 - t) ** 2 * from.x + 2 * (1 - t) * t * c.x + t * t * to.x,
            y: (1 - t) ** 2 * from.y + 2 * (1 - t) * t * c.y + t * t * to.y,
          });
        }
        at = to;
        break;
      }
      case 'C': {
        const c1 = { x: next(), y: next() };
        const c2 = { x: next(), y: next() };
        const to = { x: next(), y: next() };
        const from = at;
        for (let s = 1; s <= STEPS; s++) {
          const t = s / STEPS;
          const u = 1 - t;
          current.push({
            x: u ** 3 * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t ** 3 * to.x,
            y: u ** 3 * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t ** 3 * to.y,
          });
        }
        at = to;
        break;
      }
      case 'A': {
        const [rx, ry, , large, sweep] = [next(), next(), next(), next(), next()];
        const to = { x: next(), y: next() };
        current.push(...arc(at, to, rx, ry, large === 1, sweep === 1));
        at = to;
        break;
      }
      case 'Z':
        current.push(start);
        at = start;
        break;
      default:
        throw new Error(`unexpected path command ${command} in ${d}`);
    }
  }
  if (current.length > 0) paths.push(current);
  return paths;
}

/** An axis-aligned elliptical arc as points (the centre found from the end points, as SVG does). */
function arc(from: Point, to: Point, rx: number, ry: number, large: boolean, sweep: boolean) {
  const dx = (from.x - to.x) / 2;
  const dy = (from.y - to.y) / 2;
  const lambda = (dx * dx) / (rx * rx) + (dy * dy) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const sign = large === sweep ? -1 : 1;
  const root = Math.sqrt(
    Math.max(
      0,
      (rx * rx * ry * ry - rx * rx * dy * dy - ry * ry * dx * dx) /
        (rx * rx * dy * dy + ry * ry * dx * dx),
    ),
  );
  const cx = sign * root * ((rx * dy) / ry) + (from.x + to.x) / 2;
  const cy = sign * root * (-(ry * dx) / rx) + (from.y + to.y) / 2;
  const a0 = Math.atan2((from.y - cy) / ry, (from.x - cx) / rx);
  let a1 = Math.atan2((to.y - cy) / ry, (to.x - cx) / rx);
  if (sweep && a1 < a0) a1 += 2 * Math.PI;
  if (!sweep && a1 > a0) a1 -= 2 * Math.PI;
  return Array.from({ length: STEPS }, (_, s) => {
    const t = a0 + ((a1 - a0) * (s + 1)) / STEPS;
    return { x: cx + rx * Math.cos(t), y: cy + ry * Math.sin(t) };
  });
}

/** Shortest distance from `p` to the polylines. */
export function distanceToOutline(p: Point, paths: readonly Point[][]): number {
  let best = Infinity;
  for (const path of paths) {
    for (let k = 0; k + 1 < path.length; k++) {
      const a = path[k]!;
      const b = path[k + 1]!;
      const lx = b.x - a.x;
      const ly = b.y - a.y;
      const length2 = lx * lx + ly * ly;
      const t =
        length2 === 0
          ? 0
          : Math.max(0, Math.min(1, ((p.x - a.x) * lx + (p.y - a.y) * ly) / length2));
      best = Math.min(best, Math.hypot(p.x - (a.x + t * lx), p.y - (a.y + t * ly)));
    }
  }
  return best;
}
