/**
 * Mermaid's node shapes (the bracket forms and the names `@{ shape: … }` takes, aliases included)
 * → the nearest `.flow` shape. An exact counterpart maps silently; anything else maps to the
 * closest outline and says what is lost (docs/import.md lists the table).
 */

export interface ShapeMapping {
  shape: string;
  /** Why this is an approximation; absent when the shape is the same. */
  approximation?: string;
}

const exact = (shape: string): ShapeMapping => ({ shape });
const near = (shape: string, approximation: string): ShapeMapping => ({ shape, approximation });

const GROUPS: [string[], ShapeMapping][] = [
  [['square', 'rect', 'proc', 'process', 'rectangle', 'squareRect'], exact('rectangle')],
  [['round', 'rounded', 'event', 'roundedRect'], near('rectangle', 'round corners')],
  [['stadium', 'terminal', 'pill'], exact('terminator')],
  [['subroutine', 'fr-rect', 'subprocess', 'subproc', 'framed-rectangle'], exact('subroutine')],
  [['cylinder', 'cyl', 'db', 'database'], exact('cylinder')],
  [['circle', 'circ'], exact('circle')],
  [['doublecircle', 'dbl-circ', 'double-circle'], near('circle', 'double circle')],
  [['ellipse'], near('circle', 'ellipse')],
  [['sm-circ', 'start', 'small-circle', 'stateStart'], near('circle', 'small filled circle')],
  [['fr-circ', 'stop', 'framed-circle', 'stateEnd'], near('circle', 'framed circle')],
  [['f-circ', 'junction', 'filled-circle'], near('circle', 'filled circle')],
  [['cross-circ', 'summary', 'crossed-circle'], near('circle', 'crossed circle')],
  [['diamond', 'diam', 'decision', 'question'], exact('diamond')],
  [['choice'], near('diamond', 'small choice diamond')],
  [['hexagon', 'hex', 'prepare'], exact('hexagon')],
  [['lean_right', 'lean-r', 'lean-right', 'in-out'], exact('parallelogram')],
  [['lean_left', 'lean-l', 'lean-left', 'out-in'], near('parallelogram', 'slanted to the left')],
  [['inv_trapezoid', 'trap-t', 'manual', 'trapezoid-top', 'inv-trapezoid'], exact('trapezoid')],
  [
    ['trapezoid', 'trap-b', 'priority', 'trapezoid-bottom'],
    near('trapezoid', 'wide side at the bottom'),
  ],
  [['doc', 'document'], exact('document')],
  [['docs', 'documents', 'st-doc', 'stacked-document'], near('document', 'stacked documents')],
  [['lin-doc', 'lined-document'], near('document', 'lined document')],
  [['tag-doc', 'tagged-document'], near('document', 'tagged document')],
  [['flag', 'paper-tape'], near('document', 'paper tape')],
  [['lin-cyl', 'disk', 'lined-cylinder'], near('cylinder', 'lined cylinder')],
  [['h-cyl', 'das', 'horizontal-cylinder'], near('cylinder', 'horizontal cylinder')],
  [['datastore', 'data-store'], near('cylinder', 'data store')],
  [['bow-rect', 'stored-data', 'bow-tie-rectangle'], near('cylinder', 'stored data')],
  [['notch-pent', 'loop-limit', 'notched-pentagon'], near('hexagon', 'loop limit')],
  [['odd', 'rect_left_inv_arrow'], near('rectangle', 'flag outline')],
  [['st-rect', 'procs', 'processes', 'stacked-rectangle'], near('rectangle', 'stacked rectangles')],
  [
    ['lin-rect', 'lined-rectangle', 'lined-process', 'lin-proc', 'shaded-process'],
    near('rectangle', 'lined rectangle'),
  ],
  [
    ['div-rect', 'div-proc', 'divided-rectangle', 'divided-process'],
    near('rectangle', 'divided rectangle'),
  ],
  [['notch-rect', 'card', 'notched-rectangle'], near('rectangle', 'card')],
  [
    ['tag-rect', 'tagged-rectangle', 'tag-proc', 'tagged-process'],
    near('rectangle', 'tagged rectangle'),
  ],
  [['sl-rect', 'manual-input', 'sloped-rectangle'], near('rectangle', 'sloped top')],
  [['win-pane', 'internal-storage', 'window-pane'], near('rectangle', 'window pane')],
  [['curv-trap', 'curved-trapezoid', 'display'], near('rectangle', 'display outline')],
  [['delay', 'half-rounded-rectangle'], near('rectangle', 'delay outline')],
  [['hourglass', 'collate'], near('rectangle', 'hourglass')],
  [['tri', 'extract', 'triangle'], near('rectangle', 'triangle')],
  [['flip-tri', 'manual-file', 'flipped-triangle'], near('rectangle', 'upside-down triangle')],
  [['fork', 'join', 'forkJoin'], near('rectangle', 'fork/join bar')],
  [['bolt', 'com-link', 'lightning-bolt'], near('rectangle', 'lightning bolt')],
  [['brace', 'comment', 'brace-l', 'brace-r', 'braces'], near('rectangle', 'comment braces')],
  [['text'], near('rectangle', 'text without an outline')],
  [['bang'], near('rectangle', 'bang')],
  [['cloud'], near('rectangle', 'cloud')],
];

const BY_NAME = new Map<string, ShapeMapping>(
  GROUPS.flatMap(([names, mapping]) => names.map((name) => [name, mapping] as const)),
);

/** The `.flow` shape for a Mermaid vertex type (undefined: a bare id, drawn as a rectangle). */
export function mapShape(type: string | undefined): ShapeMapping {
  if (type === undefined) return exact('rectangle');
  return BY_NAME.get(type) ?? near('rectangle', 'a shape flowc does not know');
}
