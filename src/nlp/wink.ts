/**
 * The one wink-nlp pass per document. The normalize stage runs it and writes the result to
 * `tokens.jsonl`; every later stage reads that table instead of parsing again.
 *
 * The model is loaded lazily, once per process (so once per worker thread).
 */
import { createRequire } from 'node:module';
import type winkNLPType from 'wink-nlp';
import type { TokenTable, TextSpan } from '../schema.js';

type Wink = ReturnType<typeof winkNLPType>;
/** Added by patches/wink-nlp+2.4.0.patch (applied by patch-package on install). */
interface ResettableWink {
  markCache(): unknown;
  resetCache(mark: unknown): void;
}
let nlpInstance: Wink | undefined;
let pristine: unknown;

/** The shared wink instance (loads the model on first use). */
export function wink(): Wink {
  if (!nlpInstance) {
    // Required on first use, not imported: a worker that runs only later stages never pays for
    // the model (~100 MB per thread).
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as typeof winkNLPType;
    nlpInstance = winkNLP(require('wink-eng-lite-web-model'));
    const resettable = nlpInstance as unknown as Partial<ResettableWink>;
    if (typeof resettable.markCache !== 'function') throw new Error('wink-nlp is not patched (patches/wink-nlp+*.patch): run "npm install" to apply it');
    pristine = resettable.markCache();
  }
  return nlpInstance;
}

/**
 * Give the next document wink's state as loaded. wink caches every unknown token it meets, and
 * that cache changes how later documents are tokenized and sentence-split ("U.N." after a text
 * with "U.N,"): without a reset, a document's output would depend on which documents its worker
 * read before, so runs would not be reproducible and an incremental run would differ from a full one.
 */
function resetWink(nlp: Wink): void {
  (nlp as unknown as ResettableWink).resetCache(pristine);
}

/**
 * A token attribute as wink gave it, or `fallback` when wink gave none (null, undefined, a
 * non-string) or an empty one. Stated fallbacks: POS `X` (Universal Dependencies' "other"), lemma
 * the lower-cased surface, type `word`. One missing value must never set a document aside.
 */
export function orFallback(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export interface WinkAnalysis {
  tokens: TokenTable;
  /** Token index ranges `[first, last]`, inclusive. */
  sentenceTokens: Array<[number, number]>;
  winkEntities: Array<TextSpan & { type: string }>;
}

/**
 * Tokenize, tag and sentence-split `text`, returning character offsets for every token.
 * wink keeps each token's surface in `its.value`, so offsets are found by scanning forward.
 */
export function analyze(text: string): WinkAnalysis {
  const nlp = wink();
  resetWink(nlp);
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  const lemma = tokens.out(its.lemma as never) as string[];
  const type = tokens.out(its.type) as string[];
  const negation = tokens.out(its.negationFlag) as unknown[];
  const table: TokenTable = { start: [], end: [], pos: [], lemma: [], type: [], negated: [] };
  // wink index -> our index; whitespace tokens (line breaks) are dropped from the table.
  const indexOf = new Array<number>(values.length);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value.trim() === '') {
      indexOf[i] = table.start.length; // maps to the next kept token
      continue;
    }
    let at = text.indexOf(value, cursor);
    // wink very rarely alters a surface; fall back to the cursor rather than jump far ahead.
    if (at < 0 || at - cursor > 64) at = cursor;
    indexOf[i] = table.start.length;
    table.start.push(at);
    table.end.push(Math.min(text.length, at + value.length));
    table.pos.push(orFallback(pos[i], 'X'));
    // wink gives no lemma for some contractions ("cannot" before a comma): the lower-cased surface.
    table.lemma.push(orFallback(lemma[i], value.toLowerCase()));
    table.type.push(orFallback(type[i], 'word'));
    table.negated.push(negation[i] === true);
    cursor = at + value.length;
  }
  const count = table.start.length;
  // Sentences: wink's, also cut wherever a line break separates two tokens (paragraphs, titles).
  const sentenceTokens: Array<[number, number]> = [];
  for (const [a, b] of doc.sentences().out(its.span) as Array<[number, number]>) {
    // wink reports one empty sentence ([0, -1]) for a text with no tokens: skip such ranges.
    if (a > b || indexOf[a] === undefined) continue;
    let first = indexOf[a]!;
    const lastExclusive = b + 1 < values.length ? indexOf[b + 1]! : count;
    if (first >= lastExclusive) continue;
    for (let k = first + 1; k < lastExclusive; k++) {
      if (text.slice(table.end[k - 1]!, table.start[k]!).includes('\n')) {
        sentenceTokens.push([first, k - 1]);
        first = k;
      }
    }
    sentenceTokens.push([first, lastExclusive - 1]);
  }
  const entityTypes = doc.entities().out(its.type) as string[];
  const entitySpans = doc.entities().out(its.span) as Array<[number, number]>;
  const winkEntities: WinkAnalysis['winkEntities'] = [];
  entitySpans.forEach(([a, b], i) => {
    const first = indexOf[a]!;
    const last = (b + 1 < values.length ? indexOf[b + 1]! : count) - 1;
    if (first > last) return;
    const start = table.start[first]!;
    const end = table.end[last]!;
    winkEntities.push({ start, end, text: text.slice(start, end), type: orFallback(entityTypes[i], 'UNKNOWN') });
  });
  return { tokens: table, sentenceTokens, winkEntities };
}
