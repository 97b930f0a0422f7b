#!/usr/bin/env node
/**
 * Rewrites the golden files in test/golden/expected/ from the current pipeline: every sample in
 * samples/*.flow, every format. The golden tests never do this themselves; run it when an output
 * change is intended, look at the result (git diff, the PNGs), and commit it.
 *
 * Usage: npm run golden:update   (or: node scripts/update-golden.mjs)
 *
 * It then renders the README's pictures (docs/cqrs.svg, docs/cqrs.png) with the built CLI, and runs
 * the reporter golden tests (test/report) with FLOWC_UPDATE_GOLDEN=1, so that one explicit command
 * accepts every golden file of the project.
 *
 * The TypeScript sources are bundled with esbuild into node_modules/.cache (inside the package, so
 * that the font set-up finds flowc's package.json from there, as it does from dist/).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'node_modules', '.cache', 'flowc-golden', `render-${process.pid}.mjs`);

await build({
  entryPoints: [join(root, 'test', 'golden', 'render.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: bundle,
  logLevel: 'warning',
});

try {
  const golden = await import(pathToFileURL(bundle).href);
  const samples = golden.sampleNames();
  if (samples.length === 0) throw new Error(`no samples in ${relative(root, golden.SAMPLES_DIR)}`);
  mkdirSync(golden.EXPECTED_DIR, { recursive: true });
  const written = new Set();
  let changed = 0;
  for (const sample of samples) {
    const outputs = await golden.renderSample(sample);
    for (const format of golden.GOLDEN_FORMATS) {
      const file = golden.expectedPath(sample, format);
      const content =
        typeof outputs[format] === 'string'
          ? Buffer.from(outputs[format], 'utf8')
          : outputs[format];
      written.add(file);
      rmSync(golden.gotPath(sample, format), { force: true });
      if (existsSync(file) && readFileSync(file).equals(content)) continue;
      writeFileSync(file, content);
      changed++;
      console.log(`wrote ${relative(root, file)}`);
    }
  }
  // Expected files of samples that no longer exist would never be checked again: remove them.
  for (const file of readdirSync(golden.EXPECTED_DIR)) {
    const path = join(golden.EXPECTED_DIR, file);
    if (!written.has(path) && !file.includes('.got.')) {
      rmSync(path);
      changed++;
      console.log(`removed ${relative(root, path)}`);
    }
  }
  console.log(`${samples.length} samples, ${written.size} golden files, ${changed} changed.`);
} catch (error) {
  console.error(`golden:update failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(bundle, { force: true });
}

if (!process.exitCode) {
  // The README's pictures (checked by test/docs/images.test.ts).
  for (const out of ['docs/cqrs.svg', 'docs/cqrs.png']) {
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'flowc.js'), 'render', 'samples/cqrs.flow', '-o', out],
      { cwd: root, stdio: 'inherit' },
    );
    if (r.status !== 0) process.exitCode = 1;
    else console.log(`wrote ${out}`);
  }
}

if (!process.exitCode) {
  console.log('updating the reporter golden files (test/report) ...');
  const jest = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/report'],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        FLOWC_UPDATE_GOLDEN: '1',
        NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning',
      },
    },
  );
  if (jest.status !== 0) process.exitCode = 1;
}
