/**
 * A child process for the font test: renders an SVG file to PNG either through flowc's emitPng
 * (mode "flowc") or through sharp directly with whatever fontconfig finds (mode "raw").
 * Usage: node render-child.mjs flowc|raw IN.svg OUT.png
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { emitPng } from '../../src/emit/png.js';

const [mode, input, output] = process.argv.slice(2);
if (!input || !output || (mode !== 'flowc' && mode !== 'raw')) {
  process.stderr.write('usage: render-child flowc|raw IN.svg OUT.png\n');
  process.exit(2);
}
const svg = readFileSync(input, 'utf8');
if (mode === 'flowc') {
  writeFileSync(output, await emitPng(svg, { scale: 1 }));
} else {
  const { default: sharp } = await import('sharp');
  writeFileSync(
    output,
    await sharp(Buffer.from(svg), { density: 72 })
      .flatten({ background: 'white' })
      .png()
      .toBuffer(),
  );
}
process.stdout.write(`FONTCONFIG_FILE=${process.env.FONTCONFIG_FILE ?? ''}\n`);
