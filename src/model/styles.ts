/**
 * Looks: named styles (`style warn fill:"#fde" stroke:"#c33"`), the classes that apply them
 * (`class:"warn"`), and the colour, line-style and link attributes of nodes and edges. Every value
 * is checked here; a bad one is reported and left out, so no later stage ever sees it.
 *
 * Precedence: a node's (or edge's) own attributes win over its classes; a later class wins over an
 * earlier one. From a named style an edge takes `stroke` as its colour, `style` as its line and
 * `text` as its label's colour.
 */
import type { Severity, Span, Suggestion } from '../diagnostics.js';
import type { Attribute, StyleDecl } from '../syntax/ast.js';
import { didYouMean } from '../util/suggest.js';
import { parseColor } from './colors.js';
import {
  LINE_STYLES,
  type DiagramStyle,
  type EdgeLook,
  type LineStyle,
  type NodeStyle,
} from './diagram.js';
import { checkLink } from './links.js';
import { orList } from './references.js';
import { STYLE_ATTRIBUTES } from './attributes.js';

export type Reporter = (
  ruleId: string,
  severity: Severity,
  message: string,
  span: Span,
  notes?: string[],
  suggestions?: Suggestion[],
) => void;

/**
 * The span of the text between a string's quotes, when it reads as written (no escape): where a
 * suggested value goes.
 */
function inside(attribute: Attribute): Span | null {
  const span = attribute.value.span;
  if (span.endColumn - span.column !== attribute.value.value.length + 2) return null;
  return { ...span, column: span.column + 1, endColumn: span.endColumn - 1 };
}

/** The edit for a suggested value, when the message suggests one and the string can take it. */
function suggest(attribute: Attribute, text: string | null): Suggestion[] | undefined {
  const span = inside(attribute);
  return text !== null && span ? [{ text, span }] : undefined;
}

interface Declared {
  decl: StyleDecl;
  style: NodeStyle;
  used: boolean;
}

export class StyleReader {
  readonly keys = STYLE_ATTRIBUTES;
  readonly #styles = new Map<string, Declared>();

  constructor(private readonly report: Reporter) {}

  declare(decl: StyleDecl, values: ReadonlyMap<string, Attribute>): void {
    const name = decl.name.name;
    const earlier = this.#styles.get(name);
    if (earlier) {
      this.report(
        'duplicate-style',
        'error',
        `style '${name}' is already declared on line ${earlier.decl.span.line}: only the first declaration counts`,
        decl.name.span,
      );
      return;
    }
    this.#styles.set(name, { decl, style: this.readLook(values, 'node'), used: false });
  }

  /** The names in a `class` attribute that name a declared style, in order; the others are reported. */
  readClasses(attribute: Attribute | undefined): string[] {
    if (!attribute) return [];
    const text = attribute.value.value;
    const names: string[] = [];
    const valueSpan = attribute.value.span;
    // Columns of each name inside the quotes, when the string holds no escape (it then reads as written).
    const exact = valueSpan.endColumn - valueSpan.column === text.length + 2;
    const pattern = /\S+/g;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const name = match[0];
      const declared = this.#styles.get(name);
      if (declared) {
        declared.used = true;
        if (!names.includes(name)) names.push(name);
        continue;
      }
      const span = exact
        ? {
            line: valueSpan.line,
            column: valueSpan.column + 1 + match.index,
            endLine: valueSpan.line,
            endColumn: valueSpan.column + 1 + match.index + name.length,
          }
        : valueSpan;
      const close = didYouMean(name, this.#styles.keys());
      const known = [...this.#styles.keys()].map((k) => `'${k}'`);
      this.report(
        'unknown-class',
        'error',
        close
          ? `unknown class '${name}': did you mean '${close}'?`
          : known.length === 0
            ? `unknown class '${name}': the file declares no style (write 'style ${name} fill:"…"' at the top level)`
            : `unknown class '${name}': the declared styles are ${orList(known)}`,
        span,
        undefined,
        close !== null && exact ? [{ text: close, span }] : undefined,
      );
    }
    if (names.length === 0 && text.trim() === '') {
      this.report(
        'invalid-value',
        'error',
        'the class list is empty: name one or more styles, separated by spaces',
        valueSpan,
      );
    }
    return names;
  }

  /** `fill`, `stroke`, `text` and `style` of a node or a named style, each checked. */
  readLook(values: ReadonlyMap<string, Attribute>, owner: 'node'): NodeStyle;
  /** `color` and `style` of an edge, each checked. */
  readLook(values: ReadonlyMap<string, Attribute>, owner: 'edge'): EdgeLook;
  readLook(values: ReadonlyMap<string, Attribute>, owner: 'node' | 'edge'): NodeStyle | EdgeLook {
    const look: NodeStyle & EdgeLook = {};
    const keys = owner === 'node' ? (['fill', 'stroke', 'text'] as const) : (['color'] as const);
    for (const key of keys) {
      const attribute = values.get(key);
      if (!attribute) continue;
      const color = this.readColor(attribute);
      if (color !== null) look[key] = color;
    }
    const line = values.get('style');
    if (line) {
      const value = this.readLine(line);
      if (value !== null) look.line = value;
    }
    return look;
  }

  readColor(attribute: Attribute): string | null {
    const result = parseColor(attribute.value.value);
    if ('color' in result) return result.color;
    this.report(
      'unknown-color',
      'error',
      result.problem,
      attribute.value.span,
      undefined,
      suggest(attribute, result.suggestion),
    );
    return null;
  }

  readLine(attribute: Attribute): LineStyle | null {
    const value = attribute.value.value;
    if ((LINE_STYLES as readonly string[]).includes(value)) return value as LineStyle;
    const close = didYouMean(value, LINE_STYLES);
    this.report(
      'invalid-value',
      'error',
      `unknown style ${JSON.stringify(value)}: ${close ? `did you mean '${close}'?` : `expected ${orList(LINE_STYLES)}`}`,
      attribute.value.span,
      undefined,
      suggest(attribute, close),
    );
    return null;
  }

  readLink(attribute: Attribute | undefined): string | null {
    if (!attribute) return null;
    const result = checkLink(attribute.value.value);
    if ('link' in result) return result.link;
    this.report('unsafe-link', 'error', result.problem, attribute.value.span, result.notes);
    return null;
  }

  nodeStyle(classes: readonly string[], own: NodeStyle): NodeStyle {
    if (classes.length === 0) return own;
    const style: NodeStyle = {};
    for (const name of classes) Object.assign(style, this.#styles.get(name)!.style);
    return Object.assign(style, own);
  }

  edgeLook(classes: readonly string[], own: EdgeLook): EdgeLook {
    if (classes.length === 0) return own;
    const look: EdgeLook = {};
    for (const name of classes) {
      const style = this.#styles.get(name)!.style;
      if (style.stroke !== undefined) look.color = style.stroke;
      if (style.line !== undefined) look.line = style.line;
      if (style.text !== undefined) look.text = style.text;
    }
    return Object.assign(look, own);
  }

  reportUnused(): void {
    for (const [name, { decl, used }] of this.#styles) {
      if (!used)
        this.report(
          'unused-style',
          'warning',
          `style '${name}' is never used: no node or edge has it in its 'class'`,
          decl.name.span,
        );
    }
  }

  declared(): DiagramStyle[] {
    return [...this.#styles.values()].map(({ decl, style }) => ({
      name: decl.name.name,
      style,
      span: decl.span,
    }));
  }
}
