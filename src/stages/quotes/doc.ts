/** A read-only view over one document's text and its shared wink token table. */
import type { AnalysisRecord, DocumentRecord, Span } from '../../schema.js';

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
    lower,
    word,
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

export const isCapitalized = (w: string): boolean => /^[\p{Lu}]/u.test(w);
export const isQuoteMark = (w: string): boolean => /^(["“”„«»‘’']|'')$/.test(w);
