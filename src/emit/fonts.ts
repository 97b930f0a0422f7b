/**
 * Makes PNG text independent of the machine's fonts. sharp draws SVG text with librsvg, which asks
 * fontconfig for fonts; on a machine without fonts every glyph would be a box, and on others the
 * picture would depend on what is installed. flowc ships DejaVu Sans in `fonts/` and points
 * fontconfig at a private configuration that lists only that folder.
 *
 * fontconfig reads its configuration once per process, so this must run before sharp is first
 * imported (png.ts does that).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONT_FAMILY } from '../style.js';
import { writeFileAtomicSync } from '../files/write.js';
import { fnv1a64 } from '../util/hash.js';
import { nodeOs } from '../util/lazy.js';
import { packageRoot, packageVersion } from '../util/package.js';

export { packageRoot };
import { xmlText } from './text.js';

/** The private fonts.conf: only the shipped fonts, and every generic family resolved to them. */
export function fontsConf(fontsDir: string, cacheDir: string): string {
  const alias = (generic: string): string =>
    `  <alias><family>${generic}</family><prefer><family>${FONT_FAMILY}</family></prefer></alias>`;
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<!-- Written by flowc: PNG text uses only the fonts shipped with flowc. -->',
    '<fontconfig>',
    `  <dir>${xmlText(fontsDir)}</dir>`,
    `  <cachedir>${xmlText(cacheDir)}</cachedir>`,
    ...['sans-serif', 'serif', 'monospace', 'Verdana', 'Bitstream Vera Sans'].map(alias),
    '</fontconfig>',
    '',
  ].join('\n');
}

let configured: string | null = null;

/**
 * Writes the private fonts.conf (once per version and install location) into the temp folder and
 * sets FONTCONFIG_FILE to it. Returns the path of the file.
 */
export function configureFonts(env: NodeJS.ProcessEnv = process.env): string {
  if (configured && env.FONTCONFIG_FILE === configured) return configured;
  // Loaded here, not imported: this module is part of every CLI start, PNG is not.
  const { tmpdir } = nodeOs();
  const root = packageRoot();
  const fontsDir = join(root, 'fonts');
  const version = packageVersion();
  // Tells install locations apart; FNV-1a, so a PNG render does not load node:crypto (~5 ms).
  const installHash = fnv1a64(fontsDir).slice(0, 10);
  const dir = join(tmpdir(), `flowc-fontconfig-${version}-${installHash}`);
  const file = join(dir, 'fonts.conf');
  const content = fontsConf(fontsDir, join(dir, 'cache'));
  try {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== content) {
      // Atomically, so a process or thread starting at the same moment never reads half a file.
      writeFileAtomicSync(file, content);
    }
  } catch (error) {
    throw new Error(
      `cannot write flowc's font configuration to ${dir}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  env.FONTCONFIG_FILE = file;
  configured = file;
  return file;
}
