/** The four sides of a shape's box: where a handle attaches an edge (`n.handle(right)`). */
export type Side = 'top' | 'right' | 'bottom' | 'left';
export const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];
