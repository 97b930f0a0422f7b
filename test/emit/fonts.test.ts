/**
 * PNG text must not depend on the machine's fonts. These tests render in child processes whose
 * fontconfig can find no font at all (empty config, empty home), and compare with a normal render.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import sharp from 'sharp';
import { configureFonts, fontsConf, packageRoot } from '../../src/emit/fonts.js';
import { emitSvg } from '../../src/emit/svg.js';
import { sampleLayout } from './fixtures.js';

const root = packageRoot();
const work = mkdtempSync(join(tmpdir(), 'flowc-font-test-'));
/** The bundle lives inside the package so that packageRoot() finds flowc from it, as from dist/. */
const bundle = join(
  root,
  'node_modules',
  '.cache',
  'flowc-test',
  `render-child-${process.pid}.mjs`,
);

beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('./render-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: bundle,
    logLevel: 'silent',
  });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(bundle, { force: true });
});

/** An environment in which fontconfig finds no font: an empty configuration and empty home folders. */
function fontlessEnv(): NodeJS.ProcessEnv {
  const home = join(work, 'empty-home');
  const temp = join(work, 'empty-tmp');
  mkdirSync(home, { recursive: true });
  mkdirSync(temp, { recursive: true });
  const emptyConf = join(home, 'fonts.conf');
  writeFileSync(emptyConf, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: home,
    XDG_DATA_HOME: home,
    XDG_CACHE_HOME: home,
    XDG_DATA_DIRS: home,
    FONTCONFIG_FILE: emptyConf,
    FONTCONFIG_PATH: home,
    TMPDIR: temp,
  };
}

let renders = 0;
/** Renders `svg` in a child process and returns the decoded pixels and what FONTCONFIG_FILE was. */
async function renderInChild(
  svg: string,
  mode: 'flowc' | 'raw',
  env: NodeJS.ProcessEnv,
): Promise<{ pixels: Buffer; fontconfigFile: string }> {
  const index = renders++;
  const input = join(work, `in-${index}.svg`);
  const output = join(work, `out-${index}.png`);
  writeFileSync(input, svg);
  const child = spawnSync(process.execPath, [bundle, mode, input, output], {
    env,
    encoding: 'utf8',
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const pixels = await sharp(readFileSync(output)).raw().toBuffer();
  return { pixels, fontconfigFile: /FONTCONFIG_FILE=(.*)/.exec(child.stdout)?.[1] ?? '' };
}

const svg = emitSvg(sampleLayout);
const textless = svg.replace(/<text\b[^>]*>.*?<\/text>/g, '');

describe('PNG text with the shipped font only', () => {
  test('a machine without fonts draws exactly the same pixels as this one', async () => {
    const fontless = await renderInChild(svg, 'flowc', fontlessEnv());
    const normal = await renderInChild(svg, 'flowc', process.env);
    expect(fontless.fontconfigFile.startsWith(join(work, 'empty-tmp'))).toBe(true);
    expect(fontless.pixels.equals(normal.pixels)).toBe(true);
  });

  test('the text is really drawn: the picture differs from the same SVG without its text', async () => {
    const withText = await renderInChild(svg, 'flowc', fontlessEnv());
    const withoutText = await renderInChild(textless, 'flowc', fontlessEnv());
    expect(textless).not.toBe(svg);
    expect(withText.pixels.equals(withoutText.pixels)).toBe(false);
  });

  test('the fontless environment is real: sharp on its own cannot draw the same text there', async () => {
    const raw = await renderInChild(svg, 'raw', fontlessEnv());
    const flowc = await renderInChild(svg, 'flowc', fontlessEnv());
    expect(raw.pixels.equals(flowc.pixels)).toBe(false);
  });
});

describe('font configuration', () => {
  test("packageRoot finds the folder of flowc's package.json", () => {
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('flowc');
    expect(() => packageRoot('/no/such/place/module.js')).toThrow(
      "cannot find flowc's package folder",
    );
  });

  test('the private fonts.conf lists only the shipped fonts folder and a cache folder', () => {
    const conf = fontsConf('/opt/flowc & co/fonts', '/tmp/cache');
    expect(conf.match(/<dir>/g)).toHaveLength(1);
    expect(conf).toContain('<dir>/opt/flowc &amp; co/fonts</dir>');
    expect(conf).toContain('<cachedir>/tmp/cache</cachedir>');
    expect(conf).not.toContain('<include');
  });

  test('configureFonts writes the file and points FONTCONFIG_FILE at it', () => {
    const env: NodeJS.ProcessEnv = {};
    const file = configureFonts(env);
    expect(env.FONTCONFIG_FILE).toBe(file);
    expect(readFileSync(file, 'utf8')).toContain(`<dir>${join(root, 'fonts')}</dir>`);
  });
});
