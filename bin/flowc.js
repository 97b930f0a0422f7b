#!/usr/bin/env node
// Runs the bundled CLI (dist/cli.cjs) with the V8 code cache the build made (dist/cli.cache), so
// that a start does not pay for compiling the CLI again: see scripts/build.mjs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const file = join(dist, 'cli.cjs');
const cacheFile = join(dist, 'cli.cache');
if (!existsSync(file)) {
  process.stderr.write(`flowc: ${file} is missing: run \`npm run build\` (npm install does it)\n`);
  process.exit(2);
}
const source = readFileSync(file, 'utf8');
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: file,
  cachedData: existsSync(cacheFile) ? readFileSync(cacheFile) : undefined,
});
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dist);
const done = module.exports.main();
if (process.env.FLOWC_WRITE_CODE_CACHE === '1') {
  // Build time only (scripts/build.mjs): after a real run, the cache holds every function it compiled.
  done.then(() => writeFileSync(cacheFile, script.createCachedData()));
}
