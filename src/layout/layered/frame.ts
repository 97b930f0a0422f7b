/**
 * The layered layout works in one internal frame whatever the direction: ranks (layers) stacked
 * downwards along y, the order inside a layer along x, as in a top-to-bottom drawing. This module
 * maps sizes, sides, points and boxes between that frame and the real direction:
 * TB (x, y) → (x, y); BT → (x, −y); LR → (y, x); RL → (−y, x).
 */
import type { Direction } from '../../model/diagram.js';
import type { Side } from '../../syntax/ast.js';
import { spanningBox } from '../geometry.js';
import type { Box, Point } from '../types.js';

export interface Frame {
  direction: Direction;
  /** LR and RL: the internal x axis is the real y axis. */
  transposed: boolean;
}

export function frameOf(direction: Direction): Frame {
  return { direction, transposed: direction === 'LR' || direction === 'RL' };
}

/** Internal (across, along) size of a real width × height box. */
export function internalSize(
  frame: Frame,
  width: number,
  height: number,
): { width: number; height: number } {
  return frame.transposed ? { width: height, height: width } : { width, height };
}

const TO_REAL: Record<Direction, Record<Side, Side>> = {
  TB: { top: 'top', bottom: 'bottom', left: 'left', right: 'right' },
  BT: { top: 'bottom', bottom: 'top', left: 'left', right: 'right' },
  LR: { top: 'left', bottom: 'right', left: 'top', right: 'bottom' },
  RL: { top: 'right', bottom: 'left', left: 'top', right: 'bottom' },
};

const TO_INTERNAL: Record<Direction, Record<Side, Side>> = {
  TB: invert(TO_REAL.TB),
  BT: invert(TO_REAL.BT),
  LR: invert(TO_REAL.LR),
  RL: invert(TO_REAL.RL),
};

function invert(map: Record<Side, Side>): Record<Side, Side> {
  const out = {} as Record<Side, Side>;
  for (const [from, to] of Object.entries(map) as Array<[Side, Side]>) out[to] = from;
  return out;
}

export function realSide(frame: Frame, side: Side): Side {
  return TO_REAL[frame.direction][side];
}

export function internalSide(frame: Frame, side: Side): Side {
  return TO_INTERNAL[frame.direction][side];
}

export function realPoint(frame: Frame, p: Point): Point {
  switch (frame.direction) {
    case 'TB':
      return { x: p.x, y: p.y };
    case 'BT':
      return { x: p.x, y: -p.y };
    case 'LR':
      return { x: p.y, y: p.x };
    case 'RL':
      return { x: -p.y, y: p.x };
  }
}

export function realBox(frame: Frame, box: Box): Box {
  const a = realPoint(frame, { x: box.x, y: box.y });
  const b = realPoint(frame, { x: box.x + box.width, y: box.y + box.height });
  return spanningBox(a, b);
}

/**
 * The internal side of a group box that holds its title band: the band is always at the real top.
 * TB: internal top; BT: internal bottom; LR and RL: internal left.
 */
export function headerSide(frame: Frame): Side {
  return internalSide(frame, 'top');
}
