/**
 * The info string of a fenced block, after the language: ```` ```flow id=checkout alt="Checkout" ````.
 *
 * Attributes are `key=value` or `key="quoted value"` (with `\"` and `\\`), separated by spaces.
 * flowc reads `id` (the block's stable name: it names the image file) and `alt` (the image's
 * alternative text); any other key is reported, with a "did you mean".
 */
import { didYouMean } from '../util/suggest.js';

/** The language word that marks a block as a flowc diagram. */
export const FLOW_LANGUAGE = 'flow';
export const INFO_KEYS = ['id', 'alt'] as const;
export type InfoKey = (typeof INFO_KEYS)[number];

/** A block id names a file: letters, digits, `-` and `_`, starting with a letter or digit. */
export const BLOCK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface InfoProblem {
  ruleId: 'syntax' | 'unknown-attribute' | 'duplicate-attribute';
  message: string;
  /** 0-based offset in the info string, and length, of what is wrong. */
  offset: number;
  length: number;
}

export interface BlockInfo {
  /** The first word of the info string (`flow`). */
  language: string;
  attributes: Partial<Record<InfoKey, { value: string; offset: number; length: number }>>;
  problems: InfoProblem[];
}

/** The language word of an info string: its first word, as CommonMark takes it. */
export function infoLanguage(info: string): string {
  return /^\s*(\S*)/.exec(info)![1]!;
}

export function parseInfo(info: string): BlockInfo {
  const language = infoLanguage(info);
  const result: BlockInfo = { language, attributes: {}, problems: [] };
  let i = info.indexOf(language) + language.length;
  const problem = (p: InfoProblem): void => void result.problems.push(p);
  while (i < info.length) {
    while (i < info.length && /\s/.test(info[i]!)) i++;
    if (i >= info.length) break;
    const start = i;
    while (i < info.length && !/[\s=]/.test(info[i]!)) i++;
    const key = info.slice(start, i);
    if (info[i] !== '=') {
      problem({
        ruleId: 'syntax',
        message: `expected key=value in the block's info string, found '${key}'`,
        offset: start,
        length: key.length || 1,
      });
      continue;
    }
    i++;
    let value = '';
    if (info[i] === '"') {
      i++;
      let closed = false;
      while (i < info.length) {
        const c = info[i]!;
        if (c === '\\' && i + 1 < info.length) {
          value += info[i + 1]!;
          i += 2;
        } else if (c === '"') {
          i++;
          closed = true;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) {
        problem({
          ruleId: 'syntax',
          message: `unterminated string in the block's info string: add the closing '"'`,
          offset: start,
          length: i - start,
        });
        break;
      }
    } else {
      const valueStart = i;
      while (i < info.length && !/\s/.test(info[i]!)) i++;
      value = info.slice(valueStart, i);
    }
    const length = i - start;
    if (!(INFO_KEYS as readonly string[]).includes(key)) {
      const suggestion = didYouMean(key, INFO_KEYS);
      problem({
        ruleId: 'unknown-attribute',
        message: `unknown block attribute '${key}': expected ${INFO_KEYS.join(' or ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        offset: start,
        length: key.length,
      });
      continue;
    }
    const known = key as InfoKey;
    if (result.attributes[known]) {
      problem({
        ruleId: 'duplicate-attribute',
        message: `block attribute '${key}' is given twice`,
        offset: start,
        length,
      });
      continue;
    }
    if (known === 'id' && !BLOCK_ID_PATTERN.test(value)) {
      problem({
        ruleId: 'syntax',
        message: `block id '${value}' is not a file name flowc uses: letters, digits, '-' and '_' (at most 64, starting with a letter or digit)`,
        offset: start,
        length,
      });
      continue;
    }
    result.attributes[known] = { value, offset: start, length };
  }
  return result;
}
