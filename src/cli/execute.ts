/**
 * The CLI as a function: `execute(argv, io)` parses the arguments, runs one command and returns
 * the exit code. It never exits the process and never lets an exception out, so tests call it
 * directly and `main.ts` only sets `process.exitCode`.
 *
 * Each command's module is imported when that command runs: `flowc lint` never loads layout or
 * emit, and sharp is loaded only for PNG output (start-up time is a product requirement).
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, UsageError } from './errors.js';
import type { Io } from './io.js';
import { collect, nonNegativeInteger, port, positiveInteger, positiveNumber } from './options.js';
import {
  addConfigOptions,
  addDebugOption,
  addRuleOption,
  addStdinFilenameOption,
  directionOption,
  edgesOption,
  formatOption,
  layoutOption,
  themeOption,
} from './shared-options.js';
import { flowcVersion } from './version.js';
import { didYouMean } from '../util/suggest.js';
import { printable, printableLines } from '../util/printable.js';
import type { LintOptions } from './lint.js';
import type { RenderCommandOptions } from './render.js';
import type { FmtOptions } from './fmt.js';
import type { ImportCommandOptions } from './import.js';
import type { LspCommandOptions } from './lsp.js';
import type { WatchCommandOptions } from './watch.js';
import { addBatchOptions } from './batch-options.js';

const LINT_EXAMPLES = `
Examples:
  $ flowc lint diagram.flow                     lint one file
  $ flowc lint docs/ 'samples/**/*.flow'        folders (recursive) and globs
  $ flowc lint                                  lint every .flow file under the current folder
  $ cat diagram.flow | flowc lint               what is piped in (else the current folder)
  $ cat diagram.flow | flowc lint - --stdin-filename diagram.flow
  $ flowc lint docs/ --format json              ESLint-shaped JSON on stdout
  $ flowc lint docs/ --format github --format sarif:flowc.sarif
                                                annotations on stdout, and a SARIF file
  $ flowc lint docs/ --format sarif -o flowc.sarif
  $ flowc lint docs/ --max-warnings 0           fail on any warning
  $ flowc lint docs/ --quiet                    errors only
  $ flowc lint docs/ --rule dead-end=off --rule single-branch=error
  $ flowc lint docs/ --config ci/flowc.config.json
  $ flowc lint docs/ --no-config                ignore any flowc.config.json

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors found,
2 the command could not run (bad option, unreadable path, invalid configuration).
`;

const RENDER_EXAMPLES = `
Examples:
  $ flowc render diagram.flow -o diagram.svg    format from the extension
  $ flowc render diagram.flow -o diagram.png --scale 3
  $ flowc render diagram.flow -o diagram.png --width 1600 --background white
  $ flowc render diagram.flow -f mermaid        Mermaid text on stdout
  $ flowc render diagram.flow -f dot -o diagram.gv
  $ flowc render diagram.flow -f json -o layout.json
  $ cat diagram.flow | flowc render - -f svg > diagram.svg
  $ flowc render diagram.flow -o out.svg --direction TB --edges spline --theme dark
  $ flowc render diagram.flow -o out.svg --layout lanes   groups as swimlanes (layered: as boxes)
  $ flowc render docs/ -o build/diagrams -f svg,png
                                                several inputs, folders or globs: batch rendering
  $ flowc render --check diagram.flow -o diagram.svg
                                                exit 1 if diagram.svg is not what flowc renders now
  $ flowc render --check docs/                  check every docs/**/*.flow against the .svg beside it
  $ flowc render docs/ -o build/diagrams --prune
                                                also remove the outputs of deleted sources
  $ flowc render README.md                      each \`\`\`flow block to README-<id>.svg, linked below it
  $ flowc render README.md --details -f png     PNG images, each block folded into <details>
  $ flowc render diagram.flow -o d.svg --quiet  print errors only, not warnings
  $ flowc render diagram.flow -o d.svg --rule unreachable-node=warn
  $ flowc render diagram.flow -o d.svg --config ci/flowc.config.json
  $ flowc render diagram.flow -o d.svg --no-config
  $ cat d.flow | flowc render - --stdin-filename d.flow -o d.svg

Exit codes: 0 rendered, 1 the input has errors (nothing is written when the diagram cannot be
drawn; with other rule errors it is drawn, offending nodes marked, and the exit code is 1) or
--check found stale or missing outputs, 2 the command could not run (bad option, unreadable
input, unwritable output, invalid configuration).
`;

