/**
 * flowc as a library. Each stage is a plain function; `compile` runs them in order.
 *
 *   text → parse → Ast → resolve → Diagram → validate → Diagnostic[]
 *                                    Diagram → layout → Layout → emit → string | Buffer
 *   text → parse → Ast → printFlow → text (`format`: the canonical form)
 */
export type { Diagnostic, Severity, Span } from './diagnostics.js';
export type * from './syntax/ast.js';
export type * from './model/diagram.js';
export type * from './layout/types.js';

export { parse, parseLarge, parseWithOhm, IncrementalParser, SIDES } from './syntax/index.js';
export { resolve, SHAPES, DIRECTIONS, SETTING_VALUES } from './model/index.js';
export type { ResolveResult, ResolvedReference, ReferenceSegment } from './model/index.js';
export { validate, rules } from './validate/index.js';
export type { RuleMeta, RuleSetting, RuleSettings } from './validate/index.js';
export { layout, LayoutError } from './layout/index.js';
export { emitSvg, emitJson, emitMermaid, emitDot, emitPng } from './emit/index.js';
export type { SvgOptions, Theme, PngOptions } from './emit/index.js';
export { check, checkAsync, checkAst } from './check.js';
export type { CheckOptions, CheckResult } from './check.js';
export { compile, compileFormats, FORMATS } from './compile.js';
export { format, formatAsync, printFlow } from './format/index.js';
export type { FormatResult } from './format/index.js';
export type {
  CompileOptions,
  CompileResult,
  FormatOutput,
  FormatOutputs,
  MultiCompileResult,
  RenderOptions,
  Format,
} from './compile.js';
