/**
 * Outlines as data: a closed path of lines, quadratic and cubic Béziers and elliptical arcs. A shape
 * describes its outline once; the SVG path, the point where an edge meets the outline, and the
 * geometry tests all read that one description.
 */
import type { Side } from './sides.js';
import { formatNumber as n } from '../util/number.js';
import { cubicAt, distance, quadraticAt, towards } from '../util/points.js';
import type { Box, Point } from './types.js';

export type Segment =
  | { kind: 'line'; to: Point }
  | { kind: 'quad'; control: Point; to: Point }
  | { kind: 'cubic'; c1: Point; c2: Point; to: Point }
  /** An SVG elliptical arc (no rotation) from the current point to `to`. */
  | { kind: 'arc'; rx: number; ry: number; large: boolean; sweep: boolean; to: Point };

export interface Outline {
  start: Point;
  segments: Segment[];
}

/** SVG path data of a closed outline (`M… L… Q… Z`). */
export function pathData(outline: Outline): string {
  const parts = [`M${n(outline.start.x)} ${n(outline.start.y)}`];
  for (const s of outline.segments) {
    switch (s.kind) {
      case 'line':
        parts.push(`L${n(s.to.x)} ${n(s.to.y)}`);
        break;
      case 'quad':
        parts.push(`Q${n(s.control.x)} ${n(s.control.y)} ${n(s.to.x)} ${n(s.to.y)}`);
        break;
      case 'cubic':
        parts.push(
          `C${n(s.c1.x)} ${n(s.c1.y)} ${n(s.c2.x)} ${n(s.c2.y)} ${n(s.to.x)} ${n(s.to.y)}`,
        );
        break;
      case 'arc':
        parts.push(
          `A${n(s.rx)} ${n(s.ry)} 0 ${s.large ? 1 : 0} ${s.sweep ? 1 : 0} ${n(s.to.x)} ${n(s.to.y)}`,
        );
        break;
    }
  }
  parts.push('Z');
  return parts.join(' ');
}

/** An open path (a detail line such as a cylinder's front rim): the same data without `Z`. */
export function openPathData(outline: Outline): string {
  return pathData(outline).slice(0, -2);
}

/** A closed polygon whose vertices are rounded by quadratic curves of up to `radius`. */
export function roundedPolygon(vertices: readonly Point[], radius: number): Outline {
  const count = vertices.length;
  const segments: Segment[] = [];
  let start: Point | null = null;
  for (let i = 0; i < count; i++) {
    const prev = vertices[(i + count - 1) % count]!;
    const corner = vertices[i]!;
    const next = vertices[(i + 1) % count]!;
    const r = Math.min(radius, distance(prev, corner) / 2, distance(corner, next) / 2);
    const a = towards(corner, prev, r);
    const b = towards(corner, next, r);
    if (start === null) start = a;
    else segments.push({ kind: 'line', to: a });
    segments.push({ kind: 'quad', control: corner, to: b });
  }
  return { start: start ?? { x: 0, y: 0 }, segments };
}

/** A rectangle with corners rounded by circular arcs of radius `r` (what an SVG `rect` with `rx` draws). */
export function roundedRect(box: Box, r: number): Outline {
  const { x, y, width: w, height: h } = box;
  const radius = Math.max(0, Math.min(r, w / 2, h / 2));
  const arc = (to: Point): Segment => ({
    kind: 'arc',
    rx: radius,
    ry: radius,
    large: false,
    sweep: true,
    to,
  });
  return {
    start: { x: x + radius, y },
    segments: [
      { kind: 'line', to: { x: x + w - radius, y } },
      arc({ x: x + w, y: y + radius }),
      { kind: 'line', to: { x: x + w, y: y + h - radius } },
      arc({ x: x + w - radius, y: y + h }),
      { kind: 'line', to: { x: x + radius, y: y + h } },
      arc({ x, y: y + h - radius }),
      { kind: 'line', to: { x, y: y + radius } },
      arc({ x: x + radius, y }),
    ],
  };
}

/** Steps a curve is cut into when flattened; enough for a deviation far under a tenth of a pixel at node sizes. */
const CURVE_STEPS = 24;
const ARC_STEP = Math.PI / 48;