const FMT_EXAMPLES = `
Examples:
  $ flowc fmt diagram.flow                      rewrite the file in canonical form
  $ flowc fmt docs/ 'samples/**/*.flow'         folders (recursive) and globs
  $ flowc fmt --check .                         exit 1 listing the files that would change (CI)
  $ cat diagram.flow | flowc fmt -              formatted text on stdout
  $ flowc fmt                                   every .flow file under the current folder

Files with syntax errors are reported and left untouched. The canonical form is described in
docs/language.md ("Canonical form").

Exit codes: 0 formatted (or, with --check, already formatted), 1 --check found files to
reformat or a file has syntax errors, 2 the command could not run (bad option, unreadable path,
unwritable file, invalid configuration).
`;

const WATCH_EXAMPLES = `
Examples:
  $ flowc watch diagram.flow                    a live page of one diagram
  $ flowc watch docs/ --open                    an index of docs/'s diagrams, opened in the browser
  $ flowc watch README.md                       the flow blocks of a Markdown file
  $ flowc watch diagram.flow --port 8080 --theme dark --direction TB
  $ flowc watch diagram.flow --layout layered   groups as boxes (lanes: as swimlanes)

The first line on stdout is the page's URL (http://127.0.0.1:PORT/). The server listens on
127.0.0.1 only and serves only the watched files' pages. Ctrl-C stops it (exit code 0);
2 when it cannot start (no such path, the --port is in use).
`;

const IMPORT_EXAMPLES = `
Examples:
  $ flowc import flow.mmd -o flow.flow          a Mermaid flowchart as .flow
  $ flowc import flow.mmd                       .flow text on stdout
  $ flowc import README.md -o diagrams/         every \`\`\`mermaid flowchart of a Markdown file,
                                                as diagrams/README-1.flow, README-2.flow, ...
  $ flowc import README.md --block 2 -o b.flow  only the second flowchart
  $ pbpaste | flowc import - > diagram.flow
  $ flowc import flow.mmd -o f.flow --max-warnings 0
                                                fail when anything could not be kept

What .flow cannot say (rounded corners, icons, curves, two-way arrows, ...) is reported as a
warning with its line; see docs/import.md.

Exit codes: 0 imported (warnings allowed unless --max-warnings), 1 the input is not a Mermaid
flowchart or has a Mermaid syntax error (nothing is written), or more warnings than
--max-warnings, 2 the command could not run (bad option, unreadable input, unwritable output).
`;

const LSP_EXAMPLES = `
Examples:
  $ flowc lsp --stdio                           what an editor runs (see docs/editors.md)
  $ flowc lsp --stdio --rule dead-end=off       with a rule setting over the configuration
  $ flowc lsp --stdio --no-config               ignore any flowc.config.json

Diagnostics use the same rules, severities, flowc.config.json (the nearest one from each file's
folder) and # flowc-disable comments as flowc lint. The server speaks the Language Server
Protocol on standard input and output; it is for editors, not for people.
`;

const MAIN_EXAMPLES = `
Examples:
  $ flowc lint docs/
  $ flowc render samples/cqrs.flow -o cqrs.svg
  $ flowc render --check docs/
  $ flowc fmt --check docs/
  $ flowc watch docs/ --open                    live pages that redraw on every save
  $ flowc import README.md -o diagrams/
  $ flowc lint --help                           every option of a command

Environment: NO_COLOR disables colour, FORCE_COLOR forces it; FLOWC_DEBUG=1 prints stack
traces of internal errors (like --debug).
`;

export async function execute(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const debug = argv.includes('--debug') || io.env['FLOWC_DEBUG'] === '1';
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    checkHelpTopic(argv, program);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, io, debug);
  }
}

