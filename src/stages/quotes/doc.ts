/** A read-only view over one document's text and its shared wink token table. */
import type { AnalysisRecord, DocumentRecord, Span } from '../../schema.js';
import { wordList } from './lexicon.js';

export interface DocView {
  text: string;
  start: readonly number[];
  end: readonly number[];
  pos: readonly string[];
  lemma: readonly string[];
  /** Lower-cased surface of each token. */
  lower: string[];
  /** Surface of each token. */
  word: string[];
  /** Sentence token ranges [first, last] inclusive. */
  sentences: ReadonlyArray<readonly [number, number]>;
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  paragraphs: readonly Span[];
  /** Paragraph index of each token. */
  paragraphOf: Int32Array;
  /** 1 when the token is inside a direct quote (filled by the stage). */
  inQuote: Uint8Array;
}

export function makeView(document: DocumentRecord, analysis: AnalysisRecord): DocView {
  const { text } = document;
  const t = analysis.tokens;
  const n = t.start.length;
  const word = new Array<string>(n);
  const lower = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    word[i] = text.slice(t.start[i]!, t.end[i]!);
    lower[i] = word[i]!.toLowerCase();
  }
  const sentences = joinAbbreviationSplits(text, t.start, t.end, analysis.sentenceTokens, word);
  const sentenceOf = new Int32Array(n).fill(-1);
  sentences.forEach(([a, b], s) => {
    for (let i = a; i <= b && i < n; i++) sentenceOf[i] = s;
  });
  const paragraphOf = new Int32Array(n).fill(-1);
  let p = 0;
  const paras = document.paragraphs;
  for (let i = 0; i < n; i++) {
    while (p < paras.length - 1 && t.start[i]! >= paras[p]!.end) p++;
    paragraphOf[i] = p;
  }
  return {
    text,
    start: t.start,
    end: t.end,
    pos: t.pos,
    lemma: t.lemma,
    lower,
    word,
    sentences,
    sentenceOf,
    paragraphs: paras,
    paragraphOf,
    inQuote: new Uint8Array(n),
  };
}

/** Words that open sentences: after `U.S.` such a word starts a new sentence. */
const SENTENCE_OPENERS = new Set(['the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'but', 'in', 'on', 'at', 'this', 'that', 'these', 'those', 'there', 'its', 'his', 'her', 'their', 'for', 'as', 'if', 'when', 'while', 'after', 'before', 'some', 'many', 'most', 'other', 'one', 'mr', 'mrs', 'ms', 'however', 'meanwhile', 'also', 'officials', 'analysts']);

/**
 * Wire copy capitalizes the word after `U.S.` (`the U.S. Market`, `U.S. And Japan`) and the
 * tokenizer ends the sentence there. Two sentences of one paragraph are joined when the first ends
 * on a dotted abbreviation and the second opens with a common word that is no sentence opener.
 */
function joinAbbreviationSplits(text: string, start: readonly number[], end: readonly number[], sentences: ReadonlyArray<readonly [number, number]>, word: string[]): Array<readonly [number, number]> {
  const common = wordList('entities/common-words');
  const out: Array<readonly [number, number]> = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (prev && prev[1] + 1 === s[0] && /^(?:\p{Lu}\.){2,}$/u.test(word[prev[1]] ?? '') && !/\n/.test(text.slice(end[prev[1]]!, start[s[0]]!))) {
      const first = (word[s[0]] ?? '').toLowerCase();
      if (/^\p{Lu}\p{Ll}/u.test(word[s[0]] ?? '') && common.has(first) && !SENTENCE_OPENERS.has(first)) {
        out[out.length - 1] = [prev[0], s[1]];
        continue;
      }
    }
    out.push(s);
  }
  return out;
}

/** First token whose end is after `offset` (binary search). */
export function tokenAt(v: DocView, offset: number): number {
  let lo = 0;
  let hi = v.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.end[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const isCapitalized = (w: string): boolean => /^[\p{Lu}]/u.test(w);
export const isPunct = (v: DocView, i: number): boolean => v.pos[i] === 'PUNCT' || /^[\p{P}]+$/u.test(v.word[i] ?? '');
export const isQuoteMark = (w: string): boolean => /^(["“”„«»‘’']|'')$/.test(w);
