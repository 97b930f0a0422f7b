// Start-up patches for the CLI bundle (dist/cli.cjs), applied by esbuild while it bundles.
//
// A CQRS-sized render spends ~50 ms in flowc's own code, on a machine where `node -e ''` takes
// 24–62 ms; a few dependencies do work at load time that such a run never uses. Each patch here
// makes one such piece lazy, without changing what it computes:
//
// - commander requires node:child_process when it loads, only to run external subcommands (flowc
//   has none). With it came net, dgram and the stream modules. It gets a stand-in that loads the
//   real module on first use.
// - ohm-js builds a RegExp for each of 33 Unicode categories and properties when it loads (~2 ms:
//   V8 builds each `\p{..}` set through ICU). flowc's grammar uses two. The tables become lazy.
// - fdir (under tinyglobby, used for globs and the configuration's ignore patterns) requires
//   picomatch from node_modules when it loads, outside the bundle and its code cache (~4 ms),
//   for a glob API tinyglobby does not call. It is required on first use instead.
// - ohm-js parses an operation's signature (`'ast'`) with its own grammar, cold (~2 ms). A plain
//   name without parameters is what that parse returns as `{ name, formals: [] }` anyway.
//
// If a dependency's text changes so that a patch no longer applies, the build warns and bundles
// the file unchanged (correct, only slower); test/build/startup-patches.test.ts fails, so the
// change is noticed.
import { readFile } from 'node:fs/promises';

/** Text patches by the file they apply to: each `find` must occur exactly once. */
export const DEPENDENCY_PATCHES = [
  {
    file: /[\\/]ohm-js[\\/]src[\\/]unicode\.js$/,
    name: 'lazy Unicode category tables',
    edits: [
      {
        find: 'export const UnicodeCategories = Object.fromEntries(',
        replace: 'export const UnicodeCategories = lazyRegExpTable(',
      },
      { find: '].map(cat => [cat, toRegExp(cat)])', replace: ']' },
      {
        find: 'export const UnicodeBinaryProperties = Object.fromEntries(',
        replace: 'export const UnicodeBinaryProperties = lazyRegExpTable(',
      },
      {
        find: "['XID_Start', 'XID_Continue', 'White_Space'].map(prop => [prop, toRegExp(prop)])",
        replace: "['XID_Start', 'XID_Continue', 'White_Space']",
      },
    ],
    append: `
// flowc (scripts/startup-patches.mjs): each RegExp is made when first read.
function lazyRegExpTable(names) {
  const table = {};
  for (const name of names) {
    Object.defineProperty(table, name, {
      configurable: true,
      enumerable: true,
      get() {
        const value = toRegExp(name);
        Object.defineProperty(table, name, { value, writable: true, enumerable: true, configurable: true });
        return value;
      },
    });
  }
  return table;
}
`,
  },
  {
    file: /[\\/]ohm-js[\\/]src[\\/]Semantics\.js$/,
    name: 'plain operation names without a signature parse',
    edits: [
      {
        find: '  const r = Semantics.prototypeGrammar.match(\n',
        replace:
          '  // flowc (scripts/startup-patches.mjs): a plain name is `{ name, formals: [] }` without a parse.\n' +
          '  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(signature)) return { name: signature, formals: [] };\n' +
          '  const r = Semantics.prototypeGrammar.match(\n',
      },
    ],
  },
  {
    file: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/,
    name: "fdir's picomatch on first use",
    edits: [
      {
        find: 'try {\n\t__require.resolve("picomatch");\n\tpm = __require("picomatch");\n} catch {}\n',
        replace:
          '// flowc (scripts/startup-patches.mjs): picomatch is required when a glob first needs it.\n' +
          'let pmLoaded = false;\n' +
          'function loadPicomatch() {\n' +
          '\tif (!pmLoaded) {\n' +
          '\t\tpmLoaded = true;\n' +
          '\t\ttry {\n' +
          '\t\t\tpm = __require("picomatch");\n' +
          '\t\t} catch {}\n' +
          '\t}\n' +
          '\treturn pm;\n' +
          '}\n',
      },
      {
        find: 'const globFn = this.globFunction || pm;',
        replace: 'const globFn = this.globFunction || loadPicomatch();',
      },
    ],
  },
];

/** Applies `patch` to `text`; returns the new text, or a reason it does not apply. */
export function applyPatch(patch, text) {
  let out = text;
  for (const { find, replace } of patch.edits) {
    const at = out.indexOf(find);
    if (at < 0 || out.indexOf(find, at + 1) >= 0)
      return { problem: `"${find.trim().slice(0, 60)}" is not found exactly once` };
    out = out.slice(0, at) + replace + out.slice(at + find.length);
  }
  return { text: out + (patch.append ?? '') };
}

/** esbuild plugin: the patches above. */
export const startupPatches = {
  name: 'flowc-startup-patches',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: args.path, namespace: 'lazy-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require(${JSON.stringify(args.path)}))[key] });`,
      loader: 'js',
    }));
    for (const patch of DEPENDENCY_PATCHES) {
      build.onLoad({ filter: patch.file }, async (args) => {
        const result = applyPatch(patch, await readFile(args.path, 'utf8'));
        if (result.problem === undefined) return { contents: result.text, loader: 'js' };
        return {
          warnings: [
            {
              text: `start-up patch "${patch.name}" not applied (${result.problem}); bundling ${args.path} unchanged`,
            },
          ],
        };
      });
    }
  },
};
