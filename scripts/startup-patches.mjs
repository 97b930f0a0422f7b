// The one start-up trick left in the CLI bundle (dist/cli.cjs), applied by esbuild while it bundles:
//
// - commander requires node:child_process when it loads, only to run external subcommands (flowc
//   has none). With it came net, dgram and the stream modules. commander's import of it gets a
//   stand-in that loads the real module on first use (every property read is forwarded), so
//   nothing commander does changes.
//
// Measured A/B (docs/performance.md, "Start-up tricks, measured again"): it saves ~7 ms of CPU per
// run. Three text patches of ohm-js and fdir that were here (lazy Unicode tables, plain operation
// names, fdir's picomatch) each measured under 5 ms and were removed (issue 14, item 16): no
// dependency's text is edited any more. test/cli/startup.test.ts checks behaviour (the CLI works,
// its output is the library's), not what is loaded.

/** esbuild plugin: commander's node:child_process, loaded on first use. */
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
  },
};
