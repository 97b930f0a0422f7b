/**
 * The tokens of a Mermaid flowchart. Mermaid's own reader is a Jison grammar whose lexer decides
 * a great deal (which brackets open a label, where an arrow's text ends, what a `-` means), so
 * this lexer follows the same rules, in the same order, with the same start conditions: the rules
 * are those of mermaid 11's flow.jison (MIT licence), each tried in turn at the current position,
 * the first that matches winning. Rules that change the start condition push or pop it as Jison
 * does; rules that return no token are skipped.
 */

export interface Token {
  type: TokenType;
  text: string;
  /** Offset in the prepared text. */
  start: number;
  end: number;
}

export type TokenType =
  | 'acc_title'
  | 'acc_title_value'
  | 'acc_descr'
  | 'acc_descr_value'
  | 'acc_descr_multiline_value'
  | 'SHAPE_DATA'
  | 'CALLBACKNAME'
  | 'CALLBACKARGS'
  | 'MD_STR'
  | 'STR'
  | 'STYLE'
  | 'DEFAULT'
  | 'LINKSTYLE'
  | 'INTERPOLATE'
  | 'CLASSDEF'
  | 'CLASS'
  | 'HREF'
  | 'CLICK'
  | 'GRAPH'
  | 'subgraph'
  | 'end'
  | 'LINK_TARGET'
  | 'NODIR'
  | 'DIR'
  | 'direction_tb'
  | 'direction_bt'
  | 'direction_rl'
  | 'direction_lr'
  | 'direction_td'
  | 'LINK_ID'
  | 'NUM'
  | 'BRKT'
  | 'STYLE_SEPARATOR'
  | 'COLON'
  | 'AMP'
  | 'SEMI'
  | 'COMMA'
  | 'MULT'
  | 'LINK'
  | 'START_LINK'
  | 'EDGE_TEXT'
  | '-)'
  | '(-'
  | 'TEXT'
  | 'STADIUMEND'
  | 'STADIUMSTART'
  | 'SUBROUTINEEND'
  | 'SUBROUTINESTART'
  | 'VERTEX_WITH_PROPS_START'
  | 'TAGEND'
  | 'CYLINDEREND'
  | 'CYLINDERSTART'
  | 'DOUBLECIRCLEEND'
  | 'DOUBLECIRCLESTART'
  | 'TRAPEND'
  | 'INVTRAPEND'
  | 'TRAPSTART'
  | 'INVTRAPSTART'
  | 'TAGSTART'
  | 'UP'
  | 'SEP'
  | 'DOWN'
  | 'NODE_STRING'
  | 'MINUS'
  | 'UNICODE_TEXT'
  | 'PIPE'
  | 'PE'
  | 'PS'
  | 'SQE'
  | 'SQS'
  | 'DIAMOND_STOP'
  | 'DIAMOND_START'
  | 'QUOTE'
  | 'NEWLINE'
  | 'SPACE'
  | 'EOF';

type State =
  | 'INITIAL'
  | 'string'
  | 'md_string'
  | 'acc_title'
  | 'acc_descr'
  | 'acc_descr_multiline'
  | 'dir'
  | 'text'
  | 'ellipseText'
  | 'trapText'
  | 'edgeText'
  | 'thickEdgeText'
  | 'dottedEdgeText'
  | 'click'
  | 'callbackname'
  | 'callbackargs'
  | 'shapeData'
  | 'shapeDataStr';

/** Start conditions a rule is active in; `*` is every one. */
type Where = State | '*' | readonly State[];

interface LexerContext {
  push(state: State): void;
  pop(): void;
  firstGraph(): boolean;
}

/** What a rule does with its match: a token type (possibly with the text changed), or nothing. */
type Action = (
  ctx: LexerContext,
  text: string,
) => TokenType | { type: TokenType; text: string } | null;

interface Rule {
  re: RegExp;
  where: Where;
  action: Action;
  /**
   * What keeps the lexer linear in the length of the text (Jison's is not: each of these rules
   * scans far ahead at every position, quadratic on a long line):
   * - `direction`: `.*direction\s+TB…` can only match where such words follow on the line;
   * - `blanks`: a rule that starts with `\s*` then a non-blank matches at a position exactly when
   *   it matches where the run of blanks ends, so one try per run of blanks is enough;
   * - `linkId`: `[^\s"]+@` needs an `@` before the next blank or quote.
   */
  guard?: 'direction' | 'blanks' | 'linkId';
}

const token =
  (type: TokenType): Action =>
  () =>
    type;
const pushing =
  (state: State, type: TokenType | null): Action =>
  (ctx) => {
    ctx.push(state);
    return type;
  };
const popping =
  (type: TokenType | null): Action =>
  (ctx) => {
    ctx.pop();
    return type;
  };
const graph: Action = (ctx) => {
  if (ctx.firstGraph()) ctx.push('dir');
  return 'GRAPH';
};