/** The outline as a closed polyline (the last point repeats the first). */
export function flatten(outline: Outline): Point[] {
  const points: Point[] = [outline.start];
  let at = outline.start;
  for (const s of outline.segments) {
    switch (s.kind) {
      case 'line':
        points.push(s.to);
        break;
      case 'quad':
        for (let k = 1; k <= CURVE_STEPS; k++) {
          const t = k / CURVE_STEPS;
          points.push({
            x: quadraticAt(at.x, s.control.x, s.to.x, t),
            y: quadraticAt(at.y, s.control.y, s.to.y, t),
          });
        }
        break;
      case 'cubic':
        for (let k = 1; k <= CURVE_STEPS; k++) {
          const t = k / CURVE_STEPS;
          points.push({
            x: cubicAt(at.x, s.c1.x, s.c2.x, s.to.x, t),
            y: cubicAt(at.y, s.c1.y, s.c2.y, s.to.y, t),
          });
        }
        break;
      case 'arc':
        points.push(...arcPoints(at, s));
        break;
    }
    at = s.to;
  }
  points.push(outline.start);
  return points;
}

/** Points along an SVG arc (endpoint to centre parametrisation, SVG 1.1 appendix F.6.5; no rotation). */
function arcPoints(from: Point, arc: Extract<Segment, { kind: 'arc' }>): Point[] {
  const to = arc.to;
  const e = arcEllipse(from, arc);
  if (e === null) return [to];
  const points: Point[] = [];
  for (let k = 1; k < e.steps; k++) {
    const t = e.theta1 + (e.delta * k) / e.steps;
    points.push({ x: e.cx + e.rx * Math.cos(t), y: e.cy + e.ry * Math.sin(t) });
  }
  points.push(to);
  return points;
}

/** An arc's ellipse and the steps it is flattened in (arcPoints); null when it is a straight step. */
interface ArcEllipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  theta1: number;
  delta: number;
  steps: number;
}

function arcEllipse(from: Point, arc: Extract<Segment, { kind: 'arc' }>): ArcEllipse | null {
  const to = arc.to;
  let rx = Math.abs(arc.rx);
  let ry = Math.abs(arc.ry);
  if (rx === 0 || ry === 0 || (from.x === to.x && from.y === to.y)) return null;
  const x1 = (from.x - to.x) / 2;
  const y1 = (from.y - to.y) / 2;
  const scale = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
  if (scale > 1) {
    rx *= Math.sqrt(scale);
    ry *= Math.sqrt(scale);
  }
  const numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
  const denominator = rx * rx * y1 * y1 + ry * ry * x1 * x1;
  let factor = Math.sqrt(Math.max(0, numerator / denominator));
  if (arc.large === arc.sweep) factor = -factor;
  const cx1 = (factor * rx * y1) / ry;
  const cy1 = (-factor * ry * x1) / rx;
  const cx = cx1 + (from.x + to.x) / 2;
  const cy = cy1 + (from.y + to.y) / 2;
  const angle = (ux: number, uy: number): number => Math.atan2(uy, ux);
  const theta1 = angle((x1 - cx1) / rx, (y1 - cy1) / ry);
  let delta = angle((-x1 - cx1) / rx, (-y1 - cy1) / ry) - theta1;
  if (arc.sweep && delta < 0) delta += 2 * Math.PI;
  if (!arc.sweep && delta > 0) delta -= 2 * Math.PI;
  const steps = Math.max(2, Math.ceil(Math.abs(delta) / ARC_STEP));
  return { cx, cy, rx, ry, theta1, delta, steps };
}

/**
 * Where an edge attached on `side` at `at` (x for top and bottom, y for left and right) meets the
 * outline: the outermost crossing of the outline with the line through `at` perpendicular to the
 * side. Null when that line misses the outline.
 */
export function outlineCrossing(polyline: readonly Point[], side: Side, at: number): Point | null {
  const vertical = side === 'top' || side === 'bottom';
  const lowest = side === 'top' || side === 'left';
  // Called for every route end on a curved or slanted side: no array or closure per segment.
  let best = 0;
  let found = false;
  const consider = (v: number): void => {
    if (!found || (lowest ? v < best : v > best)) {
      best = v;
      found = true;
    }
  };
  for (let k = 0; k + 1 < polyline.length; k++) {
    const p = polyline[k]!;
    const q = polyline[k + 1]!;
    const pu = vertical ? p.x : p.y;
    const pv = vertical ? p.y : p.x;
    const qu = vertical ? q.x : q.y;
    const qv = vertical ? q.y : q.x;
    if (at < Math.min(pu, qu) || at > Math.max(pu, qu)) continue;
    if (pu === qu) {
      consider(pv);
      consider(qv);
    } else consider(pv + ((at - pu) * (qv - pv)) / (qu - pu));
  }
  if (!found) return null;
  return vertical ? { x: at, y: best } : { x: best, y: at };
}

