/** Markdown files with ```flow blocks, for the Markdown tests (library and CLI). */

/** A valid flow. */
export const GOOD = [
  's: circle label:"Start"',
  'w: rectangle label:"Work"',
  'e: circle label:"End"',
  's -> w',
  'w -> e',
];
/** Another valid flow. */
export const OTHER = ['a: circle label:"Begin"', 'b: circle label:"Done"', 'a -> b'];
/** A flow with a syntax error on its second line (an unterminated string). */
export const BROKEN = [
  's: circle label:"Start"',
  'w: rectangle label:"Work',
  'e: circle label:"End"',
];

/** Lines joined into a file (a final newline). */
export const md = (...lines: string[]): string => lines.join('\n') + '\n';

/** A fenced block: the info string, the body, the closing fence; each line indented. */
export const fence = (body: string[], info = 'flow', indent = ''): string[] => [
  `${indent}\`\`\`${info}`,
  ...body.map((l) => indent + l),
  `${indent}\`\`\``,
];
