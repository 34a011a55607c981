/**
 * The one view of a document's tokens that every stage works over: the document's text and its
 * shared wink token table (tokens.jsonl, never a second parse), as columns indexed by token, plus
 * the derived columns stages need: surface, lower case, lookup key, sentence and paragraph of each
 * token. Built once per document per stage (`makeView`), no per-token objects.
 */
import type { AnalysisRecord, DocumentRecord, Span, TokenTable } from '../schema.js';

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
  // Every token of every document: the text is lower-cased once (a token already in lower case is
  // its own lower case, no new string) and the tokens holding a curly apostrophe found from the
  // text's few apostrophes, not by searching each token.
  const lowerText = lowerCasedWhole(text);
  const curly = curlyTokens(text, t.start, t.end);
  for (let i = 0; i < n; i++) {
    const s = t.start[i]!;
    const e = t.end[i]!;
    const w = text.slice(s, e);
    const l = lowerText === undefined ? w.toLowerCase() : lowerText.startsWith(w, s) ? w : lowerText.slice(s, e);
    word[i] = w;
    lower[i] = l;
    const hasCurly = curly === undefined ? l.includes('\u2019') || l.includes('\u2018') : curly[i] === 1;
    key[i] = hasCurly ? l.replace(/[\u2018\u2019]/g, "'") : l;
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
  const view: Omit<DocView, 'type'> = {
    text,
    start: t.start,
    end: t.end,
    pos: t.pos,
    lemma: t.lemma,
    word,
    lower,
    key,
    sentences: analysis.sentenceTokens,
    sentenceOf,
    paragraphs: paras,
    paragraphOf,
    inQuote: new Uint8Array(n),
  };
  // `type` reads through to the token table, which may unpack that column on first read
  // (token-table.ts). A shared getter, not a getter in the literal: views keep fast properties.
  Object.defineProperty(view, TABLE, { value: t });
  Object.defineProperty(view, 'type', { enumerable: true, configurable: true, get: readType });
  return view as DocView;
}

const TABLE = Symbol('token table');

function readType(this: { [TABLE]: TokenTable }): readonly string[] {
  return this[TABLE].type;
}

/**
 * `text` lower-cased, when that is the same as lower-casing any slice of it on its own: no
 * capital sigma (its lower case depends on the next letter), no surrogates (a token boundary
 * could split a pair), no letter whose lower case is longer (İ). Otherwise undefined.
 */
function lowerCasedWhole(text: string): string | undefined {
  if (/[\u03a3\ud800-\udfff]/.test(text)) return undefined;
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : undefined;
}

/**
 * 1 for each token holding a curly apostrophe (U+2018, U+2019), found by binary search from each
 * apostrophe of the text; an array of zeros when the text has none. Undefined when the tokens are
 * not in text order without overlap (each token is then searched instead).
 */
function curlyTokens(text: string, start: readonly number[], end: readonly number[]): Uint8Array | undefined {
  const n = start.length;
  for (let i = 0; i < n; i++) if (end[i]! < start[i]! || (i > 0 && start[i]! < end[i - 1]!)) return undefined;
  const flags = new Uint8Array(n);
  for (const mark of ['\u2018', '\u2019']) {
    for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
      // The first token ending after the apostrophe holds it if it starts at or before it.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (end[mid]! <= at) lo = mid + 1;
        else hi = mid;
      }
      if (lo < n && start[lo]! <= at) flags[lo] = 1;
    }
  }
  return flags;
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
