/**
 * Visual constants shared by the layout (which measures text) and the SVG emitter (which draws it).
 * The font is shipped in `fonts/` so that measurement and rendering agree on every machine.
 */
export const FONT_FAMILY = 'DejaVu Sans';
/** The CSS font-family list written into SVG: the shipped font first. */
export const FONT_STACK = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";
/** Node label font size, px. */
export const NODE_FONT_SIZE = 14;
/** Edge label and group title font size, px. */
export const EDGE_FONT_SIZE = 12;
export const TITLE_FONT_SIZE = 13;
/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.3;
/** Arrowhead length and width, px (user space): drawn by the SVG emitter, kept clear of labels by the layout. */
export const ARROWHEAD_LENGTH = 9;
export const ARROWHEAD_WIDTH = 8;
