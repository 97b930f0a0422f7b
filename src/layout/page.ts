/**
 * The one rule for "too long for a page": a drawing is too long when it is more than MAX_ASPECT
 * times longer than wide AND its long side is beyond PAGE_LENGTH. The layered engine's wrap into
 * rows (layered/wrap.ts), the automatic choice's aspect term (score.ts), the swimlanes' wrap
 * (index.ts wrappedLanes/preferWrapped) and the retry with groups as blocks (index.ts) all ask it.
 *
 * The length exists because a short strip reads in one glance: a person prefers a 1,500 px strip
 * of 9 steps to the same steps wrapped in two rows with back-loops (Graphviz dot draws them so).
 * PAGE_LENGTH lies between what needs the wrap and what does not, measured unwrapped (docs/layout.md,
 * "Too long for a page"): the samples wrapped to stay within 3:1 (issue #10) are 2,944 px long and
 * more (saga-orchestration's lanes; user-authentication 4,620), the two corpus flowcharts still
 * wrapped 2,770 and 5,334 px; the four real LR flowcharts the aspect-only rule wrapped into rows
 * with back-loops (a held-out-like set of 24) are 1,100 to 1,480 px. Any length between 1,480 and
 * 2,770 draws all of these the same; 2,000 (about a 1,920 px screen's width) is in the middle.
 */
export const MAX_ASPECT = 3;
/** Long sides up to this many px fit a page whatever the aspect (see above for the measurement). */
export const PAGE_LENGTH = 2000;

/**
 * How far a drawing `width` × `height` px (either way round) is beyond a page: its aspect above
 * MAX_ASPECT when its long side is beyond PAGE_LENGTH, 0 otherwise (fits a page).
 */
export function pageExcess(width: number, height: number): number {
  const long = Math.max(width, height);
  if (long <= PAGE_LENGTH) return 0;
  return Math.max(0, long / Math.max(1, Math.min(width, height)) - MAX_ASPECT);
}

/** Too long for a page (pageExcess above 0). */
export function tooLongForPage(width: number, height: number): boolean {
  return pageExcess(width, height) > 0;
}