/**
 * outlineCrossing(flatten(outline), side, at), without flattening the whole outline: a segment
 * whose points all lie to one side of the line through `at` (its ends and control points, or an
 * arc's ellipse, do, with a margin far above the rounding of the curve's formulas) has no pair
 * of points the line can meet, so only the segments the line reaches are flattened, by the same
 * formulas as flatten, and the pairs are considered as outlineCrossing considers them: the same
 * crossing. A node's outline is flattened for every route end on a curve or a vertex of it
 * (attachPoint), and the line meets one or two of its segments.
 */
export function outlineCrossingOf(outline: Outline, side: Side, at: number): Point | null {
  const vertical = side === 'top' || side === 'bottom';
  const lowest = side === 'top' || side === 'left';
  let best = 0;
  let found = false;
  let pu = vertical ? outline.start.x : outline.start.y;
  let pv = vertical ? outline.start.y : outline.start.x;
  const consider = (v: number): void => {
    if (!found || (lowest ? v < best : v > best)) {
      best = v;
      found = true;
    }
  };
  // The pair from the last point to (qu, qv), as outlineCrossing's loop body.
  const pair = (qu: number, qv: number): void => {
    if (!(at < Math.min(pu, qu) || at > Math.max(pu, qu))) {
      if (pu === qu) {
        consider(pv);
        consider(qv);
      } else consider(pv + ((at - pu) * (qv - pv)) / (qu - pu));
    }
    pu = qu;
    pv = qv;
  };
  const point = (x: number, y: number): void => pair(vertical ? x : y, vertical ? y : x);
  /** Whether `at` lies outside [lo, hi] by more than the formulas' rounding can move a point. */
  const apart = (lo: number, hi: number): boolean => {
    const margin = 1e-9 * (1 + Math.max(Math.abs(lo), Math.abs(hi)));
    return at < lo - margin || at > hi + margin;
  };
  /** Jumps to a segment's end without its inner points (none of the pairs can meet the line). */
  const skipTo = (p: Point): void => {
    pu = vertical ? p.x : p.y;
    pv = vertical ? p.y : p.x;
  };
  let from = outline.start;
  for (const s of outline.segments) {
    switch (s.kind) {
      case 'line':
        point(s.to.x, s.to.y);
        break;
      case 'quad': {
        const a = vertical ? from.x : from.y;
        const c = vertical ? s.control.x : s.control.y;
        const b = vertical ? s.to.x : s.to.y;
        if (apart(Math.min(a, b, c), Math.max(a, b, c))) {
          skipTo(s.to);
          break;
        }
        for (let k = 1; k <= CURVE_STEPS; k++) {
          const t = k / CURVE_STEPS;
          point(
            quadraticAt(from.x, s.control.x, s.to.x, t),
            quadraticAt(from.y, s.control.y, s.to.y, t),
          );
        }
        break;
      }
      case 'cubic': {
        const a = vertical ? from.x : from.y;
        const c1 = vertical ? s.c1.x : s.c1.y;
        const c2 = vertical ? s.c2.x : s.c2.y;
        const b = vertical ? s.to.x : s.to.y;
        if (apart(Math.min(a, b, c1, c2), Math.max(a, b, c1, c2))) {
          skipTo(s.to);
          break;
        }
        for (let k = 1; k <= CURVE_STEPS; k++) {
          const t = k / CURVE_STEPS;
          point(
            cubicAt(from.x, s.c1.x, s.c2.x, s.to.x, t),
            cubicAt(from.y, s.c1.y, s.c2.y, s.to.y, t),
          );
        }
        break;
      }
      case 'arc': {
        const e = arcEllipse(from, s);
        if (e !== null) {
          const a = vertical ? from.x : from.y;
          const b = vertical ? s.to.x : s.to.y;
          const c = vertical ? e.cx : e.cy;
          const r = Math.abs(vertical ? e.rx : e.ry);
          if (apart(Math.min(a, b, c - r), Math.max(a, b, c + r))) {
            skipTo(s.to);
            break;
          }
          for (let k = 1; k < e.steps; k++) {
            const t = e.theta1 + (e.delta * k) / e.steps;
            point(e.cx + e.rx * Math.cos(t), e.cy + e.ry * Math.sin(t));
          }
        }
        point(s.to.x, s.to.y);
        break;
      }
    }
    from = s.to;
  }
  point(outline.start.x, outline.start.y);
  if (!found) return null;
  return vertical ? { x: at, y: best } : { x: best, y: at };
}

/** The point of the bounding box's side at `at`. */
export function boxSidePoint(box: Box, side: Side, at: number): Point {
  switch (side) {
    case 'top':
      return { x: at, y: box.y };
    case 'bottom':
      return { x: at, y: box.y + box.height };
    case 'left':
      return { x: box.x, y: at };
    case 'right':
      return { x: box.x + box.width, y: at };
  }
}
