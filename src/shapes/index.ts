/**
 * The shape registry: the one list of shapes. The grammar's completeness test, the parser's check
 * of a node's shape, the model, the validator (which shapes are terminals), the layout (sizes and
 * ports), every emitter and the docs' tables all read this list, so a new shape is one module in
 * this folder, one line below, and its tests.
 */
import type { Side } from './sides.js';
import { circle } from './circle.js';
import { cylinder } from './cylinder.js';
import { diamond } from './diamond.js';
import { document } from './document.js';
import { hexagon } from './hexagon.js';
import { parallelogram } from './parallelogram.js';
import { rectangle } from './rectangle.js';
import { subroutine } from './subroutine.js';
import { terminator } from './terminator.js';
import { trapezoid } from './trapezoid.js';
import { boxSidePoint, outlineCrossingOf } from './outline.js';
import type { Box, Point, ShapeGeometry, ShapeModule } from './types.js';

export type * from './types.js';
export { groupBox, GROUP_RADIUS } from './group-box.js';
export { centre, evenCeil, inflate } from './common.js';

/** In the order the docs list them: the three core shapes, then the flowchart symbols. */
export const SHAPE_MODULES = [
  circle,
  rectangle,
  diamond,
  terminator,
  parallelogram,
  document,
  cylinder,
  subroutine,
  hexagon,
  trapezoid,
] as const;

export type ShapeName = (typeof SHAPE_MODULES)[number]['name'];

export const SHAPE_NAMES: readonly ShapeName[] = SHAPE_MODULES.map((m) => m.name);

const BY_NAME: ReadonlyMap<string, ShapeModule<ShapeName>> = new Map(
  SHAPE_MODULES.map((m) => [m.name, m as ShapeModule<ShapeName>] as const),
);

export function isShapeName(name: string): name is ShapeName {
  return BY_NAME.has(name);
}

export function shapeModule(name: ShapeName): ShapeModule<ShapeName> {
  return BY_NAME.get(name) as ShapeModule<ShapeName>;
}

/** Shapes that count as a start or an end (circle, terminator). */
export function isTerminalShape(name: ShapeName): boolean {
  return shapeModule(name).terminal;
}

/**
 * At a side without a port span (a vertex, a curve), how far from its middle the edges leaving and
 * those arriving attach, as two trunks, px: a two-way pair reads as two lines, not one.
 */
export const WAY_OFFSET = 8;

/**
 * Where an edge attached to `side` at `at` (x for top/bottom, y for left/right) ends: on the
 * outline as drawn, rounded to half a pixel. Inside the side's port span that is the bounding box
 * itself (a straight side); elsewhere the line through `at` perpendicular to the side is followed
 * in to the outline (a vertex, a curve, a slant).
 */
export function attachPoint(geometry: ShapeGeometry, box: Box, side: Side, at: number): Point {
  const span = geometry.portSpan(box, side);
  if (span && at >= span[0] && at <= span[1]) return boxSidePoint(box, side, at);
  const hit = outlineCrossingOf(geometry.outline(box), side, at);
  if (!hit) return boxSidePoint(box, side, at);
  return { x: Math.round(hit.x * 2) / 2, y: Math.round(hit.y * 2) / 2 };
}
