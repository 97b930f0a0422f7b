/**
 * The curve of the `spline` edge style, one source for the emitters (which draw it) and the layout
 * (which sizes the canvas around it and puts labels on it): a curve through the points where a
 * route turns, as cubic Bézier pieces, one between each two such points (points on a straight run
 * lie on the way and are not passed through).
 *
 * The curve's direction at a through-point is the chord from the point before to the point after
 * (the uniform Catmull–Rom's: it leans towards the longer segment, so a long run beside a 12 px stub
 * keeps nearly its own direction), turned to within 80° of both segments; at the ends it is the
 * first and last segment's, so an edge still leaves and enters along its handle. Each handle has
 * the centripetal Catmull–Rom length (alpha 0.5: shorter beside a short segment and at a sharp
 * turn), at most a third of its piece's chord, and reaches at most HANDLE_REACH across the chord.
 * Then every piece goes forwards along its chord from end to end (the component of its direction
 * along the chord is a positive sum of Bernstein terms): no loop, cusp or S-bend doubling back,
 * which the uniform curve's handles (a sixth of the neighbours' span, reaching far past a stub
 * beside a long run) drew on dense drawings; and the curve stays within 9 px of its route.
 */
import { cubicAt, distance, dropCollinear, type XY } from './points.js';

/** One cubic piece: from `start` to `end`, pulled by `c1` and `c2`. */
export interface CubicPiece {
  start: XY;
  c1: XY;
  c2: XY;
  end: XY;
}

/** The point of `piece` at parameter `t` (0 to 1). */
export function pieceAt(piece: CubicPiece, t: number): XY {
  return {
    x: cubicAt(piece.start.x, piece.c1.x, piece.c2.x, piece.end.x, t),
    y: cubicAt(piece.start.y, piece.c1.y, piece.c2.y, piece.end.y, t),
  };
}

/** The route without repeated points (closer than 0.01 px). */
export function distinctPoints(points: readonly XY[]): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || distance(last, p) > 0.01) out.push({ x: p.x, y: p.y });
  }
  return out;
}

/**
 * How far the curve's direction at a through-point may turn from either segment's direction: below
 * 90°, so it always goes forwards along both pieces (80°: the pieces start and end at least cos 80°
 * = 0.17 along their chords).
 */
const TANGENT_LIMIT = (80 * Math.PI) / 180;

/**
 * How far a handle may reach across its piece's chord, px. The piece's offset from its chord is
 * 3t(1−t)² and 3t²(1−t) times its handles' offsets, so it strays at most ¾ of this (9 px) from the
 * route it was drawn for. The router keeps routes 4 px and more from the nodes they pass, and over
 * the generated diagrams, samples and corpus in four directions no curve then enters a node it
 * does not attach to (with no such bound 138 of 7,140 did, 82 deeper than 6 px, where a sharp turn
 * swung a long piece's handle over a neighbour).
 */
const HANDLE_REACH = 12;

/** The signed angle from direction `a` to direction `b`, radians (-π to π). */
function angleBetween(a: XY, b: XY): number {
  return Math.atan2(a.x * b.y - a.y * b.x, a.x * b.x + a.y * b.y);
}

/** The points the curve passes through: the route's points where it turns (and its ends). */
export function throughPoints(route: readonly XY[]): XY[] {
  return dropCollinear(distinctPoints(route));
}

/**
 * The curve's pieces through `route`, one between each two through-points: none when the route
 * does not turn (it is drawn as a line).
 */