/** Letters outside ASCII that may stand in a node id (Jison's UNICODE_TEXT). */
const UNICODE_TEXT =
  '[\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6]|[\\u00F8-\\u02C1\\u02C6-\\u02D1\\u02E0-\\u02E4\\u02EC\\u02EE\\u0370-\\u0374\\u0376\\u0377]|[\\u037A-\\u037D\\u0386\\u0388-\\u038A\\u038C\\u038E-\\u03A1\\u03A3-\\u03F5]|[\\u03F7-\\u0481\\u048A-\\u0527\\u0531-\\u0556\\u0559\\u0561-\\u0587\\u05D0-\\u05EA]|[\\u05F0-\\u05F2\\u0620-\\u064A\\u066E\\u066F\\u0671-\\u06D3\\u06D5\\u06E5\\u06E6\\u06EE]|[\\u06EF\\u06FA-\\u06FC\\u06FF\\u0710\\u0712-\\u072F\\u074D-\\u07A5\\u07B1\\u07CA-\\u07EA]|[\\u07F4\\u07F5\\u07FA\\u0800-\\u0815\\u081A\\u0824\\u0828\\u0840-\\u0858\\u08A0]|[\\u08A2-\\u08AC\\u0904-\\u0939\\u093D\\u0950\\u0958-\\u0961\\u0971-\\u0977]|[\\u0979-\\u097F\\u0985-\\u098C\\u098F\\u0990\\u0993-\\u09A8\\u09AA-\\u09B0\\u09B2]|[\\u09B6-\\u09B9\\u09BD\\u09CE\\u09DC\\u09DD\\u09DF-\\u09E1\\u09F0\\u09F1\\u0A05-\\u0A0A]|[\\u0A0F\\u0A10\\u0A13-\\u0A28\\u0A2A-\\u0A30\\u0A32\\u0A33\\u0A35\\u0A36\\u0A38\\u0A39]|[\\u0A59-\\u0A5C\\u0A5E\\u0A72-\\u0A74\\u0A85-\\u0A8D\\u0A8F-\\u0A91\\u0A93-\\u0AA8]|[\\u0AAA-\\u0AB0\\u0AB2\\u0AB3\\u0AB5-\\u0AB9\\u0ABD\\u0AD0\\u0AE0\\u0AE1\\u0B05-\\u0B0C]|[\\u0B0F\\u0B10\\u0B13-\\u0B28\\u0B2A-\\u0B30\\u0B32\\u0B33\\u0B35-\\u0B39\\u0B3D\\u0B5C]|[\\u0B5D\\u0B5F-\\u0B61\\u0B71\\u0B83\\u0B85-\\u0B8A\\u0B8E-\\u0B90\\u0B92-\\u0B95\\u0B99]|[\\u0B9A\\u0B9C\\u0B9E\\u0B9F\\u0BA3\\u0BA4\\u0BA8-\\u0BAA\\u0BAE-\\u0BB9\\u0BD0]|[\\u0C05-\\u0C0C\\u0C0E-\\u0C10\\u0C12-\\u0C28\\u0C2A-\\u0C33\\u0C35-\\u0C39\\u0C3D]|[\\u0C58\\u0C59\\u0C60\\u0C61\\u0C85-\\u0C8C\\u0C8E-\\u0C90\\u0C92-\\u0CA8\\u0CAA-\\u0CB3]|[\\u0CB5-\\u0CB9\\u0CBD\\u0CDE\\u0CE0\\u0CE1\\u0CF1\\u0CF2\\u0D05-\\u0D0C\\u0D0E-\\u0D10]|[\\u0D12-\\u0D3A\\u0D3D\\u0D4E\\u0D60\\u0D61\\u0D7A-\\u0D7F\\u0D85-\\u0D96\\u0D9A-\\u0DB1]|[\\u0DB3-\\u0DBB\\u0DBD\\u0DC0-\\u0DC6\\u0E01-\\u0E30\\u0E32\\u0E33\\u0E40-\\u0E46\\u0E81]|[\\u0E82\\u0E84\\u0E87\\u0E88\\u0E8A\\u0E8D\\u0E94-\\u0E97\\u0E99-\\u0E9F\\u0EA1-\\u0EA3]|[\\u0EA5\\u0EA7\\u0EAA\\u0EAB\\u0EAD-\\u0EB0\\u0EB2\\u0EB3\\u0EBD\\u0EC0-\\u0EC4\\u0EC6]|[\\u0EDC-\\u0EDF\\u0F00\\u0F40-\\u0F47\\u0F49-\\u0F6C\\u0F88-\\u0F8C\\u1000-\\u102A]|[\\u103F\\u1050-\\u1055\\u105A-\\u105D\\u1061\\u1065\\u1066\\u106E-\\u1070\\u1075-\\u1081]|[\\u108E\\u10A0-\\u10C5\\u10C7\\u10CD\\u10D0-\\u10FA\\u10FC-\\u1248\\u124A-\\u124D]|[\\u1250-\\u1256\\u1258\\u125A-\\u125D\\u1260-\\u1288\\u128A-\\u128D\\u1290-\\u12B0]|[\\u12B2-\\u12B5\\u12B8-\\u12BE\\u12C0\\u12C2-\\u12C5\\u12C8-\\u12D6\\u12D8-\\u1310]|[\\u1312-\\u1315\\u1318-\\u135A\\u1380-\\u138F\\u13A0-\\u13F4\\u1401-\\u166C]|[\\u166F-\\u167F\\u1681-\\u169A\\u16A0-\\u16EA\\u1700-\\u170C\\u170E-\\u1711]|[\\u1720-\\u1731\\u1740-\\u1751\\u1760-\\u176C\\u176E-\\u1770\\u1780-\\u17B3\\u17D7]|[\\u17DC\\u1820-\\u1877\\u1880-\\u18A8\\u18AA\\u18B0-\\u18F5\\u1900-\\u191C]|[\\u1950-\\u196D\\u1970-\\u1974\\u1980-\\u19AB\\u19C1-\\u19C7\\u1A00-\\u1A16]|[\\u1A20-\\u1A54\\u1AA7\\u1B05-\\u1B33\\u1B45-\\u1B4B\\u1B83-\\u1BA0\\u1BAE\\u1BAF]|[\\u1BBA-\\u1BE5\\u1C00-\\u1C23\\u1C4D-\\u1C4F\\u1C5A-\\u1C7D\\u1CE9-\\u1CEC]|[\\u1CEE-\\u1CF1\\u1CF5\\u1CF6\\u1D00-\\u1DBF\\u1E00-\\u1F15\\u1F18-\\u1F1D]|[\\u1F20-\\u1F45\\u1F48-\\u1F4D\\u1F50-\\u1F57\\u1F59\\u1F5B\\u1F5D\\u1F5F-\\u1F7D]|[\\u1F80-\\u1FB4\\u1FB6-\\u1FBC\\u1FBE\\u1FC2-\\u1FC4\\u1FC6-\\u1FCC\\u1FD0-\\u1FD3]|[\\u1FD6-\\u1FDB\\u1FE0-\\u1FEC\\u1FF2-\\u1FF4\\u1FF6-\\u1FFC\\u2071\\u207F]|[\\u2090-\\u209C\\u2102\\u2107\\u210A-\\u2113\\u2115\\u2119-\\u211D\\u2124\\u2126\\u2128]|[\\u212A-\\u212D\\u212F-\\u2139\\u213C-\\u213F\\u2145-\\u2149\\u214E\\u2183\\u2184]|[\\u2C00-\\u2C2E\\u2C30-\\u2C5E\\u2C60-\\u2CE4\\u2CEB-\\u2CEE\\u2CF2\\u2CF3]|[\\u2D00-\\u2D25\\u2D27\\u2D2D\\u2D30-\\u2D67\\u2D6F\\u2D80-\\u2D96\\u2DA0-\\u2DA6]|[\\u2DA8-\\u2DAE\\u2DB0-\\u2DB6\\u2DB8-\\u2DBE\\u2DC0-\\u2DC6\\u2DC8-\\u2DCE]|[\\u2DD0-\\u2DD6\\u2DD8-\\u2DDE\\u2E2F\\u3005\\u3006\\u3031-\\u3035\\u303B\\u303C]|[\\u3041-\\u3096\\u309D-\\u309F\\u30A1-\\u30FA\\u30FC-\\u30FF\\u3105-\\u312D]|[\\u3131-\\u318E\\u31A0-\\u31BA\\u31F0-\\u31FF\\u3400-\\u4DB5\\u4E00-\\u9FCC]|[\\uA000-\\uA48C\\uA4D0-\\uA4FD\\uA500-\\uA60C\\uA610-\\uA61F\\uA62A\\uA62B]|[\\uA640-\\uA66E\\uA67F-\\uA697\\uA6A0-\\uA6E5\\uA717-\\uA71F\\uA722-\\uA788]|[\\uA78B-\\uA78E\\uA790-\\uA793\\uA7A0-\\uA7AA\\uA7F8-\\uA801\\uA803-\\uA805]|[\\uA807-\\uA80A\\uA80C-\\uA822\\uA840-\\uA873\\uA882-\\uA8B3\\uA8F2-\\uA8F7\\uA8FB]|[\\uA90A-\\uA925\\uA930-\\uA946\\uA960-\\uA97C\\uA984-\\uA9B2\\uA9CF\\uAA00-\\uAA28]|[\\uAA40-\\uAA42\\uAA44-\\uAA4B\\uAA60-\\uAA76\\uAA7A\\uAA80-\\uAAAF\\uAAB1\\uAAB5]|[\\uAAB6\\uAAB9-\\uAABD\\uAAC0\\uAAC2\\uAADB-\\uAADD\\uAAE0-\\uAAEA\\uAAF2-\\uAAF4]|[\\uAB01-\\uAB06\\uAB09-\\uAB0E\\uAB11-\\uAB16\\uAB20-\\uAB26\\uAB28-\\uAB2E]|[\\uABC0-\\uABE2\\uAC00-\\uD7A3\\uD7B0-\\uD7C6\\uD7CB-\\uD7FB\\uF900-\\uFA6D]|[\\uFA70-\\uFAD9\\uFB00-\\uFB06\\uFB13-\\uFB17\\uFB1D\\uFB1F-\\uFB28\\uFB2A-\\uFB36]|[\\uFB38-\\uFB3C\\uFB3E\\uFB40\\uFB41\\uFB43\\uFB44\\uFB46-\\uFBB1\\uFBD3-\\uFD3D]|[\\uFD50-\\uFD8F\\uFD92-\\uFDC7\\uFDF0-\\uFDFB\\uFE70-\\uFE74\\uFE76-\\uFEFC]|[\\uFF21-\\uFF3A\\uFF41-\\uFF5A\\uFF66-\\uFFBE\\uFFC2-\\uFFC7\\uFFCA-\\uFFCF]|[\\uFFD2-\\uFFD7\\uFFDA-\\uFFDC]';

