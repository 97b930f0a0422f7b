/**
 * The TextMate grammar run by the engine VS Code uses (vscode-textmate over vscode-oniguruma).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const GRAMMAR_FILE = path.join(REPO, 'editors/flow.tmLanguage.json');

export interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

let loaded: Promise<vsctm.IGrammar> | null = null;

export function loadGrammar(): Promise<vsctm.IGrammar> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = fs.readFileSync(
      path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'),
    );
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.flow'
          ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE)
          : null,
    });
    const grammar = await registry.loadGrammar('source.flow');
    if (!grammar) throw new Error('the grammar did not load');
    return grammar;
  })();
  return loaded;
}

/** Every line's tokens, the state carried from line to line as an editor does. */
export function tokenize(grammar: vsctm.IGrammar, text: string): Token[][] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes,
    }));
  });
}