export function splinePieces(route: readonly XY[]): CubicPiece[] {
  const through = throughPoints(route);
  if (through.length < 3) return [];
  const count = through.length - 1;
  const length: number[] = [];
  const unit: XY[] = [];
  for (let i = 0; i < count; i++) {
    const a = through[i]!;
    const b = through[i + 1]!;
    const d = distance(a, b);
    length.push(d);
    unit.push({ x: (b.x - a.x) / d, y: (b.y - a.y) / d });
  }
  /**
   * The curve's direction at through-point i, a unit vector: the chord from the point before to the
   * point after (the uniform curve's, leaning towards the longer segment, so a long run next to a
   * stub keeps nearly its own direction), turned until it is within TANGENT_LIMIT of both
   * segments' directions; the bisector when the turn is too sharp for that; zero at a reversal (a
   * cusp, its handles have no length).
   */
  const direction = (i: number): XY => {
    const before = unit[i - 1];
    const after = unit[i];
    if (!before) return after!;
    if (!after) return before;
    const turn = angleBetween(before, after);
    const size = Math.abs(turn);
    if (size > Math.PI - 1e-6) return { x: 0, y: 0 };
    const chord = {
      x: before.x * length[i - 1]! + after.x * length[i]!,
      y: before.y * length[i - 1]! + after.y * length[i]!,
    };
    const low = Math.max(0, size - TANGENT_LIMIT);
    const high = Math.min(size, TANGENT_LIMIT);
    const lean =
      low <= high ? Math.min(high, Math.max(low, Math.abs(angleBetween(before, chord)))) : size / 2;
    const angle = Math.atan2(before.y, before.x) + Math.sign(turn) * lean;
    return { x: Math.cos(angle), y: Math.sin(angle) };
  };
  /**
   * The handle at through-point i along piece p (i = p or p + 1): the centripetal length,
   * L·√M/(√M + √L)·|u + v|/3 with L the piece's chord, M the other segment's at i and u, v their
   * directions, at most L/3 (at the route's ends: L/3).
   */
  const handle = (i: number, p: number): number => {
    const own = length[p]!;
    const other = length[i === p ? p - 1 : p + 1];
    if (other === undefined) return own / 3;
    const before = unit[i - 1]!;
    const after = unit[i]!;
    const turn = Math.hypot(before.x + after.x, before.y + after.y);
    const centripetal = (own * Math.sqrt(other) * turn) / (3 * (Math.sqrt(other) + Math.sqrt(own)));
    return Math.min(centripetal, own / 3);
  };
  const pieces: CubicPiece[] = [];
  for (let p = 0; p < count; p++) {
    const start = through[p]!;
    const end = through[p + 1]!;
    const d1 = direction(p);
    const d2 = direction(p + 1);
    // A handle's reach across the chord is at most HANDLE_REACH (the piece then strays at most ¾ of it).
    const u = unit[p]!;
    const across1 = Math.abs(d1.x * u.y - d1.y * u.x);
    const across2 = Math.abs(d2.x * u.y - d2.y * u.x);
    const h1 = Math.min(handle(p, p), across1 > 0 ? HANDLE_REACH / across1 : Infinity);
    const h2 = Math.min(handle(p + 1, p), across2 > 0 ? HANDLE_REACH / across2 : Infinity);
    pieces.push({
      start,
      c1: { x: start.x + d1.x * h1, y: start.y + d1.y * h1 },
      c2: { x: end.x - d2.x * h2, y: end.y - d2.y * h2 },
      end,
    });
  }
  return pieces;
}

/** The smallest and largest value of one coordinate along a cubic piece (its ends and extrema). */
function cubicRange(a: number, b: number, c: number, d: number): [number, number] {
  let low = Math.min(a, d);
  let high = Math.max(a, d);
  // The derivative, divided by 3: qa t² + qb t + qc.
  const qa = -a + 3 * b - 3 * c + d;
  const qb = 2 * (a - 2 * b + c);
  const qc = b - a;
  const roots: number[] = [];
  if (Math.abs(qa) < 1e-12) {
    if (Math.abs(qb) > 1e-12) roots.push(-qc / qb);
  } else {
    const disc = qb * qb - 4 * qa * qc;
    if (disc >= 0) {
      const s = Math.sqrt(disc);
      roots.push((-qb + s) / (2 * qa), (-qb - s) / (2 * qa));
    }
  }
  for (const t of roots) {
    if (t <= 0 || t >= 1) continue;
    const v = cubicAt(a, b, c, d, t);
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return [low, high];
}

/** The box the curve through `points` covers: the polyline's own box when it is not curved. */
export function splineBounds(points: readonly XY[]): {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
} {
  const route = throughPoints(points);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of route) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  for (const piece of splinePieces(route)) {
    const [x0, x1] = cubicRange(piece.start.x, piece.c1.x, piece.c2.x, piece.end.x);
    const [y0, y1] = cubicRange(piece.start.y, piece.c1.y, piece.c2.y, piece.end.y);
    minX = Math.min(minX, x0);
    minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
  }
  return { minX, minY, maxX, maxY };
}