function handleError(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; everything else commander rejects is misuse. `flowc help`
    // and `flowc help render` end with 'commander.help' and exit code 0; `flowc` alone prints the
    // help on stderr with exit code 1, which is misuse.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help' && error.exitCode === 0) return 0;
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`flowc: ${printableLines(error.message)}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`flowc: internal error: ${printable(message.split('\n')[0] ?? '')}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else
    io.stderr.write(
      'flowc: run again with --debug (or FLOWC_DEBUG=1) for the stack trace, and please report it\n',
    );
  return EXIT_USAGE;
}

/** `flowc help NAME` for a command that does not exist: say so, with a "did you mean". */
function checkHelpTopic(argv: readonly string[], program: Command): void {
  if (argv[0] !== 'help' || argv[1] === undefined || argv[1].startsWith('-')) return;
  const names = program.commands.map((command) => command.name()).filter((n) => n !== 'help');
  if (names.includes(argv[1])) return;
  const suggestion = didYouMean(argv[1], names);
  throw new UsageError(
    `no command '${argv[1]}' to show help for: the commands are ${names.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
  );
}

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('flowc');
  program
    .description('Lint and render .flow flowcharts to SVG, PNG, Mermaid, DOT and JSON.')
    .version(flowcVersion(), '-v, --version', 'print the version (also -V)')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'print the stack trace of an internal error')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(printableLines(text.replace(/^error: /, 'flowc: '))),
    })
    .addHelpText('after', MAIN_EXAMPLES)
    .addHelpCommand('help [command]', 'show help for a command');
  // -V, as commander's default and many tools spell it, prints the version too.
  program.addOption(new Option('-V').hideHelp());
  program.on('option:V', () => {
    io.stdout.write(`${flowcVersion()}\n`);
    throw new CommanderError(0, 'commander.version', flowcVersion());
  });

  const lint = program
    .command('lint')
    .summary('check .flow files and report problems')
    .description(
      'Check .flow files (files, folders searched recursively, globs, or - for stdin) and report problems.',
    )
    .argument(
      '[paths...]',
      'files, folders, globs, or - for standard input (default: the current folder)',
    )
    .addOption(
      new Option(
        '-f, --format <name[:file]>',
        'report format: stylish, json, sarif, github, compact, unix; repeat for several reports, NAME:FILE writes one to FILE',
      ).argParser(collect),
    )
    .option('-o, --output <file>', 'write the report (of the format given without :FILE) to a file')
    .option('--max-warnings <n>', 'exit 1 when there are more than N warnings', nonNegativeInteger)
    .option('-q, --quiet', 'report errors only');
  addRuleOption(lint);
  addConfigOptions(lint);
  addStdinFilenameOption(lint);
  addDebugOption(lint)
    .addHelpText('after', LINT_EXAMPLES)
    .action(async (paths: string[], options: LintOptions) => {
      const { runLint } = await import('./lint.js');
      setExitCode(await runLint(paths, options, io));
    });

  const render = program
    .command('render')
    .summary('draw .flow files as SVG, PNG, Mermaid, DOT or JSON')
    .description(
      'Render a .flow file (or several, a folder, a glob) to SVG, PNG, JSON, Mermaid or DOT.',
    )
    .argument('[inputs...]', '.flow files, folders, globs, or - for standard input')
    .option('-o, --output <path>', 'output file (default: stdout), or a folder for several inputs')
    .addOption(formatOption())
    .addOption(directionOption())
    .addOption(layoutOption())
    .addOption(edgesOption())
    .addOption(themeOption('colour theme', 'follows the viewer'))
    .option('--scale <n>', 'PNG: pixels per SVG unit (default 2)', positiveNumber)
    .option('--width <px>', 'PNG: output width in pixels (overrides --scale)', positiveNumber)
    .option('--background <color>', "PNG: background colour, e.g. white, '#1e1e1e' or transparent")
    .option(
      '--details',
      'Markdown: fold each ```flow block into a <details> element above its image (without it, the block stays visible)',
    )
    .option(
      '--check',
      'compare existing outputs with a fresh render; exit 1 if any is stale or missing',
    )
    .option('-q, --quiet', 'print errors only');
  addRuleOption(render);
  addConfigOptions(render);
  addStdinFilenameOption(render);
  addDebugOption(render).addHelpText('after', RENDER_EXAMPLES);
  addBatchOptions(render);
  render.action(async (inputs: string[], options: RenderCommandOptions) => {
    const { runRender } = await import('./render.js');
    setExitCode(await runRender(inputs, options, io));
  });

  const fmt = program
    .command('fmt')
    .summary('rewrite .flow files in canonical form')
    .description(
      'Rewrite .flow files (files, folders searched recursively, globs, or - for stdin) in their canonical form.',
    )
    .argument(
      '[paths...]',
      'files, folders, globs, or - for standard input (default: the current folder)',
    )
    .option('--check', 'write nothing; list the files that would change and exit 1 if any would');
  addConfigOptions(
    fmt,
    'use this configuration file (for its ignore globs) instead of the nearest flowc.config.json',
  );
  addStdinFilenameOption(fmt);
  addDebugOption(fmt)
    .addHelpText('after', FMT_EXAMPLES)
    .action(async (paths: string[], options: FmtOptions) => {
      const { runFmt } = await import('./fmt.js');
      setExitCode(await runFmt(paths, options, io));
    });

  const watch = program
    .command('watch')
    .summary('a live page of a diagram (or a folder of them) that redraws on every save')
    .description(
      "Serve a page on 127.0.0.1 that shows a .flow file (or a Markdown file's flow blocks) and redraws it on every save, errors shown over the last good picture; for a folder, an index of its diagrams. The URL is printed first on stdout. Ctrl-C stops it.",
    )
    .argument('[path]', 'a .flow or Markdown file, or a folder (default: the current folder)')
    .option('-p, --port <n>', 'port on 127.0.0.1 (default: a free one)', port)
    .option('--open', 'open the page in the default browser ($BROWSER if set)')
    .addOption(directionOption())
    .addOption(layoutOption())
    .addOption(edgesOption())
    .addOption(themeOption("the page's theme", 'follows the system; the page can switch'));
  addRuleOption(watch);
  addConfigOptions(watch);
  addDebugOption(watch)
    .addHelpText('after', WATCH_EXAMPLES)
    .action(async (input: string | undefined, options: WatchCommandOptions) => {
      const { runWatch } = await import('./watch.js');
      setExitCode(await runWatch(input, options, io));
    });

  const lsp = program
    .command('lsp')
    .summary('run the language server (for editors)')
    .description(
      'Run the Language Server Protocol server on standard input and output: diagnostics as you type, go to definition, references, rename, completion, hover, symbols, folding, formatting and quick fixes.',
    )
    .option('--stdio', 'talk over standard input and output (the default and only transport)');
  addRuleOption(lsp);
  addConfigOptions(
    lsp,
    'use this configuration file for every document instead of the nearest flowc.config.json',
  )
    .option(
      '--debounce <ms>',
      'milliseconds from the last keystroke to the diagnostics (default 150)',
      nonNegativeInteger,
    )
    .addHelpText('after', LSP_EXAMPLES)
    .action(async (options: LspCommandOptions) => {
      const { runLsp } = await import('./lsp.js');
      setExitCode(await runLsp(options, io));
    });

  const imports = program
    .command('import')
    .summary('convert Mermaid flowcharts (.mmd, or Markdown blocks) to .flow')
    .description(
      'Convert a Mermaid flowchart (a .mmd file, each ```mermaid flowchart of a Markdown file, or - for stdin) to .flow.',
    )
    .argument('<input>', 'a .mmd file, a Markdown file, or - for standard input')
    .option(
      '-o, --output <path>',
      'output .flow file (default: stdout), or a folder (for several flowcharts of a Markdown file)',
    )
    .option(
      '--block <n>',
      'from a Markdown file, only its N-th flowchart (1 = first)',
      positiveInteger,
    )
    .option('-q, --quiet', 'do not print warnings')
    .option('--max-warnings <n>', 'exit 1 when there are more than N warnings', nonNegativeInteger);
  addStdinFilenameOption(imports);
  addDebugOption(imports)
    .addHelpText('after', IMPORT_EXAMPLES)
    .action(async (input: string, options: ImportCommandOptions) => {
      const { runImport } = await import('./import.js');
      setExitCode(await runImport(input, options, io));
    });

  return program;
}
