/**
 * The one view of a document's tokens that every stage works over: the document's text and its
 * shared wink token table (tokens.jsonl, never a second parse), as columns indexed by token, plus
 * the derived columns stages need: surface, lower case, lookup key, sentence and paragraph of each
 * token. Built once per document per stage (`makeView`), no per-token objects.
 */
import type { AnalysisRecord, DocumentRecord, Span } from '../schema.js';

export interface DocView {
  text: string;
  /** UTF-16 offsets of each token in `text`, `end` exclusive. */
  start: readonly number[];
  end: readonly number[];
  /** wink's universal POS tag, lemma and token type (`word`, `number`, `punctuation`...) of each token. */
  pos: readonly string[];
  lemma: readonly string[];
  type: readonly string[];
  /** Surface of each token (`text.slice(start, end)`). */
  word: string[];
  /** Surface, lower-cased (`toLowerCase`). */
  lower: string[];
  /**
   * The lookup key of each token: lower case with curly apostrophes made straight (`’s` -> `'s`),
   * what word lists and lexicons are matched against. The same string as `lower` when it has none.
   */
  key: string[];
  /** Sentence token ranges [first, last] inclusive. */
  sentences: ReadonlyArray<readonly [number, number]>;
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  paragraphs: readonly Span[];
  /** Paragraph index of each token. */
  paragraphOf: Int32Array;
  /** 1 when the token is inside a direct quote (filled by the quotes stage; 0 until then). */
  inQuote: Uint8Array;
}

/** The view of one document (its record and its unpacked token table). */
export function makeView(document: DocumentRecord, analysis: AnalysisRecord): DocView {
  const { text } = document;
  const t = analysis.tokens;
  const n = t.start.length;
  const word = new Array<string>(n);
  const lower = new Array<string>(n);
  const key = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const w = text.slice(t.start[i]!, t.end[i]!);
    const l = w.toLowerCase();
    word[i] = w;
    lower[i] = l;
    // Every token of every document: no regex unless a curly apostrophe is there.
    key[i] = l.includes('\u2019') || l.includes('\u2018') ? l.replace(/[\u2018\u2019]/g, "'") : l;
  }
  const sentenceOf = new Int32Array(n).fill(-1);
  analysis.sentenceTokens.forEach(([a, b], s) => {
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
    type: t.type,
    word,
    lower,
    key,
    sentences: analysis.sentenceTokens,
    sentenceOf,
    paragraphs: paras,
    paragraphOf,
    inQuote: new Uint8Array(n),
  };
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

/** Starts with an upper-case letter (Unicode `Lu`; ASCII without a regex, it is asked of every token). */
export const isCapitalized = (w: string): boolean => {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^[\p{Lu}]/u.test(w);
};
/** A quotation mark token (straight, curly, guillemet, or a doubled apostrophe). */
export const isQuoteMark = (w: string): boolean => /^(["“”„«»‘’']|'')$/.test(w);
