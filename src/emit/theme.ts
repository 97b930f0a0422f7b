/**
 * Colours of the SVG output. Every painted element carries one role (written as the class
 * `flowc-<role>`); a palette gives each role its fill and/or stroke.
 *
 * Themes: `light` and `dark` write their palette as presentation attributes. `auto` writes the light
 * palette as attributes (what a renderer without CSS draws) and the dark one in a
 * `prefers-color-scheme: dark` media query: CSS rules override presentation attributes.
 */
export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

export type Role =
  | 'background'
  | 'group-fill'
  | 'group-border'
  | 'group-header'
  | 'group-title'
  | 'start'
  | 'end'
  | 'end-ring'
  | 'terminal'
  | 'step'
  | 'decision'
  | 'data'
  | 'node-text'
  | 'edge'
  | 'arrow'
  | 'label-box'
  | 'label-text'
  | 'highlight';

export interface Paint {
  fill?: string;
  stroke?: string;
}

export type Palette = Record<Role, Paint>;

export const LIGHT: Palette = {
  background: { fill: '#ffffff' },
  'group-fill': { fill: '#f8fafc' },
  'group-border': { stroke: '#d3dbe6' },
  'group-header': { fill: '#edf1f7' },
  'group-title': { fill: '#27344a' },
  start: { fill: '#e8f7ee', stroke: '#2f9a5f' },
  end: { fill: '#eceff4', stroke: '#3d4859' },
  'end-ring': { stroke: '#3d4859' },
  terminal: { fill: '#f1f5f9', stroke: '#64748b' },
  step: { fill: '#eef4ff', stroke: '#4a72d6' },
  decision: { fill: '#fff5e3', stroke: '#cf8d22' },
  data: { fill: '#eaf8f5', stroke: '#2b9a8a' },
  'node-text': { fill: '#1e293b' },
  edge: { stroke: '#6b7a90' },
  arrow: { fill: '#6b7a90' },
  'label-box': { fill: '#ffffff', stroke: '#dbe2ec' },
  'label-text': { fill: '#475569' },
  highlight: { stroke: '#dc2626' },
};

export const DARK: Palette = {
  background: { fill: '#0f1623' },
  'group-fill': { fill: '#151d2b' },
  'group-border': { stroke: '#2b384d' },
  'group-header': { fill: '#1b2536' },
  'group-title': { fill: '#d6dee9' },
  start: { fill: '#13301f', stroke: '#4cc487' },
  end: { fill: '#1d2431', stroke: '#a7b3c6' },
  'end-ring': { stroke: '#a7b3c6' },
  terminal: { fill: '#1d2431', stroke: '#8391a7' },
  step: { fill: '#18264a', stroke: '#7098f2' },
  decision: { fill: '#2f2412', stroke: '#e3a748' },
  data: { fill: '#0f2c29', stroke: '#4cc2b0' },
  'node-text': { fill: '#e2e8f0' },
  edge: { stroke: '#8b99ad' },
  arrow: { fill: '#8b99ad' },
  'label-box': { fill: '#0f1623', stroke: '#2b384d' },
  'label-text': { fill: '#cbd5e1' },
  highlight: { stroke: '#f87171' },
};

/** The palette written as presentation attributes. */
export function attributePalette(theme: Theme): Palette {
  return theme === 'dark' ? DARK : LIGHT;
}

/** The embedded style sheet of the `auto` theme: the dark palette, applied when the viewer asks for it. */
export function autoThemeStyle(): string {
  const rules = (Object.keys(DARK) as Role[]).map((role) => {
    const paint = DARK[role];
    const declarations = [
      paint.fill ? `fill: ${paint.fill};` : '',
      paint.stroke ? `stroke: ${paint.stroke};` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `    .flowc-${role} { ${declarations} }`;
  });
  // The lines drawn over a shape (a cylinder's rim, a subroutine's bars) take their role's stroke
  // but are never filled; this rule comes last so it wins over the role's fill.
  rules.push('    .flowc-detail { fill: none; }');
  return ['@media (prefers-color-scheme: dark) {', ...rules, '}'].join('\n');
}