const TEXT_STATES: readonly State[] = ['text'];

/** The rules, in Jison's order. `(?!)` is how Mermaid's build spells a lookahead that never matches. */
const RULES: Rule[] = [
  { re: /accTitle\s*:\s*/, where: 'INITIAL', action: pushing('acc_title', 'acc_title') },
  { re: /(?!\n||)*[^\n]*/, where: 'acc_title', action: popping('acc_title_value') },
  { re: /accDescr\s*:\s*/, where: 'INITIAL', action: pushing('acc_descr', 'acc_descr') },
  { re: /(?!\n||)*[^\n]*/, where: 'acc_descr', action: popping('acc_descr_value') },
  { re: /accDescr\s*\{\s*/, where: 'INITIAL', action: pushing('acc_descr_multiline', null) },
  { re: /[}]/, where: 'acc_descr_multiline', action: popping(null) },
  { re: /[^}]*/, where: 'acc_descr_multiline', action: token('acc_descr_multiline_value') },
  {
    re: /@\{/,
    where: 'INITIAL',
    action: (ctx) => {
      ctx.push('shapeData');
      return { type: 'SHAPE_DATA', text: '' };
    },
  },
  { re: /["]/, where: 'shapeData', action: pushing('shapeDataStr', 'SHAPE_DATA') },
  { re: /["]/, where: 'shapeDataStr', action: popping('SHAPE_DATA') },
  {
    re: /[^"]+/,
    where: 'shapeDataStr',
    action: (_ctx, text) => ({ type: 'SHAPE_DATA', text: text.replace(/\n\s*/g, '<br/>') }),
  },
  { re: /[^}^"]+/, where: 'shapeData', action: token('SHAPE_DATA') },
  { re: /\}/, where: 'shapeData', action: popping(null) },
  { re: /call[\s]+/, where: 'INITIAL', action: pushing('callbackname', null) },
  { re: /\([\s]*\)/, where: 'callbackname', action: popping(null) },
  {
    re: /\(/,
    where: 'callbackname',
    action: (ctx) => {
      ctx.pop();
      ctx.push('callbackargs');
      return null;
    },
  },
  { re: /[^(]*/, where: 'callbackname', action: token('CALLBACKNAME') },
  { re: /\)/, where: 'callbackargs', action: popping(null) },
  { re: /[^)]*/, where: 'callbackargs', action: token('CALLBACKARGS') },
  { re: /[^`"]+/, where: 'md_string', action: token('MD_STR') },
  { re: /[`]["]/, where: 'md_string', action: popping(null) },
  { re: /["][`]/, where: '*', action: pushing('md_string', null) },
  { re: /[^"]+/, where: 'string', action: token('STR') },
  { re: /["]/, where: 'string', action: popping(null) },
  { re: /["]/, where: '*', action: pushing('string', null) },
  { re: /style\b/, where: 'INITIAL', action: token('STYLE') },
  { re: /default\b/, where: 'INITIAL', action: token('DEFAULT') },
  { re: /linkStyle\b/, where: 'INITIAL', action: token('LINKSTYLE') },
  { re: /interpolate\b/, where: 'INITIAL', action: token('INTERPOLATE') },
  { re: /classDef\b/, where: 'INITIAL', action: token('CLASSDEF') },
  { re: /class\b/, where: 'INITIAL', action: token('CLASS') },
  { re: /href[\s]/, where: 'INITIAL', action: token('HREF') },
  { re: /click[\s]+/, where: 'INITIAL', action: pushing('click', null) },
  { re: /[\s\n]/, where: 'click', action: popping(null) },
  { re: /[^\s\n]*/, where: 'click', action: token('CLICK') },
  { re: /flowchart-elk\b/, where: 'INITIAL', action: graph },
  { re: /swimlane-beta\b/, where: 'INITIAL', action: graph },
  { re: /graph\b/, where: 'INITIAL', action: graph },
  { re: /flowchart\b/, where: 'INITIAL', action: graph },
  { re: /subgraph\b/, where: 'INITIAL', action: token('subgraph') },
  { re: /end\b\s*/, where: 'INITIAL', action: token('end') },
  { re: /_self\b/, where: 'INITIAL', action: token('LINK_TARGET') },
  { re: /_blank\b/, where: 'INITIAL', action: token('LINK_TARGET') },
  { re: /_parent\b/, where: 'INITIAL', action: token('LINK_TARGET') },
  { re: /_top\b/, where: 'INITIAL', action: token('LINK_TARGET') },
  { re: /(\r?\n)*\s*\n/, where: 'dir', action: popping('NODIR') },
  { re: /\s*LR\b/, where: 'dir', action: popping('DIR') },
  { re: /\s*RL\b/, where: 'dir', action: popping('DIR') },
  { re: /\s*TB\b/, where: 'dir', action: popping('DIR') },
  { re: /\s*BT\b/, where: 'dir', action: popping('DIR') },
  { re: /\s*TD\b/, where: 'dir', action: popping('DIR') },
  { re: /\s*BR\b/, where: 'dir', action: popping('DIR') },
  { re: /\s*</, where: 'dir', action: popping('DIR') },
  { re: /\s*>/, where: 'dir', action: popping('DIR') },
  { re: /\s*\^/, where: 'dir', action: popping('DIR') },
  { re: /\s*v\b/, where: 'dir', action: popping('DIR') },
  {
    re: /.*direction\s+TB[^\n]*/,
    where: 'INITIAL',
    action: token('direction_tb'),
    guard: 'direction',
  },
  {
    re: /.*direction\s+BT[^\n]*/,
    where: 'INITIAL',
    action: token('direction_bt'),
    guard: 'direction',
  },
  {
    re: /.*direction\s+RL[^\n]*/,
    where: 'INITIAL',
    action: token('direction_rl'),
    guard: 'direction',
  },
  {
    re: /.*direction\s+LR[^\n]*/,
    where: 'INITIAL',
    action: token('direction_lr'),
    guard: 'direction',
  },
  {
    re: /.*direction\s+TD[^\n]*/,
    where: 'INITIAL',
    action: token('direction_td'),
    guard: 'direction',
  },
  { re: /[^\s"]+@(?=[^{"])/, where: 'INITIAL', action: token('LINK_ID'), guard: 'linkId' },
  { re: /[0-9]+/, where: 'INITIAL', action: token('NUM') },
  { re: /#/, where: 'INITIAL', action: token('BRKT') },
  { re: /:::/, where: 'INITIAL', action: token('STYLE_SEPARATOR') },
  { re: /:/, where: 'INITIAL', action: token('COLON') },
  { re: /&/, where: 'INITIAL', action: token('AMP') },
  { re: /;/, where: 'INITIAL', action: token('SEMI') },
  { re: /,/, where: 'INITIAL', action: token('COMMA') },
  { re: /\*/, where: 'INITIAL', action: token('MULT') },
  {
    re: /\s*[xo<]?--+[-xo>]\s*/,
    where: ['INITIAL', 'edgeText'],
    action: popping('LINK'),
    guard: 'blanks',
  },
  {
    re: /\s*[xo<]?--\s*/,
    where: 'INITIAL',
    action: pushing('edgeText', 'START_LINK'),
    guard: 'blanks',
  },
  { re: /[^-]|-(?!-)+/, where: 'edgeText', action: token('EDGE_TEXT') },
  {
    re: /\s*[xo<]?==+[=xo>]\s*/,
    where: ['INITIAL', 'thickEdgeText'],
    action: popping('LINK'),
    guard: 'blanks',
  },
  {
    re: /\s*[xo<]?==\s*/,
    where: 'INITIAL',
    action: pushing('thickEdgeText', 'START_LINK'),
    guard: 'blanks',
  },
  { re: /[^=]|=(?!)/, where: 'thickEdgeText', action: token('EDGE_TEXT') },
  {
    re: /\s*[xo<]?-?\.+-[xo>]?\s*/,
    where: ['INITIAL', 'dottedEdgeText'],
    action: popping('LINK'),
    guard: 'blanks',
  },
  {
    re: /\s*[xo<]?-\.\s*/,
    where: 'INITIAL',
    action: pushing('dottedEdgeText', 'START_LINK'),
    guard: 'blanks',
  },
  { re: /[^.]|\.(?!)/, where: 'dottedEdgeText', action: token('EDGE_TEXT') },
  { re: /\s*~~[~]+\s*/, where: '*', action: token('LINK'), guard: 'blanks' },
  { re: /[-/)][)]/, where: 'ellipseText', action: popping('-)') },
  { re: /[^()[\]{}]|!\)+/, where: 'ellipseText', action: token('TEXT') },
  { re: /\(-/, where: '*', action: pushing('ellipseText', '(-') },
  { re: /\]\)/, where: TEXT_STATES, action: popping('STADIUMEND') },
  { re: /\(\[/, where: '*', action: pushing('text', 'STADIUMSTART') },
  { re: /\]\]/, where: TEXT_STATES, action: popping('SUBROUTINEEND') },
  { re: /\[\[/, where: '*', action: pushing('text', 'SUBROUTINESTART') },
  { re: /\[\|/, where: 'INITIAL', action: token('VERTEX_WITH_PROPS_START') },
  { re: />/, where: 'INITIAL', action: pushing('text', 'TAGEND') },
  { re: /\)\]/, where: TEXT_STATES, action: popping('CYLINDEREND') },
  { re: /\[\(/, where: '*', action: pushing('text', 'CYLINDERSTART') },
  { re: /\)\)\)/, where: TEXT_STATES, action: popping('DOUBLECIRCLEEND') },
  { re: /\(\(\(/, where: '*', action: pushing('text', 'DOUBLECIRCLESTART') },
  { re: /[\\(?=\])][\]]/, where: 'trapText', action: popping('TRAPEND') },
  { re: /\/(?=\])\]/, where: 'trapText', action: popping('INVTRAPEND') },
  { re: /\/(?!\])|\\(?!\])|[^\\[\](){}/]+/, where: 'trapText', action: token('TEXT') },
  { re: /\[\//, where: '*', action: pushing('trapText', 'TRAPSTART') },
  { re: /\[\\/, where: '*', action: pushing('trapText', 'INVTRAPSTART') },
  { re: /</, where: 'INITIAL', action: token('TAGSTART') },
  { re: />/, where: 'INITIAL', action: token('TAGEND') },
  { re: /\^/, where: 'INITIAL', action: token('UP') },
  { re: /\\\|/, where: 'INITIAL', action: token('SEP') },
  { re: /v\b/, where: 'INITIAL', action: token('DOWN') },
  { re: /\*/, where: 'INITIAL', action: token('MULT') },
  { re: /#/, where: 'INITIAL', action: token('BRKT') },
  { re: /&/, where: 'INITIAL', action: token('AMP') },
  {
    re: /([A-Za-z0-9!"#$%&'*+.`?\\_/]|-(?=[^>\-.])|(?!))+/,
    where: 'INITIAL',
    action: token('NODE_STRING'),
  },
  { re: /-/, where: 'INITIAL', action: token('MINUS') },
  { re: new RegExp(UNICODE_TEXT), where: 'INITIAL', action: token('UNICODE_TEXT') },
  { re: /\|/, where: TEXT_STATES, action: popping('PIPE') },
  { re: /\|/, where: '*', action: pushing('text', 'PIPE') },
  { re: /\)/, where: TEXT_STATES, action: popping('PE') },
  { re: /\(/, where: '*', action: pushing('text', 'PS') },
  { re: /\]/, where: TEXT_STATES, action: popping('SQE') },
  { re: /\[/, where: '*', action: pushing('text', 'SQS') },
  { re: /(\})/, where: TEXT_STATES, action: popping('DIAMOND_STOP') },
  { re: /\{/, where: '*', action: pushing('text', 'DIAMOND_START') },
  { re: /[^[\](){}|"]+/, where: TEXT_STATES, action: token('TEXT') },
  { re: /"/, where: 'INITIAL', action: token('QUOTE') },
  { re: /(\r?\n)+/, where: 'INITIAL', action: token('NEWLINE') },
  { re: /\s/, where: 'INITIAL', action: token('SPACE') },
];

/**
 * The characters each rule (by its index in RULES, Jison's rule number) can start with; null: any.
 * At a position only the rules whose first character fits are tried, so the lexer does a few
 * RegExp tries per token instead of seventy.
 */
const FIRST: readonly (RegExp | null)[] = [
  /a/, // 0
  null, // 1
  /a/, // 2
  null, // 3
  /a/, // 4
  null, // 5
  null, // 6
  /@/, // 7
  null, // 8
  null, // 9
  null, // 10
  null, // 11
  null, // 12
  /c/, // 13
  null, // 14
  null, // 15
  null, // 16
  null, // 17
  null, // 18
  null, // 19
  null, // 20
  /"/, // 21
  null, // 22
  null, // 23
  /"/, // 24
  /s/, // 25
  /d/, // 26
  /l/, // 27
  /i/, // 28
  /c/, // 29
  /c/, // 30
  /h/, // 31
  /c/, // 32
  null, // 33
  null, // 34
  /f/, // 35
  /s/, // 36
  /g/, // 37
  /f/, // 38
  /s/, // 39
  /e/, // 40
  /_/, // 41
  /_/, // 42
  /_/, // 43
  /_/, // 44
  null, // 45
  null, // 46
  null, // 47
  null, // 48
  null, // 49
  null, // 50
  null, // 51
  null, // 52
  null, // 53
  null, // 54
  null, // 55
  null, // 56
  null, // 57
  null, // 58
  null, // 59
  null, // 60
  /[^\s"]/, // 61
  /[0-9]/, // 62
  /#/, // 63
  /:/, // 64
  /:/, // 65
  /&/, // 66
  /;/, // 67
  /,/, // 68
  /\*/, // 69
  /[\sxo<-]/, // 70
  /[\sxo<-]/, // 71
  null, // 72
  /[\sxo<=]/, // 73
  /[\sxo<=]/, // 74
  null, // 75
  /[\sxo<.-]/, // 76
  /[\sxo<-]/, // 77
  null, // 78
  /[\s~]/, // 79
  null, // 80
  null, // 81
  /\(/, // 82
  /\]/, // 83
  /\(/, // 84
  /\]/, // 85
  /\[/, // 86
  /\[/, // 87
  />/, // 88
  /\)/, // 89
  /\[/, // 90
  /\)/, // 91
  /\(/, // 92
  null, // 93
  null, // 94
  null, // 95
  /\[/, // 96
  /\[/, // 97
  /</, // 98
  />/, // 99
  /\^/, // 100
  /\\/, // 101
  /v/, // 102
  /\*/, // 103
  /#/, // 104
  /&/, // 105
  /[A-Za-z0-9!"#$%&'*+.`?\\_/-]/, // 106
  /-/, // 107
  /[^\x00-\x7f]/, // 108
  /\|/, // 109
  /\|/, // 110
  /\)/, // 111
  /\(/, // 112
  /\]/, // 113
  /\[/, // 114
  /\}/, // 115
  /\{/, // 116
  null, // 117
  /"/, // 118
  /[\r\n]/, // 119
  /\s/, // 120
];

const ALL_STATES: readonly State[] = [
  'INITIAL',
  'string',
  'md_string',
  'acc_title',
  'acc_descr',
  'acc_descr_multiline',
  'dir',
  'text',
  'ellipseText',
  'trapText',
  'edgeText',
  'thickEdgeText',
  'dottedEdgeText',
  'click',
  'callbackname',
  'callbackargs',
  'shapeData',
  'shapeDataStr',
];

/** A rule as the lexer runs it: a sticky RegExp, and what it may start with. */
interface CompiledRule extends Rule {
  first: RegExp | null;
}

/** Per start condition: its rules in order, and for each ASCII character the rules that may start with it. */
interface StateRules {
  all: readonly CompiledRule[];
  ascii: readonly (readonly CompiledRule[])[];
  /** For characters outside ASCII, filled as they are met. */
  other: Map<string, readonly CompiledRule[]>;
}

if (FIRST.length !== RULES.length) throw new Error('lexer: FIRST and RULES differ in length');

const STATE_RULES: ReadonlyMap<State, StateRules> = new Map(
  ALL_STATES.map((state) => {
    const all = RULES.map((rule, i) => ({
      ...rule,
      re: new RegExp(rule.re.source, 'y'),
      first: FIRST[i]!,
    })).filter(
      (rule) =>
        rule.where === '*' ||
        rule.where === state ||
        (Array.isArray(rule.where) && rule.where.includes(state)),
    );
    const ascii = Array.from({ length: 128 }, (_, code) =>
      all.filter((rule) => rule.first === null || rule.first.test(String.fromCharCode(code))),
    );
    return [state, { all, ascii, other: new Map() }];
  }),
);

function rulesAt(rules: StateRules, char: string): readonly CompiledRule[] {
  const code = char.charCodeAt(0);
  if (code < 128) return rules.ascii[code]!;
  let list = rules.other.get(char);
  if (!list) {
    list = rules.all.filter((rule) => rule.first === null || rule.first.test(char));
    rules.other.set(char, list);
  }
  return list;
}

/** The index of the first entry of a sorted list that is at least `value`. */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'LexError';
  }
}

export class Lexer {
  private readonly stack: State[] = ['INITIAL'];
  private graphSeen = false;
  /** Start of the line the lexer is on (it only moves forward). */
  private lineStart = 0;
  /** The last offset on that line where `direction`, blanks and a direction start; -1: none; null: not computed. */
  private lineDirection: number | null = null;
  /** Offsets of the word `direction` in the text, found on first need. */
  private directionWords: number[] | null = null;
  /** The run of blanks last measured: from, end. */
  private blanksFrom = -1;
  private blanksEnd = -1;
  /** Per `blanks` rule: the end of the run of blanks it last failed at. */
  private readonly failedAtBlanksEnd = new Map<Rule, number>();
  /** Next `@` that a link id may end with (not before `{` or `"`), next blank or `"`. */
  private nextAt = -2;
  private nextStop = -2;

  constructor(private readonly text: string) {}

  private passes(rule: Rule, pos: number): boolean {
    switch (rule.guard) {
      case undefined:
        return true;
      case 'direction':
        return pos <= this.directionOnLine();
      case 'blanks':
        return this.failedAtBlanksEnd.get(rule) !== this.blanksEndFrom(pos);
      case 'linkId':
        return this.linkIdAhead(pos);
    }
  }

  private directionOnLine(): number {
    if (this.lineDirection === null) {
      if (this.directionWords === null) {
        // Every place the word occurs, found once: searching the rest of the text again for
        // each line would make the lexer quadratic.
        this.directionWords = [];
        for (
          let at = this.text.indexOf('direction');
          at >= 0;
          at = this.text.indexOf('direction', at + 1)
        )
          this.directionWords.push(at);
      }
      const lineEnd = this.text.indexOf('\n', this.lineStart);
      const stop = lineEnd < 0 ? this.text.length : lineEnd;
      const re = /direction\s+(?:TB|BT|RL|LR|TD)/y;
      let last = -1;
      for (
        let i = firstAtOrAfter(this.directionWords, this.lineStart);
        i < this.directionWords.length;
        i++
      ) {
        const at = this.directionWords[i]!;
        if (at >= stop) break;
        re.lastIndex = at;
        if (re.test(this.text)) last = at;
      }
      this.lineDirection = last;
    }
    return this.lineDirection;
  }

  private blanksEndFrom(pos: number): number {
    if (this.blanksFrom >= 0 && pos >= this.blanksFrom && pos <= this.blanksEnd)
      return this.blanksEnd;
    let end = pos;
    while (end < this.text.length && /\s/.test(this.text[end]!)) end++;
    this.blanksFrom = pos;
    this.blanksEnd = end;
    return end;
  }

  private linkIdAhead(pos: number): boolean {
    if (this.nextAt !== -1 && this.nextAt <= pos) {
      let at = this.text.indexOf('@', pos + 1);
      while (at !== -1 && (at + 1 >= this.text.length || '{"'.includes(this.text[at + 1]!)))
        at = this.text.indexOf('@', at + 1);
      this.nextAt = at;
    }
    if (this.nextAt === -1) return false;
    if (this.nextStop < pos) {
      const stop = /[\s"]/g;
      stop.lastIndex = pos;
      this.nextStop = stop.exec(this.text)?.index ?? this.text.length;
    }
    return this.nextAt < this.nextStop;
  }

  /** Moves the line bookkeeping over text just consumed. */
  private advance(pos: number, consumed: string): void {
    const newline = consumed.lastIndexOf('\n');
    if (newline >= 0) {
      this.lineStart = pos + newline + 1;
      this.lineDirection = null;
    }
  }

  /** Every token, ending with `EOF`. Throws LexError where no rule matches. */
  tokenize(): Token[] {
    const tokens: Token[] = [];
    const ctx: LexerContext = {
      push: (state) => void this.stack.push(state),
      pop: () => {
        if (this.stack.length > 1) this.stack.pop();
      },
      firstGraph: () => {
        if (this.graphSeen) return false;
        this.graphSeen = true;
        return true;
      },
    };
    let pos = 0;
    let emptyMatches = 0;
    for (;;) {
      const state = this.stack[this.stack.length - 1]!;
      if (pos >= this.text.length) {
        // Jison: at the end only `$` (INITIAL) still matches, once; elsewhere the input just ends.
        if (state === 'INITIAL') tokens.push({ type: 'EOF', text: '', start: pos, end: pos });
        return tokens;
      }
      let matched = false;
      for (const rule of rulesAt(STATE_RULES.get(state)!, this.text[pos]!)) {
        if (!this.passes(rule, pos)) continue;
        rule.re.lastIndex = pos;
        const m = rule.re.exec(this.text);
        if (!m) {
          if (rule.guard === 'blanks') this.failedAtBlanksEnd.set(rule, this.blanksEndFrom(pos));
          continue;
        }
        const text = m[0];
        const result = rule.action(ctx, text);
        matched = true;
        // An empty match must change the start condition, or the lexer would never move on.
        if (text.length === 0 && ++emptyMatches > 8)
          throw new LexError('the text cannot be read from here', pos);
        if (text.length > 0) emptyMatches = 0;
        if (result !== null) {
          const t = typeof result === 'string' ? { type: result, text } : result;
          const last = tokens[tokens.length - 1];
          // Runs of one-character tokens the parser only ever joins (an arrow's text, blanks) are
          // kept as one token: a long line of blanks is one token, not millions.
          if (
            last &&
            last.end === pos &&
            last.type === t.type &&
            (t.type === 'EDGE_TEXT' || t.type === 'SPACE')
          ) {
            last.text += t.text;
            last.end = pos + text.length;
          } else tokens.push({ type: t.type, text: t.text, start: pos, end: pos + text.length });
        }
        this.advance(pos, text);
        pos += text.length;
        break;
      }
      if (!matched) throw new LexError(`unexpected character '${this.text[pos]}'`, pos);
    }
  }
}
